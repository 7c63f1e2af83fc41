using Microsoft.AspNetCore.Components;

namespace CommunityPartyBuilding.Web.Components.Shared;

/// <summary>
/// Base of interactive pages: <see cref="PageCancellation"/> is cancelled when the page goes away (another page, a closed
/// circuit), so that the handlers it called stop their queries instead of finishing work nobody will see.
/// </summary>
public abstract class PortalPage : ComponentBase, IDisposable
{
    private readonly CancellationTokenSource cancellation = new();

    protected CancellationToken PageCancellation => cancellation.Token;

    public void Dispose()
    {
        // Not disposed: a handler still running may read the token after the page is gone.
        cancellation.Cancel();
        GC.SuppressFinalize(this);
    }
}
