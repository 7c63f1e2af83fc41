using CommunityPartyBuilding.Web.Authorization;
using MudBlazor;

namespace CommunityPartyBuilding.Web.Features.Audit.Pages;

public partial class AuditLog
{
    private MudTable<AuditEntryView>? table;
    private List<string> entityTypes = [];
    private string? entityType;
    private string? userFilter;
    private DateTime? from;
    private DateTime? to;

    /// <summary>Street staff read only their own street: the column would say the same on every line.</summary>
    private bool ShowStreet => CurrentUser.User?.Role != PortalRole.StreetStaff;

    protected override async Task OnInitializedAsync() => entityTypes = await GetEntries.EntityTypesAsync();

    private AuditQuery Query(int page = 1, int pageSize = 50) => new(
        entityType, userFilter,
        from is { } f ? DateOnly.FromDateTime(f) : null,
        to is { } t ? DateOnly.FromDateTime(t) : null,
        null, page, pageSize);

    private string ExportHref
    {
        get
        {
            var q = Query();
            var parts = new List<string>();
            if (!string.IsNullOrWhiteSpace(q.EntityType)) { parts.Add("entityType=" + Uri.EscapeDataString(q.EntityType)); }
            if (!string.IsNullOrWhiteSpace(q.User)) { parts.Add("user=" + Uri.EscapeDataString(q.User)); }
            if (q.From is { } f) { parts.Add("from=" + f.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)); }
            if (q.To is { } t) { parts.Add("to=" + t.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)); }
            return "/api/v1/audit/export" + (parts.Count > 0 ? "?" + string.Join("&", parts) : "");
        }
    }

    private async Task<TableData<AuditEntryView>> LoadAsync(TableState state, CancellationToken ct)
    {
        var result = await GetEntries.HandleAsync(Query(state.Page + 1, state.PageSize), ct);
        var views = await Presenter.PresentAsync(result.Items, ct);
        return new TableData<AuditEntryView> { Items = views, TotalItems = result.Total };
    }

    private Task Reload() => table?.ReloadServerData() ?? Task.CompletedTask;

    private Task OnEntityType(string? value) { entityType = value; return Reload(); }

    private Task OnUser(string? value) { userFilter = value; return Reload(); }

    private Task OnFrom(DateTime? value) { from = value; return Reload(); }

    private Task OnTo(DateTime? value) { to = value; return Reload(); }
}
