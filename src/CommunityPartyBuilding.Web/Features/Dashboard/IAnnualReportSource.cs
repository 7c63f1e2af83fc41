namespace CommunityPartyBuilding.Web.Features.Dashboard;

/// <summary>
/// Where the organisation department's ZIP of annual assessment reports gets each street's PDF. The PDF feature
/// (src/CommunityPartyBuilding.Documents, GET /api/v1/evaluations/{id}/report.pdf) provides the real implementation;
/// until it is registered, <see cref="PendingAnnualReportSource"/> answers null for every campaign and the ZIP route
/// answers 404 with a clear message.
/// </summary>
public interface IAnnualReportSource
{
    /// <summary>The campaign's annual report and its file name, or null when there is none (yet) for that campaign.</summary>
    Task<(byte[] Pdf, string FileName)?> GetAnnualReportAsync(Guid campaignId, CancellationToken ct);
}

/// <summary>Temporary: no reports until the PDF feature replaces this registration (see PortalServiceCollectionExtensions.AddFeatures).</summary>
public sealed class PendingAnnualReportSource : IAnnualReportSource
{
    public Task<(byte[] Pdf, string FileName)?> GetAnnualReportAsync(Guid campaignId, CancellationToken ct) =>
        Task.FromResult<(byte[] Pdf, string FileName)?>(null);
}
