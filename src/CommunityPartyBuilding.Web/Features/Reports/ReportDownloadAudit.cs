using System.Text.Json;
using CommunityPartyBuilding.Web.Authorization;
using CommunityPartyBuilding.Web.Data;
using CommunityPartyBuilding.Web.Features.Audit;

namespace CommunityPartyBuilding.Web.Features.Reports;

/// <summary>
/// Organisation departments read, never change, so their reads of reports are what the log must show: every PDF
/// they download becomes an audit entry (action Downloaded, entity IssuedReport), in the same save as the issued
/// report's record.
/// </summary>
public static class ReportDownloadAudit
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    public static bool Applies(PortalUser user) => user.IsOrganisationDepartment;

    public static void Record(PortalDbContext db, PortalUser user, IssuedReport report, DateTimeOffset at)
    {
        if (!Applies(user))
        {
            return;
        }

        AuditChange[] changes =
        [
            new(nameof(IssuedReport.Kind), null, report.Kind.ToString()),
            new(nameof(IssuedReport.Title), null, report.Title),
            new(nameof(IssuedReport.Year), null, report.Year?.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new(nameof(IssuedReport.VerificationCode), null, report.VerificationCode),
            new(nameof(IssuedReport.Sha256), null, report.Sha256),
        ];
        db.AuditEntries.Add(new AuditEntry
        {
            OccurredAt = at,
            UserId = user.Id,
            UserName = user.Email,
            EntityType = nameof(IssuedReport),
            EntityId = report.Id.ToString(),
            Action = AuditAction.Downloaded,
            StreetId = report.StreetId,
            Changes = JsonSerializer.Serialize(changes.Where(c => c.New is not null), JsonOptions),
        });
    }
}
