using CommunityPartyBuilding.Documents;
using CommunityPartyBuilding.Web.Authorization;
using CommunityPartyBuilding.Web.Data;
using CommunityPartyBuilding.Web.Features.Projects;
using CommunityPartyBuilding.Web.Features.Reports;
using CommunityPartyBuilding.Web.Infrastructure;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CommunityPartyBuilding.Web.Features.Members;

/// <summary>A poster's code: what it is for, until when, and the address its QR code opens.</summary>
public sealed record CheckInCodeDto(string Code, Guid? PostId, Guid? ProjectId, DateOnly ValidFrom, DateOnly ValidUntil, string Url);

/// <summary>What a scanned code fills in on the member's record form (only for a member of the subject's community).</summary>
public sealed record CheckInTarget(string Code, Guid? PostId, Guid? ProjectId, string Title, string Place, bool ValidToday);

/// <summary>
/// Check-in codes (签到码) of posts and projects: staff print a poster per post or project; a new poster replaces the old
/// code (it stops counting). The QR code opens <c>/m/check-in/{code}</c> on the member's phone.
/// </summary>
internal static class CheckInCodes
{
    /// <summary>The subject's code in force, or a new one (the old ones replaced) when asked to or when there is none.</summary>
    public static async Task<CheckInCode> CurrentOrNewAsync(PortalDbContext db, Guid streetId, Guid? postId, Guid? projectId, bool renew, string by, BusinessCalendar calendar, CancellationToken ct)
    {
        var today = calendar.Today;
        var codes = await db.CheckInCodes.Where(c => c.PostId == postId && c.ProjectId == projectId && c.ReplacedAt == null).ToListAsync(ct);
        var current = codes.Where(c => MemberRules.CodeValidOn(c, today)).OrderByDescending(c => c.CreatedAt).FirstOrDefault();
        if (current is not null && !renew)
        {
            return current;
        }

        var now = calendar.UtcNow;
        foreach (var old in codes)
        {
            old.ReplacedAt = now;
        }

        var code = new CheckInCode
        {
            StreetId = streetId,
            PostId = postId,
            ProjectId = projectId,
            Code = MemberRules.NewCheckInCode(),
            ValidFrom = today,
            ValidUntil = today.AddDays(MemberRules.CheckInCodeValidDays),
            CreatedAt = now,
            CreatedBy = by,
        };
        db.CheckInCodes.Add(code);
        await db.SaveChangesAsync(ct);
        return code;
    }
}

/// <summary>The portal's public address for printed links: <c>Portal:PublicBaseUrl</c>, or outside production the address the server listens on.</summary>
public sealed class PublicAddress(IOptions<PortalOptions> options, IServer server, IHostEnvironment environment) : IHandler
{
    public string BaseUrl()
    {
        if (!string.IsNullOrWhiteSpace(options.Value.PublicBaseUrl))
        {
            return options.Value.PublicBaseUrl.TrimEnd('/');
        }

        var listening = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        if (environment.IsProduction() || listening is null)
        {
            throw new PortalUnavailableException("Reports.NoPublicBaseUrl");
        }

        return listening.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal)
            .Replace("://[::]", "://localhost", StringComparison.Ordinal).Replace("://0.0.0.0", "://localhost", StringComparison.Ordinal).TrimEnd('/');
    }

    public string CheckInUrl(string code) => $"{BaseUrl()}/m/check-in/{code}";
}

