using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CommunityPartyBuilding.Web.Data.Seeding;

namespace CommunityPartyBuilding.Benchmarks;

/// <summary>
/// The circuits benchmark's second part (issue #18, item 6: memory after the load tests, per GC configuration): once
/// every page is closed, the overload benchmark's loads are sent to the same portal process over HTTP on loopback: 200
/// clients on the street dashboard, 200 on the finalised annual report (served from storage) and 50 issuing it anew
/// (renders), each for a fixed time, clients waiting their Retry-After after a 503. After each, the process's peak
/// resident set during the load (VmHWM, reset before it through <c>/proc/PID/clear_refs</c>) and its memory after a
/// forced full collection. Off with PORTAL_BENCH_CIRCUIT_HTTP_LOAD=0.
/// </summary>
public static partial class CircuitsRun
{
    private static readonly TimeSpan LoadDuration = TimeSpan.FromSeconds(20);

    private sealed record LoadPhase(string Name, int Clients, LoadRun Run, Snapshot After, long PeakResidentBytes);

    private static bool HttpLoadWanted => System.Environment.GetEnvironmentVariable("PORTAL_BENCH_CIRCUIT_HTTP_LOAD") != "0";

    private static async Task<List<LoadPhase>> LoadAsync(PortalProcess portal, GcConfiguration configuration)
    {
        using var client = BenchApi.LoopbackClient(portal.BaseAddress, 200);
        var streetId = await BenchApi.SignInAsStaffAsync(client);
        var campaign = (await BenchApi.CampaignAsync(client, streetId, "published", "finalised")).GetProperty("id").GetString();

        var phases = new List<LoadPhase>();
        foreach (var (name, clients, method, path) in new[]
        {
            ("200 clients on the street dashboard", 200, "GET", $"/api/v1/streets/{streetId}/dashboard"),
            ("200 clients on the annual report, served from storage", 200, "GET", $"/api/v1/evaluations/{campaign}/report.pdf"),
            ("50 clients issuing the annual report anew (renders)", 50, "POST", $"/api/v1/evaluations/{campaign}/report/reissue"),
        })
        {
            using (var warm = new HttpRequestMessage(new HttpMethod(method), path))
            {
                (await client.SendAsync(warm)).EnsureSuccessStatusCode();
            }

            ResetPeakResident(portal.ProcessId);
            var run = await LoopbackLoad.RunAsync(client, clients, LoadDuration, () => new HttpRequestMessage(new HttpMethod(method), path), waitRetryAfter: true);
            var peak = PeakResident(portal.ProcessId);
            var after = await portal.SnapshotAsync(reset: true);
            phases.Add(new LoadPhase(name, clients, run, after, peak));
            BenchEnvironment.Log($"[{configuration.Name}] {name}: 200×{run.Count(200)}, 503×{run.Count(503)}, p95 {LoopbackLoad.Percentile(run.Ms(200), 0.95):F0} ms; "
                + $"peak {Mb(peak)} resident; after: {Mb(after.WorkingSetBytes)} resident, {Mb(after.ManagedBytes)} managed");
        }

        return phases;
    }

    private static void WriteLoads(StringBuilder md, ConfigurationResult r)
    {
        if (r.Loads.Count == 0)
        {
            return;
        }

        var ci = CultureInfo.InvariantCulture;
        md.AppendLine();
        md.AppendLine(ci, $"After the circuits, HTTP loads on the same process ({LoadDuration.TotalSeconds:F0} s each, in this order; memory after each is read after a forced full collection, the peak is the process's VmHWM during the load):");
        md.AppendLine();
        md.AppendLine("| load | answered 200 | 503 | p95 (200) | peak resident during | resident after | managed after | GC committed after |");
        md.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var l in r.Loads)
        {
            md.AppendLine(ci, $"| {l.Name} | {l.Run.Count(200)} | {l.Run.Count(503)} | {LoopbackLoad.Percentile(l.Run.Ms(200), 0.95):F0} ms | {Mb(l.PeakResidentBytes)} | "
                + $"{Mb(l.After.WorkingSetBytes)} | {Mb(l.After.ManagedBytes)} | {Mb(l.After.CommittedBytes)} |");
        }
    }

    /// <summary>Resets the process's peak resident set (Linux: writing 5 to clear_refs); without the right to, the peak is since start.</summary>
    private static void ResetPeakResident(int pid)
    {
        try
        {
            File.WriteAllText($"/proc/{pid}/clear_refs", "5");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            BenchEnvironment.Log($"could not reset the peak resident set of {pid} ({e.Message}): the peak is since the start");
        }
    }

    private static long PeakResident(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
    }
}
