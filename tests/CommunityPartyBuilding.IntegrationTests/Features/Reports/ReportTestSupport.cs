using System.Net;
using System.Text.RegularExpressions;
using UglyToad.PdfPig;

namespace CommunityPartyBuilding.IntegrationTests.Features.Reports;

internal static partial class ReportTestSupport
{
    public static List<string> PageTexts(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return [.. document.GetPages().Select(p => p.Text)];
    }

    /// <summary>With PORTAL_PDF_OUT set, keeps the file (to look at it with pdftoppm).</summary>
    public static void Keep(byte[] pdf, string name)
    {
        var directory = Environment.GetEnvironmentVariable("PORTAL_PDF_OUT");
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
            File.WriteAllBytes(Path.Combine(directory, name + ".pdf"), pdf);
        }
    }

    /// <summary>Posts a PDF to the verification page's upload form the way a browser does (antiforgery token, form name).</summary>
    public static async Task<string> UploadOnPageAsync(HttpClient client, string code, byte[] file)
    {
        var page = await client.GetStringAsync($"/verify/{code}");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(WebUtility.HtmlDecode(HiddenField("_handler").Match(page).Groups[1].Value)), "_handler" },
            { new StringContent(WebUtility.HtmlDecode(HiddenField("__RequestVerificationToken").Match(page).Groups[1].Value)), "__RequestVerificationToken" },
        };
        var content = new ByteArrayContent(file);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/pdf");
        form.Add(content, "file", "report.pdf");
        var response = await client.PostAsync($"/verify/{code}", form);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    private static Regex HiddenField(string name) => new($"name=\"{Regex.Escape(name)}\" value=\"([^\"]*)\"");
}
