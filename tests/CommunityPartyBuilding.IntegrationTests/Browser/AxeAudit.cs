using System.Globalization;
using System.Text;
using Deque.AxeCore.Commons;
using Microsoft.Playwright;

namespace CommunityPartyBuilding.IntegrationTests.Browser;

/// <summary>
/// Runs axe-core (rules tagged wcag2a, wcag2aa, wcag21a, wcag21aa) on a list of pages at desk (1440 px) and phone
/// (390 px) widths and collects the violations, so that one test per role reports every page at once.
/// </summary>
internal sealed class AxeAudit(IBrowser browser, Uri baseAddress)
{
    public static readonly string[] Tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

    private static readonly string[] Blocking = ["serious", "critical"];

    private readonly List<string> blocking = [];
    private readonly List<string> summary = [];

    public static IReadOnlyList<(string Name, ViewportSize Size, bool Phone)> Widths { get; } =
    [
        ("1440px", new ViewportSize { Width = 1440, Height = 900 }, false),
        ("390px", new ViewportSize { Width = 390, Height = 844 }, true),
    ];

    public static BrowserNewContextOptions ContextOptions(ViewportSize size, bool phone) => new()
    {
        ViewportSize = size,
        IsMobile = phone,
        HasTouch = phone,
        Locale = "zh-CN",
        // Transitions finished before axe measures colours.
        ReducedMotion = ReducedMotion.Reduce,
    };

    /// <summary>Visits every page in one context per width (signed in as <paramref name="email"/> when given).</summary>
    public async Task VisitAsync(string? email, string password, IReadOnlyList<AuditedPage> pages)
    {
        foreach (var (name, size, phone) in Widths)
        {
            var context = await browser.NewContextAsync(ContextOptions(size, phone));
            try
            {
                var page = await context.NewPageAsync();
                if (email is not null)
                {
                    await BrowserSession.SignInAsync(page, baseAddress, email, password);
                }

                foreach (var audited in pages)
                {
                    await AnalyseAsync(page, audited, name);
                }
            }
            finally
            {
                await context.CloseAsync();
            }
        }
    }

    private async Task AnalyseAsync(IPage page, AuditedPage audited, string width)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await page.GotoAsync(new Uri(baseAddress, audited.Path).ToString());
        if (audited.Interactive)
        {
            await page.WaitForSelectorAsync("#portal-interactive", new PageWaitForSelectorOptions { State = WaitForSelectorState.Attached, Timeout = 60_000 });
        }

        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        if (audited.Ready is not null)
        {
            await page.WaitForSelectorAsync(audited.Ready, new PageWaitForSelectorOptions { State = WaitForSelectorState.Attached, Timeout = 30_000 });
        }

        // Lazy data (grids, charts) and MudBlazor's first layout pass.
        await page.WaitForTimeoutAsync(150);

        var loaded = clock.ElapsedMilliseconds;
        var result = await RunAxeAsync(page);
        var counts = result.Violations.Select(v => $"{v.Id}[{v.Impact}]×{v.Nodes.Length}");
        summary.Add($"{width} {audited.Path} (load {loaded} ms, axe {clock.ElapsedMilliseconds - loaded} ms): {(result.Violations.Length == 0 ? "none" : string.Join(", ", counts))}");
        foreach (var violation in result.Violations.Where(v => Blocking.Contains(v.Impact)))
        {
            var text = new StringBuilder($"{width} {audited.Path}: {violation.Id} ({violation.Impact}) — {violation.Help}");
            foreach (var node in violation.Nodes.Take(5))
            {
                text.Append("\n      ").Append(node.Target).Append("  ")
                    .Append(node.Html.Length > 160 ? node.Html[..160] + "…" : node.Html);
            }

            if (violation.Nodes.Length > 5)
            {
                text.Append(CultureInfo.InvariantCulture, $"\n      … and {violation.Nodes.Length - 5} more");
            }

            blocking.Add(text.ToString());
        }
    }

    /// <summary>
    /// Runs axe-core in the page itself: the script once per document, then <c>axe.run</c> with the WCAG tags and only
    /// the violations collected. (The Playwright wrapper's default runs each frame partially and finishes the run in a
    /// new blank page, which costs about a second per call on this machine and gives the same answer for pages without
    /// frames, which ours are.)
    /// </summary>
    internal static async Task<AxeFindings> RunAxeAsync(IPage page)
    {
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe === 'object'"))
        {
            await page.EvaluateAsync(AxeScript.Value);
        }

        var json = await page.EvaluateAsync<string>(
            """
            async tags => {
              const result = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
              return JSON.stringify(result.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.map(n => ({ target: JSON.stringify(n.target), html: n.html })),
              })));
            }
            """,
            Tags);
        return new AxeFindings(System.Text.Json.JsonSerializer.Deserialize<AxeViolation[]>(json, JsonOptions) ?? []);
    }

    private static readonly Lazy<string> AxeScript = new(() => new BundledAxeScriptProvider().GetScript());

    private static readonly System.Text.Json.JsonSerializerOptions JsonOptions = new() { PropertyNameCaseInsensitive = true };

    internal sealed record AxeFindings(AxeViolation[] Violations);

    internal sealed record AxeViolation(string Id, string? Impact, string Help, AxeNode[] Nodes);

    internal sealed record AxeNode(string? Target, string Html);

    /// <summary>Fails with every serious or critical violation found, page by page; lists all findings either way.</summary>
    public void AssertClean(Action<string>? log = null)
    {
        log?.Invoke(string.Join('\n', summary));
        Assert.True(
            blocking.Count == 0,
            $"axe ({string.Join(", ", Tags)}) found {blocking.Count} serious or critical violation(s):\n  "
            + string.Join("\n  ", blocking) + "\n\nAll findings per page:\n  " + string.Join("\n  ", summary));
    }
}

/// <param name="Path">The address to visit.</param>
/// <param name="Interactive">Whether the page runs in an interactive circuit (waits until it is live).</param>
/// <param name="Ready">A selector that is present once the page's data has loaded.</param>
internal sealed record AuditedPage(string Path, bool Interactive = true, string? Ready = null);
