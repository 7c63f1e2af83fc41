using System.Globalization;
using CommunityPartyBuilding.Web.Features.Meetings;
using CommunityPartyBuilding.Web.Infrastructure;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CommunityPartyBuilding.Web.Features.Dashboard.Pages;

/// <summary>The street dashboard: figures, charts and the to-do list; the year comes from <c>?year=</c>.</summary>
public partial class StreetDashboardView
{
    private const int YearsBack = 5;

    private StreetDashboard? dashboard;
    private string? loadError;
    private List<ChartSeries<double>> monthSeries = [];
    private string[] monthLabels = [];
    private List<ChartSeries<double>> fulfilmentSeries = [];
    private string[] fulfilmentLabels = [];
    private List<ChartSeries<double>> resolutionSeries = [];
    private string[] resolutionLabels = [];

    private readonly BarChartOptions countOptions = new() { YAxisFormat = "0", MaxNumYAxisTicks = 6, ChartPalette = ["#C62828", "#FFB300"] };
    private readonly BarChartOptions percentOptions = new() { YAxisFormat = "0", YAxisSuggestedMax = 100, ShowLegend = false, XAxisLabelRotation = 30, ChartPalette = ["#2E7D32"] };
    private readonly DonutChartOptions donutOptions = new() { ChartPalette = ["#2E7D32", "#F9A825", "#C62828", "#90A4AE"] };

    [Inject]
    private GetStreetDashboard GetDashboard { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private BusinessCalendar Calendar { get; set; } = default!;

    /// <summary>Issue #18: "as of HH:mm" when the figures come from the cache.</summary>
    private string AsOf(DateTimeOffset cachedAt) => Format("Dashboard.AsOf", Calendar.ToLocal(cachedAt).ToString("HH:mm", CultureInfo.InvariantCulture));

    [Parameter, EditorRequired]
    public Guid StreetId { get; set; }

    [Parameter]
    public int? Year { get; set; }

    /// <summary>The street's name as the page heading (the dedicated page); the staff home has its own greeting.</summary>
    [Parameter]
    public bool ShowTitle { get; set; }

    private static CultureInfo Culture => CultureInfo.CurrentCulture;

    protected override async Task OnParametersSetAsync()
    {
        try
        {
            dashboard = await GetDashboard.HandleAsync(StreetId, Year);
            loadError = null;
            BuildCharts(dashboard);
        }
        catch (PortalException e)
        {
            dashboard = null;
            loadError = ProblemResponses.Localize(e, L);
        }
    }

    private void OnYearAsync(int year) =>
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameter("year", year == dashboard?.Today.Year ? null : year));

    private static IEnumerable<int> Years(int current) => Enumerable.Range(0, YearsBack).Select(i => current - i);

    private void BuildCharts(StreetDashboard d)
    {
        monthLabels = d.ActivitiesPerMonth.Select(m => CultureInfo.CurrentUICulture.DateTimeFormat.GetAbbreviatedMonthName(m.Month)).ToArray();
        monthSeries =
        [
            new() { Name = L["Dashboard.Verified"], Data = d.ActivitiesPerMonth.Select(m => (double)m.Verified).ToArray() },
            new() { Name = L["Dashboard.Pending"], Data = d.ActivitiesPerMonth.Select(m => (double)m.Pending).ToArray() },
        ];
        countOptions.YAxisTicks = DashboardRules.CountAxisStep(d.ActivitiesPerMonth.Select(m => (double)Math.Max(m.Verified, m.Pending)).DefaultIfEmpty(0).Max());
        fulfilmentLabels = d.FulfilmentByCategory.Select(c => (string)L["ServiceCategory." + c.Category]).ToArray();
        fulfilmentSeries =
        [
            new() { Name = L["Dashboard.ChartFulfilment"], Data = d.FulfilmentByCategory.Select(c => (double)Math.Round(c.MeanFulfilment * 100, 1)).ToArray() },
        ];
        resolutionLabels = [L["Dashboard.Outcome.OnTime"], L["Dashboard.Outcome.Late"], L["Dashboard.Outcome.Overdue"], L["Dashboard.Outcome.Open"]];
        resolutionSeries =
        [
            new() { Name = L["Dashboard.ChartResolutions"], Data = new double[] { d.Resolutions.OnTime, d.Resolutions.Late, d.Resolutions.Overdue, d.Resolutions.Open } },
        ];
    }

