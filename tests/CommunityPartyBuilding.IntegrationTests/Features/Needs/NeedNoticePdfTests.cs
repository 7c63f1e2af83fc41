using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CommunityPartyBuilding.IntegrationTests.Features.Reports;
using CommunityPartyBuilding.IntegrationTests.Infrastructure;
using CommunityPartyBuilding.Web.Data.Seeding;
using CommunityPartyBuilding.Web.Features.Needs;
using CommunityPartyBuilding.Web.Features.Reports;
using Microsoft.EntityFrameworkCore;
using UglyToad.PdfPig;
using static CommunityPartyBuilding.IntegrationTests.Features.Needs.NeedData;
using static CommunityPartyBuilding.IntegrationTests.Features.Units.UnitData;

namespace CommunityPartyBuilding.IntegrationTests.Features.Needs;

/// <summary>
/// 办理情况通报 as an issued PDF: a finished month's notice read back (street, month, a unit's row with the same figures as
/// the notice), verifiable by its code, for the notice's readers only, refused while the month runs, no personal data.
/// </summary>
public class NeedNoticePdfTests(PortalApp app) : NeedsTest(app)
{
    private static string Month(DateOnly date) => date.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    /// <summary>Each line of text in the PDF (letters on one baseline), with "|" where letters lie far apart (another table cell).</summary>
    private static List<string> Lines(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        var lines = new List<string>();
        foreach (var page in document.GetPages())
        {
            foreach (var line in page.Letters.GroupBy(l => Math.Round(l.StartBaseLine.Y, 1)).OrderByDescending(g => g.Key))
            {
                var text = new StringBuilder();
                double? end = null;
                foreach (var letter in line.OrderBy(l => l.StartBaseLine.X))
                {
                    if (end is { } e && letter.StartBaseLine.X - e > 4)
                    {
                        text.Append('|');
                    }

                    text.Append(letter.Value);
                    end = letter.EndBaseLine.X;
                }

                lines.Add(text.ToString());
            }
        }

        return lines;
    }

    private static string Percent(int part, int whole) => whole == 0 ? "—" : ((decimal)part / whole * 100m).ToString("0.0", CultureInfo.InvariantCulture) + "%";

