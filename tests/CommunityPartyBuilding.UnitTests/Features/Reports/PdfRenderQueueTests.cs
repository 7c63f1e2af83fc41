using CommunityPartyBuilding.Documents;
using CommunityPartyBuilding.UnitTests.Documents;
using CommunityPartyBuilding.Web.Features.Reports;
using Microsoft.Extensions.Options;

namespace CommunityPartyBuilding.UnitTests.Features.Reports;

public class PdfRenderQueueTests
{
    /// <summary>Counts how many renders run at once, around the real renderer.</summary>
    private sealed class CountingRenderer(IPdfRenderer inner, int holdMilliseconds = 0) : IPdfRenderer
    {
        private int running;
        private int max;

        public int Max => Volatile.Read(ref max);

        public int Calls;

        public byte[] Render(Document document)
        {
            Interlocked.Increment(ref Calls);
            var now = Interlocked.Increment(ref running);
            int seen;
            while (now > (seen = Volatile.Read(ref max)) && Interlocked.CompareExchange(ref max, now, seen) != seen)
            {
            }

            try
            {
                if (holdMilliseconds > 0)
                {
                    Thread.Sleep(holdMilliseconds);
                }

                return inner.Render(document);
            }
            finally
            {
                Interlocked.Decrement(ref running);
            }
        }
    }

    private static PdfRenderQueue Queue(IPdfRenderer renderer, int capacity) =>
        new(renderer, Options.Create(new ReportOptions { MaxConcurrentRenders = capacity }));

    [Fact]
    public async Task Twenty_simultaneous_renders_of_one_report_wait_their_turn_and_all_come_out_the_same()
    {
        var renderer = new CountingRenderer(PdfTestSupport.Renderer);
        using var queue = Queue(renderer, 3);
        var document = SampleDocuments.Report(draft: false, tableRows: 40);

        var copies = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => queue.RenderAsync(document))));

        Assert.Equal(20, renderer.Calls);
        Assert.InRange(renderer.Max, 1, 3);
        Assert.InRange(queue.MaxObservedConcurrency, 1, 3);
        var texts = copies.Select(c => string.Join("\f", PdfTestSupport.PageTexts(c))).ToList();
        Assert.Single(texts.Distinct());
        Assert.Contains("第 1 页 / 共", texts[0], StringComparison.Ordinal);
        Assert.Equal(0, queue.Running);
        Assert.Equal(0, queue.Waiting);
    }

    [Fact]
    public async Task A_caller_who_gives_up_while_waiting_leaves_the_queue_without_rendering()
    {
        var renderer = new CountingRenderer(PdfTestSupport.Renderer, holdMilliseconds: 400);
        using var queue = Queue(renderer, 1);
        var document = new DocumentBuilder(PdfTestSupport.Metadata()).Paragraph("排队测试").Build();

        var first = Task.Run(() => queue.RenderAsync(document));
        SpinWait.SpinUntil(() => queue.Running == 1, TimeSpan.FromSeconds(5));
        using var cancel = new CancellationTokenSource();
        var second = queue.RenderAsync(document, cancel.Token);
        SpinWait.SpinUntil(() => queue.Waiting == 1, TimeSpan.FromSeconds(5));
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => second);
        Assert.NotEmpty(await first);
        Assert.Equal(1, renderer.Calls);
        Assert.Equal(1, queue.MaxObservedConcurrency);
    }

    [Fact]
    public void The_default_capacity_is_at_least_two_and_follows_the_processor_count()
    {
        Assert.Equal(Math.Max(2, Environment.ProcessorCount), new ReportOptions().EffectiveConcurrency);
        Assert.Equal(5, new ReportOptions { MaxConcurrentRenders = 5 }.EffectiveConcurrency);
    }
}
