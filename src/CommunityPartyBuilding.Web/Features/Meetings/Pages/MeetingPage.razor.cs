using System.Globalization;
using CommunityPartyBuilding.Web.Components.Shared;
using CommunityPartyBuilding.Web.Infrastructure;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CommunityPartyBuilding.Web.Features.Meetings.Pages;

public partial class MeetingPage
{
    private MeetingDetail? meeting;
    private string? loadError;
    private Dictionary<Guid, AttendanceStatus?> statuses = [];
    private bool attendanceDirty;
    private string? minutes;
    private string? replyNote;
    private ResolutionForm resolution = new();
    private DateTime? deadline;
    private IReadOnlyCollection<Guid> cooperating = [];
    private Dictionary<string, string> errors = [];
    private string? quorumError;
    private string? attendanceError;
    private bool editing;
    private Dictionary<string, string> editErrors = [];

    [Parameter]
    public Guid MeetingId { get; set; }

    private AttendanceDto? MyRow => meeting is not null && Current.User is { IsUnitLeader: true } user
        ? meeting.Attendance.FirstOrDefault(a => a.UnitId == user.UnitId)
        : null;

    [Inject]
    private Authorization.ICurrentUser Current { get; set; } = default!;

    /// <summary>Quorum as the staff edit the attendance, before saving.</summary>
    private QuorumResult LiveQuorum => meeting is null
        ? new QuorumResult(0, 0, 0.5m, 1, false)
        : meeting.CanManage
            ? QuorumRules.Evaluate(statuses.Values.Count(s => s is AttendanceStatus.Present or AttendanceStatus.Delegated), meeting.Quorum.ActiveUnits, meeting.Quorum.Fraction)
            : meeting.Quorum;

    /// <summary>
    /// Why the meeting cannot be marked held yet, as the server would refuse it (not started; attendance missing), or
    /// null. Missing attendance is counted from what was saved, not from the unsaved choices.
    /// </summary>
    private string? HoldBlocker
    {
        get
        {
            if (meeting is null)
            {
                return null;
            }

            var unrecorded = meeting.Attendance.Where(a => a.Status is null).Select(a => a.UnitName).ToList();
            var failures = MeetingLifecycleRules.CheckHold(meeting.ScheduledAt, Calendar.UtcNow, unrecorded);
            return failures.Count == 0 ? null : string.Join(" ", failures.Select(f => ProblemResponses.Localize(f, L)));
        }
    }

    protected override async Task OnParametersSetAsync() => await LoadAsync(resetForm: true);

    private async Task LoadAsync(bool resetForm)
    {
        try
        {
            meeting = await GetMeeting.HandleAsync(MeetingId);
            loadError = null;
            statuses = meeting.Attendance.ToDictionary(a => a.UnitId, a => a.Status);
            attendanceDirty = false;
            minutes = meeting.Minutes;
            if (resetForm)
            {
                resolution = new ResolutionForm { Number = meeting.SuggestedNumber };
                var suggestedDeadline = meeting.MeetingDate.AddMonths(3);
                deadline = (suggestedDeadline > Calendar.Today ? suggestedDeadline : Calendar.Today.AddMonths(1)).ToDateTime(TimeOnly.MinValue);
                cooperating = [];
            }
            else
            {
                resolution.Number = meeting.SuggestedNumber;
            }
        }
        catch (PortalException e)
        {
            meeting = null;
            loadError = ProblemResponses.Localize(e, L);
        }
    }

    private string QuorumText(QuorumResult q) => string.Format(CultureInfo.CurrentCulture, L["Meetings.QuorumLine"], q.PresentOrDelegated, q.ActiveUnits)
        + " · " + (q.Reached ? L["Meetings.QuorumReached"].Value : string.Format(CultureInfo.CurrentCulture, L["Meetings.QuorumNotReached"], q.Required));

    private static Color StatusColor(MeetingStatus status) => status switch
    {
        MeetingStatus.Held => Color.Success,
        MeetingStatus.Cancelled => Color.Default,
        _ => Color.Info,
    };

    private void SetStatus(Guid unitId, AttendanceStatus? status)
    {
        statuses[unitId] = status;
        attendanceDirty = true;
    }

    private void AllPresent()
    {
        foreach (var key in statuses.Keys.ToList())
        {
            statuses[key] = AttendanceStatus.Present;
        }

        attendanceDirty = true;
    }

