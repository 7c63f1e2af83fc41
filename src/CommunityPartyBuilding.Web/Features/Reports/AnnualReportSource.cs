using CommunityPartyBuilding.Web.Features.Dashboard;
using CommunityPartyBuilding.Web.Infrastructure;

namespace CommunityPartyBuilding.Web.Features.Reports;

/// <summary>
/// The organisation department's ZIP takes each street's annual report from here: issued (and verifiable) like a
/// single download, with the same scope rules; a campaign whose report the caller may not have yet (not published,
/// still open) is left out of the ZIP.
/// </summary>
public sealed class AnnualReportSource(IssueAnnualReport issue) : IAnnualReportSource
{
    public async Task<(byte[] Pdf, string FileName)?> GetAnnualReportAsync(Guid campaignId, CancellationToken ct)
    {
        try
        {
            var file = await issue.HandleAsync(campaignId, ct);
            return (file.Content, file.FileName);
        }
        catch (PortalConflictException)
        {
            return null;
        }
        catch (PortalNotFoundException)
        {
            return null;
        }
    }
}
