using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.RegularExpressions;
using CommunityPartyBuilding.IntegrationTests.Browser;
using CommunityPartyBuilding.IntegrationTests.Infrastructure;
using Microsoft.Playwright;
using Npgsql;

namespace CommunityPartyBuilding.IntegrationTests.Scale;

/// <summary>Runs only under <c>scripts/scale.sh --check</c>, which starts two instances behind nginx and says where.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ScaleFactAttribute : FactAttribute
{
    public ScaleFactAttribute()
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("PORTAL_SCALE_PROXY")))
        {
            Skip = "Runs under scripts/scale.sh --check (two instances behind nginx); scripts/test.sh calls it after the suite.";
        }
    }
}

/// <summary>
/// Issue 18, items 4 and 5, against real processes: two portal instances (a, b) behind nginx and one PostgreSQL, all
/// started by scripts/scale.sh. The checks run one after another (one class) because some stop an instance or the
/// database; each puts back what it stopped.
/// </summary>
[Trait("Category", "Scale")]
public sealed partial class ScaleChecks
{
    private const string Staff = "staff.donghu@example.org";
    private static readonly Uri Proxy = new(Env("PORTAL_SCALE_PROXY"));
    private static readonly Uri InstanceA = new(Env("PORTAL_SCALE_INSTANCE_A"));
    private static readonly Uri InstanceB = new(Env("PORTAL_SCALE_INSTANCE_B"));