    private async Task SaveAttendanceAsync()
    {
        var entries = statuses.Select(kv => new AttendanceEntry(kv.Key, kv.Value)).ToList();
        attendanceError = null;
        try
        {
            await RecordAttendance.HandleAsync(MeetingId, entries);
            Snackbar.Add(L["Meetings.AttendanceSaved"], Severity.Success);
            quorumError = null;
            await LoadAsync(resetForm: false);
        }
        catch (PortalException e)
        {
            // Refused (a resolution would lose its quorum, a held meeting's unit left blank): said beside the table.
            attendanceError = ProblemResponses.Localize(e, L);
            Snackbar.Add(attendanceError, Severity.Warning);
        }
    }

    private async Task UpdateAsync(MeetingInput input)
    {
        var current = meeting!;
        var errorsFound = await PageErrors.SubmitAsync(Snackbar, L,
            () => ScheduleMeeting.UpdateAsync(MeetingId, input, current.Version),
            MeetingInputRules.StoredInstant(input.ScheduledAt) != current.ScheduledAt ? "Meetings.Moved" : "Common.Saved");
        if (errorsFound is null)
        {
            editing = false;
            editErrors = [];
            await LoadAsync(resetForm: true);
        }
        else
        {
            editErrors = errorsFound;
        }
    }

    private async Task CancelMeetingAsync()
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync(
            L["Meetings.Cancel"],
            L["Meetings.CancelConfirm", meeting!.Title],
            yesText: L["Meetings.Cancel"],
            cancelText: L["Common.Back"]);
        if (confirmed != true)
        {
            return;
        }

        if (await PageErrors.SubmitAsync(Snackbar, L, () => ScheduleMeeting.CancelAsync(MeetingId), "Meetings.CancelledNow") is null)
        {
            await LoadAsync(resetForm: false);
        }
    }

    private async Task HoldAsync()
    {
        errors = [];
        try
        {
            await HoldMeeting.HandleAsync(MeetingId, minutes);
            Snackbar.Add(L["Meetings.HeldSaved"], Severity.Success);
            await LoadAsync(resetForm: false);
        }
        catch (PortalValidationException e)
        {
            errors = PageErrors.FieldErrors(e, L);
            if (e.Failures.Any(f => f.Field != "Minutes"))
            {
                Snackbar.Add(ProblemResponses.Localize(e, L), Severity.Warning);
            }
        }
        catch (PortalException e)
        {
            Snackbar.Add(ProblemResponses.Localize(e, L), Severity.Warning);
        }
    }

    private async Task ReplyAsync(InvitationReply reply)
    {
        if (await PageErrors.TryAsync(Snackbar, L, () => ReplyToInvitation.HandleAsync(MeetingId, reply, replyNote), "Meetings.ReplySaved"))
        {
            await LoadAsync(resetForm: false);
        }
    }

    private async Task RecordResolutionAsync()
    {
        errors = [];
        quorumError = null;
        try
        {
            var id = await RecordResolution.HandleAsync(MeetingId, new ResolutionInput
            {
                Number = resolution.Number,
                Title = resolution.Title ?? "",
                Content = resolution.Content,
                VotesFor = resolution.VotesFor,
                VotesAgainst = resolution.VotesAgainst,
                VotesAbstain = resolution.VotesAbstain,
                LeadUnitId = resolution.LeadUnitId ?? Guid.Empty,
                CooperatingUnitIds = cooperating.ToList(),
                Deadline = deadline is { } d ? DateOnly.FromDateTime(d) : default,
            });
            Snackbar.Add(L["Resolutions.Saved"], Severity.Success);
            await LoadAsync(resetForm: true);
            _ = id;
        }
        catch (PortalValidationException e)
        {
            errors = PageErrors.FieldErrors(e, L);
            quorumError = errors.GetValueOrDefault("Quorum") ?? errors.GetValueOrDefault("VotesFor");
            Snackbar.Add(ProblemResponses.Localize(e, L), Severity.Error);
        }
        catch (PortalException e)
        {
            Snackbar.Add(ProblemResponses.Localize(e, L), Severity.Warning);
        }
    }

    private sealed class ResolutionForm
    {
        public string? Number { get; set; }

        public string? Title { get; set; }

        public string? Content { get; set; }

        public int VotesFor { get; set; }

        public int VotesAgainst { get; set; }

        public int VotesAbstain { get; set; }

        public Guid? LeadUnitId { get; set; }
    }
}
