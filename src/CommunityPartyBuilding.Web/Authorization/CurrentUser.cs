using System.Security.Claims;
using CommunityPartyBuilding.Web.Infrastructure;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace CommunityPartyBuilding.Web.Authorization;

/// <summary>The person behind the current request or circuit.</summary>
public interface ICurrentUser
{
    PortalUser? User { get; }

    /// <summary>The signed-in user, or a 404-style refusal for anonymous callers.</summary>
    PortalUser Required { get; }
}

/// <summary>
/// Scoped: in an HTTP request it reads <see cref="HttpContext.User"/>; in a Blazor circuit (where there is no
/// HttpContext) the <see cref="CurrentUserCircuitHandler"/> hands it the circuit's principal.
/// </summary>
public sealed class CurrentUser(IHttpContextAccessor httpContextAccessor) : ICurrentUser
{
    private ClaimsPrincipal? circuitPrincipal;

    public PortalUser? User => PortalUser.FromPrincipal(circuitPrincipal ?? httpContextAccessor.HttpContext?.User);

    public PortalUser Required => User ?? throw new PortalForbiddenException("Error.SignInRequired");

    internal void SetCircuitPrincipal(ClaimsPrincipal principal) => circuitPrincipal = principal;
}

/// <summary>Keeps <see cref="CurrentUser"/> and the audit actor in step with the circuit's authentication state.</summary>
public sealed class CurrentUserCircuitHandler(
    AuthenticationStateProvider authenticationStateProvider,
    CurrentUser currentUser,
    CircuitActivity activity) : CircuitHandler, IDisposable
{
    public override async Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        authenticationStateProvider.AuthenticationStateChanged += OnAuthenticationChanged;
        var state = await authenticationStateProvider.GetAuthenticationStateAsync();
        currentUser.SetCircuitPrincipal(state.User);
    }

    public override Func<CircuitInboundActivityContext, Task> CreateInboundActivityHandler(
        Func<CircuitInboundActivityContext, Task> next) => async context =>
    {
        var user = currentUser.User;
        AuditActor.Current = user is null ? null : new AuditActor.Actor(user.Id, user.Email);
        activity.Touch();
        await next(context);
    };

    private void OnAuthenticationChanged(Task<AuthenticationState> task)
    {
        _ = UpdateAsync(task);

        async Task UpdateAsync(Task<AuthenticationState> stateTask)
        {
            try
            {
                var state = await stateTask;
                currentUser.SetCircuitPrincipal(state.User);
            }
            catch (InvalidOperationException)
            {
                // The state could not be computed; keep the previous principal until the next change.
            }
        }
    }

    public void Dispose() => authenticationStateProvider.AuthenticationStateChanged -= OnAuthenticationChanged;
}

/// <summary>When the person last did something in this circuit; the idle timeout reads it.</summary>
public sealed class CircuitActivity(TimeProvider clock)
{
    public DateTimeOffset LastActivity { get; private set; } = clock.GetUtcNow();

    public void Touch() => LastActivity = clock.GetUtcNow();
}
