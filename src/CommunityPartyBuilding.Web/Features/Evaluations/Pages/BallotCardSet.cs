using QRCoder;

namespace CommunityPartyBuilding.Web.Features.Evaluations.Pages;

/// <summary>One printed 评议卡: the code as shown (ABCD-EFGH) and the address its QR code opens.</summary>
public sealed record BallotCard(string Code, string Url);

/// <summary>
/// The cards of one batch of freshly issued codes, as the printable page lays them out (eight per A4 sheet). The plain
/// codes exist only in the issuing person's page, so whatever prints them (this page now, a PDF later) starts from here.
/// </summary>
public sealed record BallotCardSet(string StreetName, int Year, int Batch, string BallotUrl, IReadOnlyList<string> Codes)
{
    public const int CardsPerSheet = 8;

    /// <summary>At most this many cards are laid out at once (25 sheets); bigger batches print in parts.</summary>
    public const int CardsPerPart = 200;

    /// <summary><paramref name="baseUri"/> is the portal's base address with its trailing slash (NavigationManager.BaseUri).</summary>
    public static BallotCardSet For(string streetName, int year, IssuedCodes issued, string baseUri) =>
        new(streetName, year, issued.Batch, baseUri.TrimEnd('/') + "/ballot", issued.Codes);

    public IEnumerable<BallotCard> Cards => Codes.Select(c => new BallotCard(c, $"{BallotUrl}?code={Uri.EscapeDataString(c)}"));

    /// <summary>The QR code of a card's address as inline SVG that scales to its box (error correction M).</summary>
    public static string QrSvg(string url)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(url, QRCodeGenerator.ECCLevel.M);
        return new SvgQRCode(data).GetGraphic(4, "#000000", "#ffffff", drawQuietZones: true, SvgQRCode.SizingMode.ViewBoxAttribute);
    }
}
