using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CommunityPartyBuilding.Documents;
using CommunityPartyBuilding.Documents.Skia;
using CommunityPartyBuilding.IntegrationTests.Features.Evaluations;
using CommunityPartyBuilding.IntegrationTests.Infrastructure;
using CommunityPartyBuilding.Web.Data.Seeding;
using CommunityPartyBuilding.Web.Features.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CommunityPartyBuilding.IntegrationTests.Features.Reports;

/// <summary>The real renderer behind a gate the test closes: a render holds its slot until the test opens the gate.</summary>
internal sealed class GatedRenderer(IFontProvider fonts) : IPdfRenderer, IDisposable
{
    private readonly SkiaPdfRenderer inner = new(fonts);

    public ManualResetEventSlim Gate { get; } = new(initialState: true);

    public byte[] Render(Document document)
    {
        Gate.Wait(TimeSpan.FromMinutes(2));
        return inner.Render(document);
    }

    public void Dispose() => Gate.Dispose();

    public static void Register(IServiceCollection services)
    {
        services.AddSingleton<GatedRenderer>();
        services.AddSingleton<IPdfRenderer>(sp => sp.GetRequiredService<GatedRenderer>());
    }

    /// <summary>Waits (bounded) until a render holds a slot: a condition, not a timing.</summary>
    public static async Task UntilRunningAsync(PdfRenderQueue queue)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (queue.Running == 0)
        {
            await Task.Delay(10, timeout.Token);
        }
    }
}

/// <summary>Issue #18: a caller that would wait longer than the configured time gets 503 with Retry-After, not a 20-second wait.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xunit disposes the app through IAsyncLifetime.DisposeAsync, which also drops its database.")]
public class RenderQueueOverloadTests : IAsyncLifetime
{
    private readonly PortalApp app = new()
    {
        Settings = new Dictionary<string, string>
        {
            ["Portal:Reports:MaxConcurrentRenders"] = "1",
            ["Portal:Reports:MaxQueueWaitSeconds"] = "0",
            ["Portal:Reports:RetryAfterSeconds"] = "7",
        },
        TestServices = GatedRenderer.Register,
    };

    public Task InitializeAsync() => app.InitializeAsync();

    public Task DisposeAsync() => ((IAsyncLifetime)app).DisposeAsync();

    [Fact]
    public async Task A_caller_that_would_wait_longer_than_the_maximum_gets_503_with_retry_after_and_nothing_is_issued()
    {
        var year = TimeZoneInfo.ConvertTime(app.Clock.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")).Year - 1;
        using var staff = await app.ApiAsAsync("staff.donghu@example.org");
        var id = await EvaluationApiTests.CampaignIdAsync(app, staff, year);
        using var leader = await app.ApiAsAsync("leader1@example.org");
        var unit = Guid.Parse((await leader.GetFromJsonAsync<JsonElement>("/api/v1/me")).GetProperty("unitId").ToString());
        var renderer = app.Services.GetRequiredService<GatedRenderer>();
        var queue = app.Services.GetRequiredService<PdfRenderQueue>();

        renderer.Gate.Reset();
        var holding = staff.GetAsync($"/api/v1/evaluations/{id}/report.pdf");
        await GatedRenderer.UntilRunningAsync(queue);

        // Another report: no slot free and a maximum wait of 0, so 503 at once.
        var refused = await staff.GetAsync($"/api/v1/evaluations/{id}/units/{unit}/feedback.pdf");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(7), refused.Headers.RetryAfter?.Delta);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(503, problem.GetProperty("status").GetInt32());
        Assert.Contains("请稍后再试", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);

        // The same report while its first copy is being drawn: refused too rather than kept waiting.
        var same = await staff.GetAsync($"/api/v1/evaluations/{id}/report.pdf");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, same.StatusCode);
        Assert.NotNull(same.Headers.RetryAfter);
        Assert.True(queue.Refused >= 1);

        renderer.Gate.Set();
        var held = await holding;
        Assert.Equal(HttpStatusCode.OK, held.StatusCode);

        // Only the report that was drawn was issued; the refused sheet left nothing behind, and is drawn once asked again.
        Assert.False(await app.QueryAsync(db => db.IssuedReports.AnyAsync(r => r.Kind == ReportKind.UnitFeedback)));
        Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync($"/api/v1/evaluations/{id}/units/{unit}/feedback.pdf")).StatusCode);
        Assert.Equal(1, await app.QueryAsync(db => db.IssuedReports.CountAsync(r => r.Kind == ReportKind.UnitFeedback)));
    }
}

/// <summary>Issue #18: the expensive endpoints' concurrency limit answers 503 with Retry-After when its queue is full.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xunit disposes the app through IAsyncLifetime.DisposeAsync, which also drops its database.")]
public class ExpensiveEndpointLimitTests : IAsyncLifetime
{
    private readonly PortalApp app = new()
    {
        Settings = new Dictionary<string, string>
        {
            ["Portal:Reports:ExpensiveConcurrency"] = "1",
            ["Portal:Reports:ExpensiveQueueLimit"] = "0",
            ["Portal:Reports:RetryAfterSeconds"] = "5",
        },
        TestServices = GatedRenderer.Register,
    };

    public Task InitializeAsync() => app.InitializeAsync();

    public Task DisposeAsync() => ((IAsyncLifetime)app).DisposeAsync();

