using CommunityPartyBuilding.UnitTests.Documents;
using CommunityPartyBuilding.Web.Features.Reports;

namespace CommunityPartyBuilding.UnitTests.Features.Reports;

public class BallotCodeCardsTests
{
    [Fact]
    public void Twenty_ballot_codes_make_three_pages_of_cards_with_every_code_on_them()
    {
        var codes = Enumerable.Range(0, 20).Select(_ => VerificationCodes.New()).ToList();
        var document = BallotCodeCards.Compose("东湖街道", "2026年度群众评议", "https://portal.example.org/ballot", codes, PdfTestSupport.CreatedAt);

        var pages = PdfTestSupport.PageTexts(PdfTestSupport.Render(document, "ballot-code-cards"));

        Assert.Equal(3, pages.Count);
        Assert.All(codes, code => Assert.Single(pages, p => p.Contains(BallotCodeCards.FormatCode(code), StringComparison.Ordinal)));
        Assert.Equal(8, codes.Count(code => pages[0].Contains(BallotCodeCards.FormatCode(code), StringComparison.Ordinal)));
        Assert.Equal(4, codes.Count(code => pages[2].Contains(BallotCodeCards.FormatCode(code), StringComparison.Ordinal)));
        Assert.All(pages, p => Assert.Contains("https://portal.example.org/ballot", p, StringComparison.Ordinal));
        Assert.Equal("https://portal.example.org/ballot?code=ABCD2345", BallotCodeCards.BallotLink("https://portal.example.org/ballot", "ABCD2345"));
        Assert.Equal("https://x.org/b?s=1&code=ABCD2345", BallotCodeCards.BallotLink("https://x.org/b?s=1", "ABCD2345"));
    }
}
