using CommunityPartyBuilding.Web.Components.Shared;
using CommunityPartyBuilding.Web.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using MudBlazor;

namespace CommunityPartyBuilding.Web.Features.Evaluations.Pages;

public partial class EvaluationPage
{
    private CampaignDetail? campaign;
    private CampaignResults? results;
    private string? loadError;
    private string? resultsError;
    private bool busy;
    private CampaignForm? editForm;
    private Dictionary<string, string> errors = [];
    private int codeCount = 50;
    private string? codeError;

    /// <summary>Codes issued in this page: their plain text exists nowhere else, and is gone when the page is left.</summary>
    private List<IssuedCodes> batches = [];
    private BallotCardSet? printSet;
    private Guid loadedId;

    [Parameter]
    public Guid Id { get; set; }

    private string Heading => L["Evaluations.Heading", campaign!.StreetName, campaign.Year];

    private string WeightsText => string.Join(" · ", new[]
    {
        ("MeetingParticipation", campaign!.Weights.MeetingParticipation),
        ("AgreementFulfilment", campaign.Weights.AgreementFulfilment),
        ("Activity", campaign.Weights.Activity),
        ("ResolutionImplementation", campaign.Weights.ResolutionImplementation),
        ("ResidentEvaluation", campaign.Weights.ResidentEvaluation),
        ("MemberService", campaign.Weights.MemberService),
    }.Where(w => w.Item1 != "MemberService" || w.Item2 > 0).Select(w => $"{L["Indicator." + w.Item1]} {w.Item2}"));

    private string ThresholdsText => L["Evaluations.ThresholdsLine", Number(campaign!.Thresholds.Excellent), Number(campaign.Thresholds.Good), Number(campaign.Thresholds.Fair)];