/// <summary>
/// Staff of the post's (or project's) community: the code in force (<c>renew</c>: a new one, replacing the old) and the
/// A4 poster with the title, place, schedule and a large QR code of the check-in address.
/// </summary>
public sealed class CheckInPosters(IDbContextFactory<PortalDbContext> dbFactory, ScopeGuard scope, BusinessCalendar calendar, PublicAddress address,
    PdfRenderQueue queue, IFontProvider fonts) : IHandler
{
    public async Task<CheckInCodeDto> PostCodeAsync(Guid postId, bool renew, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var post = await PostAccess.LoadForManageAsync(scope, db, postId, ct);
        if (post.Withdrawn)
        {
            throw new PortalConflictException("Post.Withdrawn");
        }

        var code = await CheckInCodes.CurrentOrNewAsync(db, post.StreetId, postId, null, renew, scope.User.Email, calendar, ct);
        return Dto(code);
    }

    public async Task<CheckInCodeDto> ProjectCodeAsync(Guid projectId, bool renew, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var project = await ProjectAccess.LoadForWriteAsync(scope, db, projectId, ProjectAccess.MayManage, ct);
        var code = await CheckInCodes.CurrentOrNewAsync(db, project.StreetId, null, projectId, renew, scope.User.Email, calendar, ct);
        return Dto(code);
    }

    public async Task<(byte[] Pdf, string FileName)> PostPosterAsync(Guid postId, CancellationToken ct = default)
    {
        var code = await PostCodeAsync(postId, renew: false, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var post = await db.Posts.AsNoTracking().SingleAsync(p => p.Id == postId, ct);
        var community = await db.Communities.Where(c => c.Id == post.CommunityId).Select(c => c.Name).SingleAsync(ct);
        var facts = new List<(string, string)> { ("岗位类型", PosterText.Kind(post.Kind)), ("服务地点", Or(post.Place)), ("服务时间", Or(post.Schedule)), ("名额", $"{post.Places}人") };
        return (await RenderAsync(community, "在职党员服务岗位签到", post.Title, facts, post.Duties, code, ct), $"岗位签到海报-{Safe(post.Title)}.pdf");
    }

    public async Task<(byte[] Pdf, string FileName)> ProjectPosterAsync(Guid projectId, CancellationToken ct = default)
    {
        var code = await ProjectCodeAsync(projectId, renew: false, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var project = await db.Projects.AsNoTracking().SingleAsync(p => p.Id == projectId, ct);
        var community = await db.Communities.Where(c => c.Id == project.CommunityId).Select(c => c.Name).SingleAsync(ct);
        var facts = new List<(string, string)> { ("服务地点", community), ("实施时间", $"{project.PlannedStart:yyyy年M月d日}—{project.PlannedEnd:yyyy年M月d日}") };
        return (await RenderAsync(community, "共建项目服务签到", project.Title, facts, project.Description, code, ct), $"项目签到海报-{Safe(project.Title)}.pdf");
    }

    private async Task<byte[]> RenderAsync(string community, string heading, string title, List<(string, string)> facts, string duties, CheckInCodeDto code, CancellationToken ct)
    {
        if (!fonts.Availability.IsAvailable)
        {
            throw new PortalUnavailableException("Reports.FontMissing");
        }

        var builder = new DocumentBuilder(new DocumentMetadata($"{heading}：{title}", community, heading, calendar.UtcNow))
            .Footer(new FooterOptions { PageNumbers = false, Text = $"{community} · 签到码有效期至 {code.ValidUntil:yyyy年M月d日}，重新打印海报后本码作废" })
            .Masthead(community + "党组织")
            .Title(title, heading)
            .Facts(facts.Select(f => new KeyValuePair<string, string>(f.Item1, f.Item2)), columns: 2);
        if (!string.IsNullOrWhiteSpace(duties))
        {
            builder.Add(new ParagraphBlock("岗位职责：" + duties) { FirstLineIndent = false, Align = TextAlign.Left });
        }

        builder.Add(new SpacerBlock(6f))
            .Add(new QrBlock(code.Url) { Size = 300f, Caption = "在职党员到岗后请用手机扫描二维码签到" })
            .Add(new ParagraphBlock($"签到码：{code.Code}") { FirstLineIndent = false, Align = TextAlign.Center, FontSize = 16f, Bold = true })
            .Add(new ParagraphBlock(code.Url) { FirstLineIndent = false, Align = TextAlign.Center, Muted = true });
        try
        {
            return await queue.RenderAsync(builder.Build(), ct);
        }
        catch (CjkFontMissingException)
        {
            throw new PortalUnavailableException("Reports.FontMissing");
        }
    }

    private CheckInCodeDto Dto(CheckInCode code) => new(code.Code, code.PostId, code.ProjectId, code.ValidFrom, code.ValidUntil, address.CheckInUrl(code.Code));

    private static string Or(string text) => string.IsNullOrWhiteSpace(text) ? "—" : text;

    private static string Safe(string title) => new([.. title.Where(c => !Path.GetInvalidFileNameChars().Contains(c) && c != '"').Take(40)]);
}

/// <summary>The poster is printed in Chinese whatever the reader's language (it hangs in the community).</summary>
internal static class PosterText
{
    public static string Kind(PostKind kind) => kind switch
    {
        PostKind.PolicyOutreach => "政策宣传",
        PostKind.EnvironmentWatch => "环境监督",
        PostKind.SafetyPatrol => "治安巡逻",
        PostKind.CivilityGuidance => "文明劝导",
        PostKind.ElderlyDisabledCare => "助老助残",
        PostKind.CultureTutoring => "文化辅导",
        _ => "其他",
    };
}

/// <summary>A member scans a code: what it fills in (404 for a code unknown, or of another community than the member's).</summary>
public sealed class ResolveCheckInCode(IDbContextFactory<PortalDbContext> dbFactory, ScopeGuard scope, BusinessCalendar calendar) : IHandler
{
    public async Task<CheckInTarget> HandleAsync(string code, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var member = await scope.CurrentMemberAsync(db, ct);
        var normalised = MemberRules.NormaliseCheckInCode(code) ?? throw new PortalNotFoundException("CheckIn.UnknownCode");
        var found = await db.CheckInCodes.AsNoTracking().SingleOrDefaultAsync(c => c.Code == normalised, ct) ?? throw new PortalNotFoundException("CheckIn.UnknownCode");
        var valid = MemberRules.CodeValidOn(found, calendar.Today);
        if (found.PostId is { } postId)
        {
            var post = await db.Posts.AsNoTracking().SingleAsync(p => p.Id == postId, ct);
            return post.CommunityId == member.CommunityId && post.StreetId == member.StreetId
                ? new CheckInTarget(found.Code, postId, null, post.Title, post.Place, valid && !post.Withdrawn)
                : throw new PortalNotFoundException("CheckIn.UnknownCode");
        }

        var project = await db.Projects.AsNoTracking().SingleAsync(p => p.Id == found.ProjectId, ct);
        var community = await db.Communities.Where(c => c.Id == project.CommunityId).Select(c => c.Name).SingleAsync(ct);
        return project.CommunityId == member.CommunityId && project.StreetId == member.StreetId
            ? new CheckInTarget(found.Code, null, project.Id, project.Title, community, valid)
            : throw new PortalNotFoundException("CheckIn.UnknownCode");
    }
}
