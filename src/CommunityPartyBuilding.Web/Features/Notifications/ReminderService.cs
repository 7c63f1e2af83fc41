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

        await Task.Delay(TimeSpan.FromSeconds(settings.StartDelaySeconds), clock, stoppingToken);
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(settings.IntervalMinutes), clock);
        do
        {
            try
            {
                await using var scope = scopeFactory.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<Needs.NeedPass>().RunAsync(stoppingToken);
                var run = await scope.ServiceProvider.GetRequiredService<ReminderPass>().RunAsync(stoppingToken);
                // Logged for every pass, none created included: with several instances the logs show each one's share.
                logger.RemindersCreated(run.Created);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.ReminderPassFailed(e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}

/// <summary>Portal:Reminders.</summary>
public sealed class ReminderOptions
{
    public bool Enabled { get; set; } = true;

    [System.ComponentModel.DataAnnotations.Range(1, 24 * 60)]
    public int IntervalMinutes { get; set; } = 60;

    /// <summary>The first pass runs this long after start (the app is serving by then).</summary>
    [System.ComponentModel.DataAnnotations.Range(0, 3600)]
    public int StartDelaySeconds { get; set; } = 20;
}
