using System.Globalization;
using System.Text.RegularExpressions;
using CommunityPartyBuilding.IntegrationTests.Features.Needs;
using CommunityPartyBuilding.IntegrationTests.Features.Projects;
using CommunityPartyBuilding.IntegrationTests.Features.Units;
using CommunityPartyBuilding.IntegrationTests.Infrastructure;
using CommunityPartyBuilding.Web.Data.Seeding;
using CommunityPartyBuilding.Web.Features.Activities;
using CommunityPartyBuilding.Web.Features.Agreements;
using CommunityPartyBuilding.Web.Features.Evaluations;
using CommunityPartyBuilding.Web.Features.Needs;
using CommunityPartyBuilding.Web.Features.Projects;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace CommunityPartyBuilding.IntegrationTests.Browser;

/// <summary>
/// Issue 16, "done when": the needs–resources–projects loop clicked and tapped through as people do it. A resident's
/// small wish from a phone to the public notice, rated once; a project of two units from the street's desk to each
/// unit's ledger, counted once. Nothing scrolls sideways at 390 px.
/// </summary>
public partial class NeedLoopBrowserTests(PortalApp app) : PortalTest(app)
{
    private const string ResidentName = "钱玉珍";
    private const string ResidentPhone = "13905718866";

    /// <summary>The page, and any table, card or scroll container wider than its box (as <see cref="PhoneLayoutBrowserTests"/>).</summary>
    private const string OverflowScript = """
        () => {
            const found = [];
            const doc = document.scrollingElement || document.documentElement;
            if (doc.scrollWidth > window.innerWidth + 1) found.push(`page ${doc.scrollWidth}px`);
            for (const el of document.querySelectorAll('table, .mud-table-container, .mud-paper, .mud-card, main, form, fieldset, .notice-item')) {
                if (el.offsetParent === null) continue;
                if (el.scrollWidth > el.clientWidth + 1) {
                    found.push(`${el.tagName.toLowerCase()}.${[...el.classList].slice(0, 3).join('.')} ${el.scrollWidth}px in ${el.clientWidth}px`);
                }
            }
            return found;
        }
        """;

    private readonly List<string> overflow = [];

