using CommunityPartyBuilding.Web.Authorization;
using CommunityPartyBuilding.Web.Infrastructure;

namespace CommunityPartyBuilding.Web.Features.Administration;

public sealed record CommunityRequest(string Name);

public static class AdministrationApi
{
    public static void MapAdministrationApi(this RouteGroupBuilder api)
    {
        api.MapGet("/organisation-departments", (GetOrganisationDepartments handler, CancellationToken ct) => handler.HandleAsync(ct));

        api.MapPost("/organisation-departments", async (OrganisationDepartmentInput input, SaveOrganisationDepartment save,
                GetOrganisationDepartments get, CancellationToken ct) =>
            {
                var id = await save.HandleAsync(null, input, null, ct);
                var created = (await get.HandleAsync(ct)).Single(d => d.Id == id);
                return TypedResults.Created($"/api/v1/organisation-departments/{id}", created);
            })
            .RequireAuthorization(Policies.SystemAdministrator);

        api.MapGet("/streets", (GetStreets handler, CancellationToken ct) => handler.HandleAsync(ct));

        api.MapGet("/streets/{streetId:guid}", (Guid streetId, GetStreets handler, CancellationToken ct) => handler.HandleAsync(streetId, ct));

        api.MapPost("/streets", async (StreetInput input, SaveStreet save, GetStreets get, CancellationToken ct) =>
            {
                var id = await save.HandleAsync(null, input, null, ct);
                return TypedResults.Created($"/api/v1/streets/{id}", await get.HandleAsync(id, ct));
            })
            .RequireAuthorization(Policies.SystemAdministrator);

        api.MapPost("/streets/{streetId:guid}/communities", async (Guid streetId, CommunityRequest request, SaveCommunity save,
                GetStreets get, CancellationToken ct) =>
            {
                var id = await save.HandleAsync(streetId, null, request.Name, null, ct);
                var street = await get.HandleAsync(streetId, ct);
                return TypedResults.Created($"/api/v1/streets/{streetId}", street.Communities.Single(c => c.Id == id));
            });

        api.MapGet("/users", (string? search, string? role, int? page, int? pageSize, GetUsers handler, CancellationToken ct) =>
                handler.HandleAsync(new UserQuery(search, ApiEnums.Parse<PortalRole>(role, nameof(role)), page ?? 1, pageSize ?? 50), ct));

        api.MapPost("/users", async (NewUserInput input, CreateUser handler, CancellationToken ct) =>
            {
                var created = await handler.HandleAsync(input, ct);
                return TypedResults.Created($"/api/v1/users/{created.Id}", created);
            });

        api.MapPost("/users/{userId}/lock", async (string userId, LockUser handler, CancellationToken ct) =>
            {
                await handler.HandleAsync(userId, ct);
                return TypedResults.NoContent();
            });

        api.MapPost("/users/{userId}/unlock", async (string userId, UnlockUser handler, CancellationToken ct) =>
            {
                await handler.HandleAsync(userId, ct);
                return TypedResults.NoContent();
            });

        api.MapPost("/users/{userId}/end-sessions", async (string userId, EndUserSessions handler, CancellationToken ct) =>
            {
                await handler.HandleAsync(userId, ct);
                return TypedResults.NoContent();
            });
    }
}
