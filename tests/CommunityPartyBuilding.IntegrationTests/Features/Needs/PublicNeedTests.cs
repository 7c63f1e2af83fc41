using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using CommunityPartyBuilding.IntegrationTests.Features.Agreements;
using CommunityPartyBuilding.IntegrationTests.Infrastructure;
using CommunityPartyBuilding.Web.Data.Seeding;
using CommunityPartyBuilding.Web.Features.Needs;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyBuilding.IntegrationTests.Features.Needs;

/// <summary>
/// The residents' side of needs and small wishes (rule 6, rule 10, rule 11): submission through the API and the static
/// page with its anti-automation check, tracking and the one rating with the code, and the needs of the public notice.
/// </summary>
public partial class PublicNeedTests(PortalApp app) : NeedsTest(app)
{
    [Fact]
    public async Task A_resident_submits_through_the_api_and_reads_the_need_back_with_the_code()
    {
        var (donghu, community) = await DonghuAsync();
        using var resident = App.Anonymous();

        var response = await resident.PostAsJsonAsync($"/api/v1/public/streets/{donghu}/needs", Body(community, "帮忙修理轮椅", "赵桂兰", "138 0013 8001"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var code = body.GetProperty("trackingCode").GetString()!;
        Assert.Matches(CodeShape(), code);
        var id = body.GetProperty("needId").GetGuid();
        var stored = await App.QueryAsync(db => db.Needs.SingleAsync(n => n.Id == id));
        Assert.Equal((NeedStatus.Submitted, NeedSource.Resident, "13800138001"), (stored.Status, stored.Source, stored.ContactPhone));
        Assert.NotEqual(code, stored.TrackingCodeHash);

        // Read back with the code as shown, and as a person might type it (lower case, no dash): the need, never its contact.
        foreach (var typed in new[] { code, code.Replace("-", "", StringComparison.Ordinal).ToLowerInvariant() })
        {
            var track = await resident.GetAsync($"/api/v1/public/needs/{typed}");
            Assert.Equal(HttpStatusCode.OK, track.StatusCode);
            var json = await track.Content.ReadAsStringAsync();
            var need = JsonSerializer.Deserialize<JsonElement>(json);
            Assert.Equal("帮忙修理轮椅", need.GetProperty("title").GetString());
            Assert.Equal("submitted", need.GetProperty("status").GetString());
            Assert.Equal("wish", need.GetProperty("kind").GetString());
            Assert.DoesNotContain("赵桂兰", json, StringComparison.Ordinal);
            Assert.DoesNotContain("13800138001", json, StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.NotFound, (await resident.GetAsync("/api/v1/public/needs/ABCDE-FGHJK")).StatusCode);
    }

    [Fact]
    public async Task Incomplete_or_wrong_submissions_are_refused_with_422_and_store_nothing()
    {
        var (donghu, community) = await DonghuAsync();
        var xicheng = await App.StreetIdAsync(DemoSeeder.XichengStreet);
        var xichengCommunity = await App.QueryAsync(db => db.Communities.Where(c => c.StreetId == xicheng).Select(c => c.Id).FirstAsync());
        var before = await NeedCountAsync();
        using var resident = App.Anonymous();
        var cases = new (string Name, object Body, string Field)[]
        {
            ("fields missing", new { }, "title"),
            ("unknown community", Body(Guid.NewGuid(), "修剪树枝", "李四", "13900139000"), "communityId"),
            ("another street's community", Body(xichengCommunity, "修剪树枝", "李四", "13900139000"), "communityId"),
            ("neither a mobile nor a landline", Body(community, "修剪树枝", "李四", "12345"), "contactPhone"),
            ("a mobile with a wrong prefix", Body(community, "修剪树枝", "李四", "12800138000"), "contactPhone"),
            ("a 2,000-character title", Body(community, new string('树', 2000), "李四", "13900139000"), "title"),
        };

        foreach (var (name, body, field) in cases)
        {
            var response = await resident.PostAsJsonAsync($"/api/v1/public/streets/{donghu}/needs", body);
            Assert.True(response.StatusCode == HttpStatusCode.UnprocessableEntity, $"{name}: {response.StatusCode}");
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"{name}: no error for {field} in {problem}");
        }

        Assert.Equal(before, await NeedCountAsync());
    }

    [Fact]
    public async Task The_static_page_takes_a_need_with_the_right_answer_and_shows_the_code_once_with_a_qr_code()
    {
        var (donghu, community) = await DonghuAsync();
        var before = await NeedCountAsync();
        using var resident = App.Anonymous();

        var form = await OpenFormAsync(resident, donghu);
        Assert.Contains("inputmode=\"tel\"", form.Html, StringComparison.Ordinal);
        Assert.Contains($"name=\"{NeedChallenge.HoneypotField}\"", form.Html, StringComparison.Ordinal);
        Assert.Contains("只有所在社区和街道的工作人员能看到", form.Html, StringComparison.Ordinal);
        Assert.Contains($"maxlength=\"{NeedRules.TitleMaxLength}\"", form.Html, StringComparison.Ordinal);

        var response = await PostFormAsync(resident, donghu, form, Fields(community, "楼道灯坏了", "钱多多", "0571-87012345", form.Sum));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        var code = ShownCode().Match(html).Groups[1].Value;
        Assert.Matches(CodeShape(), code);
        Assert.Contains("<svg", html, StringComparison.Ordinal);
        Assert.Contains($"href=\"/public/needs/{code}\"", html, StringComparison.Ordinal);
        Assert.Contains("截屏", html, StringComparison.Ordinal);
        Assert.True(response.Headers.CacheControl?.NoStore, "the page with the code must not be stored");
        var hash = NeedRules.HashTrackingCode(NeedRules.NormaliseTrackingCode(code)!);
        var stored = await App.QueryAsync(db => db.Needs.SingleAsync(n => n.TrackingCodeHash == hash));
        Assert.Equal(("楼道灯坏了", "0571-87012345", NeedKind.Wish, NeedSource.Resident), (stored.Title, stored.ContactPhone, stored.Kind, stored.Source));
        Assert.Equal(before + 1, await NeedCountAsync());

        // The same form (token and answer) sent again: refused, nothing doubled.
        var again = await PostFormAsync(resident, donghu, form, Fields(community, "楼道灯坏了", "钱多多", "0571-87012345", form.Sum));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, again.StatusCode);
        Assert.Contains("该表单已提交过", WebUtility.HtmlDecode(await again.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(before + 1, await NeedCountAsync());

        // An unknown street is told in the resident's words, not a not-found page.
        var unknown = await resident.GetAsync($"/public/streets/{Guid.NewGuid()}/needs/new");
        Assert.Equal(HttpStatusCode.OK, unknown.StatusCode);
        Assert.Contains("没有找到这个街道", WebUtility.HtmlDecode(await unknown.Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_answer_a_filled_hidden_field_or_a_bad_phone_is_refused_on_the_page_keeping_what_was_typed()
    {
        var (donghu, community) = await DonghuAsync();
        var before = await NeedCountAsync();
        using var resident = App.Anonymous();

        var form = await OpenFormAsync(resident, donghu);
        var wrong = await PostFormAsync(resident, donghu, form, Fields(community, "门前积水", "孙小梅", "13700137000", form.Sum + 1));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, wrong.StatusCode);
        var html = WebUtility.HtmlDecode(await wrong.Content.ReadAsStringAsync());
        Assert.Contains("验证问题的答案不对", html, StringComparison.Ordinal);
        Assert.Contains("id=\"err-challenge\"", html, StringComparison.Ordinal);
        Assert.Contains("value=\"门前积水\"", html, StringComparison.Ordinal);
        Assert.Contains("value=\"13700137000\"", html, StringComparison.Ordinal);
        Assert.NotEqual(form.Token, Token().Match(html).Groups[1].Value);

        form = await OpenFormAsync(resident, donghu);
        var bot = await PostFormAsync(resident, donghu, form, Fields(community, "门前积水", "孙小梅", "13700137000", form.Sum, honeypot: "http://spam.example"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bot.StatusCode);
        Assert.Contains("请重新填写验证问题", WebUtility.HtmlDecode(await bot.Content.ReadAsStringAsync()), StringComparison.Ordinal);

        // Right answer, wrong phone: the message sits by the phone field, with a fresh question to answer.
        form = await OpenFormAsync(resident, donghu);
        var phone = await PostFormAsync(resident, donghu, form, Fields(community, "门前积水", "孙小梅", "1234", form.Sum));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, phone.StatusCode);
        html = WebUtility.HtmlDecode(await phone.Content.ReadAsStringAsync());
        Assert.Matches("id=\"err-ContactPhone\">联系电话格式不正确", html);
        Assert.Contains("aria-invalid=\"true\"", html, StringComparison.Ordinal);
        Assert.Matches(Question(), html);

        Assert.Equal(before, await NeedCountAsync());
    }

    [Fact]
    public async Task The_tracking_page_shows_progress_without_the_contact_and_a_wrong_code_is_told_so()
    {
        var (donghu, community) = await DonghuAsync();
        using var resident = App.Anonymous();
        var (id, code) = await SubmitAsync(resident, donghu, community, "陪老人去医院复诊", "周建华", "13912345678");

        var page = await resident.GetAsync($"/public/needs/{code}");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync());
        Assert.Contains("陪老人去医院复诊", html, StringComparison.Ordinal);
        Assert.Contains("待审核", html, StringComparison.Ordinal);
        Assert.DoesNotContain("周建华", html, StringComparison.Ordinal);
        Assert.DoesNotContain("13912345678", html, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"need-rate-form\"", html, StringComparison.Ordinal);

        // The GET form leads to the code's page, however it was typed.
        var typed = await resident.GetAsync($"/public/needs?code={code.Replace("-", " ", StringComparison.Ordinal).ToLowerInvariant()}");
        Assert.Equal(HttpStatusCode.Redirect, typed.StatusCode);
        Assert.EndsWith($"/public/needs/{code}", typed.Headers.Location!.ToString(), StringComparison.Ordinal);

        // Claimed: the unit's public name; done: the note and the date, and the rating form.
        await DoneAsync(id, claimOnly: true);
        html = WebUtility.HtmlDecode(await resident.GetStringAsync($"/public/needs/{code}"));
        Assert.Contains("东湖区人民检察院", html, StringComparison.Ordinal);
        Assert.Contains("已认领", html, StringComparison.Ordinal);
        await DoneAsync(id, claimOnly: false);
        html = WebUtility.HtmlDecode(await resident.GetStringAsync($"/public/needs/{code}"));
        Assert.Contains("已陪同老人复诊", html, StringComparison.Ordinal);
        Assert.Contains("id=\"need-rate-form\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("周建华", html, StringComparison.Ordinal);

        foreach (var wrong in new[] { "ABCDE-FGHJK", "not-a-code" })
        {
            var refused = await resident.GetAsync($"/public/needs/{wrong}");
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains("查询码不正确", WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_resident_rates_a_done_need_once_with_the_code_and_not_after_thirty_days()
    {
        var (donghu, community) = await DonghuAsync();
        using var resident = App.Anonymous();
        var (first, code) = await SubmitAsync(resident, donghu, community, "清理楼顶杂物", "吴海", "13611112222");
        await DoneAsync(first);

        var rated = await resident.PostAsJsonAsync($"/api/v1/public/needs/{code}/rating", new { rating = "satisfied", comment = "来得很快" });
        Assert.Equal(HttpStatusCode.OK, rated.StatusCode);
        Assert.Equal("rated", (await rated.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        var again = await resident.PostAsJsonAsync($"/api/v1/public/needs/{code}/rating", new { rating = "dissatisfied" });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await resident.PostAsJsonAsync("/api/v1/public/needs/ABCDE-FGHJK/rating", new { rating = "satisfied" })).StatusCode);
        var stored = await App.QueryAsync(db => db.Needs.SingleAsync(n => n.Id == first));
        Assert.Equal((NeedStatus.Rated, Web.Features.Evaluations.Rating.Satisfied, "来得很快"), (stored.Status, stored.Rating!.Value, stored.RatingComment));

        // On the page: the rating form, then thanks; the same form again is refused (409), the rating kept.
        var (second, secondCode) = await SubmitAsync(resident, donghu, community, "给独居老人送菜", "郑琳", "13633334444");
        await DoneAsync(second);
        var page = await resident.GetStringAsync($"/public/needs/{secondCode}");
        var rating = new Dictionary<string, string>
        {
            ["_handler"] = "rate",
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(Antiforgery().Match(page).Groups[1].Value),
            ["rating"] = "BasicallySatisfied",
            ["comment"] = "",
        };
        var thanks = await resident.PostAsync($"/public/needs/{secondCode}", new FormUrlEncodedContent(rating));
        Assert.Equal(HttpStatusCode.OK, thanks.StatusCode);
        var html = WebUtility.HtmlDecode(await thanks.Content.ReadAsStringAsync());
        Assert.Contains("感谢您的评价", html, StringComparison.Ordinal);
        Assert.Contains("基本满意", html, StringComparison.Ordinal);
        rating["rating"] = "Dissatisfied";
        var twice = await resident.PostAsync($"/public/needs/{secondCode}", new FormUrlEncodedContent(rating));
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        Assert.Contains("只能评价一次", WebUtility.HtmlDecode(await twice.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(Web.Features.Evaluations.Rating.BasicallySatisfied, await App.QueryAsync(db => db.Needs.Where(n => n.Id == second).Select(n => n.Rating).SingleAsync()));

        // Thirty-one days after it was done (the clock goes back for the next test when PortalTest resets the app).
        var (late, lateCode) = await SubmitAsync(resident, donghu, community, "修补路面坑洼", "冯涛", "13655556666");
        await DoneAsync(late);
        App.Clock.Advance(TimeSpan.FromDays(NeedRules.RatingWindowDays + 1));
        var closed = await resident.PostAsJsonAsync($"/api/v1/public/needs/{lateCode}/rating", new { rating = "satisfied" });
        Assert.Equal(HttpStatusCode.Conflict, closed.StatusCode);
        html = WebUtility.HtmlDecode(await resident.GetStringAsync($"/public/needs/{lateCode}"));
        Assert.Contains("评价期已过", html, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"need-rate-form\"", html, StringComparison.Ordinal);
        Assert.Null(await App.QueryAsync(db => db.Needs.Where(n => n.Id == late).Select(n => n.Rating).SingleAsync()));
    }

    [Fact]
    public async Task The_public_notice_lists_published_needs_with_status_unit_and_rating_but_no_contact_code_or_photo()
    {
        var (donghu, community) = await DonghuAsync();
        using var resident = App.Anonymous();
        using var staff = await StaffAsync();
        var (submitted, _) = await SubmitAsync(resident, donghu, community, "待审核的需求", "甲一", "13800000001");
        var (rejected, _) = await SubmitAsync(resident, donghu, community, "未通过的需求", "乙二", "13800000002");
        Assert.Equal(HttpStatusCode.OK, (await staff.PostAsJsonAsync($"/api/v1/needs/{rejected}/reject", new { reason = "不属于社区服务范围" })).StatusCode);
        var (withdrawn, _) = await SubmitAsync(resident, donghu, community, "已撤回的需求", "丙三", "13800000003");
        Assert.Equal(HttpStatusCode.OK, (await staff.PostAsJsonAsync($"/api/v1/needs/{withdrawn}/withdraw", new { reason = "居民已自行解决" })).StatusCode);
        var (published, _) = await SubmitAsync(resident, donghu, community, "已发布的需求", "丁四", "13800000004");
        Assert.Equal(HttpStatusCode.OK, (await staff.PostAsync($"/api/v1/needs/{published}/publish", null)).StatusCode);
        var (rated, ratedCode) = await SubmitAsync(resident, donghu, community, "已评价的需求", "戊五", "13800000005");
        await DoneAsync(rated);
        Assert.Equal(HttpStatusCode.OK, (await resident.PostAsJsonAsync($"/api/v1/public/needs/{ratedCode}/rating", new { rating = "dissatisfied", comment = "评价意见不公开" })).StatusCode);

        var json = await resident.GetStringAsync($"/api/v1/public/streets/{donghu}/notice");
        var needs = JsonSerializer.Deserialize<JsonElement>(json).GetProperty("needs").EnumerateArray().ToList();
        // The demo data has needs of its own in this street; this test's are told apart by their titles.
        string[] mine = ["待审核的需求", "未通过的需求", "已撤回的需求", "已发布的需求", "已评价的需求"];
        needs = needs.Where(n => mine.Contains(n.GetProperty("title").GetString())).ToList();
        Assert.Equal(["已评价的需求", "已发布的需求"], needs.Select(n => n.GetProperty("title").GetString()!));
        var done = needs[0];
        Assert.Equal(("rated", "dissatisfied", "东湖区人民检察院"), (done.GetProperty("status").GetString(), done.GetProperty("rating").GetString(), done.GetProperty("claimerName").GetString()));
        Assert.Equal(App.Clock.Today, DateOnly.Parse(done.GetProperty("doneOn").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(("published", JsonValueKind.Null), (needs[1].GetProperty("status").GetString(), needs[1].GetProperty("claimerName").ValueKind));
        Assert.DoesNotContain("评价意见不公开", json, StringComparison.Ordinal);
        Assert.DoesNotContain("contact", json, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("trackingCode", json, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("photo", json, StringComparison.OrdinalIgnoreCase);

        var page = WebUtility.HtmlDecode(await resident.GetStringAsync($"/public/streets/{donghu}"));
        Assert.Contains("id=\"notice-needs\"", page, StringComparison.Ordinal);
        Assert.Contains($"href=\"/public/streets/{donghu}#notice-needs\"", page, StringComparison.Ordinal);
        Assert.Contains($"href=\"/public/streets/{donghu}/needs/new\"", page, StringComparison.Ordinal);
        Assert.Contains("我要提需求 / 微心愿", page, StringComparison.Ordinal);
        Assert.Contains("已评价的需求", page, StringComparison.Ordinal);
        Assert.Contains("不满意", page, StringComparison.Ordinal);
        foreach (var hidden in new[] { "待审核的需求", "未通过的需求", "已撤回的需求", ratedCode, "need-photos" })
        {
            Assert.DoesNotContain(hidden, page, StringComparison.Ordinal);
            Assert.DoesNotContain(hidden, json, StringComparison.Ordinal);
        }

        Assert.Equal(5, await App.QueryAsync(db => db.Needs.CountAsync(n => n.Id == submitted || n.Id == rejected || n.Id == withdrawn || n.Id == published || n.Id == rated)));
    }

    private Task<int> NeedCountAsync() => App.QueryAsync(db => db.Needs.CountAsync());

    internal static object Body(Guid community, string title, string name, string phone) => PublicNeedTestData.Body(community, title, name, phone);

    private static Task<(Guid Id, string Code)> SubmitAsync(HttpClient resident, Guid street, Guid community, string title, string name, string phone) =>
        PublicNeedTestData.SubmitAsync(resident, street, community, title, name, phone);

    private Task DoneAsync(Guid need, bool claimOnly = false) => PublicNeedTestData.DoneAsync(App, need, claimOnly);

    private sealed record PageForm(string Html, string Handler, string Antiforgery, string Token, int Sum);

    private static async Task<PageForm> OpenFormAsync(HttpClient resident, Guid street)
    {
        var response = await resident.GetAsync($"/public/streets/{street}/needs/new");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        var question = Question().Match(html);
        Assert.True(question.Success, "no check question on the form");
        return new PageForm(html, Hidden("_handler").Match(html).Groups[1].Value, Antiforgery().Match(html).Groups[1].Value, Token().Match(html).Groups[1].Value,
            int.Parse(question.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) + int.Parse(question.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture));
    }

    private static Dictionary<string, string> Fields(Guid community, string title, string name, string phone, int answer, string honeypot = "") => new()
    {
        ["kind"] = "Wish",
        ["communityId"] = community.ToString(),
        ["category"] = "ConvenienceService",
        ["title"] = title,
        ["description"] = "",
        ["wantedBy"] = "",
        ["contactName"] = name,
        ["contactPhone"] = phone,
        ["answer"] = answer.ToString(System.Globalization.CultureInfo.InvariantCulture),
        [NeedChallenge.HoneypotField] = honeypot,
    };

    private static Task<HttpResponseMessage> PostFormAsync(HttpClient resident, Guid street, PageForm form, Dictionary<string, string> fields)
    {
        fields["_handler"] = form.Handler;
        fields["__RequestVerificationToken"] = form.Antiforgery;
        fields["token"] = form.Token;
        return resident.PostAsync($"/public/streets/{street}/needs/new", new FormUrlEncodedContent(fields));
    }

    private static Regex Hidden(string name) => new($"name=\"{Regex.Escape(name)}\" value=\"([^\"]*)\"");

    [GeneratedRegex("^[2-9A-HJKMNP-Z]{5}-[2-9A-HJKMNP-Z]{5}$")]
    private static partial Regex CodeShape();

    [GeneratedRegex("id=\"need-code\"[^>]*>([^<]+)<")]
    private static partial Regex ShownCode();

    [GeneratedRegex(@"(\d) 加 (\d) 等于几")]
    private static partial Regex Question();

    [GeneratedRegex("name=\"token\" value=\"([^\"]+)\"")]
    private static partial Regex Token();

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex Antiforgery();
}

/// <summary>Needs in given states, made through the API as residents, staff and a unit leader make them (also for the browser tests).</summary>
internal static class PublicNeedTestData
{
    private const string Staff = "staff.donghu@example.org";
    private const string Leader = "leader1@example.org";

    public static object Body(Guid community, string title, string name, string phone) => new
    {
        communityId = community,
        kind = "wish",
        category = "convenienceService",
        title,
        description = "具体情况请电话联系。",
        contactName = name,
        contactPhone = phone,
    };

    public static async Task<(Guid Id, string Code)> SubmitAsync(HttpClient resident, Guid street, Guid community, string title, string name, string phone)
    {
        var response = await resident.PostAsJsonAsync($"/api/v1/public/streets/{street}/needs", Body(community, title, name, phone));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (body.GetProperty("needId").GetGuid(), body.GetProperty("trackingCode").GetString()!);
    }

    /// <summary>Staff publish, a unit leader of 东湖 claims, uploads a photo and marks it done (or stops after the claim).</summary>
    public static async Task DoneAsync(PortalApp app, Guid need, bool claimOnly = false)
    {
        var status = await app.QueryAsync(db => db.Needs.Where(n => n.Id == need).Select(n => n.Status).SingleAsync());
        using var leader = await app.ApiAsAsync(Leader);
        if (status == NeedStatus.Submitted)
        {
            using var staff = await app.ApiAsAsync(Staff);
            Assert.Equal(HttpStatusCode.OK, (await staff.PostAsync($"/api/v1/needs/{need}/publish", null)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await leader.PostAsJsonAsync($"/api/v1/needs/{need}/claim", new { })).StatusCode);
        }

        if (claimOnly)
        {
            return;
        }

        using var photo = AgreementTestData.File(AgreementTestData.Png(), "done.png");
        Assert.Equal(HttpStatusCode.Created, (await leader.PostAsync($"/api/v1/needs/{need}/photos", photo)).StatusCode);
        var done = await leader.PostAsJsonAsync($"/api/v1/needs/{need}/done", new { note = "已陪同老人复诊，药也取好了。" });
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
    }
}

/// <summary>The submission limit per client address, in an app of its own: the shared app lets every test submit freely.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xunit disposes the app through IAsyncLifetime.DisposeAsync, which also drops its database.")]
public class PublicNeedRateLimitTests : IAsyncLifetime
{
    private readonly PortalApp app = new() { NeedSubmissionsPerHour = new NeedRateLimitOptions().SubmissionsPerHour };

    public Task InitializeAsync() => app.InitializeAsync();

    public Task DisposeAsync() => ((IAsyncLifetime)app).DisposeAsync();

    [Fact]
    public async Task Fifty_submissions_in_a_row_from_one_address_store_only_the_hours_allowance_and_the_rest_are_told_when_to_come_back()
    {
        var limit = new NeedRateLimitOptions().SubmissionsPerHour;
        var street = await app.StreetIdAsync(DemoSeeder.DonghuStreet);
        var community = await app.QueryAsync(db => db.Communities.Where(c => c.StreetId == street).Select(c => c.Id).FirstAsync());
        using var client = app.Anonymous();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 50; i++)
        {
            var response = await client.PostAsJsonAsync($"/api/v1/public/streets/{street}/needs", PublicNeedTests.Body(community, $"第{i + 1}个需求", "自动提交", "13800138000"));
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.NotNull(response.Headers.RetryAfter);
            }
        }

        Assert.Equal(Enumerable.Repeat(HttpStatusCode.Created, limit).Concat(Enumerable.Repeat(HttpStatusCode.TooManyRequests, 50 - limit)), statuses);
        Assert.Equal(limit, await app.QueryAsync(db => db.Needs.CountAsync(n => n.StreetId == street && n.ContactName == "自动提交")));
    }
}
