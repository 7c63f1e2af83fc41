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
    private ResolutionInput resolution = new();
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

    /// <summary>The lead unit as the select shows it (none chosen yet: null).</summary>
    private Guid? LeadUnit
    {
        get => resolution.LeadUnitId == Guid.Empty ? null : resolution.LeadUnitId;
        set => resolution.LeadUnitId = value ?? Guid.Empty;
    }

    /// <summary>The deadline as the date picker shows it.</summary>
    private DateTime? Deadline
    {
        get => resolution.Deadline == default ? null : resolution.Deadline.ToDateTime(TimeOnly.MinValue);
        set => resolution.Deadline = value is { } d ? DateOnly.FromDateTime(d) : default;
    }

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
            meeting = await GetMeeting.HandleAsync(MeetingId, PageCancellation);
            loadError = null;
            statuses = meeting.Attendance.ToDictionary(a => a.UnitId, a => a.Status);
            attendanceDirty = false;
            minutes = meeting.Minutes;
            if (resetForm)
            {
                var suggestedDeadline = meeting.MeetingDate.AddMonths(3);
                resolution = new ResolutionInput
                {
                    Number = meeting.SuggestedNumber,
                    Deadline = suggestedDeadline > Calendar.Today ? suggestedDeadline : Calendar.Today.AddMonths(1),
                };
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
        catch (OperationCanceledException) when (PageCancellation.IsCancellationRequested)
        {
            // The page has gone away.
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
        var refused = await PageErrors.SubmitAsync(Snackbar, L, () => RecordAttendance.HandleAsync(MeetingId, entries, PageCancellation),
            "Meetings.AttendanceSaved", ValidationNotice.Message);

        // Refused (a resolution would lose its quorum, a held meeting's unit left blank): also said beside the table.
        attendanceError = refused is { Count: > 0 } ? string.Join("；", refused.Values) : null;
        if (refused is null)
        {
            quorumError = null;
            await LoadAsync(resetForm: false);
        }
    }

    private async Task UpdateAsync(MeetingInput input)
    {
        var current = meeting!;
        var errorsFound = await PageErrors.SubmitAsync(Snackbar, L,
            () => UpdateMeeting.HandleAsync(MeetingId, input with { Version = current.Version }, PageCancellation),
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

        if (await PageErrors.SubmitAsync(Snackbar, L, () => CancelMeeting.HandleAsync(MeetingId, PageCancellation), "Meetings.CancelledNow") is null)
        {
            await LoadAsync(resetForm: false);
        }
    }

    private async Task HoldAsync()
    {
        var refused = await PageErrors.SubmitAsync(Snackbar, L, () => HoldMeeting.HandleAsync(MeetingId, new HoldMeetingInput(minutes), PageCancellation),
            "Meetings.HeldSaved", ValidationNotice.Message);
        errors = refused ?? [];
        if (refused is null)
        {
            await LoadAsync(resetForm: false);
        }
    }

    private async Task ReplyAsync(InvitationReply reply)
    {
        if (await PageErrors.TryAsync(Snackbar, L, () => ReplyToInvitation.HandleAsync(MeetingId, new InvitationReplyInput(reply, replyNote), PageCancellation), "Meetings.ReplySaved"))
        {
            await LoadAsync(resetForm: false);
        }
    }

    private async Task RecordResolutionAsync()
    {
        quorumError = null;
        resolution.CooperatingUnitIds = cooperating.ToList();
        var refused = await PageErrors.SubmitAsync(Snackbar, L, () => RecordResolution.HandleAsync(MeetingId, resolution, PageCancellation),
            "Resolutions.Saved", ValidationNotice.Message);
        errors = refused ?? [];
        quorumError = errors.GetValueOrDefault("Quorum") ?? errors.GetValueOrDefault("VotesFor");
        if (refused is null)
        {
            await LoadAsync(resetForm: true);
        }
    }
}