    private string Format(string key, params object[] args) => string.Format(Culture, L[key], args);

    private static string Number(int value) => value.ToString("#,0", Culture);

    private static string Percent(decimal? value) => value is { } v ? v.ToString("0.#%", Culture) : "—";

    private static string Days(decimal? value) => value is { } v ? v.ToString("0.#", Culture) : "—";

    private static Color QuarterColor(QuarterState state) => state switch
    {
        QuarterState.Met => Color.Success,
        QuarterState.Missed => Color.Error,
        QuarterState.ReminderDue => Color.Warning,
        _ => Color.Default,
    };

    /// <summary>The needs list of one community's needs awaiting review (the to-do's per-community links).</summary>
    private static string ReviewHref(StreetDashboard d, CommunityNeedCount c) =>
        $"/streets/{d.StreetId}/needs?status={nameof(Needs.NeedStatus.Submitted)}&community={c.CommunityId}";

    private sealed record TodoItem(string Id, string Text, int? Count, string Href, string Icon, Color Color);

    private IEnumerable<TodoItem> TodoItems(StreetDashboard d)
    {
        var t = d.Todo;
        var street = $"/streets/{d.StreetId}";
        if (t.OverdueResolutions > 0)
        {
            yield return new("todo-overdue", L["Dashboard.Todo.Overdue"], t.OverdueResolutions, $"{street}/resolutions?status=overdue", Icons.Material.Filled.ErrorOutline, Color.Error);
        }

        if (t.ActivitiesAwaitingVerification > 0)
        {
            yield return new("todo-activities", L["Dashboard.Todo.Activities"], t.ActivitiesAwaitingVerification, $"{street}/activities?status=Submitted", Icons.Material.Filled.FactCheck, Color.Primary);
        }

        if (t.ResolutionsDueSoon > 0)
        {
            yield return new("todo-due-soon", L["Dashboard.Todo.DueSoon"], t.ResolutionsDueSoon, $"{street}/resolutions?dueSoon=true", Icons.Material.Filled.Schedule, Color.Warning);
        }

        if (t.AgreementsEndingSoon > 0)
        {
            yield return new("todo-agreements", L["Dashboard.Todo.Agreements"], t.AgreementsEndingSoon, $"{street}/agreements?endingSoon=true", Icons.Material.Filled.Handshake, Color.Warning);
        }

        foreach (var q in t.QuartersWithoutJointMeeting)
        {
            yield return new($"todo-quarter-{q.Number}", Format("Dashboard.Todo.Quarter", q.Year, q.Number, q.HeldJointMeetings, q.Minimum), null,
                $"{street}/meetings", Icons.Material.Filled.EventBusy, q.State == QuarterState.Missed ? Color.Error : Color.Warning);
        }

        if (t.NeedClaimsLapsingSoon > 0)
        {
            yield return new("todo-needs-lapsing", L["Dashboard.Todo.NeedClaimsLapsing"], t.NeedClaimsLapsingSoon,
                $"{street}/needs?status={nameof(Needs.NeedStatus.Claimed)}&lapsing=true", Icons.Material.Filled.HourglassBottom, Color.Warning);
        }

        if (t.ProjectsAwaitingAcceptance > 0)
        {
            yield return new("todo-projects-acceptance", L["Dashboard.Todo.ProjectsAwaitingAcceptance"], t.ProjectsAwaitingAcceptance,
                $"{street}/projects?status={nameof(Projects.ProjectStatus.Done)}", Icons.Material.Filled.AssignmentTurnedIn, Color.Primary);
        }

        if (t.CommitteeTermsEndingSoon > 0)
        {
            yield return new("todo-terms", L["Dashboard.Todo.Terms"], t.CommitteeTermsEndingSoon, $"{street}/committee", Icons.Material.Filled.Groups, Color.Info);
        }
    }
}