    [Fact]
    public async Task A_finished_months_notice_is_issued_as_a_verifiable_pdf_with_each_units_figures_and_no_personal_data()
    {
        var (donghu, community) = await DonghuAsync();
        var unitId = await App.UnitIdAsync(Leader1Unit);
        var today = App.Clock.Today;
        var month = Month(today);

        // This month: unit 1 accepts a dispatch, does it on time and the resident rates it.
        using (var staff = await StaffAsync())
        using (var leader = await LeaderAsync())
        {
            var (needId, code) = await EnterAsync(staff, community, "帮独居老人换煤气罐");
            var dispatched = await staff.PostAsJsonAsync($"/api/v1/needs/{needId}/dispatch", new { unitId, deadline = today.AddDays(2).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) });
            Assert.True(dispatched.StatusCode == HttpStatusCode.OK, await dispatched.Content.ReadAsStringAsync());
            var dispatchId = await App.QueryAsync(db => db.NeedDispatches.Where(d => d.NeedId == needId && d.Status == NeedDispatchStatus.Pending).Select(d => d.Id).SingleAsync());
            Assert.Equal(HttpStatusCode.OK, (await leader.PostAsync($"/api/v1/need-dispatches/{dispatchId}/accept", null)).StatusCode);
            await AddPhotoAsync(leader, needId);
            Assert.Equal(HttpStatusCode.OK, (await DoneAsync(leader, needId)).StatusCode);
            using var resident = App.Anonymous();
            Assert.Equal(HttpStatusCode.OK, (await resident.PostAsJsonAsync($"/api/v1/public/needs/{code}/rating", new { rating = "satisfied" })).StatusCode);

            // While the month runs the PDF is refused (the page shows the month so far); nothing is issued.
            var early = await staff.GetAsync($"/api/v1/streets/{donghu}/need-notices/{month}.pdf");
            Assert.Equal(HttpStatusCode.UnprocessableEntity, early.StatusCode);
            Assert.Contains("尚未结束", await early.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.False(await App.QueryAsync(db => db.IssuedReports.AnyAsync(r => r.Kind == ReportKind.NeedNotice)));
        }

        // The first day of next month: the month is over.
        App.SetToday(today.AddDays(1 - today.Day).AddMonths(1));
        using var streetStaff = await StaffAsync();
        var row = (await streetStaff.GetFromJsonAsync<JsonElement>($"/api/v1/streets/{donghu}/need-notices/{month}"))
            .GetProperty("units").EnumerateArray().Single(r => r.GetProperty("unitId").GetGuid() == unitId);
        int Figure(string name) => row.GetProperty(name).GetInt32();
        Assert.True(Figure("done") >= 1 && Figure("ratings") >= 1, row.ToString());

        var url = $"/api/v1/streets/{donghu}/need-notices/{month}.pdf";
        var response = await streetStaff.GetAsync(url);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        var pdf = await response.Content.ReadAsByteArrayAsync();
        ReportTestSupport.Keep(pdf, "need-notice");

        var pages = ReportTestSupport.PageTexts(pdf);
        var all = string.Join("\n", pages);
        var monthName = $"{today.Year}年{today.Month}月";
        Assert.Contains($"{DemoSeeder.DonghuStreet}{monthName}需求办理情况通报", pages[0], StringComparison.Ordinal);
        Assert.Contains("东湖街道大党工委", all, StringComparison.Ordinal);
        Assert.Contains("有关说明", all, StringComparison.Ordinal);

        // The unit's rows in both tables carry the notice's figures, cell by cell.
        var lines = Lines(pdf);
        var handling = lines.Select(l => l.Split('|')).First(cells => cells[0] == Leader1Unit && cells.Length == 8);
        Assert.Equal(
            [Leader1Unit, .. new[] { "dispatched", "accepted", "declined", "expired", "done", "doneOnTime" }.Select(n => Figure(n).ToString(CultureInfo.InvariantCulture)),
                Percent(Figure("doneOnTime"), Figure("done"))],
            handling);
        var ratings = lines.Select(l => l.Split('|')).First(cells => cells[0] == Leader1Unit && cells.Length == 6);
        Assert.Equal(
            [Leader1Unit, .. new[] { "ratings", "satisfied", "basicallySatisfied", "dissatisfied" }.Select(n => Figure(n).ToString(CultureInfo.InvariantCulture)),
                (row.GetProperty("satisfaction").GetDecimal() * 100m).ToString("0.0", CultureInfo.InvariantCulture) + "%"],
            ratings);
        Assert.Contains(lines, l => l.StartsWith("合计|", StringComparison.Ordinal));

        // No resident's name or phone (rule 10).
        Assert.DoesNotContain(ResidentName, all, StringComparison.Ordinal);
        Assert.DoesNotContain(ResidentPhone, all, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"1[3-9]\d{9}", all);

        // Issued: the record holds the SHA-256 of exactly these bytes; every page shows the code; anyone can verify it.
        var issued = await App.QueryAsync(db => db.IssuedReports.Where(r => r.Kind == ReportKind.NeedNotice && r.StreetId == donghu).SingleAsync());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(pdf)), issued.Sha256);
        Assert.Equal(today.Year, issued.Year);
        Assert.Equal($"{DemoSeeder.DonghuStreet}{monthName}需求办理情况通报", issued.Title);
        Assert.All(pages, page => Assert.Contains($"验证码：{VerificationCodes.Format(issued.VerificationCode)}", page, StringComparison.Ordinal));
        using var anonymous = App.Anonymous();
        var answer = await anonymous.GetFromJsonAsync<JsonElement>($"/api/v1/reports/verify/{issued.VerificationCode}");
        Assert.Equal("needNotice", answer.GetProperty("kind").GetString());
        Assert.Equal(DemoSeeder.DonghuStreet, answer.GetProperty("streetName").GetString());
        Assert.Equal(issued.Sha256, answer.GetProperty("sha256").GetString());
        var verdict = await ReportTestSupport.UploadOnPageAsync(anonymous, issued.VerificationCode, pdf);
        Assert.Contains("与签发文件完全一致", verdict, StringComparison.Ordinal);
        Assert.Contains("需求办理情况通报", verdict, StringComparison.Ordinal);

        // The notice's readers: its community staff too; a unit leader 403, another street's staff 404.
        using (var communityStaff = await CommunityStaffAsync())
        {
            Assert.Equal(HttpStatusCode.OK, (await communityStaff.GetAsync(url)).StatusCode);
        }

        using (var leader = await LeaderAsync())
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await leader.GetAsync(url)).StatusCode);
        }

        using (var otherStreet = await App.ApiAsAsync("staff.xicheng@example.org"))
        {
            Assert.Equal(HttpStatusCode.NotFound, (await otherStreet.GetAsync(url)).StatusCode);
        }

        Assert.Equal(2, await App.QueryAsync(db => db.IssuedReports.CountAsync(r => r.Kind == ReportKind.NeedNotice && r.StreetId == donghu)));
    }

    [Fact]
    public async Task The_notice_page_offers_the_pdf_for_a_finished_month_and_says_when_for_the_current_one()
    {
        var donghu = await App.StreetIdAsync(DemoSeeder.DonghuStreet);
        var today = App.Clock.Today;
        using var staff = await App.BrowserAsAsync("staff.donghu@example.org");

        var finished = Month(today.AddMonths(-1));
        var past = await staff.GetStringAsync($"/streets/{donghu}/needs/notice?month={finished}");
        Assert.Contains($"/api/v1/streets/{donghu}/need-notices/{finished}.pdf", past, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"notice-pdf-later\"", past, StringComparison.Ordinal);

        var current = await staff.GetStringAsync($"/streets/{donghu}/needs/notice?month={Month(today)}");
        Assert.Contains("id=\"notice-pdf-later\"", current, StringComparison.Ordinal);
        Assert.DoesNotContain($"need-notices/{Month(today)}.pdf", current, StringComparison.Ordinal);
    }
}
