using CommunityPartyBuilding.Web.Authorization;
using CommunityPartyBuilding.Web.Infrastructure;
using CommunityPartyBuilding.Web.Resources;
using Microsoft.Extensions.Localization;

namespace CommunityPartyBuilding.Web.Features.Meetings;

public sealed record MeetingRequest
{
    public MeetingKind Kind { get; init; } = MeetingKind.JointMeeting;

    public string Title { get; init; } = "";

    public DateTimeOffset ScheduledAt { get; init; }

    public string? Place { get; init; }

    public string? Convener { get; init; }

    public IReadOnlyList<string>? Agenda { get; init; }

    /// <summary>列席: departments invited to sit in.</summary>
    public IReadOnlyList<string>? SittingIn { get; init; }

    /// <summary>On PUT: the version read (409 when the meeting changed since); omitted, the last write wins.</summary>
    public uint? Version { get; init; }

    public MeetingInput ToInput() => new()
    {
        Kind = Kind,
        Title = Title,
        ScheduledAt = ScheduledAt,
        Place = Place,
        Convener = Convener,
        Agenda = Agenda,
        SittingIn = SittingIn,
    };
}

public sealed record AttendanceRequest(Guid UnitId, AttendanceStatus? Status);

public sealed record ReplyRequest(InvitationReply Reply, string? Note);

public sealed record HoldRequest(string? Minutes);

public sealed record ResolutionRequest
{
    public string? Number { get; init; }

    public string Title { get; init; } = "";

    public string? Content { get; init; }

    public int VotesFor { get; init; }

    public int VotesAgainst { get; init; }

    public int VotesAbstain { get; init; }

    public Guid LeadUnitId { get; init; }

    public IReadOnlyList<Guid>? CooperatingUnitIds { get; init; }

    public DateOnly Deadline { get; init; }
}

public sealed record ProgressRequest(int Percent, string? Text);

public sealed record CompleteRequest(DateOnly CompletedOn);

