using CommunityPartyBuilding.Web.Infrastructure;
using Microsoft.Extensions.Options;

namespace CommunityPartyBuilding.Web.Features.Notifications;

/// <summary>
/// Runs a <see cref="ReminderPass"/> shortly after start and then every <see cref="ReminderOptions.IntervalMinutes"/>
/// (hourly by default). Several instances may run it at once: the pass creates each notification once per person,
/// item and day whatever happens. <c>Portal:Reminders:Enabled=false</c> turns it off (the tests run passes themselves).
/// </summary>
public sealed class ReminderService(IServiceScopeFactory scopeFactory, IOptions<PortalOptions> options, ILogger<ReminderService> logger, TimeProvider clock) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value.Reminders;
        if (!settings.Enabled)
        {
            return;
        }

        await Task.Delay(TimeSpan.FromSeconds(Math.Max(0, settings.StartDelaySeconds)), clock, stoppingToken);
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(Math.Max(1, settings.IntervalMinutes)), clock);
        do
        {
            try
            {
                await using var scope = scopeFactory.CreateAsyncScope();
                var run = await scope.ServiceProvider.GetRequiredService<ReminderPass>().RunAsync(stoppingToken);
                if (run.Created > 0)
                {
                    logger.LogInformation("Reminder pass created {Count} notification(s).", run.Created);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Reminder pass failed; it will be retried.");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}

/// <summary>Portal:Reminders.</summary>
public sealed class ReminderOptions
{
    public bool Enabled { get; set; } = true;

    public int IntervalMinutes { get; set; } = 60;

    /// <summary>The first pass runs this long after start (the app is serving by then).</summary>
    public int StartDelaySeconds { get; set; } = 20;
}
