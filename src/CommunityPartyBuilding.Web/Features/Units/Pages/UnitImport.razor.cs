using CommunityPartyBuilding.Web.Features.Units;
using CommunityPartyBuilding.Web.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.JSInterop;
using MudBlazor;

namespace CommunityPartyBuilding.Web.Features.Units.Pages;

public partial class UnitImport
{
    private bool busy;
    private string? fileError;
    private ImportResult? result;

    [Parameter]
    public Guid StreetId { get; set; }

    private async Task UploadAsync(IBrowserFile? file)
    {
        fileError = null;
        result = null;
        if (file is null)
        {
            return;
        }

        if (file.Size > UnitSheet.MaxFileBytes)
        {
            fileError = L["Import.TooLarge", 5];
            return;
        }

        busy = true;
        try
        {
            await using var stream = file.OpenReadStream(UnitSheet.MaxFileBytes);
            result = await ImportUnits.HandleAsync(StreetId, stream, file.Size);
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
    }

    private async Task DownloadErrorsAsync()
    {
        if (result is null)
        {
            return;
        }

        using var stream = new MemoryStream(SheetUpload.ErrorReport(result.Errors));
        using var reference = new DotNetStreamReference(stream);
        await JS.InvokeVoidAsync("portalDownload", "导入错误报告.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", reference);
    }
}