    [Fact]
    public async Task A_full_limit_refuses_further_exports_and_pdfs_with_503_but_not_ordinary_reads()
    {
        var year = TimeZoneInfo.ConvertTime(app.Clock.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")).Year - 1;
        using var staff = await app.ApiAsAsync("staff.donghu@example.org");
        var id = await EvaluationApiTests.CampaignIdAsync(app, staff, year);
        var donghu = await app.StreetIdAsync(DemoSeeder.DonghuStreet);
        var renderer = app.Services.GetRequiredService<GatedRenderer>();

        renderer.Gate.Reset();
        var holding = staff.GetAsync($"/api/v1/evaluations/{id}/report.pdf");
        await GatedRenderer.UntilRunningAsync(app.Services.GetRequiredService<PdfRenderQueue>());

        var export = await staff.GetAsync($"/api/v1/streets/{donghu}/units/export");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, export.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(5), export.Headers.RetryAfter?.Delta);
        Assert.Equal("application/problem+json", export.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await staff.GetAsync($"/api/v1/evaluations/{id}/report.pdf")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync($"/api/v1/streets/{donghu}/dashboard")).StatusCode);

        renderer.Gate.Set();
        Assert.Equal(HttpStatusCode.OK, (await holding).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync($"/api/v1/streets/{donghu}/units/export")).StatusCode);
    }
}

/// <summary>
/// Issue #18: the expensive endpoints refuse, at once, a caller whose expected wait (its place in the queue × the mean
/// time a request holds its permit) is longer than <c>MaxQueueWaitSeconds</c>, while those that fit are queued and served.
/// The time a permit is held is measured with the portal's clock, which the test moves: no timing.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xunit disposes the app through IAsyncLifetime.DisposeAsync, which also drops its database.")]
public class ExpensiveAdmissionWaitTests : IAsyncLifetime
{
    private readonly PortalApp app = new()
    {
        Settings = new Dictionary<string, string>
        {
            ["Portal:Reports:ExpensiveConcurrency"] = "1",
            ["Portal:Reports:ExpensiveQueueLimit"] = "200",
            ["Portal:Reports:MaxQueueWaitSeconds"] = "150",
            ["Portal:Reports:RetryAfterSeconds"] = "9",
        },
        TestServices = GatedRenderer.Register,
    };

    public Task InitializeAsync() => app.InitializeAsync();

    public Task DisposeAsync() => ((IAsyncLifetime)app).DisposeAsync();

    [Fact]
    public async Task A_caller_whose_expected_wait_is_longer_than_the_maximum_gets_503_at_once_and_the_queued_ones_are_served()
    {
        var year = TimeZoneInfo.ConvertTime(app.Clock.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")).Year - 1;
        using var staff = await app.ApiAsAsync("staff.donghu@example.org");
        var id = await EvaluationApiTests.CampaignIdAsync(app, staff, year);
        var donghu = await app.StreetIdAsync(DemoSeeder.DonghuStreet);
        using var leader = await app.ApiAsAsync("leader1@example.org");
        var unit = Guid.Parse((await leader.GetFromJsonAsync<JsonElement>("/api/v1/me")).GetProperty("unitId").ToString());
        var renderer = app.Services.GetRequiredService<GatedRenderer>();
        var queue = app.Services.GetRequiredService<PdfRenderQueue>();
        var admission = app.Services.GetRequiredService<ExpensiveAdmission>();

        // Nothing measured yet: a caller is queued, never refused by an estimate. One report holds the only permit
        // for 100 s of the portal's clock; that is the mean service time from then on.
        renderer.Gate.Reset();
        var first = staff.GetAsync($"/api/v1/evaluations/{id}/report.pdf");
        await GatedRenderer.UntilRunningAsync(queue);
        app.Clock.Advance(TimeSpan.FromSeconds(100));
        renderer.Gate.Set();
        Assert.Equal(HttpStatusCode.OK, (await first).StatusCode);
        await UntilMeasuredAsync(admission);
        Assert.InRange(admission.Wait.MeanService.TotalSeconds, 100, 149);

        // A feedback sheet holds the permit; the first caller behind it expects about 100 s (≤ 150: queued) …
        renderer.Gate.Reset();
        var holding = staff.GetAsync($"/api/v1/evaluations/{id}/units/{unit}/feedback.pdf");
        await GatedRenderer.UntilRunningAsync(queue);
        var queued = staff.GetAsync($"/api/v1/streets/{donghu}/units/export");
        await UntilQueuedAsync(admission, 1);

        // … the next about 200 s: refused at once (the permit is still held), with Retry-After and the render queue's problem.
        var refused = await staff.GetAsync($"/api/v1/streets/{donghu}/units/export");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(9), refused.Headers.RetryAfter?.Delta);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(503, problem.GetProperty("status").GetInt32());
        Assert.Contains("请稍后再试", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.False(holding.IsCompleted);
        Assert.Equal(1, admission.Refused);

        // Ordinary reads are not expensive and pass meanwhile.
        Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync($"/api/v1/streets/{donghu}/dashboard")).StatusCode);

        renderer.Gate.Set();
        Assert.Equal(HttpStatusCode.OK, (await holding).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await queued).StatusCode);
        Assert.Equal(1, admission.Refused);
    }

    /// <summary>Waits (bounded) until the permit of the first request is given back (after its response was sent).</summary>
    private static async Task UntilMeasuredAsync(ExpensiveAdmission admission)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (admission.Wait.Samples == 0 || admission.GetStatistics()?.CurrentAvailablePermits != 1)
        {
            await Task.Delay(10, timeout.Token);
        }
    }

    /// <summary>Waits (bounded) until callers are queued at admission: a condition, not a timing.</summary>
    private static async Task UntilQueuedAsync(ExpensiveAdmission admission, long count)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (admission.GetStatistics()?.CurrentQueuedCount != count)
        {
            await Task.Delay(10, timeout.Token);
        }
    }
}
