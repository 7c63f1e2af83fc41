using CommunityPartyBuilding.Web.Infrastructure;
using CommunityPartyBuilding.Web.Resources;
using Microsoft.Extensions.Localization;

namespace CommunityPartyBuilding.Web.Features.Meetings;

public static class MeetingApi
{
    public static void MapMeetingApi(this RouteGroupBuilder api)
    {
        api.MapPost("/streets/{streetId:guid}/meetings", async (Guid streetId, MeetingInput input, ScheduleMeeting schedule, GetMeeting get, CancellationToken ct) =>
            {
                var id = await schedule.HandleAsync(streetId, input, ct);
                return TypedResults.Created($"/api/v1/meetings/{id}", await get.HandleAsync(id, ct));
            });

        api.MapPost("/streets/{streetId:guid}/meetings/past", async (Guid streetId, MeetingInput input, RecordPastMeeting record, GetMeeting get, CancellationToken ct) =>
            {
                var id = await record.HandleAsync(streetId, input, ct);
                return TypedResults.Created($"/api/v1/meetings/{id}", await get.HandleAsync(id, ct));
            });

        api.MapGet("/streets/{streetId:guid}/meetings", (Guid streetId, int? year, string? kind, string? status, int? page, int? pageSize,
                GetMeetings handler, CancellationToken ct) =>
                handler.HandleAsync(streetId, new MeetingQuery
                {
                    Year = year,
                    Kind = ApiEnums.Parse<MeetingKind>(kind, nameof(kind)),
                    Status = ApiEnums.Parse<MeetingStatus>(status, nameof(status)),
                    Page = page ?? 1,
                    PageSize = pageSize ?? 50,
                }, ct));

        api.MapGet("/streets/{streetId:guid}/meetings/quarters", (Guid streetId, int year, GetQuarterCompliance handler, CancellationToken ct) =>
                handler.HandleAsync(streetId, year, ct));

        api.MapGet("/meetings/{meetingId:guid}", (Guid meetingId, GetMeeting handler, CancellationToken ct) => handler.HandleAsync(meetingId, ct));

        api.MapGet("/meetings/{meetingId:guid}/calendar.ics", async (Guid meetingId, GetMeeting handler, IStringLocalizer<SharedResource> l, TimeProvider clock, CancellationToken ct) =>
            {
                var meeting = await handler.HandleAsync(meetingId, ct);
                var ics = MeetingIcs.Build(meeting, l["MeetingKind." + meeting.Kind], clock.GetUtcNow());
                return TypedResults.File(System.Text.Encoding.UTF8.GetBytes(ics), MeetingIcs.ContentType, $"meeting-{meeting.MeetingDate:yyyyMMdd}.ics");
            });

        api.MapPut("/meetings/{meetingId:guid}/attendance", async (Guid meetingId, List<AttendanceEntry> entries, RecordAttendance handler, GetMeeting get, CancellationToken ct) =>
            {
                await handler.HandleAsync(meetingId, entries, ct);
                return await get.HandleAsync(meetingId, ct);
            });

        api.MapPost("/meetings/{meetingId:guid}/reply", async (Guid meetingId, InvitationReplyInput input, ReplyToInvitation handler, CancellationToken ct) =>
            {
                await handler.HandleAsync(meetingId, input, ct);
                return TypedResults.NoContent();
            });

        api.MapPost("/meetings/{meetingId:guid}/hold", async (Guid meetingId, HoldMeetingInput input, HoldMeeting handler, GetMeeting get, CancellationToken ct) =>
            {
                await handler.HandleAsync(meetingId, input, ct);
                return await get.HandleAsync(meetingId, ct);
            });

        api.MapPut("/meetings/{meetingId:guid}", async (Guid meetingId, MeetingInput input, UpdateMeeting handler, GetMeeting get, CancellationToken ct) =>
            {
                await handler.HandleAsync(meetingId, input, ct);
                return await get.HandleAsync(meetingId, ct);
            });

        api.MapPost("/meetings/{meetingId:guid}/cancel", async (Guid meetingId, CancelMeeting handler, GetMeeting get, CancellationToken ct) =>
            {
                await handler.HandleAsync(meetingId, ct);
                return await get.HandleAsync(meetingId, ct);
            });

        api.MapPost("/meetings/{meetingId:guid}/resolutions", async (Guid meetingId, ResolutionInput input, RecordResolution handler, GetResolution get, CancellationToken ct) =>
            {
                var id = await handler.HandleAsync(meetingId, input, ct);
                return TypedResults.Created($"/api/v1/resolutions/{id}", (await get.HandleAsync(id, ct)).Resolution);
            });

        api.MapPost("/resolution-progress/{progressId:guid}/attachments", async (Guid progressId, IFormFile? file, AddResolutionAttachment handler, CancellationToken ct) =>
            {
                if (file is null)
                {
                    throw new PortalValidationException([new("File", "Upload.NoFile")]);
                }

                await using var stream = file.OpenReadStream();
                var id = await handler.HandleAsync(progressId, file.FileName, stream, file.Length, ct);
                return TypedResults.Created($"/api/v1/resolution-attachments/{id}", new { id });
            })
            .DisableAntiforgery()
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(AddResolutionAttachment.MaxBytes * 2));

        api.MapGet("/resolution-attachments/{attachmentId:guid}", async (Guid attachmentId, GetResolutionAttachment handler, CancellationToken ct) =>
            {
                var a = await handler.HandleAsync(attachmentId, ct);
                return TypedResults.File(a.Content, a.ContentType, a.FileName);
            });

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
            });

        api.MapGet("/resolutions/{resolutionId:guid}", (Guid resolutionId, GetResolution handler, CancellationToken ct) => handler.HandleAsync(resolutionId, ct));

        api.MapPost("/resolutions/{resolutionId:guid}/progress", async (Guid resolutionId, ResolutionProgressInput input, PostResolutionProgress handler, GetResolution get, CancellationToken ct) =>
            {
                await handler.HandleAsync(resolutionId, input, ct);
                return TypedResults.Created($"/api/v1/resolutions/{resolutionId}", await get.HandleAsync(resolutionId, ct));
            });

        api.MapPost("/resolutions/{resolutionId:guid}/complete", async (Guid resolutionId, CompleteResolutionInput input, CompleteResolution handler, GetResolution get, CancellationToken ct) =>
            {
                await handler.HandleAsync(resolutionId, input, ct);
                return await get.HandleAsync(resolutionId, ct);
            });

        api.MapGet("/units/{unitId:guid}/attendance", (Guid unitId, int? year, GetUnitAttendance handler, BusinessCalendar calendar, CancellationToken ct) =>
                handler.HandleAsync(unitId, year ?? calendar.Today.Year, ct));
    }
}