    [Fact]
    public async Task A_residents_wish_is_published_claimed_done_with_a_photo_rated_once_and_shown_on_the_notice_without_the_residents_contact()
    {
        var donghu = await App.StreetIdAsync(DemoSeeder.DonghuStreet);
        var unitId = await App.UnitIdAsync(UnitData.Leader1Unit);
        const string Title = "想请人帮忙修好单元门的闭门器";
        var (playwright, browser) = await BrowserSession.LaunchAsync();
        try
        {
            // a) The resident, on a phone, from the public form to the tracking code.
            var resident = await PhoneAsync(browser);
            await resident.GotoAsync(Url($"/public/streets/{donghu}/needs/new"));
            await resident.WaitForSelectorAsync("#need-title");
            await resident.TapAsync("input[name=kind][value=Wish]");
            await resident.SelectOptionAsync("#need-community", new SelectOptionValue { Label = "东湖社区" });
            await resident.SelectOptionAsync("#need-category", new SelectOptionValue { Label = "便民服务" });
            await resident.FillAsync("#need-title-input", Title);
            await resident.FillAsync("#need-description", "2号楼1单元的门关不上，冬天很冷，老人多。");
            await resident.FillAsync("#need-contact-name", ResidentName);
            await resident.FillAsync("#need-contact-phone", ResidentPhone);
            await resident.FillAsync("#need-answer", SumAnswer(await resident.InnerTextAsync("label[for=need-answer]")));
            await CheckOverflowAsync(resident, "submit form");
            await resident.TapAsync("#need-submit");
            await resident.WaitForSelectorAsync("#need-code");
            var code = (await resident.InnerTextAsync("#need-code")).Trim();
            Assert.Matches("^[2-9A-Z]{5}-[2-9A-Z]{5}$", code);
            await CheckOverflowAsync(resident, "tracking code");
            var needId = await App.QueryAsync(db => db.Needs.Where(n => n.Title == Title).Select(n => n.Id).SingleAsync());
            Assert.Equal(NeedStatus.Submitted, await NeedStatusAsync(needId));

            // b) The community's staff find it in their needs list and publish it.
            var staff = await DeskAsync(browser);
            await BrowserSession.SignInAsync(staff, App.BaseAddress, "community.donghu@example.org", PortalApp.Password);
            await BrowserSession.GotoInteractiveAsync(staff, new Uri(App.BaseAddress, $"/streets/{donghu}/needs"));
            var row = staff.Locator(".need-list tr", new PageLocatorOptions { HasText = Title });
            await row.WaitForAsync();
            Assert.Contains("待审核", await row.InnerTextAsync(), StringComparison.Ordinal);
            await row.Locator("a", new LocatorLocatorOptions { HasText = Title }).ClickAsync();
            await staff.WaitForURLAsync(url => url.EndsWith($"/needs/{needId}", StringComparison.Ordinal));
            await staff.WaitForSelectorAsync("#portal-interactive", new PageWaitForSelectorOptions { State = WaitForSelectorState.Attached });
            await BrowserSession.ClickUntilAsync(staff, "#need-publish", "#need-status:has-text('已发布')");
            Assert.Equal(NeedStatus.Published, await NeedStatusAsync(needId));

            // c) The unit's leader, on a phone: claims it, adds a photo, writes a note and marks it done.
            var leader = await PhoneAsync(browser);
            await BrowserSession.SignInAsync(leader, App.BaseAddress, "leader1@example.org", PortalApp.Password);
            await BrowserSession.GotoInteractiveAsync(leader, new Uri(App.BaseAddress, $"/units/{unitId}/needs"));
            var nearby = leader.Locator("#unit-needs-nearby .need-card", new PageLocatorOptions { HasText = Title });
            await nearby.WaitForAsync();
            await CheckOverflowAsync(leader, "unit needs");
            await nearby.Locator("button", new LocatorLocatorOptions { HasText = "认领" }).TapAsync();
            var claimed = leader.Locator("#unit-needs-claimed .need-card", new PageLocatorOptions { HasText = Title });
            await claimed.WaitForAsync();
            Assert.Equal(NeedStatus.Claimed, await NeedStatusAsync(needId));
            await claimed.Locator("a", new LocatorLocatorOptions { HasText = Title }).TapAsync();
            await leader.WaitForURLAsync(url => url.EndsWith($"/needs/{needId}", StringComparison.Ordinal));
            await leader.Locator("#need-complete").WaitForAsync();
            await leader.WaitForSelectorAsync("#portal-interactive", new PageWaitForSelectorOptions { State = WaitForSelectorState.Attached });
            await ChoosePhotoAsync(leader, "#need-photo-add", "#need-complete", "闭门器修好了.png");
            Assert.Equal(1, await App.QueryAsync(db => db.NeedPhotos.CountAsync(p => p.NeedId == needId)));
            await leader.FillAsync("#need-note", "已更换单元门闭门器，门能自动关严。");
            await leader.Locator("#need-note").PressAsync("Tab");
            await CheckOverflowAsync(leader, "need done form");
            await leader.TapAsync("#need-done");
            await leader.Locator("#need-status", new PageLocatorOptions { HasText = "已完成" }).WaitForAsync();
            Assert.Contains("已更换单元门闭门器", await leader.InnerTextAsync("#need-completion-note"), StringComparison.Ordinal);
            await CheckOverflowAsync(leader, "need done");
            var activity = await App.QueryAsync(db => db.Needs.Where(n => n.Id == needId).Select(n => n.ActivityId).SingleAsync());
            Assert.NotNull(activity);

            // d) The resident opens the tracking page twice (the link in a message, and a tab left open) and rates it in one;
            //    the other tab's rating is refused and changes nothing.
            await resident.GotoAsync(Url($"/public/needs/{code}"));
            var leftOpen = await resident.Context.NewPageAsync();
            await leftOpen.GotoAsync(Url($"/public/needs/{code}"));
            await leftOpen.WaitForSelectorAsync("#need-rate-form");
            await resident.WaitForSelectorAsync("#need-rate-form");
            Assert.Contains("已完成", await resident.InnerTextAsync("#need-status"), StringComparison.Ordinal);
            await CheckOverflowAsync(resident, "rating form");
            await resident.TapAsync("input[name=rating][value=Satisfied]");
            await resident.FillAsync("#need-comment", "师傅来得很快，谢谢！");
            await resident.TapAsync("#need-rate-submit");
            await resident.WaitForSelectorAsync("#need-rated-thanks");
            Assert.Contains("满意", await resident.InnerTextAsync("#need-rating"), StringComparison.Ordinal);
            Assert.Equal(0, await resident.Locator("#need-rate-form").CountAsync());

            await leftOpen.TapAsync("input[name=rating][value=Dissatisfied]");
            await leftOpen.TapAsync("#need-rate-submit");
            await leftOpen.WaitForSelectorAsync("#need-rating-error");
            Assert.Equal(0, await leftOpen.Locator("#need-rate-form").CountAsync());
            var rated = await App.QueryAsync(db => db.Needs.Where(n => n.Id == needId).Select(n => new { n.Status, n.Rating, n.RatingComment }).SingleAsync());
            Assert.Equal((NeedStatus.Rated, (Rating?)Rating.Satisfied, "师傅来得很快，谢谢！"), (rated.Status, rated.Rating, rated.RatingComment));
            await leftOpen.CloseAsync();

            // e) The public notice lists the wish as rated, with neither the resident's name nor phone number anywhere in the page.
            await resident.GotoAsync(Url($"/public/streets/{donghu}#notice-needs"));
            var item = resident.Locator(".notice-item", new PageLocatorOptions { HasText = Title });
            await item.WaitForAsync();
            Assert.Contains("已评价", await item.InnerTextAsync(), StringComparison.Ordinal);
            var html = await resident.ContentAsync();
            foreach (var secret in new[] { ResidentName, ResidentPhone, "139 0571 8866", "0571 8866", "5718866" })
            {
                Assert.DoesNotContain(secret, html, StringComparison.Ordinal);
            }

            await CheckOverflowAsync(resident, "public notice");
            Assert.True(overflow.Count == 0, "Sideways overflow at 390 px:\n" + string.Join("\n", overflow));
        }
        finally
        {
            await browser.CloseAsync();
            playwright.Dispose();
        }
    }