public static class MeetingApi
{
    public static void MapMeetingApi(this RouteGroupBuilder api)
    {
        api.MapPost("/streets/{streetId:guid}/meetings", async (Guid streetId, MeetingRequest request, ScheduleMeeting schedule, GetMeeting get, CancellationToken ct) =>
            {
                var id = await schedule.HandleAsync(streetId, request.ToInput(), ct);
                return TypedResults.Created($"/api/v1/meetings/{id}", await get.HandleAsync(id, ct));
            })
            .RequireAuthorization(Policies.SignedIn)
            .WithSummary("Schedules a meeting ahead; every member unit active on its date is invited. 422 when its time has passed (record it with /meetings/past).");

        api.MapPost("/streets/{streetId:guid}/meetings/past", async (Guid streetId, MeetingRequest request, RecordPastMeeting record, GetMeeting get, CancellationToken ct) =>
            {
                var id = await record.HandleAsync(streetId, request.ToInput(), ct);
                return TypedResults.Created($"/api/v1/meetings/{id}", await get.HandleAsync(id, ct));
            })
            .RequireAuthorization(Policies.SignedIn)
            .WithSummary("Records a meeting that already took place: no invitations; then PUT its attendance and POST hold with the minutes. 422 when its start is still ahead.");

        api.MapGet("/streets/{streetId:guid}/meetings", (Guid streetId, int? year, string? kind, string? status, int? page, int? pageSize,
                GetMeetings handler, CancellationToken ct) =>
                handler.HandleAsync(streetId, new MeetingQuery
                {
                    Year = year,
                    Kind = ApiEnums.Parse<MeetingKind>(kind, nameof(kind)),
                    Status = ApiEnums.Parse<MeetingStatus>(status, nameof(status)),
                    Page = page ?? 1,
                    PageSize = pageSize ?? 50,
                }, ct))
            .RequireAuthorization(Policies.SignedIn)
            .WithSummary("Meetings of a street, newest first; a unit leader sees those their unit is invited to.");

        api.MapGet("/streets/{streetId:guid}/meetings/quarters", (Guid streetId, int year, GetQuarterCompliance handler, CancellationToken ct) =>
                handler.HandleAsync(streetId, year, ct))
            .RequireAuthorization(Policies.SignedIn)
            .WithSummary("Held joint meetings per quarter against the committee's minimum (rule 2).");

        api.MapGet("/meetings/{meetingId:guid}", (Guid meetingId, GetMeeting handler, CancellationToken ct) => handler.HandleAsync(meetingId, ct))
            .RequireAuthorization(Policies.SignedIn);

        api.MapGet("/meetings/{meetingId:guid}/calendar.ics", async (Guid meetingId, GetMeeting handler, IStringLocalizer<SharedResource> l, TimeProvider clock, CancellationToken ct) =>
            {
                var meeting = await handler.HandleAsync(meetingId, ct);
                var ics = MeetingIcs.Build(meeting, l["MeetingKind." + meeting.Kind], clock.GetUtcNow());
                return TypedResults.File(System.Text.Encoding.UTF8.GetBytes(ics), MeetingIcs.ContentType, $"meeting-{meeting.MeetingDate:yyyyMMdd}.ics");
            })
            .RequireAuthorization(Policies.SignedIn)
            .WithSummary("The meeting as an iCalendar file.");

        api.MapPut("/meetings/{meetingId:guid}/attendance", async (Guid meetingId, List<AttendanceRequest> request, RecordAttendance handler, GetMeeting get, CancellationToken ct) =>
            {
                await handler.HandleAsync(meetingId, request.Select(r => new AttendanceEntry(r.UnitId, r.Status)).ToList(), ct);
                return await get.HandleAsync(meetingId, ct);
            })
            .RequireAuthorization(Policies.SignedIn)
            .WithSummary("Final attendance per unit: present, delegated, excused, absent. The answer carries the live quorum.");

        api.MapPost("/meetings/{meetingId:guid}/reply", async (Guid meetingId, ReplyRequest request, ReplyToInvitation handler, CancellationToken ct) =>
            {
                await handler.HandleAsync(meetingId, request.Reply, request.Note, ct);
                return TypedResults.NoContent();
            })
            .RequireAuthorization(Policies.SignedIn)
            .WithSummary("A unit leader answers the invitation: attend, leave (note = reason) or delegate (note = the delegate).");

        api.MapPost("/meetings/{meetingId:guid}/hold", async (Guid meetingId, HoldRequest request, HoldMeeting handler, GetMeeting get, CancellationToken ct) =>
            {
                await handler.HandleAsync(meetingId, request.Minutes, ct);
                return await get.HandleAsync(meetingId, ct);
            })
            .RequireAuthorization(Policies.SignedIn);

        api.MapPut("/meetings/{meetingId:guid}", async (Guid meetingId, MeetingRequest request, ScheduleMeeting schedule, GetMeeting get, CancellationToken ct) =>
            {
                await schedule.UpdateAsync(meetingId, request.ToInput(), request.Version, ct);
                return await get.HandleAsync(meetingId, ct);
            })
            .RequireAuthorization(Policies.SignedIn)
            .WithSummary("Changes a planned meeting; moved to another time, the units' answers are cleared and the invitations follow the new date.");

        api.MapPost("/meetings/{meetingId:guid}/cancel", async (Guid meetingId, ScheduleMeeting handler, GetMeeting get, CancellationToken ct) =>
            {
                await handler.CancelAsync(meetingId, ct);
                return await get.HandleAsync(meetingId, ct);
            })
            .RequireAuthorization(Policies.SignedIn);

        api.MapPost("/meetings/{meetingId:guid}/resolutions", async (Guid meetingId, ResolutionRequest request, RecordResolution handler, GetResolution get, CancellationToken ct) =>
            {
                var id = await handler.HandleAsync(meetingId, new ResolutionInput
                {
                    Number = request.Number,
                    Title = request.Title,
                    Content = request.Content,
                    VotesFor = request.VotesFor,
                    VotesAgainst = request.VotesAgainst,
                    VotesAbstain = request.VotesAbstain,
                    LeadUnitId = request.LeadUnitId,
                    CooperatingUnitIds = request.CooperatingUnitIds,
                    Deadline = request.Deadline,
                }, ct);
                return TypedResults.Created($"/api/v1/resolutions/{id}", (await get.HandleAsync(id, ct)).Resolution);
            })
            .RequireAuthorization(Policies.SignedIn)
            .WithSummary("201, or 422 when the meeting lacks quorum or the vote does not adopt it (the message gives the numbers). A null number takes the next free one.");

        api.MapPost("/resolution-progress/{progressId:guid}/attachments", async (Guid progressId, IFormFile? file, ResolutionAttachments attachments, CancellationToken ct) =>
            {
                if (file is null)
                {
                    throw new PortalValidationException([new("File", "Upload.NoFile")]);
                }

                await using var stream = file.OpenReadStream();
                var id = await attachments.AddAsync(progressId, file.FileName, stream, file.Length, ct);
                return TypedResults.Created($"/api/v1/resolution-attachments/{id}", new { id });
            })
            .RequireAuthorization(Policies.SignedIn)
            .DisableAntiforgery()
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(ResolutionAttachments.MaxBytes * 2))
            .WithSummary("Attaches a PDF, JPEG or PNG (≤10 MB, checked by content, 5 per update) to a progress update.");

