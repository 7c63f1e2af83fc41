namespace CommunityPartyBuilding.Web.Infrastructure;

/// <summary>A page of a list: <c>{ "items": [...], "total": N }</c>.</summary>
public sealed record PagedResult<T>(IReadOnlyList<T> Items, int Total);

public readonly record struct PageWindow(int Skip, int Take);

public static class Paging
{
    public const int MaxPageSize = 500;

    /// <summary>Far beyond any list of the portal; a higher page is a bad request, not an arithmetic overflow.</summary>
    public const int MaxPage = 1_000_000;

    public static PageWindow Clamp(int page, int pageSize)
    {
        if (page > MaxPage)
        {
            throw new PortalValidationException([new ValidationFailure("page", "Error.PageOutOfRange", MaxPage)]);
        }

        var size = Math.Clamp(pageSize <= 0 ? 50 : pageSize, 1, MaxPageSize);
        var number = Math.Max(1, page);
        return new PageWindow((number - 1) * size, size);
    }
}
