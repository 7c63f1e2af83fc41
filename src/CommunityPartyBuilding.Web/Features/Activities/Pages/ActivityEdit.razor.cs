using CommunityPartyBuilding.Web.Components.Shared;
using CommunityPartyBuilding.Web.Features.Agreements;
using CommunityPartyBuilding.Web.Features.Agreements.Pages;
using CommunityPartyBuilding.Web.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using MudBlazor;

namespace CommunityPartyBuilding.Web.Features.Activities.Pages;

public partial class ActivityEdit
{
    private string? unitName;
    private Guid unitId;
    private string? loadError;
    private bool saving;
    private bool uploading;
    private bool justSaved;
    private uint? version;
    private ActivityStatus? status;
    private string? returnReason;
    private string? currentCommitmentLabel;
    private string? photoError;
    private List<CommitmentOption> commitments = [];
    private List<ActivityPhotoDto> photos = [];
    private ActivityInput model = new();
    private Dictionary<string, string> errors = [];

    [Parameter]
    public Guid? UnitId { get; set; }

    /// <summary>参与人数 as the field shows it: empty until the person types it (a 0 would only fail validation).</summary>
    private int? ParticipantsField
    {
        get => model.Participants == 0 ? null : model.Participants;
        set => model.Participants = value ?? 0;
    }

    /// <summary>The activity's date as the date picker shows it.</summary>
    private DateTime? HeldOnDate
    {
        get => model.HeldOn == default ? null : model.HeldOn.ToDateTime(TimeOnly.MinValue);
        set => model.HeldOn = value is { } d ? DateOnly.FromDateTime(d) : default;
    }

    [Parameter]
    public Guid? ActivityId { get; set; }

    [SupplyParameterFromQuery(Name = "saved")]
    public bool? Saved { get; set; }

    private string Title => ActivityId is null ? L["Activities.New"] : L["Activities.Edit"];

    private string BackHref => ActivityId is { } id ? $"/activities/{id}" : "/";

    protected override async Task OnParametersSetAsync()
    {
        loadError = null;
        unitName = null;
        errors = [];
        photoError = null;
        justSaved = Saved == true;
        try
        {
            if (ActivityId is { } activityId)
            {
                var detail = await GetActivity.HandleAsync(activityId);
                var a = detail.Activity;
                if (!detail.CanEdit)
                {
                    loadError = a.Status == ActivityStatus.Verified ? L["Activities.NotEditable"] : L["Error.ReadOnly"];
                    return;
                }

                unitId = a.UnitId;
                version = a.Version;
                status = a.Status;
                returnReason = a.ReturnReason;
                currentCommitmentLabel = a.CommitmentLabel;
                photos = detail.Photos.ToList();
                model = new ActivityInput
                {
                    Title = a.Title,
                    Category = a.Category,
                    HeldOn = a.HeldOn,
                    Place = a.Place,
                    Participants = a.Participants,
                    PartyMemberParticipants = a.PartyMemberParticipants,
                    VolunteerHours = a.VolunteerHours,
                    Funds = a.Funds,
                    Beneficiaries = a.Beneficiaries,
                    Description = a.Description,
                    CommitmentId = a.CommitmentId,
                };
            }
            else
            {
                unitId = UnitId!.Value;
                version = null;
                status = null;
                returnReason = null;
                currentCommitmentLabel = null;
                photos = [];
                model = new ActivityInput { HeldOn = Calendar.Today, Category = ServiceCategory.ConvenienceService };
            }

            commitments = await GetCommitmentOptions.HandleAsync(unitId);
            unitName = (await GetUnit.HandleAsync(unitId)).Name;
        }
        catch (PortalException e)
        {
            loadError = ProblemResponses.Localize(e, L);
        }
    }

    private void OnCommitment(Guid? id)
    {
        model.CommitmentId = id;
        if (commitments.FirstOrDefault(c => c.Id == id) is { } option)
        {
            model.Category = option.Category;
        }
    }