    [ScaleFact]
    public async Task A_sign_in_made_through_one_instance_is_valid_on_the_other()
    {
        var (playwright, browser) = await BrowserSession.LaunchAsync();
        try
        {
            var page = await browser.NewPageAsync();
            await BrowserSession.SignInAsync(page, InstanceA, Staff, PortalApp.Password);

            var response = await page.GotoAsync(new Uri(InstanceB, await UnitsPathAsync()).ToString());
            Assert.NotNull(response);
            Assert.Equal("b", await response.HeaderValueAsync("x-portal-instance"));
            Assert.DoesNotContain("/Account/Login", page.Url, StringComparison.Ordinal);
            await page.Locator("#unit-search").WaitForAsync();

            // And the API: the same cookie, the other instance.
            var cookies = await page.Context.CookiesAsync();
            using var client = new HttpClient { BaseAddress = InstanceB };
            client.DefaultRequestHeaders.Add("Cookie", string.Join("; ", cookies.Select(c => $"{c.Name}={c.Value}")));
            var me = await client.GetAsync(new Uri("/api/v1/me", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, me.StatusCode);
            Assert.Contains(Staff, await me.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        finally
        {
            await browser.DisposeAsync();
            playwright.Dispose();
        }
    }

    [ScaleFact]
    public async Task Reminders_are_created_once_with_both_instances_running()
    {
        // Both instances run their first reminder pass five seconds after they start (scripts/scale.sh --check).
        var deadline = DateTime.UtcNow.AddSeconds(120);
        IReadOnlyList<int> a, b;
        while ((a = PassesLogged("a")).Count == 0 | (b = PassesLogged("b")).Count == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "both instances should have logged a reminder pass within two minutes");
            await Task.Delay(1000);
        }

        Assert.DoesNotContain("Reminder pass failed", Log("a"), StringComparison.Ordinal);
        Assert.DoesNotContain("Reminder pass failed", Log("b"), StringComparison.Ordinal);
        await using var db = await OpenDatabaseAsync();
        var stored = await ScalarAsync<long>(db, "SELECT count(*) FROM \"Notifications\"");
        var doubled = await ScalarAsync<long>(db,
            "SELECT count(*) FROM (SELECT 1 FROM \"Notifications\" GROUP BY \"RecipientUserId\", \"ItemKey\", \"Day\" HAVING count(*) > 1) d");

        // Every notification is there once, and the instances together claim exactly the rows that exist: what one
        // created, the other found made and left alone.
        Assert.True(stored > 0, "the demo data has reminders due");
        Assert.Equal(0, doubled);
        Assert.Equal(stored, a.Sum() + b.Sum());
    }

    [ScaleFact]
    public async Task A_thousand_ballots_sent_through_the_proxy_land_exactly_once()
    {
        var (campaign, units) = await OpenCampaignAsync();
        var codes = await IssueCodesAsync(campaign, 1000);
        await using var db = await OpenDatabaseAsync();
        var before = await ScalarAsync<long>(db, $"SELECT count(*) FROM \"Ballots\" WHERE \"CampaignId\" = '{campaign}'");

        // Each code is sent twice at once through the proxy, as a double tap would, but from two different client
        // addresses (25 in all, 80 requests each: within production's ballot limits). nginx routes ballots by client
        // address, so the two copies of a code often reach different instances. One of each pair must be stored
        // (201) and the other refused as used (409).
        var clients = Enumerable.Range(10, 25).Select(i => NewProxyClient(IPAddress.Parse($"127.0.1.{i}"))).ToList();
        var sends = codes.SelectMany((code, i) => new[] { (Code: code, Client: clients[i % 25]), (Code: code, Client: clients[(i + 1) % 25]) });
        var answers = new ConcurrentBag<(string Code, HttpStatusCode Status, string? Instance)>();
        try
        {
            await Parallel.ForEachAsync(sends, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (send, ct) =>
            {
                using var response = await send.Client.PostAsJsonAsync(new Uri("/api/v1/ballots", UriKind.Relative), Ballot(send.Code, units), ct);
                answers.Add((send.Code, response.StatusCode, response.Headers.TryGetValues("X-Portal-Instance", out var v) ? v.Single() : null));
            });
        }
        finally
        {
            clients.ForEach(c => c.Dispose());
        }

        var byCode = answers.GroupBy(a => a.Code).ToList();
        Assert.Equal(1000, byCode.Count);
        Assert.All(byCode, g => Assert.Equal(
            [HttpStatusCode.Created, HttpStatusCode.Conflict],
            g.Select(a => a.Status).Order().ToArray()));
        Assert.True(answers.Any(a => a.Instance == "a") && answers.Any(a => a.Instance == "b"), "both instances answered");
        Assert.True(byCode.Count(g => g.Select(a => a.Instance).Distinct().Count() == 2) >= 100, "many codes had one copy on each instance");
        var after = await ScalarAsync<long>(db, $"SELECT count(*) FROM \"Ballots\" WHERE \"CampaignId\" = '{campaign}'");
        Assert.Equal(1000, after - before);
    }

    [ScaleFact]
    public async Task Ballots_sent_while_the_database_restarts_are_stored_or_refused_clearly_never_lost_or_doubled()
    {
        var (campaign, units) = await OpenCampaignAsync();
        var codes = await IssueCodesAsync(campaign, 300);
        long before;
        await using (var counting = await OpenDatabaseAsync())
        {
            before = await ScalarAsync<long>(counting, $"SELECT count(*) FROM \"Ballots\" WHERE \"CampaignId\" = '{campaign}'");
        }

        using var client = NewProxyClient(IPAddress.Parse("127.0.2.10"));
        var answers = new ConcurrentDictionary<string, ConcurrentQueue<HttpStatusCode>>();
        var health = new ConcurrentQueue<HttpStatusCode>();

        // Ballots go out at a steady pace for the whole restart; the readiness probe is watched meanwhile.
        using var stop = new CancellationTokenSource();
        var watch = Task.Run(async () =>
        {
            using var probe = new HttpClient { BaseAddress = InstanceA, Timeout = TimeSpan.FromSeconds(5) };
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    health.Enqueue((await probe.GetAsync(new Uri("/health/ready", UriKind.Relative))).StatusCode);
                }
                catch (HttpRequestException)
                {
                    // The instance itself stays up; a refused probe would be a finding, recorded below.
                    health.Enqueue(HttpStatusCode.BadGateway);
                }
                catch (TaskCanceledException)
                {
                    health.Enqueue(HttpStatusCode.GatewayTimeout);
                }

                await Task.Delay(250);
            }
        });
        // Each code goes out at its own moment within 20 seconds: before, during and after the restart.
        var started = Stopwatch.StartNew();
        var schedule = codes.Select(code => (Code: code, At: TimeSpan.FromMilliseconds(Random.Shared.Next(0, 20_000)))).OrderBy(s => s.At);
        var send = Parallel.ForEachAsync(schedule, new ParallelOptions { MaxDegreeOfParallelism = 24 }, async (item, ct) =>
        {
            var wait = item.At - started.Elapsed;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, ct);
            }

            answers.GetOrAdd(item.Code, _ => new()).Enqueue(await SendAsync(client, item.Code, units));
        });

        await Task.Delay(4000);
        await ControlAsync("db-stop");
        await Task.Delay(4000);
        await ControlAsync("db-start");
        await send;

        // Whatever was refused is sent again once the database is back, as a resident would.
        var readyAgain = DateTime.UtcNow.AddSeconds(60);
        while (await ReadyAsync(InstanceA) is false)
        {
            Assert.True(DateTime.UtcNow < readyAgain, "/health/ready should be ready again within a minute of the restart");
            await Task.Delay(500);
        }

        foreach (var (code, queue) in answers)
        {
            for (var attempt = 0; attempt < 5 && !queue.Any(s => s is HttpStatusCode.Created or HttpStatusCode.Conflict); attempt++)
            {
                queue.Enqueue(await SendAsync(client, code, units));
            }
        }

        await stop.CancelAsync();
        await watch;

        var all = answers.Values.SelectMany(q => q).ToList();
        Assert.Contains(HttpStatusCode.ServiceUnavailable, health);
        Assert.Equal(HttpStatusCode.OK, health.Last());
        // Only clear answers: stored, used already (a retry of one that was stored), or "unavailable, try again".
        Assert.All(all, s => Assert.Contains(s, new[] { HttpStatusCode.Created, HttpStatusCode.Conflict, HttpStatusCode.ServiceUnavailable }));
        // Never lost: no code was accepted twice (a second 201 would mean the first one vanished).
        Assert.All(answers, a => Assert.True(a.Value.Count(s => s == HttpStatusCode.Created) <= 1, $"{a.Key} was accepted twice"));
        // Never doubled, none missing: one ballot per code, every code stored once it was answered 201 or 409.
        Assert.All(answers, a => Assert.Contains(a.Value, s => s is HttpStatusCode.Created or HttpStatusCode.Conflict));
        await using var db = await OpenDatabaseAsync();
        var after = await ScalarAsync<long>(db, $"SELECT count(*) FROM \"Ballots\" WHERE \"CampaignId\" = '{campaign}'");
        Assert.Equal(codes.Count, after - before);
    }

    [ScaleFact]
    public async Task Stopping_one_instance_leaves_the_others_users_untouched_and_its_users_reconnect_still_signed_in()
    {
        var (playwright, browser) = await BrowserSession.LaunchAsync();
        string? stopped = null;
        try
        {
            // Browsers get their instance from their affinity cookie: sign in until there is one on each.
            var unitsPath = await UnitsPathAsync();
            var pages = new Dictionary<string, IPage>();
            for (var i = 0; i < 16 && pages.Count < 2; i++)
            {
                var page = await (await browser.NewContextAsync()).NewPageAsync();
                await BrowserSession.SignInAsync(page, Proxy, Staff, PortalApp.Password);
                var response = await page.GotoAsync(new Uri(Proxy, unitsPath).ToString());
                var instance = await response!.HeaderValueAsync("x-portal-instance");
                if (instance is not null && pages.TryAdd(instance, page))
                {
                    await page.WaitForSelectorAsync("#portal-interactive", new PageWaitForSelectorOptions { State = WaitForSelectorState.Attached, Timeout = 30_000 });
                }
                else
                {
                    await page.Context.CloseAsync();
                }
            }

            Assert.True(pages.ContainsKey("a") && pages.ContainsKey("b"), "sixteen browsers should have reached both instances");

            stopped = "a";
            await ControlAsync("instance-stop a");

            // b's user carries on in the same circuit: a search answers.
            var onB = pages["b"];
            await onB.FillAsync("#unit-search", "检察院");
            await onB.Locator("tbody tr", new PageLocatorOptions { HasText = "检察院" }).First.WaitForAsync();
            Assert.Null(await onB.QuerySelectorAsync("#components-reconnect-modal[open], .components-reconnect-show"));

            // a's user loses the circuit. Blazor (.NET 10) reconnects through nginx, which now reaches b; b does not know
            // the circuit and the browser either resumes it there from the state it kept (no dialog) or shows the
            // reconnect dialog, after which the person reloads. Either way the page works again, on b, still signed in.
            var onA = pages["a"];
            var dialog = await onA.WaitForFunctionAsync(
                """
                () => {
                    const host = document.getElementById('components-reconnect-modal');
                    if (!host) return false;
                    return [host, ...(host.shadowRoot ?? host).querySelectorAll('*')].some(e => {
                        const box = e.getBoundingClientRect();
                        const style = getComputedStyle(e);
                        return box.width > 0 && box.height > 0 && style.display !== 'none' && style.visibility !== 'hidden';
                    });
                }
                """,
                null,
                new PageWaitForFunctionOptions { Timeout = 15_000 }).ContinueWith(t => t.IsCompletedSuccessfully, TaskScheduler.Default);
            if (!dialog)
            {
                // Resumed without a dialog: the same page answers a search (instance a is down, so b answers it).
                await onA.FillAsync("#unit-search", "检察院");
                await onA.Locator("tbody tr", new PageLocatorOptions { HasText = "检察院" }).First.WaitForAsync(new LocatorWaitForOptions { Timeout = 30_000 });
            }

            var again = await onA.ReloadAsync();
            Assert.Equal("b", await again!.HeaderValueAsync("x-portal-instance"));
            Assert.DoesNotContain("/Account/Login", onA.Url, StringComparison.Ordinal);
            await onA.Locator("#unit-search").WaitForAsync();
        }
        finally
        {
            if (stopped is not null)
            {
                await ControlAsync($"instance-start {stopped}");
            }

            await browser.DisposeAsync();
            playwright.Dispose();
        }
    }

    [ScaleFact]
    public async Task Rate_limits_hold_for_the_whole_site_keyed_on_the_client_address_not_on_what_it_claims()
    {
        // Report verification allows 30 lookups per client address and minute (Portal:RateLimits:VerifyPerMinute).
        // One address sends 40, each with a new affinity cookie and a made-up X-Forwarded-For, trying to spread itself
        // over the instances or to pass for someone else: the site still answers 30 and refuses 10.
        using var client = NewProxyClient(IPAddress.Parse("127.0.3.10"));
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 40; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/api/v1/reports/verify/NOSUCHCODE0" + i, UriKind.Relative));
            request.Headers.Add("Cookie", $"cpb_node={Guid.NewGuid():N}");
            request.Headers.Add("X-Forwarded-For", $"10.9.{i}.1");
            using var response = await client.SendAsync(request);
            statuses.Add(response.StatusCode);
        }

        Assert.Equal(30, statuses.Count(s => s != HttpStatusCode.TooManyRequests));
        Assert.Equal(10, statuses.Count(s => s == HttpStatusCode.TooManyRequests));
        Assert.All(statuses.Take(30), s => Assert.Equal(HttpStatusCode.NotFound, s));

        // The portal sees the client's address through the proxy: another address is not refused.
        using var other = NewProxyClient(IPAddress.Parse("127.0.3.11"));
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(new Uri("/api/v1/reports/verify/NOSUCHCODE99", UriKind.Relative))).StatusCode);
    }

    private static string Env(string name) => Environment.GetEnvironmentVariable(name) ?? "http://127.0.0.1:1";

    private static string Log(string instance)
    {
        var folder = Path.GetDirectoryName(Env("PORTAL_SCALE_CTL"))!;
        var path = Path.Combine(folder, "..", "artifacts", "scale", $"{instance}.log");
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        return new StreamReader(stream).ReadToEnd();
    }

    private static List<int> PassesLogged(string instance) =>
        PassLine().Matches(Log(instance)).Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();

    [GeneratedRegex(@"Reminder pass created (\d+) notification")]
    private static partial Regex PassLine();

    /// <summary>A client of the proxy, optionally from its own loopback address (127.0.0.0/8 is all local), so that one
    /// test can be many residents.</summary>
    private static HttpClient NewProxyClient(IPAddress? from = null)
    {
        var handler = new SocketsHttpHandler { UseCookies = false, MaxConnectionsPerServer = 32 };
        if (from is not null)
        {
            handler.ConnectCallback = async (context, ct) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(new IPEndPoint(from, 0));
                    await socket.ConnectAsync(context.DnsEndPoint, ct);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            };
        }

        return new HttpClient(handler) { BaseAddress = Proxy, Timeout = TimeSpan.FromSeconds(60) };
    }

    private static object Ballot(string code, IReadOnlyList<Guid> units) => new
    {
        code,
        ratings = units.Select(u => new { unitId = u, rating = "satisfied" }).ToArray(),
    };

    private static async Task<HttpStatusCode> SendAsync(HttpClient client, string code, IReadOnlyList<Guid> units)
    {
        try
        {
            using var response = await client.PostAsJsonAsync(new Uri("/api/v1/ballots", UriKind.Relative), Ballot(code, units));
            return response.StatusCode;
        }
        catch (HttpRequestException)
        {
            return HttpStatusCode.BadGateway;
        }
    }

    private static async Task<bool> ReadyAsync(Uri instance)
    {
        using var probe = new HttpClient { BaseAddress = instance, Timeout = TimeSpan.FromSeconds(5) };
        try
        {
            return (await probe.GetAsync(new Uri("/health/ready", UriKind.Relative))).IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    private static string? staffToken;

    /// <summary>Street staff's API client; one sign-in for all the checks (sign-ins are rate limited per address).</summary>
    private static async Task<HttpClient> StaffClientAsync()
    {
        var client = NewProxyClient();
        if (staffToken is null)
        {
            var response = await client.PostAsJsonAsync(new Uri("/api/v1/tokens", UriKind.Relative), new { email = Staff, password = PortalApp.Password });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            staffToken = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        }

        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", staffToken);
        return client;
    }

    /// <summary>东湖街道's units list, where staff search.</summary>
    private static async Task<string> UnitsPathAsync()
    {
        await using var db = await OpenDatabaseAsync();
        return $"/streets/{await ScalarAsync<Guid>(db, "SELECT \"Id\" FROM \"Streets\" WHERE \"Name\" = '东湖街道'")}/units";
    }

    /// <summary>The demo's open campaign of 东湖街道 and three of its units.</summary>
    private static async Task<(Guid Campaign, IReadOnlyList<Guid> Units)> OpenCampaignAsync()
    {
        await using var db = await OpenDatabaseAsync();
        var street = await ScalarAsync<Guid>(db, "SELECT \"Id\" FROM \"Streets\" WHERE \"Name\" = '东湖街道'");
        using var staff = await StaffClientAsync();
        var campaigns = await staff.GetFromJsonAsync<JsonElement>(new Uri($"/api/v1/streets/{street}/evaluations", UriKind.Relative));
        var open = campaigns.EnumerateArray().Single(c => string.Equals(c.GetProperty("status").GetString(), "open", StringComparison.OrdinalIgnoreCase));
        var campaign = open.GetProperty("id").GetGuid();
        await using var command = new NpgsqlCommand($"SELECT \"UnitId\" FROM \"CampaignUnits\" WHERE \"CampaignId\" = '{campaign}' ORDER BY \"SortOrder\" LIMIT 3", db);
        var units = new List<Guid>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            units.Add(reader.GetGuid(0));
        }

        return (campaign, units);
    }

    private static async Task<List<string>> IssueCodesAsync(Guid campaign, int count)
    {
        using var staff = await StaffClientAsync();
        var response = await staff.PostAsJsonAsync(new Uri($"/api/v1/evaluations/{campaign}/codes", UriKind.Relative), new { count });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("codes").EnumerateArray().Select(c => c.GetString()!).ToList();
    }

    private static async Task<NpgsqlConnection> OpenDatabaseAsync()
    {
        // No pooling: a check restarts the database, which ends every pooled connection.
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(Env("PORTAL_SCALE_DATABASE")) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection db, string sql)
    {
        await using var command = new NpgsqlCommand(sql, db);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>scripts/scale.sh stops and starts an instance or the database for the checks.</summary>
    private static async Task ControlAsync(string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo("bash", $"{Env("PORTAL_SCALE_CTL")} {arguments}") { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(5));
        Assert.True(process.ExitCode == 0, $"scale.sh {arguments} failed: {await output}{await error}");
    }
}
