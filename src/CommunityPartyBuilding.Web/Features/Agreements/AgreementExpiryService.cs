namespace CommunityPartyBuilding.Web.Features.Agreements;

/// <summary>Marks agreements past their valid-to date as 到期 once an hour (pages already show them expired in between).</summary>
public sealed class AgreementExpiryService(IServiceScopeFactory scopeFactory, ILogger<AgreementExpiryService> logger, TimeProvider clock) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(1), clock);
        do
        {
            try
            {
                await using var scope = scopeFactory.CreateAsyncScope();
                Infrastructure.AuditActor.Current = new Infrastructure.AuditActor.Actor(null, "system");
                var expired = await scope.ServiceProvider.GetRequiredService<ChangeAgreementStatus>().ExpireDueAsync(stoppingToken);
                if (expired > 0)
                {
                    logger.LogInformation("{Count} agreement(s) expired.", expired);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Agreement expiry run failed; it will be retried.");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
