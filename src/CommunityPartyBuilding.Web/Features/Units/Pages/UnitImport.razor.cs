using CommunityPartyBuilding.Web.Features.Units;
using CommunityPartyBuilding.Web.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;

namespace CommunityPartyBuilding.Web.Features.Units.Pages;

public partial class UnitImport
{
    private readonly SheetImportUpload upload = new(UnitSheet.MaxFileBytes);

    [Parameter]
    public Guid StreetId { get; set; }

    /// <summary>The page stays as it is after an import: its success message links to the units.</summary>
    private async Task UploadAsync(IBrowserFile? file) => await upload.UploadAsync(file, L, (stream, length) => ImportUnits.HandleAsync(StreetId, stream, length));

    private Task DownloadErrorsAsync() => upload.DownloadErrorsAsync(JS);
}
