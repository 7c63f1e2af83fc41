using System.Globalization;
using CommunityPartyBuilding.Web.Infrastructure;
using Microsoft.AspNetCore.Components;

namespace CommunityPartyBuilding.Web.Features.PublicNotice.Pages;

public partial class PublicNoticePage
{
    private PublicNotice? notice;

    [Parameter]
    public Guid StreetId { get; set; }

    [CascadingParameter]
    private HttpContext HttpContext { get; set; } = default!;

    [Inject]
    private GetPublicNotice GetNotice { get; set; } = default!;

    protected override async Task OnParametersSetAsync()
    {
        try
        {
            notice = await GetNotice.HandleAsync(StreetId, HttpContext.RequestAborted);
        }
        catch (PortalNotFoundException)
        {
            // The page says so in the resident's words (the API answers 404); a 404 status here would hand the response
            // to the staff shell's not-found page, which points at sign-in.
            notice = null;
        }
    }

    private static int Percent(decimal ratio) => (int)Math.Round(ratio * 100m, MidpointRounding.AwayFromZero);

    private static string Amount(decimal value) => value.ToString(value == decimal.Truncate(value) ? "#,##0" : "#,##0.##", CultureInfo.CurrentCulture);
}
