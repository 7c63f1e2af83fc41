using System.ComponentModel.DataAnnotations;
using CommunityPartyBuilding.Web.Infrastructure;
using Microsoft.Extensions.Options;

namespace CommunityPartyBuilding.Web.Features.Agreements;

/// <summary>
/// Marks agreements past their valid-to date as 到期 at start and then every
/// <see cref="AgreementExpiryOptions.IntervalMinutes"/> (hourly by default; pages already show them expired in between).
/// <c>Portal:AgreementExpiry:Enabled=false</c> turns it off.
/// </summary>
public sealed class AgreementExpiryService(IServiceScopeFactory scopeFactory, IOptions<PortalOptions> options, ILogger<AgreementExpiryService> logger, TimeProvider clock) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value.AgreementExpiry;
        if (!settings.Enabled)
        {
            return;
        }

        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(settings.IntervalMinutes), clock);
        do
        {
            using var activity = PortalTelemetry.Source.StartActivity("agreements.expire");
            try
            {
                await using var scope = scopeFactory.CreateAsyncScope();
                AuditActor.Current = new AuditActor.Actor(null, "system");
                var expired = await scope.ServiceProvider.GetRequiredService<ExpireDueAgreements>().HandleAsync(stoppingToken);
                activity?.SetTag("portal.agreements.expired", expired);
                if (expired > 0)
                {
                    PortalTelemetry.AgreementsExpired.Add(expired);
                    logger.AgreementsExpired(expired);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                activity?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, e.GetType().Name);
                logger.AgreementExpiryFailed(e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}

/// <summary>Portal:AgreementExpiry.</summary>
public sealed class AgreementExpiryOptions
{
    public bool Enabled { get; set; } = true;

    /// <summary>Minutes between two passes (the first runs at start).</summary>
    [Range(1, 24 * 60)]
    public int IntervalMinutes { get; set; } = 60;
}
