using CommunityPartyBuilding.Web.Components.Shared;
using CommunityPartyBuilding.Web.Infrastructure;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CommunityPartyBuilding.Web.Features.Members.Pages;

/// <summary>The member's posts (phone first): those held, and the community's posts with free places to claim.</summary>
public partial class PostsMine
{
    private PostList? list;
    private string community = "";
    private string? failed;
    private bool busy;

    [Inject] private GetMemberPosts GetPosts { get; set; } = default!;

    [Inject] private ClaimPost Claim { get; set; } = default!;

    [Inject] private ReleasePost Release { get; set; } = default!;

    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        try
        {
            await LoadAsync();
        }
        catch (PortalException e)
        {
            failed = ProblemResponses.Localize(e, L);
        }
    }

    private async Task LoadAsync()
    {
        var (_, name, posts) = await GetPosts.HandleAsync();
        community = name;
        list = posts;
    }

    private async Task ClaimAsync(PostDto post)
    {
        busy = true;
        await PageErrors.TryAsync(Snackbar, L, () => Claim.HandleAsync(post.Id), "Posts.Claimed");
        await LoadAsync();
        busy = false;
    }

    private async Task ReleaseAsync(PostDto post)
    {
        busy = true;
        await PageErrors.TryAsync(Snackbar, L, () => Release.HandleAsync(post.Id), "Posts.Released");
        await LoadAsync();
        busy = false;
    }
}
