using CommunityPartyBuilding.Web.Infrastructure;
using CommunityPartyBuilding.Web.Resources;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.Localization;

namespace CommunityPartyBuilding.Web.Components.Shared;

/// <summary>
/// Photos chosen on a page (needs, projects): each file handed to the handler in turn, too large ones refused before
/// reading, and one message per refused file; stops at the photo limit.
/// </summary>
public static class PhotoUploads
{
    public static async Task<string?> AddAsync(IReadOnlyList<IBrowserFile>? files, long maxBytes, IStringLocalizer<SharedResource> localizer,
        Func<string, Stream, long, Task> add)
    {
        if (files is null || files.Count == 0)
        {
            return null;
        }

        var problems = new List<string>();
        foreach (var file in files)
        {
            if (file.Size > maxBytes)
            {
                problems.Add($"{file.Name}：{localizer["Upload.PhotoTooLarge", maxBytes / (1024 * 1024)]}");
                continue;
            }

            try
            {
                await using var stream = file.OpenReadStream(maxBytes);
                await add(file.Name, stream, file.Size);
            }
            catch (PortalException e)
            {
                problems.Add($"{file.Name}：{ProblemResponses.Localize(e, localizer)}");
                if (e is PortalValidationException v && v.Failures.Any(f => f.MessageKey == "Upload.TooManyPhotos"))
                {
                    break;
                }
            }
            catch (IOException)
            {
                problems.Add($"{file.Name}：{localizer["Agreements.ReadFailed"]}");
            }
        }

        return problems.Count == 0 ? null : string.Join("\n", problems);
    }
}
