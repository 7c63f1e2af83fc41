namespace CommunityPartyBuilding.Web.Features.Dashboard;

/// <summary>
/// Where the organisation department's ZIP of annual assessment reports gets each street's PDF. The PDF feature
/// provides it (Features/Reports/AnnualReportSource: the same issued PDF as GET /api/v1/evaluations/{id}/report.pdf);
/// when no street's report is available the ZIP route answers 404 with a clear message.
/// </summary>
public interface IAnnualReportSource
{
    /// <summary>The campaign's annual report and its file name, or null when there is none (yet) for that campaign.</summary>
    Task<(byte[] Pdf, string FileName)?> GetAnnualReportAsync(Guid campaignId, CancellationToken ct);
}