        api.MapGet("/resolution-attachments/{attachmentId:guid}", async (Guid attachmentId, ResolutionAttachments attachments, CancellationToken ct) =>
            {
                var a = await attachments.GetAsync(attachmentId, ct);
                return TypedResults.File(a.Content, a.ContentType, a.FileName);
            })
            .RequireAuthorization(Policies.SignedIn);

        api.MapGet("/streets/{streetId:guid}/resolutions", (Guid streetId, string? status, Guid? unitId, int? year, bool? dueSoon, int? page, int? pageSize,
                GetResolutions handler, CancellationToken ct) =>
            {
                ResolutionState? state = null;
                if (!string.IsNullOrEmpty(status))
                {
                    state = Enum.TryParse<ResolutionState>(status, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed)
                        ? parsed
                        : throw new PortalValidationException([new("Status", "Validation.ResolutionStatus")]);
                }

                return handler.HandleAsync(streetId, new ResolutionQuery { Status = state, UnitId = unitId, Year = year, DueSoon = dueSoon ?? false, Page = page ?? 1, PageSize = pageSize ?? 50 }, ct);
            })
            .RequireAuthorization(Policies.SignedIn)
            .WithSummary("Overdue first; status notStarted, inProgress, completed or overdue (derived: deadline passed, not completed).");

        api.MapGet("/resolutions/{resolutionId:guid}", (Guid resolutionId, GetResolution handler, CancellationToken ct) => handler.HandleAsync(resolutionId, ct))
            .RequireAuthorization(Policies.SignedIn);

        api.MapPost("/resolutions/{resolutionId:guid}/progress", async (Guid resolutionId, ProgressRequest request, PostResolutionProgress handler, GetResolution get, CancellationToken ct) =>
            {
                await handler.HandleAsync(resolutionId, request.Percent, request.Text, ct);
                return TypedResults.Created($"/api/v1/resolutions/{resolutionId}", await get.HandleAsync(resolutionId, ct));
            })
            .RequireAuthorization(Policies.SignedIn)
            .WithSummary("Lead or co-operating unit's leader, or staff.");

        api.MapPost("/resolutions/{resolutionId:guid}/complete", async (Guid resolutionId, CompleteRequest request, CompleteResolution handler, GetResolution get, CancellationToken ct) =>
            {
                await handler.HandleAsync(resolutionId, request.CompletedOn, ct);
                return await get.HandleAsync(resolutionId, ct);
            })
            .RequireAuthorization(Policies.SignedIn)
            .WithSummary("Staff, or the lead unit's leader.");

        api.MapGet("/units/{unitId:guid}/attendance", (Guid unitId, int? year, GetUnitAttendance handler, BusinessCalendar calendar, CancellationToken ct) =>
                handler.HandleAsync(unitId, year ?? calendar.Today.Year, ct))
            .RequireAuthorization(Policies.SignedIn);
    }
}
