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
    private readonly SheetImportUpload upload = new(MemberSheet.MaxFileBytes);

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
        var imported = await upload.UploadAsync(file, L, (stream, length) => CommunityId is { } community
            ? Import.CommunityAsync(community, stream, length)
            : Import.StreetAsync(StreetId, stream, length));
        if (imported)
        {
            await OnImported.InvokeAsync();
        }
    }

    private Task DownloadErrorsAsync() => upload.DownloadErrorsAsync(JS);
}
