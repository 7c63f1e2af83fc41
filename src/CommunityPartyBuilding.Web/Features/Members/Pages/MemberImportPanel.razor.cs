using CommunityPartyBuilding.Web.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.JSInterop;

namespace CommunityPartyBuilding.Web.Features.Members.Pages;

/// <summary>
/// 批量登记 on the members page: the template, the upload and the row-by-row errors of a refused sheet. Street staff import
/// for the whole street; community staff for their community (<see cref="CommunityId"/>).
/// </summary>
public partial class MemberImportPanel
{
    private bool busy;
    private string? fileError;
    private ImportResult? result;

    [Inject] private ImportMembers Import { get; set; } = default!;

    [Inject] private IJSRuntime JS { get; set; } = default!;

    [Parameter, EditorRequired]
    public Guid StreetId { get; set; }

    /// <summary>Community staff: their community; the sheet's rows must be of it.</summary>
    [Parameter]
    public Guid? CommunityId { get; set; }

    [Parameter]
    public string? CommunityName { get; set; }

    [Parameter]
    public EventCallback OnImported { get; set; }

    private async Task UploadAsync(IBrowserFile? file)
    {
        fileError = null;
        result = null;
        if (file is null)
        {
            return;
        }

        if (file.Size > MemberSheet.MaxFileBytes)
        {
            fileError = L["Import.TooLarge", MemberSheet.MaxFileBytes / 1024 / 1024];
            return;
        }

        busy = true;
        try
        {
            await using var stream = file.OpenReadStream(MemberSheet.MaxFileBytes);
            result = CommunityId is { } community
                ? await Import.CommunityAsync(community, stream, file.Size)
                : await Import.StreetAsync(StreetId, stream, file.Size);
        }
        catch (PortalException e)
        {
            fileError = ProblemResponses.Localize(e, L);
        }
        catch (IOException)
        {
            fileError = L["Import.ReadFailed"];
        }
        finally
        {
            busy = false;
        }

        if (result is { Errors.Count: 0 })
        {
            await OnImported.InvokeAsync();
        }
    }

    private async Task DownloadErrorsAsync()
    {
        if (result is null)
        {
            return;
        }

        using var stream = new MemoryStream(SheetUpload.ErrorReport(result.Errors));
        using var reference = new DotNetStreamReference(stream);
        await JS.InvokeVoidAsync("portalDownload", "导入错误报告.xlsx", SheetUpload.XlsxContentType, reference);
    }
}
