using CommunityPartyBuilding.Web.Resources;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.Localization;
using Microsoft.JSInterop;

namespace CommunityPartyBuilding.Web.Infrastructure;

/// <summary>
/// The page side of an all-or-nothing sheet import (member units, in-service members), one per import panel: a file over
/// the limit refused before it is read, otherwise handed to the import (which reads it with <see cref="SheetUpload"/>);
/// a refusal or a failed read shown as one message; a refused sheet's row errors offered as a download. The panel
/// renders <see cref="Busy"/>, <see cref="FileError"/> and <see cref="Result"/>.
/// </summary>
public sealed class SheetImportUpload(long maxFileBytes)
{
    public bool Busy { get; private set; }

    public string? FileError { get; private set; }

    public ImportResult? Result { get; private set; }

    /// <summary>Uploads the chosen file; true when its rows were stored (the import found no errors).</summary>
    public async Task<bool> UploadAsync(IBrowserFile? file, IStringLocalizer<SharedResource> localizer, Func<Stream, long, Task<ImportResult>> import)
    {
        FileError = null;
        Result = null;
        if (file is null)
        {
            return false;
        }

        if (file.Size > maxFileBytes)
        {
            FileError = localizer["Import.TooLarge", maxFileBytes / 1024 / 1024];
            return false;
        }

        Busy = true;
        try
        {
            await using var stream = file.OpenReadStream(maxFileBytes);
            Result = await import(stream, file.Size);
        }
        catch (PortalException e)
        {
            FileError = ProblemResponses.Localize(e, localizer);
        }
        catch (IOException)
        {
            FileError = localizer["Import.ReadFailed"];
        }
        finally
        {
            Busy = false;
        }

        return Result is { Errors.Count: 0 };
    }

    /// <summary>The refused sheet's errors as an xlsx download (<see cref="SheetUpload.ErrorReport"/>).</summary>
    public async Task DownloadErrorsAsync(IJSRuntime js)
    {
        if (Result is null)
        {
            return;
        }

        using var stream = new MemoryStream(SheetUpload.ErrorReport(Result.Errors));
        using var reference = new DotNetStreamReference(stream);
        await js.InvokeVoidAsync("portalDownload", "导入错误报告.xlsx", SheetUpload.XlsxContentType, reference);
    }
}