    private static string Number(decimal value) => value.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture);

    protected override async Task OnParametersSetAsync()
    {
        if (loadedId != Id)
        {
            loadedId = Id;
            batches = [];
            printSet = null;
            editForm = null;
        }

        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        try
        {
            campaign = await GetCampaign.HandleAsync(Id);
            loadError = null;
        }
        catch (PortalException e)
        {
            campaign = null;
            loadError = ProblemResponses.Localize(e, L);
            return;
        }

        results = null;
        resultsError = null;
        if (!CampaignRules.ResultsSealed(campaign.Status))
        {
            try
            {
                results = await GetResults.HandleAsync(Id);
            }
            catch (PortalException e)
            {
                // Not published yet (organisation department, unit leaders): say so instead of the figures.
                resultsError = ProblemResponses.Localize(e, L);
            }
        }
    }

    private async Task StepAsync(EvaluationStatus target)
    {
        var step = L["Evaluations.Step." + target].Value;
        var confirmed = await Dialogs.ShowMessageBoxAsync(
            L["Evaluations.ConfirmTitle", step],
            ConfirmText(target),
            yesText: step,
            cancelText: L["Common.Cancel"]);
        if (confirmed != true)
        {
            return;
        }

        busy = true;
        try
        {
            await PageErrors.TryAsync(Snackbar, L, () => target switch
            {
                EvaluationStatus.Open => OpenCampaign.HandleAsync(Id),
                EvaluationStatus.Closed => CloseCampaign.HandleAsync(Id),
                EvaluationStatus.Finalised => FinaliseCampaign.HandleAsync(Id),
                _ => PublishCampaign.HandleAsync(Id),
            }, "Evaluations.StepDone." + target);

            // Reload either way: a refusal usually means someone else has moved the campaign on.
            editForm = null;
            await LoadAsync();
        }
        finally
        {
            busy = false;
        }
    }

    /// <summary>What the step does, said before it is taken.</summary>
    private string ConfirmText(EvaluationStatus target) => target switch
    {
        EvaluationStatus.Open => L["Evaluations.Confirm.Open", campaign!.Units, DateFormat.Instant(campaign.BallotClosesAt, Calendar.TimeZone)],
        EvaluationStatus.Closed when campaign!.BallotClosesAt > Calendar.UtcNow =>
            L["Evaluations.Confirm.CloseEarly", DateFormat.Instant(campaign.BallotClosesAt, Calendar.TimeZone)],
        EvaluationStatus.Closed => L["Evaluations.Confirm.Close"],
        EvaluationStatus.Finalised => L["Evaluations.Confirm.Finalise"],
        _ => L["Evaluations.Confirm.Publish"],
    };

    private void StartEdit()
    {
        editForm = CampaignForm.From(campaign!, Calendar);
        errors = [];
    }

    private async Task SaveSettingsAsync()
    {
        if (editForm is null)
        {
            return;
        }

        errors = editForm.MissingDates(L);
        if (errors.Count > 0)
        {
            return;
        }

        busy = true;
        try
        {
            var fieldErrors = await PageErrors.SubmitAsync(Snackbar, L, () => UpdateCampaign.HandleAsync(Id, editForm.ToInput(Calendar), campaign!.Version));
            if (fieldErrors is null)
            {
                editForm = null;
                await LoadAsync();
            }
            else
            {
                errors = fieldErrors;
            }
        }
        finally
        {
            busy = false;
        }
    }

    private async Task IssueAsync()
    {
        codeError = null;
        busy = true;
        try
        {
            IssuedCodes? issued = null;
            var fieldErrors = await PageErrors.SubmitAsync(Snackbar, L, async () => issued = await IssueCodes.HandleAsync(Id, codeCount), successKey: null);
            if (fieldErrors is null && issued is not null)
            {
                batches.Insert(0, issued);
                Snackbar.Add(L["Evaluations.CodesIssuedNow", issued.Batch, issued.Codes.Count], Severity.Success);
                await LoadAsync();
            }
            else
            {
                codeError = fieldErrors?.GetValueOrDefault("count");
            }
        }
        finally
        {
            busy = false;
        }
    }

    private void ShowCards(IssuedCodes issued) =>
        printSet = BallotCardSet.For(campaign!.StreetName, campaign.Year, issued, Navigation.BaseUri);

    private async Task AdjustAsync(AssessmentRow row)
    {
        var parameters = new DialogParameters<AdjustmentDialog>
        {
            { d => d.CampaignId, Id },
            { d => d.Row, row },
        };
        var dialog = await Dialogs.ShowAsync<AdjustmentDialog>(L["Evaluations.Adjust"], parameters,
            new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true, CloseOnEscapeKey = true });
        var result = await dialog.Result;
        if (result is { Canceled: false })
        {
            await LoadAsync();
        }
    }

    /// <summary>The cards as an issued PDF (8 per A4 page, cut lines), composed from the codes this circuit still holds.</summary>
    private async Task DownloadCardsPdfAsync()
    {
        if (printSet is null || campaign is null)
        {
            return;
        }

        var title = $"{printSet.StreetName}{printSet.Year}年度群众评议卡（第{printSet.Batch}批）";
        var document = Features.Reports.BallotCodeCards.Compose(printSet.StreetName, $"{printSet.Year}年度群众评议", printSet.BallotUrl, printSet.Codes, Clock.GetUtcNow());
        await PageErrors.TryAsync(Snackbar, L, async () =>
        {
            var file = await Issuer.IssueAsync(new Features.Reports.ReportSubject(Features.Reports.ReportKind.CodeCards, title, title + ".pdf")
            {
                StreetId = campaign.StreetId, Year = campaign.Year, SubjectId = campaign.Id,
            }, document);
            using var stream = new MemoryStream(file.Content);
            using var reference = new DotNetStreamReference(stream);
            await JS.InvokeVoidAsync("portalDownload", file.FileName, Features.Reports.IssuedFile.ContentType, reference);
        });
    }

    /// <summary>Issues a new copy of the finalised annual report (the stored one is superseded) and downloads it.</summary>
    private async Task ReissueAnnualReportAsync()
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync(L["Reports.ReissueTitle"], L["Reports.ReissueConfirm"].Value,
            yesText: L["Reports.Reissue"], cancelText: L["Common.Cancel"]);
        if (confirmed != true)
        {
            return;
        }

        busy = true;
        try
        {
            await PageErrors.TryAsync(Snackbar, L, async () =>
            {
                var file = await AnnualReport.HandleAsync(Id, reissue: true);
                Snackbar.Add(L["Reports.Reissued", Features.Reports.VerificationCodes.Format(file.Issued?.VerificationCode ?? "")], Severity.Success);
                using var stream = new MemoryStream(file.Content);
                using var reference = new DotNetStreamReference(stream);
                await JS.InvokeVoidAsync("portalDownload", file.FileName, Features.Reports.IssuedFile.ContentType, reference);
            });
        }
        finally
        {
            busy = false;
        }
    }
}
