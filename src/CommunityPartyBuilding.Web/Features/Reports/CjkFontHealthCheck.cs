using CommunityPartyBuilding.Documents;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CommunityPartyBuilding.Web.Features.Reports;

/// <summary>Degraded (not unhealthy: everything but the PDFs works) when no CJK font is installed.</summary>
public sealed class CjkFontHealthCheck(IFontProvider fonts) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var availability = fonts.Availability;
        return Task.FromResult(availability.IsAvailable
            ? HealthCheckResult.Healthy(availability.Description)
            : HealthCheckResult.Degraded($"no CJK font, PDF reports unavailable: {availability.Description}"));
    }
}
