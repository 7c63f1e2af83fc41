using CommunityPartyBuilding.Web.Resources;
using Microsoft.Extensions.Localization;
using MiniExcelLibs;

namespace CommunityPartyBuilding.Web.Features.Audit;

/// <summary>The audit log as an xlsx sheet in the reader's language: one row per entry, one line per changed field.</summary>
public static class AuditSheet
{
    public static byte[] Write(IEnumerable<AuditEntryView> entries, IStringLocalizer<SharedResource> L)
    {
        using var stream = new MemoryStream();
        stream.SaveAs(entries.Select(e => (IDictionary<string, object?>)new Dictionary<string, object?>
        {
            [L["Audit.Time"]] = e.Time,
            [L["Audit.User"]] = e.UserName,
            [L["Audit.Entity"]] = e.RecordType,
            [L["Audit.Record"]] = e.Record.Text,
            [L["Audit.Action"]] = e.Action,
            [L["Audit.Street"]] = e.StreetName ?? "",
            [L["Audit.Changes"]] = string.Join("\n", e.Changes.Select(c => Line(c, L))),
        }), sheetName: L["Nav.Audit"]);
        return stream.ToArray();
    }

    /// <summary>"书记：王建华 → 周新民" (the colon of the language, items of a list joined by its comma).</summary>
    public static string Line(AuditChangeView change, IStringLocalizer<SharedResource> L)
    {
        string Join(IReadOnlyList<AuditValue>? values) => values is null
            ? "—"
            : values.Select(v => v.Text).Aggregate((a, b) => string.Format(System.Globalization.CultureInfo.CurrentCulture, L["Audit.ListJoin"], a, b));
        var value = change.Old is null ? Join(change.New) : $"{Join(change.Old)} → {Join(change.New)}";
        return string.Format(System.Globalization.CultureInfo.CurrentCulture, L["Common.LabelValue"], change.Field, value);
    }
}
