using CommunityPartyBuilding.Web.Features.Reports;
using CommunityPartyBuilding.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace CommunityPartyBuilding.Web.Features.Members;

/// <summary>
/// 设岗定责 and service records: posts (staff write; members claim and release), check-in posters of posts and projects,
/// the member's own records and the community's confirmation queue.
/// </summary>
public static class PostsApi
{
    public static void MapPostsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/communities/{communityId:guid}/posts", (Guid communityId, GetPosts handler, CancellationToken ct) => handler.HandleAsync(communityId, ct));

        api.MapPost("/communities/{communityId:guid}/posts", async (Guid communityId, PostInput request, CreatePost handler, GetPosts get, CancellationToken ct) =>
            {
                var id = await handler.HandleAsync(communityId, request, ct);
                return TypedResults.Created($"/api/v1/posts/{id}", (await get.HandleAsync(communityId, ct)).Posts.Single(p => p.Id == id));
            });

        api.MapPut("/posts/{postId:guid}", async (Guid postId, PostInput request, UpdatePost handler, CancellationToken ct) =>
            {
                await handler.HandleAsync(postId, request, ct);
                return TypedResults.NoContent();
            });

        api.MapPost("/posts/{postId:guid}/withdraw", async (Guid postId, WithdrawPost handler, CancellationToken ct) =>
            {
                await handler.HandleAsync(postId, ct);
                return TypedResults.NoContent();
            });

        api.MapPost("/posts/{postId:guid}/claim", async (Guid postId, ClaimPost handler, GetMyPosts mine, CancellationToken ct) =>
            {
                await handler.HandleAsync(postId, ct);
                return await mine.HandleAsync(ct);
            });

        api.MapPost("/posts/{postId:guid}/release", async (Guid postId, ReleasePost handler, GetMyPosts mine, CancellationToken ct) =>
            {
                await handler.HandleAsync(postId, ct);
                return await mine.HandleAsync(ct);
            });

        api.MapGet("/me/posts", (GetMyPosts handler, CancellationToken ct) => handler.HandleAsync(ct));

        // Check-in posters: GET the code in force (created on first use), POST a new one (the old poster stops counting).
        api.MapGet("/posts/{postId:guid}/check-in-code", (Guid postId, CheckInPosters handler, CancellationToken ct) => handler.PostCodeAsync(postId, renew: false, ct));
        api.MapPost("/posts/{postId:guid}/check-in-code", (Guid postId, CheckInPosters handler, CancellationToken ct) => handler.PostCodeAsync(postId, renew: true, ct));
        api.MapGet("/posts/{postId:guid}/poster.pdf", async (Guid postId, CheckInPosters handler, CancellationToken ct) =>
            {
                var (pdf, name) = await handler.PostPosterAsync(postId, ct);
                return TypedResults.File(pdf, "application/pdf", name);
            })
            .Expensive();
        api.MapGet("/projects/{projectId:guid}/check-in-code", (Guid projectId, CheckInPosters handler, CancellationToken ct) => handler.ProjectCodeAsync(projectId, renew: false, ct));
        api.MapPost("/projects/{projectId:guid}/check-in-code", (Guid projectId, CheckInPosters handler, CancellationToken ct) => handler.ProjectCodeAsync(projectId, renew: true, ct));
        api.MapGet("/projects/{projectId:guid}/poster.pdf", async (Guid projectId, CheckInPosters handler, CancellationToken ct) =>
            {
                var (pdf, name) = await handler.ProjectPosterAsync(projectId, ct);
                return TypedResults.File(pdf, "application/pdf", name);
            })
            .Expensive();
        api.MapGet("/check-in-codes/{code}", (string code, ResolveCheckInCode handler, CancellationToken ct) => handler.HandleAsync(code, ct));
    }
}

public static class ServiceRecordApi
{
    public static void MapServiceRecordApi(this RouteGroupBuilder api)
    {
        api.MapGet("/me/service-records", (GetMyServiceRecords handler, CancellationToken ct) => handler.HandleAsync(ct));

        api.MapGet("/me/service-subjects", (GetMyServiceSubjects handler, CancellationToken ct) => handler.HandleAsync(ct));

        api.MapPost("/me/service-records", async (ServiceRecordInput request, LogServiceRecord handler, GetServiceRecord get, CancellationToken ct) =>
            {
                var id = await handler.HandleAsync(request, ct);
                return TypedResults.Created($"/api/v1/service-records/{id}", await get.HandleAsync(id, ct));
            });

        api.MapGet("/communities/{communityId:guid}/service-records", (Guid communityId, string? status, Guid? registrationId, int? page, int? pageSize,
                GetCommunityServiceRecords handler, CancellationToken ct) =>
            handler.HandleAsync(communityId, new ServiceRecordQuery
            {
                Status = ApiEnums.Parse<ServiceRecordStatus>(status, nameof(status)),
                RegistrationId = registrationId,
                Page = page ?? 1,
                PageSize = pageSize ?? 50,
            }, ct));

        api.MapPost("/communities/{communityId:guid}/service-records", async (Guid communityId, StaffServiceRecordInput request, EnterServiceRecord handler,
                GetServiceRecord get, CancellationToken ct) =>
            {
                var id = await handler.HandleAsync(communityId, request, ct);
                return TypedResults.Created($"/api/v1/service-records/{id}", await get.HandleAsync(id, ct));
            });

        api.MapGet("/service-records/{serviceRecordId:guid}", (Guid serviceRecordId, GetServiceRecord handler, CancellationToken ct) => handler.HandleAsync(serviceRecordId, ct));

        api.MapPost("/service-records/{serviceRecordId:guid}/confirm", async (Guid serviceRecordId, [FromBody] ServiceRecordReviewInput? request, ReviewServiceRecord handler,
                GetServiceRecord get, CancellationToken ct) =>
            {
                await handler.ConfirmAsync(serviceRecordId, request, ct);
                return await get.HandleAsync(serviceRecordId, ct);
            });

        api.MapPost("/service-records/{serviceRecordId:guid}/return", async (Guid serviceRecordId, ServiceRecordReviewInput request, ReviewServiceRecord handler,
                GetServiceRecord get, CancellationToken ct) =>
            {
                await handler.ReturnAsync(serviceRecordId, request, ct);
                return await get.HandleAsync(serviceRecordId, ct);
            });

        api.MapPost("/service-records/{serviceRecordId:guid}/photos", async (Guid serviceRecordId, IFormFile? file, AddServiceRecordPhoto handler, CancellationToken ct) =>
            {
                if (file is null)
                {
                    throw new PortalValidationException([new("File", "Upload.NoFile")]);
                }

                await using var stream = file.OpenReadStream();
                var id = await handler.HandleAsync(serviceRecordId, file.FileName, stream, file.Length, ct);
                return TypedResults.Created($"/api/v1/service-record-photos/{id}", new { id });
            })
            .DisableAntiforgery()
            .WithMetadata(new RequestSizeLimitAttribute(Needs.NeedRules.MaxPhotoBytes * 3));

        api.MapGet("/service-record-photos/{serviceRecordPhotoId:guid}", async (Guid serviceRecordPhotoId, bool? thumbnail, GetServiceRecordPhoto handler, HttpContext http,
                CancellationToken ct) =>
            {
                var (content, type, name) = await handler.HandleAsync(serviceRecordPhotoId, thumbnail ?? false, ct);
                http.Response.Headers.CacheControl = "private, max-age=3600";
                return TypedResults.File(content, type, thumbnail == true ? null : name);
            });
    }
}
