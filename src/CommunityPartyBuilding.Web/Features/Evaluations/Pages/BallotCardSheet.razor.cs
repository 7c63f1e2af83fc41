using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace CommunityPartyBuilding.Web.Features.Evaluations.Pages;

public partial class BallotCardSheet
{
    private readonly Dictionary<string, MarkupString> qrCodes = [];
    private int part;

    [Parameter, EditorRequired]
    public BallotCardSet Set { get; set; } = default!;

    [Parameter]
    public EventCallback OnBack { get; set; }

    /// <summary>Slot for a "下载PDF" button: the PDF of the same cards (src/CommunityPartyBuilding.Documents) is added later; empty for now.</summary>
    [Parameter]
    public RenderFragment? PdfAction { get; set; }

    private int Parts => (Set.Codes.Count + BallotCardSet.CardsPerPart - 1) / BallotCardSet.CardsPerPart;

    private IEnumerable<BallotCard> PartCards => Set.Cards.Skip(part * BallotCardSet.CardsPerPart).Take(BallotCardSet.CardsPerPart);

    private static int SheetCount(int cards) => (cards + BallotCardSet.CardsPerSheet - 1) / BallotCardSet.CardsPerSheet;

    /// <summary>Each QR code is drawn once, not on every render.</summary>
    private MarkupString Qr(BallotCard card)
    {
        if (!qrCodes.TryGetValue(card.Url, out var svg))
        {
            svg = (MarkupString)BallotCardSet.QrSvg(card.Url);
            qrCodes[card.Url] = svg;
        }

        return svg;
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender)
        {
            // The cards replace the evaluation page: start at their top, not where the page was scrolled to.
            await JS.InvokeVoidAsync("scrollTo", 0, 0);
        }
    }

    private async Task PrintAsync() => await JS.InvokeVoidAsync("print");
}
