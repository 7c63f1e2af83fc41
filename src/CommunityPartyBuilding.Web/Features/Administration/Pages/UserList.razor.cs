using CommunityPartyBuilding.Web.Authorization;
using CommunityPartyBuilding.Web.Components.Shared;
using CommunityPartyBuilding.Web.Infrastructure;
using MudBlazor;

namespace CommunityPartyBuilding.Web.Features.Administration.Pages;

public partial class UserList
{
    private MudTable<UserDto>? table;
    private bool isAdmin;
    private bool createOpen;
    private string? search;
    private PortalRole? roleFilter;
    private List<StreetDto> streets = [];
    private List<OrganisationDepartmentDto> departments = [];
    private CreateModel input = new();
    private (string Email, string Password)? shownPassword;
    private List<Units.UnitOption> unitOptions = [];

    private string Title => isAdmin ? L["Nav.Users"] : L["Nav.LeaderAccounts"];

    /// <summary>Administrators create any role; street staff the accounts of their street's unit leaders and community staff.</summary>
    private IEnumerable<PortalRole> CreatableRoles => isAdmin ? Enum.GetValues<PortalRole>() : [PortalRole.UnitLeader, PortalRole.CommunityStaff];

    protected override async Task OnInitializedAsync()
    {
        var user = CurrentUser.Required;
        isAdmin = user.IsAdministrator;
        streets = await GetStreets.HandleAsync();
        departments = await GetDepartments.HandleAsync();
        ResetInput();
        await LoadUnitOptionsAsync();
    }

    private async Task LoadUnitOptionsAsync() =>
        unitOptions = input.Role == PortalRole.UnitLeader && input.StreetId is { } streetId ? await GetUnits.OptionsAsync(streetId) : [];

    private async Task OnRoleChanged(PortalRole role)
    {
        input.Role = role;
        input.UnitId = null;
        input.CommunityId = null;
        await LoadUnitOptionsAsync();
    }

    private async Task OnStreetChanged(Guid? streetId)
    {
        input.StreetId = streetId;
        input.UnitId = null;
        input.CommunityId = null;
        await LoadUnitOptionsAsync();
    }

    private void ResetInput()
    {
        var user = CurrentUser.Required;
        input = isAdmin
            ? new CreateModel { Role = PortalRole.StreetStaff, StreetId = streets.FirstOrDefault()?.Id, OrganisationDepartmentId = departments.FirstOrDefault()?.Id }
            : new CreateModel { Role = PortalRole.UnitLeader, StreetId = user.StreetId };
    }

    private async Task<TableData<UserDto>> LoadAsync(TableState state, CancellationToken ct)
    {
        var result = await GetUsers.HandleAsync(new UserQuery(search, roleFilter, state.Page + 1, state.PageSize), ct);
        return new TableData<UserDto> { Items = result.Items, TotalItems = result.Total };
    }

    private Task OnSearch(string? value)
    {
        search = value;
        return table?.ReloadServerData() ?? Task.CompletedTask;
    }

    private Task OnRoleFilter(PortalRole? value)
    {
        roleFilter = value;
        return table?.ReloadServerData() ?? Task.CompletedTask;
    }

    private async Task CreateAsync()
    {
        CreatedUser? created = null;
        var email = input.Email ?? "";
        var ok = await PageErrors.TryAsync(Snackbar, L, async () => created = await CreateUser.HandleAsync(new NewUserInput
        {
            Email = email,
            DisplayName = input.DisplayName ?? "",
            Role = input.Role,
            OrganisationDepartmentId = input.OrganisationDepartmentId,
            StreetId = input.StreetId,
            UnitId = input.UnitId,
            CommunityId = input.CommunityId,
            JobTitle = input.JobTitle,
        }), "Users.Created");
        if (ok && created?.TemporaryPassword is { } password)
        {
            shownPassword = (email, password);
            ResetInput();
            await LoadUnitOptionsAsync();
            createOpen = false;
            await (table?.ReloadServerData() ?? Task.CompletedTask);
        }
    }

    private async Task ResetPasswordAsync(UserDto row)
    {
        string? password = null;
        if (await PageErrors.TryAsync(Snackbar, L, async () => password = await ResetUserPassword.HandleAsync(row.Id), "Users.PasswordReset"))
        {
            shownPassword = (row.Email, password!);
            await (table?.ReloadServerData() ?? Task.CompletedTask);
        }
    }

    private async Task RunAsync(Func<Task> action, string successKey)
    {
        if (await PageErrors.TryAsync(Snackbar, L, action, successKey))
        {
            await (table?.ReloadServerData() ?? Task.CompletedTask);
        }
    }

    private sealed class CreateModel
    {
        public string? Email { get; set; }

        public string? DisplayName { get; set; }

        public PortalRole Role { get; set; }

        public Guid? OrganisationDepartmentId { get; set; }

        public Guid? StreetId { get; set; }

        public Guid? UnitId { get; set; }

        public Guid? CommunityId { get; set; }

        public string? JobTitle { get; set; }
    }
}
