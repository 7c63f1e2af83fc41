using System.Collections.Concurrent;
using System.Diagnostics;

namespace CommunityPartyBuilding.Benchmarks;

/// <summary>
/// Counts the statements Npgsql executes in this process (its "Npgsql" ActivitySource) while it is alive: how many
/// round trips one list costs each way. Only used in the pre-flight check, never while BenchmarkDotNet measures.
/// </summary>
public sealed class StatementCounter : IDisposable
{
    private readonly ActivityListener listener;
    private readonly ConcurrentQueue<string> statements = new();

    public StatementCounter()
    {
        listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Npgsql",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity => statements.Enqueue(Describe(activity)),
        };
        ActivitySource.AddActivityListener(listener);
    }

    public IReadOnlyList<string> Statements => statements.ToArray();

    public void Dispose() => listener.Dispose();

    /// <summary>The statement's first words, e.g. "SELECT count(*)::int FROM "MemberUnits"…".</summary>
    private static string Describe(Activity activity)
    {
        var text = activity.TagObjects.FirstOrDefault(t => t.Key is "db.query.text" or "db.statement").Value as string ?? activity.DisplayName;
        text = string.Join(' ', text.Split((char[])['\n', '\r', ' '], StringSplitOptions.RemoveEmptyEntries));
        return text.Length > 90 ? text[..90] + "…" : text;
    }
}