    [Fact]
    public async Task A_project_of_two_units_is_created_run_and_accepted_in_the_browser_and_each_units_ledger_and_commitment_count_it_once()
    {
        var donghu = await App.StreetIdAsync(DemoSeeder.DonghuStreet);
        var community = await App.CommunityIdAsync(donghu, "东湖社区");
        var lead = await App.UnitIdAsync(UnitData.Leader1Unit);
        var partner = await App.UnitIdAsync(UnitData.Leader2Unit);
        var today = App.Clock.Today;
        const string Title = "东湖社区老年食堂助餐点改造";
        const string NeedTitle = "老年食堂缺少适老化座椅";

        // The lead unit's commitment in force today: the project takes its category, so its activity fulfils it.
        var commitment = await App.QueryAsync(db => db.Commitments
            .Join(db.Agreements, c => c.AgreementId, a => a.Id, (c, a) => new { c.Id, c.Category, c.SortOrder, a.UnitId, a.Status, a.ValidFrom, a.ValidTo })
            .Where(x => x.UnitId == lead && x.Status == AgreementStatus.Active && x.ValidFrom <= today && x.ValidTo >= today)
            .OrderBy(x => x.ValidFrom).ThenBy(x => x.SortOrder).FirstAsync());
        var before = await CountsAsync(lead, partner, commitment.Id);

        // A published need of the community for the project to answer, and two other projects so the list is not alone.
        Guid needId;
        using (var api = await App.ApiAsAsync("staff.donghu@example.org"))
        {
            (needId, _) = await NeedData.EnterAsync(api, community, NeedTitle);
            var binjiang = await App.CommunityIdAsync(donghu, "滨江社区");
            await ProjectData.CreateAsync(api, binjiang, ProjectData.Body(partner, title: "滨江社区电动车充电棚建设", start: today.AddDays(7), end: today.AddDays(60), budget: 48000m));
            var underWay = await ProjectData.CreateAsync(api, community, ProjectData.Body(await App.UnitIdAsync("东湖中学"),
                title: "青少年暑期托管班", category: "skillTraining", start: today, end: today.AddDays(45), budget: 12000m));
            Assert.Equal(System.Net.HttpStatusCode.OK, (await api.PostAsync($"/api/v1/projects/{underWay}/start", null)).StatusCode);
        }

        var (playwright, browser) = await BrowserSession.LaunchAsync();
        try
        {
            // f) Street staff at 1440 px create the project from the list.
            var desk = await DeskAsync(browser);
            await BrowserSession.SignInAsync(desk, App.BaseAddress, "staff.donghu@example.org", PortalApp.Password);
            await BrowserSession.GotoInteractiveAsync(desk, new Uri(App.BaseAddress, $"/streets/{donghu}/projects"));
            await desk.Locator(".project-list tr", new PageLocatorOptions { HasText = "青少年暑期托管班" }).WaitForAsync();
            await BrowserSession.ClickUntilAsync(desk, "#project-new", "#project-title");
            await desk.WaitForSelectorAsync("#portal-interactive", new PageWaitForSelectorOptions { State = WaitForSelectorState.Attached });

            await ChooseAsync(desk, "#project-community", "东湖社区");
            await ChooseAsync(desk, "#project-category", CategoryLabel(commitment.Category));
            await desk.FillAsync("#project-title", Title);
            await desk.FillAsync("#project-description", "为助餐点更换适老化桌椅，加装扶手和防滑地垫，供电公司负责线路改造。");
            await ChooseAsync(desk, "#project-lead", UnitData.Leader1Unit);
            await ChooseAsync(desk, "#project-units", UnitData.Leader2Unit, multiple: true);
            await ChooseAsync(desk, "#project-needs", NeedTitle, multiple: true);
            await TypeDateAsync(desk, "#project-start", today);
            await TypeDateAsync(desk, "#project-end", today.AddDays(30));
            await desk.FillAsync("#project-budget", "30000");
            await desk.Locator("#project-budget").PressAsync("Tab");
            await desk.Locator(".mud-input-control:has(#project-budget) .mud-shrink").WaitForAsync();
            Assert.Equal(0, await desk.Locator(".mud-input-error").CountAsync());
            await ShootAsync(desk, "project-edit.png");

            await desk.ClickAsync("#project-save");
            await desk.WaitForURLAsync(url => Regex.IsMatch(url, "/projects/[0-9a-f-]{36}$"));
            var projectId = Guid.Parse(desk.Url[^36..], CultureInfo.InvariantCulture);
            var saved = await App.QueryAsync(db => db.Projects.Where(p => p.Id == projectId).Select(p => new { p.Title, p.LeadUnitId, p.Category, p.PlannedStart, p.PlannedEnd, p.Budget }).SingleAsync());
            Assert.Equal((Title, lead, commitment.Category, today, today.AddDays(30), 30000m), (saved.Title, saved.LeadUnitId, saved.Category, saved.PlannedStart, saved.PlannedEnd, saved.Budget));
            var units = await App.QueryAsync(db => db.ProjectUnits.Where(u => u.ProjectId == projectId).Select(u => u.UnitId).ToListAsync());
            Assert.Equal(new[] { lead, partner }.Order(), units.Order());
            var need = await App.QueryAsync(db => db.Needs.Where(n => n.Id == needId).Select(n => new { n.Status, n.ProjectId, n.ClaimerUnitId }).SingleAsync());
            Assert.Equal((NeedStatus.Claimed, (Guid?)projectId, (Guid?)lead), (need.Status, need.ProjectId, need.ClaimerUnitId));

            // The same staff member on a phone: the pages they use fit at 390 px.
            var staffPhone = await PhoneAsync(browser);
            await BrowserSession.SignInAsync(staffPhone, App.BaseAddress, "staff.donghu@example.org", PortalApp.Password);
            await OnPhoneAsync(staffPhone, $"/projects/{projectId}/edit", "#project-save", "phone-project-edit.png");

            // Started, and a photo of the work from the desk.
            await desk.WaitForSelectorAsync("#portal-interactive", new PageWaitForSelectorOptions { State = WaitForSelectorState.Attached });
            await BrowserSession.ClickUntilAsync(desk, "#project-start-work", "#project-status:has-text('实施中')");
            await ChoosePhotoAsync(desk, "#project-photo-add", "#project-work", "助餐点施工.png", 480, 320);
            Assert.Equal(1, await App.QueryAsync(db => db.ProjectPhotos.CountAsync(p => p.ProjectId == projectId)));
            await ShootAsync(desk, "project-under-way.png");

            // The list, with the project among the others.
            await BrowserSession.GotoInteractiveAsync(desk, new Uri(App.BaseAddress, $"/streets/{donghu}/projects"));
            await desk.Locator(".project-list tr", new PageLocatorOptions { HasText = Title }).WaitForAsync();
            await ShootAsync(desk, "projects-list.png");
            await OnPhoneAsync(staffPhone, $"/streets/{donghu}/projects", $".project-list tr:has-text('{Title}')", "phone-projects-list.png");

            // The lead unit's leader, on a phone, finds it among the unit's projects and reports it done with a summary.
            var leader = await PhoneAsync(browser);
            await BrowserSession.SignInAsync(leader, App.BaseAddress, "leader1@example.org", PortalApp.Password);
            await BrowserSession.GotoInteractiveAsync(leader, new Uri(App.BaseAddress, $"/units/{lead}/projects"));
            var card = leader.Locator("#unit-projects .project-card", new PageLocatorOptions { HasText = Title });
            await card.WaitForAsync();
            Assert.Contains("实施中", await card.InnerTextAsync(), StringComparison.Ordinal);
            await CheckOverflowAsync(leader, "unit projects");
            await ShootAsync(leader, "phone-unit-projects.png");
            await card.Locator("a", new LocatorLocatorOptions { HasText = Title }).TapAsync();
            await leader.WaitForURLAsync(url => url.EndsWith($"/projects/{projectId}", StringComparison.Ordinal));
            await leader.Locator("#project-summary").WaitForAsync();
            await leader.WaitForSelectorAsync("#portal-interactive", new PageWaitForSelectorOptions { State = WaitForSelectorState.Attached });
            await leader.FillAsync("#project-summary", "更换适老化座椅40把，加装扶手12米，线路改造完成，助餐点已恢复供餐。");
            await leader.Locator("#project-summary").PressAsync("Tab");
            await leader.Locator(".mud-input-control:has(#project-summary) .mud-shrink").WaitForAsync();
            await CheckOverflowAsync(leader, "project done form");
            await ShootAsync(leader, "phone-project-done.png");
            await leader.TapAsync("#project-done");
            await leader.Locator("#project-status", new PageLocatorOptions { HasText = "已完成" }).WaitForAsync();
            Assert.Equal(0, await leader.Locator("#project-accept-form").CountAsync());
            await CheckOverflowAsync(leader, "project done");

            // Staff accept it with what each unit put in.
            await BrowserSession.GotoInteractiveAsync(desk, new Uri(App.BaseAddress, $"/projects/{projectId}"));
            var form = desk.Locator("#project-accept-form");
            await form.WaitForAsync();
            Assert.Contains("更换适老化座椅40把", await desk.InnerTextAsync("#project-summary-text"), StringComparison.Ordinal);
            var names = await form.Locator(".mud-typography-subtitle2").AllInnerTextsAsync();
            Assert.Equal(2, names.Count);
            Assert.StartsWith(UnitData.Leader1Unit, names[0], StringComparison.Ordinal);
            Assert.StartsWith(UnitData.Leader2Unit, names[1], StringComparison.Ordinal);
            string[][] contributions = [["16", "0", "120", "8"], ["6", "15000", "120", "3"]];
            for (var i = 0; i < 2; i++)
            {
                await FillNumberAsync(form.Locator(".contribution-hours input").Nth(i), contributions[i][0]);
                await FillNumberAsync(form.Locator(".contribution-funds input").Nth(i), contributions[i][1]);
                await FillNumberAsync(form.Locator(".contribution-beneficiaries input").Nth(i), contributions[i][2]);
                await FillNumberAsync(form.Locator(".contribution-participants input").Nth(i), contributions[i][3]);
            }

            await ShootAsync(desk, "project-accept.png");
            await OnPhoneAsync(staffPhone, $"/projects/{projectId}", "#project-accept-form .contribution-hours", "phone-project-accept.png");
            await desk.ClickAsync("#project-accept");
            await desk.Locator("#project-status", new PageLocatorOptions { HasText = "已验收" }).WaitForAsync();
            await desk.Locator("#project-units-table .project-activity").Nth(1).WaitForAsync();
            Assert.Equal(2, await desk.Locator("#project-units-table .project-activity").CountAsync());
            Assert.Contains("15,000元", await desk.InnerTextAsync("#project-units-table"), StringComparison.Ordinal);
            await ShootAsync(desk, "project-accepted.png");
            await OnPhoneAsync(staffPhone, $"/projects/{projectId}", "#project-units-table .project-activity", "phone-project-accepted.png");

            // Rule 7: one verified activity per unit, the lead unit's fulfilling its commitment once; the need is done.
            var activities = await App.QueryAsync(db => db.Activities.Where(a => a.ProjectId == projectId).Select(a => new { a.UnitId, a.Status, a.CommitmentId, a.Funds, a.VolunteerHours }).ToListAsync());
            Assert.Equal(new[] { lead, partner }.Order(), activities.Select(a => a.UnitId).Order());
            Assert.All(activities, a => Assert.Equal(ActivityStatus.Verified, a.Status));
            Assert.Equal(commitment.Id, activities.Single(a => a.UnitId == lead).CommitmentId);
            Assert.Equal((15000m, 6m), activities.Where(a => a.UnitId == partner).Select(a => (a.Funds, a.VolunteerHours)).Single());
            Assert.Equal((before.Lead + 1, before.Partner + 1, before.Commitment + 1), await CountsAsync(lead, partner, commitment.Id));
            Assert.Equal(NeedStatus.Done, await NeedStatusAsync(needId));

            // Each leader's ledger (the activities list they both open) shows it exactly once.
            await LedgerShowsOnceAsync(leader, donghu, "共建项目（牵头）：" + Title);
            var partnerLeader = await PhoneAsync(browser);
            await BrowserSession.SignInAsync(partnerLeader, App.BaseAddress, "leader2@example.org", PortalApp.Password);
            await LedgerShowsOnceAsync(partnerLeader, donghu, "共建项目：" + Title);

            // The public notice's projects section: the project with both units, accepted.
            var resident = await PhoneAsync(browser);
            await resident.GotoAsync(Url($"/public/streets/{donghu}#notice-projects"));
            var section = resident.Locator("section:has(#notice-projects)");
            var listed = section.Locator(".notice-project", new LocatorLocatorOptions { HasText = Title });
            await listed.WaitForAsync();
            var text = await listed.InnerTextAsync();
            Assert.Contains("已验收", text, StringComparison.Ordinal);
            Assert.Contains(UnitData.Leader1Unit, text, StringComparison.Ordinal);
            Assert.Contains(UnitData.Leader2Unit, text, StringComparison.Ordinal);
            Assert.DoesNotContain("15000", await resident.ContentAsync(), StringComparison.Ordinal);
            await CheckOverflowAsync(resident, "public notice projects");
            await ShootElementAsync(section, "phone-public-projects.png");
            await desk.GotoAsync(Url($"/public/streets/{donghu}#notice-projects"));
            await ShootElementAsync(desk.Locator("section:has(#notice-projects)"), "public-projects.png");

            Assert.True(overflow.Count == 0, "Sideways overflow at 390 px:\n" + string.Join("\n", overflow));
        }
        finally
        {
            await browser.CloseAsync();
            playwright.Dispose();
        }
    }

