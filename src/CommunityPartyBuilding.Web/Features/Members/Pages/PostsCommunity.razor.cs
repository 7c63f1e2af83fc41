using CommunityPartyBuilding.Web.Authorization;
using CommunityPartyBuilding.Web.Components.Shared;
using CommunityPartyBuilding.Web.Features.Administration;
using CommunityPartyBuilding.Web.Infrastructure;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CommunityPartyBuilding.Web.Features.Members.Pages;

/// <summary>The community's posts for its staff (street staff choose the community): create, edit, withdraw, print the QR poster.</summary>
public partial class PostsCommunity
{
    private readonly DialogOptions dialogOptions = new() { MaxWidth = MaxWidth.Small, FullWidth = true, CloseButton = true };
    private PostList? list;
    private List<CommunityDto> communities = [];
    private Guid currentCommunity;
    private string communityName = "";
    private bool notFound;
    private bool busy;
    private bool editing;
    private PostForm form = new();
    private Dictionary<string, string> errors = [];

    [Inject] private GetPosts GetPosts { get; set; } = default!;

    [Inject] private GetStreets GetStreets { get; set; } = default!;

    [Inject] private CreatePost CreatePost { get; set; } = default!;

    [Inject] private UpdatePost UpdatePost { get; set; } = default!;

    [Inject] private WithdrawPost WithdrawPost { get; set; } = default!;

    [Inject] private CheckInPosters Posters { get; set; } = default!;

    [Inject] private ICurrentUser CurrentUser { get; set; } = default!;

    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    [Inject] private NavigationManager Navigation { get; set; } = default!;

    [Parameter]
    public Guid CommunityId { get; set; }

    protected override async Task OnParametersSetAsync()
    {
        notFound = false;
        try
        {
            var user = CurrentUser.Required;
            if (user.StreetId is { } streetId)
            {
                var street = await GetStreets.HandleAsync(streetId);
                communities = user.IsCommunityStaff ? street.Communities.Where(c => c.Id == user.CommunityId).ToList() : [.. street.Communities];
            }

            currentCommunity = CommunityId != Guid.Empty ? CommunityId : user.CommunityId ?? communities.FirstOrDefault()?.Id ?? Guid.Empty;
            communityName = communities.FirstOrDefault(c => c.Id == currentCommunity)?.Name ?? "";
            await LoadAsync();
        }
        catch (PortalException)
        {
            notFound = true;
        }
    }

    private async Task LoadAsync()
    {
        list = await GetPosts.HandleAsync(currentCommunity);
        if (communityName.Length == 0)
        {
            communityName = list.Posts.Count > 0 ? list.Posts[0].Community : "";
        }
    }

    private void OnCommunity(Guid id) => Navigation.NavigateTo($"/communities/{id}/posts");

    private void Edit(PostDto? post)
    {
        errors = [];
        form = post is null
            ? new PostForm { Places = 5 }
            : new PostForm { Id = post.Id, Kind = post.Kind, Title = post.Title, Duties = post.Duties, Place = post.Place, Schedule = post.Schedule, Places = post.Places, Version = post.Version };
        editing = true;
    }

    private async Task SaveAsync()
    {
        busy = true;
        var input = new PostInput { Kind = form.Kind, Title = form.Title ?? "", Duties = form.Duties, Place = form.Place, Schedule = form.Schedule, Places = form.Places, Version = form.Version };
        var id = form.Id;
        var refused = await PageErrors.SubmitAsync(Snackbar, L, () => id is { } postId ? UpdatePost.HandleAsync(postId, input) : CreatePost.HandleAsync(currentCommunity, input));
        busy = false;
        if (refused is null)
        {
            editing = false;
            await LoadAsync();
        }
        else
        {
            errors = refused;
        }
    }

    private async Task WithdrawAsync(PostDto post)
    {
        busy = true;
        if (await PageErrors.TryAsync(Snackbar, L, () => WithdrawPost.HandleAsync(post.Id), "Posts.WithdrawnDone"))
        {
            await LoadAsync();
        }

        busy = false;
    }

    private async Task RenewAsync(PostDto post)
    {
        busy = true;
        await PageErrors.TryAsync(Snackbar, L, () => Posters.PostCodeAsync(post.Id, renew: true), "Posts.CodeRenewed");
        busy = false;
    }

    private sealed class PostForm
    {
        public Guid? Id { get; init; }

        public PostKind? Kind { get; set; }

        public string? Title { get; set; }

        public string? Duties { get; set; }

        public string? Place { get; set; }

        public string? Schedule { get; set; }

        public int Places { get; set; }

        public uint? Version { get; init; }
    }
}
