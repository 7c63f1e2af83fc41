using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CommunityPartyBuilding.Web.Infrastructure;

namespace CommunityPartyBuilding.IntegrationTests.Infrastructure;

/// <summary>
/// Issue 18: <c>GET /_diagnostics/circuits</c> (the circuits benchmark's view of the portal) is not there unless
/// <c>Diagnostics:Circuits</c> is true; when it is, a caller on 127.0.0.1 gets the figures and a request relayed by a
/// proxy gets 404 (which addresses may read is covered by CircuitDiagnosticsTests in the unit tests).
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class CircuitDiagnosticsOffTests(PortalApp app)
{
    [Fact]
    public async Task The_endpoint_is_off_by_default()
    {
        using var client = new HttpClient { BaseAddress = app.BaseAddress };
        var response = await client.GetAsync(CircuitDiagnostics.Path);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}

[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xunit disposes the app through IAsyncLifetime.DisposeAsync, which also drops its database.")]
public sealed class CircuitDiagnosticsOnTests : IAsyncLifetime
{
    private readonly PortalApp app = new() { CircuitDiagnostics = true };

    public Task InitializeAsync() => app.InitializeAsync();

    public Task DisposeAsync() => ((IAsyncLifetime)app).DisposeAsync();

    [Fact]
    public async Task When_on_it_answers_loopback_callers_and_refuses_relayed_ones()
    {
        using var client = new HttpClient { BaseAddress = app.BaseAddress };
        Assert.True(app.BaseAddress.IsLoopback);

        var snapshot = await client.GetFromJsonAsync<JsonElement>(CircuitDiagnostics.Path + "?collect=false");
        Assert.Equal(0, snapshot.GetProperty("circuitsOpen").GetInt64());
        Assert.True(snapshot.GetProperty("workingSetBytes").GetInt64() > 0);
        Assert.True(snapshot.GetProperty("managedBytes").GetInt64() > 0);

        using var relayed = new HttpRequestMessage(HttpMethod.Get, CircuitDiagnostics.Path);
        relayed.Headers.Add("X-Forwarded-For", "203.0.113.7");
        Assert.Equal(HttpStatusCode.NotFound, (await client.SendAsync(relayed)).StatusCode);
    }
}
