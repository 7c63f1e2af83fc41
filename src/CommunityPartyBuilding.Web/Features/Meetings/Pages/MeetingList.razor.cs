using CommunityPartyBuilding.Web.Authorization;
using CommunityPartyBuilding.Web.Components.Shared;
using CommunityPartyBuilding.Web.Infrastructure;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CommunityPartyBuilding.Web.Features.Meetings.Pages;

public partial class MeetingList
{
    private List<MeetingSummary>? meetings;
    private List<QuarterCompliance> quarters = [];
    private int year;
    private string? loadError;
    private bool formOpen;
    private bool pastForm;
    private Dictionary<string, string> errors = [];

    [Parameter]
    public Guid StreetId { get; set; }

    private bool CanManage => Current.User.MayManageStreet(StreetId);

    protected override async Task OnParametersSetAsync()
    {
        year = Calendar.Today.Year;
        await LoadAsync();
    }

    private async Task OnYear(int value)
    {
        year = value;
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        try
        {
            meetings = (await GetMeetings.HandleAsync(StreetId, new MeetingQuery { Year = year, PageSize = Paging.MaxPageSize })).Items.ToList();
            quarters = await GetQuarters.HandleAsync(StreetId, year);
            loadError = null;
        }
        catch (PortalException e)
        {
            loadError = ProblemResponses.Localize(e, L);
        }
    }

    private static Color QuarterColor(QuarterState state) => state switch
    {
        QuarterState.Met => Color.Success,
        QuarterState.Missed => Color.Error,
        QuarterState.ReminderDue => Color.Warning,
        _ => Color.Default,
    };

    private static string QuarterStyle(QuarterState state) => state switch
    {
        QuarterState.Missed => "border-left:4px solid var(--mud-palette-error)",
        QuarterState.ReminderDue => "border-left:4px solid var(--mud-palette-warning)",
        QuarterState.Met => "border-left:4px solid var(--mud-palette-success)",
        _ => "border-left:4px solid var(--mud-palette-lines-default)",
    };

    /// <summary>Opens the form to schedule a meeting ahead or to record one that took place (its own 取消 closes it).</summary>
    private void OpenForm(bool past)
    {
        formOpen = true;
        pastForm = past;
        errors = [];
    }

    private async Task SaveAsync(MeetingInput input)
    {
        errors = [];
        try
        {
            var id = pastForm ? await RecordPastMeeting.HandleAsync(StreetId, input) : await ScheduleMeeting.HandleAsync(StreetId, input);
            Snackbar.Add(L[pastForm ? "Meetings.RecordedPast" : "Meetings.Scheduled"], Severity.Success);
            Navigation.NavigateTo($"/meetings/{id}");
        }
        catch (PortalValidationException e)
        {
            errors = PageErrors.FieldErrors(e, L);
        }
        catch (PortalException e)
        {
            Snackbar.Add(ProblemResponses.Localize(e, L), Severity.Warning);
        }
    }
}
