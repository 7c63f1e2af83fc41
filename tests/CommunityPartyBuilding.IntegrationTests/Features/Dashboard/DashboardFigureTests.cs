using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using CommunityPartyBuilding.IntegrationTests.Infrastructure;
using CommunityPartyBuilding.Web.Features.Agreements;
using CommunityPartyBuilding.Web.Features.Dashboard;
using CommunityPartyBuilding.Web.Features.Evaluations;
using CommunityPartyBuilding.Web.Features.Meetings;
using CommunityPartyBuilding.Web.Features.Units;

namespace CommunityPartyBuilding.IntegrationTests.Features.Dashboard;

/// <summary>Every dashboard figure against the values worked out by hand in <see cref="DashboardFixture"/>.</summary>
public class DashboardFigureTests(PortalApp app) : PortalTest(app)
{
    internal static readonly JsonSerializerOptions Json = CreateJson();

    [Fact]
    public async Task The_street_dashboard_of_this_year_has_the_hand_worked_figures()
    {
        var fixture = await DashboardFixture.CreateAsync(App);
        using var orgDept = await App.ApiAsAsync("orgdept@example.org");
        var d = await GetDashboardAsync(orgDept, fixture.StreetId, null);

        Assert.Equal(2026, d.Year);
        Assert.Equal(DashboardFixture.Today, d.Today);
        Assert.Equal(DashboardFixture.Today, d.ReferenceDate);
        Assert.Equal(DashboardFixture.StreetName, d.StreetName);
        Assert.False(d.CanManage);

        // Units active today: 2 private enterprises, 1 school, 1 social organisation (withdrawn today still counts).
        Assert.Equal(4, d.Units.Active);
        Assert.Equal(
            [new CategoryCount(UnitCategory.PrivateEnterprise, 2), new CategoryCount(UnitCategory.SocialOrganisation, 1), new CategoryCount(UnitCategory.School, 1)],
            d.Units.ByCategory);

        // Agreements in force during 2026: A1 and A2; commitments C1 0.5, C2 1, C3 0.2505 → mean 0.5835.
        Assert.Equal(new AgreementFigures(2, 3, 0.5835m), d.Agreements);
        Assert.Equal(
            [new CategoryFulfilment(ServiceCategory.SkillTraining, 1, 0.2505m), new CategoryFulfilment(ServiceCategory.Environment, 2, 0.75m)],
            d.FulfilmentByCategory);

        Assert.Equal(new ActivityFigures(5, 2, 1, 78.5m, 450.50m, 117), d.Activities);
        Assert.Equal(12, d.ActivitiesPerMonth.Count);
        Assert.Equal([1, 1, 0, 1, 1, 1, 0, 0, 0, 0, 0, 0], d.ActivitiesPerMonth.Select(m => m.Verified));
        Assert.Equal([0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0], d.ActivitiesPerMonth.Select(m => m.Pending));

        Assert.Equal(1, d.Meetings.Minimum);
        Assert.Equal(2, d.Meetings.MeetingsHeld);
        Assert.Equal(1, d.Meetings.JointMeetingsHeld);
        Assert.Equal([QuarterState.Met, QuarterState.ReminderDue, QuarterState.Future, QuarterState.Future], d.Meetings.Quarters.Select(q => q.State));
        Assert.Equal([1, 0, 0, 0], d.Meetings.Quarters.Select(q => q.HeldJointMeetings));
        Assert.Equal((1, 1), (d.Meetings.QuartersMet, d.Meetings.QuartersDue));

        Assert.Equal(new ResolutionFigures(6, 2, 2, 1, 1, 0.5m), d.Resolutions);

        Assert.NotNull(d.Evaluation);
        Assert.Equal(fixture.Campaign2026, d.Evaluation.CampaignId);
        Assert.Equal(EvaluationStatus.Open, d.Evaluation.Status);
        Assert.Equal((3, 2, 1), (d.Evaluation.Ballots, d.Evaluation.OnlineBallots, d.Evaluation.PaperBallots));
        Assert.Null(d.Evaluation.MeanScore);
        Assert.Null(d.Evaluation.Grades);

        // To-do as of today: submitted X3, X8, X11; overdue R3, R7; due within 7 days R4; A2 ends 07-10; CM1; Q2 short.
        Assert.Equal(3, d.Todo.ActivitiesAwaitingVerification);
        Assert.Equal(2, d.Todo.OverdueResolutions);
        Assert.Equal(1, d.Todo.ResolutionsDueSoon);
        Assert.Equal(1, d.Todo.AgreementsEndingSoon);
        Assert.Equal(1, d.Todo.CommitteeTermsEndingSoon);
        Assert.Equal([(2026, 2)], d.Todo.QuartersWithoutJointMeeting.Select(q => (q.Year, q.Number)));
    }

