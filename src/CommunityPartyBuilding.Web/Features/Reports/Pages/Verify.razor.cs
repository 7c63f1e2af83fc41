using CommunityPartyBuilding.Web.Infrastructure;
using Microsoft.AspNetCore.Components;

namespace CommunityPartyBuilding.Web.Features.Reports.Pages;

public partial class Verify
{
    private ReportVerification? report;
    private ComparisonResult? comparison;
    private string? lookedUp;
    private string? uploadError;

    [Parameter]
    public string? Code { get; set; }

    /// <summary>The GET form's field: /verify?code=abcd-2345 leads to /verify/ABCD2345.</summary>
    [SupplyParameterFromQuery(Name = "code")]
    public string? QueryCode { get; set; }

    [CascadingParameter]
    private HttpContext HttpContext { get; set; } = default!;

    [Inject]
    private VerifyReport VerifyReport { get; set; } = default!;

    [Inject]
    private BusinessCalendar Calendar { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        if (Code is null && !string.IsNullOrWhiteSpace(QueryCode))
        {
            if (VerificationCodes.Normalise(QueryCode) is { } normalised)
            {
                Navigation.NavigateTo($"/verify/{normalised}");
                return;
            }

            lookedUp = QueryCode.Trim();
            return;
        }

        if (Code is not null)
        {
            lookedUp = Code;
            report = await VerifyReport.FindAsync(Code, HttpContext.RequestAborted);
        }
    }

    private async Task CompareAsync()
    {
        if (report is null)
        {
            return;
        }

        var file = HttpContext.Request.HasFormContentType ? HttpContext.Request.Form.Files.GetFile("file") : null;
        try
        {
            await using var stream = file?.OpenReadStream();
            comparison = await VerifyReport.CompareAsync(report, stream, file?.Length ?? 0, HttpContext.RequestAborted);
        }
        catch (PortalValidationException e)
        {
            uploadError = ProblemResponses.Localize(e, L);
        }
    }
}