    private string OptionText(CommitmentOption c)
    {
        var description = string.IsNullOrWhiteSpace(c.Description) ? "" : " · " + c.Description;
        return $"{c.AgreementTitle} · {L["ServiceCategory." + c.Category]}{description}（{L["Measure." + c.Measure]} {CommitmentProgress.Number(c.Target)}）";
    }

    private string CommitmentText(Guid? id) => id is null
        ? L["Activities.NoCommitment"]
        : commitments.FirstOrDefault(c => c.Id == id) is { } option ? OptionText(option) : currentCommitmentLabel ?? "";

    private async Task SaveAsync()
    {
        saving = true;
        errors = [];
        try
        {
            model.Version = version;
            if (ActivityId is { } id)
            {
                await UpdateActivity.HandleAsync(id, model);
                Snackbar.Add(status == ActivityStatus.Returned ? L["Activities.Logged"] : L["Common.Saved"], Severity.Success);
                Navigation.NavigateTo($"/activities/{id}");
            }
            else
            {
                var created = await LogActivity.HandleAsync(unitId, model);
                Snackbar.Add(L["Activities.Logged"], Severity.Success);
                Navigation.NavigateTo($"/activities/{created}/edit?saved=true");
            }
        }
        catch (PortalValidationException e)
        {
            errors = PageErrors.FieldErrors(e, L);
            Snackbar.Add(L["Common.FixErrors"], Severity.Error);
        }
        catch (PortalException e)
        {
            Snackbar.Add(ProblemResponses.Localize(e, L), Severity.Warning);
        }
        finally
        {
            saving = false;
        }
    }

    private async Task AddPhotosAsync(IReadOnlyList<IBrowserFile>? files)
    {
        photoError = null;
        if (files is null || files.Count == 0 || ActivityId is not { } activityId)
        {
            return;
        }

        uploading = true;
        var problems = new List<string>();
        var added = 0;
        try
        {
            foreach (var file in files)
            {
                if (file.Size > ActivityRules.MaxPhotoBytes)
                {
                    problems.Add($"{file.Name}：{L["Upload.PhotoTooLarge", 5]}");
                    continue;
                }

                try
                {
                    await using var stream = file.OpenReadStream(ActivityRules.MaxPhotoBytes);
                    await AddPhoto.HandleAsync(activityId, file.Name, stream, file.Size);
                    added++;
                }
                catch (PortalException e)
                {
                    problems.Add($"{file.Name}：{ProblemResponses.Localize(e, L)}");
                    if (e is PortalValidationException v && v.Failures.Any(f => f.MessageKey == "Upload.TooManyPhotos"))
                    {
                        break;
                    }
                }
                catch (IOException)
                {
                    problems.Add($"{file.Name}：{L["Agreements.ReadFailed"]}");
                }
            }

            await ReloadPhotosAsync(activityId);
        }
        finally
        {
            uploading = false;
        }

        if (added > 0)
        {
            Snackbar.Add(L["Activities.PhotosAdded", added], Severity.Success);
        }

        photoError = problems.Count == 0 ? null : string.Join("\n", problems);
    }

    private async Task RemovePhotoAsync(Guid photoId)
    {
        if (ActivityId is { } activityId && await PageErrors.TryAsync(Snackbar, L, () => RemovePhoto.HandleAsync(photoId), "Common.Removed"))
        {
            await ReloadPhotosAsync(activityId);
        }
    }

    private async Task ReloadPhotosAsync(Guid activityId)
    {
        try
        {
            photos = (await GetActivity.HandleAsync(activityId)).Photos.ToList();
        }
        catch (PortalException e)
        {
            photoError = ProblemResponses.Localize(e, L);
        }
    }

    private bool Has(string field) => errors.ContainsKey(field);

    private string? ErrorFor(string field) => errors.GetValueOrDefault(field);
}
