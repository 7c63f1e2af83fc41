using CommunityPartyBuilding.Web.Features.Reports;
using CommunityPartyBuilding.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace CommunityPartyBuilding.Web.Features.Projects;

/// <summary>项目清单 routes: staff create and run projects; the lead unit reports them done; staff accept them (rule 7).</summary>
public static class ProjectApi
{
    public static void MapProjectApi(this RouteGroupBuilder api)
    {
        api.MapGet("/streets/{streetId:guid}/projects", (Guid streetId, Guid? communityId, string? status, Guid? unitId, string? search, int? page, int? pageSize,
                GetProjects handler, CancellationToken ct) =>
            handler.HandleAsync(streetId, Query(communityId, status, unitId, search, page, pageSize), ct));

        api.MapGet("/streets/{streetId:guid}/projects/export", async (Guid streetId, Guid? communityId, string? status, Guid? unitId, string? search,
                ExportProjects handler, CancellationToken ct) =>
            {
                var (content, fileName) = await handler.HandleAsync(streetId, Query(communityId, status, unitId, search, null, null), ct);
                return TypedResults.File(content, Units.UnitApi.XlsxContentType, fileName);
            })
            .Expensive();

        api.MapGet("/communities/{communityId:guid}/projects", async (Guid communityId, string? status, Guid? unitId, string? search, int? page, int? pageSize,
                GetProjects handler, CancellationToken ct) =>
            {
                var streetId = await handler.StreetOfCommunityAsync(communityId, ct);
                return await handler.HandleAsync(streetId, Query(communityId, status, unitId, search, page, pageSize), ct);
            });

        api.MapPost("/communities/{communityId:guid}/projects", async (Guid communityId, ProjectInput request, CreateProject handler, GetProject get, CancellationToken ct) =>
            {
                var id = await handler.HandleAsync(communityId, request, ct);
                return TypedResults.Created($"/api/v1/projects/{id}", await get.HandleAsync(id, ct));
            });

        api.MapGet("/units/{unitId:guid}/projects", (Guid unitId, GetUnitProjects handler, CancellationToken ct) => handler.HandleAsync(unitId, ct));

        api.MapGet("/projects/{projectId:guid}", (Guid projectId, GetProject handler, CancellationToken ct) => handler.HandleAsync(projectId, ct));

        api.MapPut("/projects/{projectId:guid}", async (Guid projectId, ProjectInput request, UpdateProject handler, GetProject get, CancellationToken ct) =>
            {
                await handler.HandleAsync(projectId, request, ct);
                return await get.HandleAsync(projectId, ct);
            });

        api.MapPost("/projects/{projectId:guid}/start", async (Guid projectId, StartProject handler, GetProject get, CancellationToken ct) =>
            {
                await handler.HandleAsync(projectId, ct);
                return await get.HandleAsync(projectId, ct);
            });

        api.MapPost("/projects/{projectId:guid}/done", async (Guid projectId, ProjectDoneInput request, MarkProjectDone handler, GetProject get, CancellationToken ct) =>
            {
                await handler.HandleAsync(projectId, request, ct);
                return await get.HandleAsync(projectId, ct);
            });

        api.MapPost("/projects/{projectId:guid}/accept", async (Guid projectId, ProjectAcceptInput request, AcceptProject handler, GetProject get, CancellationToken ct) =>
            {
                await handler.HandleAsync(projectId, request, ct);
                return await get.HandleAsync(projectId, ct);
            });

        api.MapPost("/projects/{projectId:guid}/photos", async (Guid projectId, IFormFile? file, AddProjectPhoto handler, CancellationToken ct) =>
            {
                if (file is null)
                {
                    throw new PortalValidationException([new("File", "Upload.NoFile")]);
                }

                await using var stream = file.OpenReadStream();
                var id = await handler.HandleAsync(projectId, file.FileName, stream, file.Length, ct);
                return TypedResults.Created($"/api/v1/project-photos/{id}", new { id });
            })
            .DisableAntiforgery()
            .WithMetadata(new RequestSizeLimitAttribute(Needs.NeedRules.MaxPhotoBytes * 3));

        api.MapGet("/project-photos/{projectPhotoId:guid}", async (Guid projectPhotoId, bool? thumbnail, GetProjectPhoto handler, HttpContext http, CancellationToken ct) =>
            {
                var (content, type, name) = await handler.HandleAsync(projectPhotoId, thumbnail ?? false, ct);
                http.Response.Headers.CacheControl = "private, max-age=3600";
                return TypedResults.File(content, type, thumbnail == true ? null : name);
            });

        api.MapDelete("/project-photos/{projectPhotoId:guid}", async (Guid projectPhotoId, RemoveProjectPhoto handler, CancellationToken ct) =>
            {
                await handler.HandleAsync(projectPhotoId, ct);
                return TypedResults.NoContent();
            });
    }

    private static ProjectQuery Query(Guid? communityId, string? status, Guid? unitId, string? search, int? page, int? pageSize) => new()
    {
        CommunityId = communityId,
        Status = ApiEnums.Parse<ProjectStatus>(status, nameof(status)),
        UnitId = unitId,
        Search = search,
        Page = page ?? 1,
        PageSize = pageSize ?? 50,
    };
}
