using System.Net;
using CommunityPartyBuilding.IntegrationTests.Infrastructure;
using CommunityPartyBuilding.Web.Data.Seeding;

namespace CommunityPartyBuilding.IntegrationTests.Features.PublicNotice;

/// <summary>The public layout's footer says what fits each public page: the ballot's anonymity, the needs' privacy, the notice's lack of personal data.</summary>
public class PublicFooterTests(PortalApp app) : PortalTest(app)
{
    private const string BallotFooter = "评议不记名";
    private const string NeedsFooter = "您的姓名和电话只有社区和街道工作人员能看到";
    private const string NoticeFooter = "本页不含居民的姓名、电话等个人信息";

    private static async Task<string> FooterAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {response.StatusCode}");
        var html = await response.Content.ReadAsStringAsync();
        var start = html.IndexOf("<footer class=\"account-footer\">", StringComparison.Ordinal);
        Assert.True(start >= 0, $"{path} has the public footer");
        return html[start..html.IndexOf("</footer>", start, StringComparison.Ordinal)];
    }

    [Fact]
    public async Task Each_public_page_has_its_own_footer()
    {
        var donghu = await App.StreetIdAsync(DemoSeeder.DonghuStreet);
        using var client = App.Anonymous();

        var ballot = await FooterAsync(client, "/ballot");
        Assert.Contains(BallotFooter, ballot, StringComparison.Ordinal);

        foreach (var path in new[] { $"/public/streets/{donghu}/needs/new", "/public/needs" })
        {
            var footer = await FooterAsync(client, path);
            Assert.Contains(NeedsFooter, footer, StringComparison.Ordinal);
            Assert.DoesNotContain(BallotFooter, footer, StringComparison.Ordinal);
        }

        var notice = await FooterAsync(client, $"/public/streets/{donghu}");
        Assert.Contains(NoticeFooter, notice, StringComparison.Ordinal);
        Assert.DoesNotContain(BallotFooter, notice, StringComparison.Ordinal);
    }
}