    private string Url(string path) => new Uri(App.BaseAddress, path).ToString();

    private static async Task<IPage> PhoneAsync(IBrowser browser)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 390, Height = 844 },
            IsMobile = true,
            HasTouch = true,
        });
        var page = await context.NewPageAsync();
        page.SetDefaultNavigationTimeout(90_000);
        page.SetDefaultTimeout(60_000);
        return page;
    }

    private static async Task<IPage> DeskAsync(IBrowser browser)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1440, Height = 900 } });
        var page = await context.NewPageAsync();
        page.SetDefaultNavigationTimeout(90_000);
        page.SetDefaultTimeout(60_000);
        return page;
    }

    private async Task CheckOverflowAsync(IPage page, string name) =>
        overflow.AddRange((await page.EvaluateAsync<string[]>(OverflowScript)).Select(f => $"{name}: {f}"));

    /// <summary>The offline check on the public form: "3 加 4 等于几？".</summary>
    private static string SumAnswer(string question)
    {
        var match = Question().Match(question);
        Assert.True(match.Success, question);
        return (int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) + int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture)).ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>Taps the upload button, answers the file chooser as a person picks a photo, and waits for its thumbnail.</summary>
    private static async Task ChoosePhotoAsync(IPage page, string button, string panel, string name, int width = 320, int height = 240)
    {
        var chooser = await page.RunAndWaitForFileChooserAsync(() => page.Locator(button).ClickAsync());
        await chooser.SetFilesAsync(new FilePayload { Name = name, MimeType = "image/png", Buffer = Scene(width, height) });
        await page.WaitForFunctionAsync($"() => {{ const i = document.querySelector('{panel} .photo-tile img'); return i && i.complete && i.naturalWidth > 0; }}");
    }

    /// <summary>Opens a MudSelect (once the circuit answers), picks the item and waits until the field has a value; a multi-select is closed with a click beside it.</summary>
    private static async Task ChooseAsync(IPage page, string id, string item, bool multiple = false)
    {
        await BrowserSession.ClickUntilAsync(page, $".mud-input-control:has({id})", ".mud-popover-open .mud-list-item");
        await page.Locator(".mud-popover-open .mud-list-item", new PageLocatorOptions { HasText = item }).First.ClickAsync();
        await page.WaitForFunctionAsync(
            "id => { const c = document.querySelector(id)?.closest('.mud-input-control'); return !!c && [...c.querySelectorAll('input')].some(i => i.value !== ''); }",
            id);
        if (multiple)
        {
            // A multi-select stays open for more choices; a click beside it (on its overlay) closes it, as a person does.
            var size = page.ViewportSize!;
            await page.Mouse.ClickAsync(size.Width - 10, size.Height - 10);
        }

        await page.Locator(".mud-popover-open .mud-list-item").First.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Detached });
    }

    private static async Task TypeDateAsync(IPage page, string id, DateOnly date)
    {
        await page.FillAsync(id, date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await page.PressAsync(id, "Tab");
    }

    private static async Task FillNumberAsync(ILocator input, string value)
    {
        await input.FillAsync(value);
        await input.PressAsync("Tab");
    }

    private async Task LedgerShowsOnceAsync(IPage leader, Guid street, string activityTitle)
    {
        await BrowserSession.GotoInteractiveAsync(leader, new Uri(App.BaseAddress, $"/streets/{street}/activities"));
        var rows = leader.Locator(".activity-table tbody tr", new PageLocatorOptions { HasText = activityTitle });
        await rows.First.WaitForAsync();
        Assert.Equal(1, await rows.CountAsync());
        Assert.Contains("已核实", await rows.First.InnerTextAsync(), StringComparison.Ordinal);
        await CheckOverflowAsync(leader, "activities " + activityTitle);
    }

    private Task<NeedStatus> NeedStatusAsync(Guid needId) => App.QueryAsync(db => db.Needs.Where(n => n.Id == needId).Select(n => n.Status).SingleAsync());

    private Task<(int Lead, int Partner, int Commitment)> CountsAsync(Guid lead, Guid partner, Guid commitment) => App.QueryAsync(async db => (
        await db.Activities.CountAsync(a => a.UnitId == lead && a.Status == ActivityStatus.Verified),
        await db.Activities.CountAsync(a => a.UnitId == partner && a.Status == ActivityStatus.Verified),
        await db.Activities.CountAsync(a => a.CommitmentId == commitment && a.Status == ActivityStatus.Verified)));

    private static string CategoryLabel(ServiceCategory category) => category switch
    {
        ServiceCategory.PovertyRelief => "扶贫帮困",
        ServiceCategory.ConvenienceService => "便民服务",
        ServiceCategory.SkillTraining => "技能培训",
        ServiceCategory.CultureSports => "文化体育",
        ServiceCategory.Environment => "环境共建",
        ServiceCategory.PublicSafety => "平安共保",
        ServiceCategory.Employment => "就业援助",
        ServiceCategory.VenueSharing => "场地共享",
        _ => "其他",
    };

    /// <summary>Screenshots for docs/images when PORTAL_SCREENSHOTS names a folder (none in CI).</summary>
    private static async Task ShootAsync(IPage page, string name)
    {
        if (Environment.GetEnvironmentVariable("PORTAL_SCREENSHOTS") is { Length: > 0 } folder)
        {
            await page.EvaluateAsync("() => document.querySelectorAll('.mud-snackbar').forEach(e => e.remove())");
            try
            {
                // Labels still moving (a field's label floats up once it has a value) would be caught half-way.
                await page.WaitForFunctionAsync("() => document.getAnimations().every(a => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity)",
                    null, new PageWaitForFunctionOptions { Timeout = 3000 });
            }
            catch (TimeoutException)
            {
                // A picture a moment early is still a picture.
            }

            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name), FullPage = true });
        }
    }

    /// <summary>Opens a page on a phone, waits for it, checks it for sideways overflow and shoots it when asked.</summary>
    private async Task OnPhoneAsync(IPage phone, string path, string ready, string name)
    {
        await BrowserSession.GotoInteractiveAsync(phone, new Uri(App.BaseAddress, path));
        await phone.Locator(ready).First.WaitForAsync();
        await CheckOverflowAsync(phone, name);
        await ShootAsync(phone, name);
    }

    private static async Task ShootElementAsync(ILocator element, string name)
    {
        if (Environment.GetEnvironmentVariable("PORTAL_SCREENSHOTS") is { Length: > 0 } folder)
        {
            await element.ScreenshotAsync(new LocatorScreenshotOptions { Path = Path.Combine(folder, name) });
        }
    }

    /// <summary>A small picture (sky, a building, the ground) rather than a flat square, so the screenshots look like the real thing.</summary>
    private static byte[] Scene(int width, int height)
    {
        using var bitmap = new SkiaSharp.SKBitmap(width, height);
        using (var canvas = new SkiaSharp.SKCanvas(bitmap))
        {
            using var sky = new SkiaSharp.SKPaint
            {
                Shader = SkiaSharp.SKShader.CreateLinearGradient(new SkiaSharp.SKPoint(0, 0), new SkiaSharp.SKPoint(0, height),
                    [new SkiaSharp.SKColor(144, 202, 249), new SkiaSharp.SKColor(227, 242, 253)], SkiaSharp.SKShaderTileMode.Clamp),
            };
            canvas.DrawRect(0, 0, width, height, sky);
            using var ground = new SkiaSharp.SKPaint { Color = new SkiaSharp.SKColor(129, 199, 132) };
            canvas.DrawRect(0, height * 0.75f, width, height * 0.25f, ground);
            using var wall = new SkiaSharp.SKPaint { Color = new SkiaSharp.SKColor(239, 235, 233) };
            canvas.DrawRect(width * 0.2f, height * 0.3f, width * 0.6f, height * 0.45f, wall);
            using var roof = new SkiaSharp.SKPaint { Color = new SkiaSharp.SKColor(198, 40, 40) };
            canvas.DrawRect(width * 0.15f, height * 0.24f, width * 0.7f, height * 0.07f, roof);
            using var window = new SkiaSharp.SKPaint { Color = new SkiaSharp.SKColor(255, 213, 79) };
            for (var i = 0; i < 4; i++)
            {
                canvas.DrawRect(width * (0.26f + (i * 0.14f)), height * 0.38f, width * 0.08f, height * 0.1f, window);
            }

            using var door = new SkiaSharp.SKPaint { Color = new SkiaSharp.SKColor(121, 85, 72) };
            canvas.DrawRect(width * 0.45f, height * 0.56f, width * 0.1f, height * 0.19f, door);
        }

        using var image = SkiaSharp.SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SkiaSharp.SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    [GeneratedRegex(@"(\d+) 加 (\d+) 等于几")]
    private static partial Regex Question();
}