    [Fact]
    public async Task A_past_year_counts_units_at_its_end_and_keeps_the_to_do_list_of_today()
    {
        var fixture = await DashboardFixture.CreateAsync(App);
        using var admin = await App.ApiAsAsync("admin@example.org");
        var d = await GetDashboardAsync(admin, fixture.StreetId, 2025);

        Assert.Equal(2025, d.Year);
        Assert.Equal(new DateOnly(2025, 12, 31), d.ReferenceDate);
        Assert.Equal(4, d.Units.Active);
        Assert.Equal(
            [new CategoryCount(UnitCategory.PrivateEnterprise, 1), new CategoryCount(UnitCategory.SocialOrganisation, 2), new CategoryCount(UnitCategory.School, 1)],
            d.Units.ByCategory);

        // A2, A4 (terminated 2025-10-01), A5 (expired): C3 0, C5 0, C6 0.5 (X12; X7 was held in 2026).
        Assert.Equal(new AgreementFigures(3, 3, 0.1667m), d.Agreements);
        Assert.Equal(
            [new CategoryFulfilment(ServiceCategory.SkillTraining, 1, 0m), new CategoryFulfilment(ServiceCategory.CultureSports, 1, 0m), new CategoryFulfilment(ServiceCategory.Environment, 1, 0.5m)],
            d.FulfilmentByCategory);

        Assert.Equal(new ActivityFigures(2, 1, 0, 53m, 0m, 19), d.Activities);
        Assert.Equal([QuarterState.Met, QuarterState.Missed, QuarterState.Met, QuarterState.Missed], d.Meetings.Quarters.Select(q => q.State));
        Assert.Equal((2, 4), (d.Meetings.QuartersMet, d.Meetings.QuartersDue));
        Assert.Equal(new ResolutionFigures(1, 0, 0, 0, 1, 0m), d.Resolutions);

        Assert.NotNull(d.Evaluation);
        Assert.Equal(EvaluationStatus.Finalised, d.Evaluation.Status);
        Assert.Equal(0, d.Evaluation.Ballots);
        Assert.Equal(75.8m, d.Evaluation.MeanScore);
        Assert.Equal(new GradeCounts(1, 1, 0, 1), d.Evaluation.Grades);

        // The to-do list is about now, whatever year is shown.
        Assert.Equal(3, d.Todo.ActivitiesAwaitingVerification);
        Assert.Equal([(2026, 2)], d.Todo.QuartersWithoutJointMeeting.Select(q => (q.Year, q.Number)));
    }

    [Fact]
    public async Task A_year_without_data_has_zeros_and_no_campaign()
    {
        var fixture = await DashboardFixture.CreateAsync(App);
        using var admin = await App.ApiAsAsync("admin@example.org");
        var d = await GetDashboardAsync(admin, fixture.StreetId, 2021);

        Assert.Equal(0, d.Units.Active);
        Assert.Empty(d.Units.ByCategory);
        Assert.Equal(new AgreementFigures(0, 0, null), d.Agreements);
        Assert.Empty(d.FulfilmentByCategory);
        Assert.Equal(new ActivityFigures(0, 0, 0, 0m, 0m, 0), d.Activities);
        Assert.Equal(new ResolutionFigures(0, 0, 0, 0, 0, null), d.Resolutions);
        Assert.Equal((0, 4), (d.Meetings.QuartersMet, d.Meetings.QuartersDue));
        Assert.Null(d.Evaluation);
    }

    [Fact]
    public async Task The_department_table_has_the_hand_worked_row_for_the_street()
    {
        var fixture = await DashboardFixture.CreateAsync(App);
        using var orgDept = await App.ApiAsAsync("orgdept@example.org");

        var now = await GetOverviewAsync(orgDept, fixture.DepartmentId, null);
        Assert.Equal(2026, now.Year);
        Assert.Equal(["东湖街道", "测试街道", "西城街道"], now.Streets.Select(s => s.StreetName).Order(StringComparer.Ordinal));
        var row = now.Streets.Single(s => s.StreetId == fixture.StreetId);
        Assert.Equal(new StreetOverviewRow(fixture.StreetId, DashboardFixture.StreetName, 4, 5, 78.5m, 1, 1, 4, 2, 0.5m,
            fixture.Campaign2026, EvaluationStatus.Open, null, null), row);
        Assert.Equal(1m, row.JointMeetingCompliance);

        var past = await GetOverviewAsync(orgDept, fixture.DepartmentId, 2025);
        var pastRow = past.Streets.Single(s => s.StreetId == fixture.StreetId);
        Assert.Equal(new StreetOverviewRow(fixture.StreetId, DashboardFixture.StreetName, 4, 2, 53m, 2, 4, 1, 0, 0m,
            fixture.Campaign2025, EvaluationStatus.Finalised, 75.8m, new GradeCounts(1, 1, 0, 1)), pastRow);
        Assert.Equal(0.5m, pastRow.JointMeetingCompliance);
    }

    [Fact]
    public async Task The_department_table_exports_to_xlsx()
    {
        var fixture = await DashboardFixture.CreateAsync(App);
        using var orgDept = await App.ApiAsAsync("orgdept@example.org");
        var response = await orgDept.GetAsync($"/api/v1/organisation-departments/{fixture.DepartmentId}/streets/export?year=2025");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(DashboardApi.XlsxContentType, response.Content.Headers.ContentType?.MediaType);

        await using var stream = await response.Content.ReadAsStreamAsync();
        var rows = MiniExcelLibs.MiniExcel.Query(stream, useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(3, rows.Count);
        var row = rows.Single(r => (string?)r["街道"] == DashboardFixture.StreetName);
        Assert.Equal(4d, Convert.ToDouble(row["成员单位（家）"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(53d, Convert.ToDouble(row["志愿服务时长（小时）"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("2/4", row["联席会议达标季度"]);
        Assert.Equal("已定稿", row["年度评议状态"]);
        Assert.Equal(75.8d, Convert.ToDouble(row["平均得分"], System.Globalization.CultureInfo.InvariantCulture));
    }

    internal static async Task<StreetDashboard> GetDashboardAsync(HttpClient client, Guid streetId, int? year)
    {
        var response = await client.GetAsync($"/api/v1/streets/{streetId}/dashboard" + (year is null ? "" : $"?year={year}"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<StreetDashboard>(Json))!;
    }

    internal static async Task<DepartmentOverview> GetOverviewAsync(HttpClient client, Guid departmentId, int? year)
    {
        var response = await client.GetAsync($"/api/v1/organisation-departments/{departmentId}/streets" + (year is null ? "" : $"?year={year}"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<DepartmentOverview>(Json))!;
    }

    private static JsonSerializerOptions CreateJson()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        return options;
    }
}
