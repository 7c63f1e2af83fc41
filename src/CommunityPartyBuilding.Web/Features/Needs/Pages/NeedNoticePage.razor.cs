using System.Globalization;
using CommunityPartyBuilding.Web.Infrastructure;
using Microsoft.AspNetCore.Components;

namespace CommunityPartyBuilding.Web.Features.Needs.Pages;

/// <summary>
/// 办理情况通报: a street's needs handled per unit in one month (?month=yyyy-MM, default this month), with its xlsx download
/// and, for a finished month, the issued PDF (verification code).
/// </summary>
public partial class NeedNoticePage
{
    private NeedNotice? notice;
    private string? loadError;

    [Parameter]
    public Guid StreetId { get; set; }

    [SupplyParameterFromQuery(Name = "month")]
    public string? Month { get; set; }

    private string MonthText => (notice?.Month ?? Calendar.Today).ToString("yyyy-MM", CultureInfo.InvariantCulture);

    protected override async Task OnParametersSetAsync()
    {
        try
        {
            notice = await GetNotice.HandleAsync(StreetId, string.IsNullOrEmpty(Month) ? Calendar.Today.ToString("yyyy-MM", CultureInfo.InvariantCulture) : Month);
            loadError = null;
        }
        catch (PortalException e)
        {
            notice = null;
            loadError = ProblemResponses.Localize(e, L);
        }
    }

    /// <summary>A finished month's notice may be issued as a PDF; this month's only once it is over.</summary>
    private bool MayIssuePdf => notice is not null && IssueNeedNotice.MayIssue(notice.Month, Calendar.Today);

    /// <summary>The shown month as the picker's date (its first day).</summary>
    private DateTime? MonthDate => (notice?.Month ?? Calendar.Today).ToDateTime(TimeOnly.MinValue);

    /// <summary>No month after this one (the notice of a month to come is refused).</summary>
    private DateTime MaxMonth => Calendar.Today.ToDateTime(TimeOnly.MinValue);

    private void OnMonthPicked(DateTime? value)
    {
        if (value is { } picked)
        {
            Navigation.NavigateTo($"/streets/{StreetId}/needs/notice?month={picked.ToString("yyyy-MM", CultureInfo.InvariantCulture)}");
        }
    }
}
