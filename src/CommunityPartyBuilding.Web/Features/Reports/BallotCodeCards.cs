using CommunityPartyBuilding.Documents;

namespace CommunityPartyBuilding.Web.Features.Reports;

/// <summary>
/// Ballot code cards (评议码卡片) for resident representatives: 8 per A4 page (2 × 4) with dashed cut lines; each
/// card has the street, the campaign, the code in large fixed-width letters (ABCD-EFGH), the ballot URL, a QR code
/// of <c>{ballotUrl}?code={code}</c> and a short instruction. A pure composition: the caller supplies the plain
/// codes (shown once, when they are generated) and issues the document.
/// </summary>
public static class BallotCodeCards
{
    public const int CardsPerPage = 8;

    public static Document Compose(string streetName, string campaignTitle, string ballotUrl, IReadOnlyList<string> codes, DateTimeOffset createdAt)
    {
        var cards = codes.Select(code => new Card(
            [
                new CardLine(streetName + "大党工委") { Bold = true, Size = 10f },
                new CardLine(campaignTitle, 8.5f) { Muted = true },
                new CardLine("评议码", 8f) { Muted = true, SpaceBefore = 8f },
                new CardLine(FormatCode(code), 18f) { Monospace = true },
                new CardLine("扫描右侧二维码，或访问：", 7.5f) { Muted = true, SpaceBefore = 6f },
                new CardLine(ballotUrl, 7.5f),
                new CardLine("每个评议码只能提交一次，请妥善保管；评议不记名。", 7.5f) { Muted = true, SpaceBefore = 4f },
            ],
            BallotLink(ballotUrl, code))).ToList();

        var title = $"{campaignTitle}评议码";
        return new Document
        {
            Metadata = new DocumentMetadata(title, streetName + "大党工委", "评议码卡片", createdAt),
            Margins = PageMargins.Narrow,
            Footer = new FooterOptions { Text = $"{title}　沿虚线剪开，每人一张" },
            Blocks = [new CardSheetBlock(cards) { Columns = 2, Rows = 4 }],
        };
    }

    /// <summary>The URL the QR code opens: the ballot page with the code filled in.</summary>
    public static string BallotLink(string ballotUrl, string code) =>
        $"{ballotUrl}{(ballotUrl.Contains('?', StringComparison.Ordinal) ? '&' : '?')}code={Uri.EscapeDataString(code)}";

    /// <summary>Groups of four: ABCDEFGH → ABCD-EFGH; ABCDEFGHJKMN → ABCD-EFGH-JKMN.</summary>
    public static string FormatCode(string code) =>
        code.Length <= 4 || code.Contains('-', StringComparison.Ordinal) ? code : string.Join("-", code.Chunk(4).Select(c => new string(c)));
}
