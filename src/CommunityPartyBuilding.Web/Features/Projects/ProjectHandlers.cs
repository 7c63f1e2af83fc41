using CommunityPartyBuilding.Web.Authorization;
using CommunityPartyBuilding.Web.Data;
using CommunityPartyBuilding.Web.Features.Activities;
using CommunityPartyBuilding.Web.Features.Agreements;
using CommunityPartyBuilding.Web.Features.Needs;
using CommunityPartyBuilding.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyBuilding.Web.Features.Projects;

/// <summary>A project in a list: its community, units and needs by count, status and dates.</summary>
public sealed record ProjectDto(
    Guid Id,
    Guid StreetId,
    Guid CommunityId,
    string Community,
    string Title,
    string Description,
    ServiceCategory Category,
    Guid LeadUnitId,
    string LeadUnit,
    int Units,
    int Needs,
    DateOnly PlannedStart,
    DateOnly PlannedEnd,
    decimal Budget,
    ProjectStatus Status,
    DateTimeOffset? DoneAt,
    DateTimeOffset? AcceptedAt,
    uint Version);

/// <summary>A unit of a project, with its contribution and the activity it was credited once accepted.</summary>
public sealed record ProjectUnitDto(Guid UnitId, string Name, bool IsLead, decimal? VolunteerHours, decimal? Funds, int? Beneficiaries, int? Participants, Guid? ActivityId);

/// <summary>A need a project answers (no contact: rule 10).</summary>
public sealed record ProjectNeedDto(Guid NeedId, string Title, NeedKind Kind, NeedStatus Status);

public sealed record ProjectPhotoDto(Guid Id, string FileName, int Width, int Height);

/// <summary>What the reader may do with the project now.</summary>
public sealed record ProjectActions(bool Edit, bool Start, bool MarkDone, bool Accept, bool Photos);

/// <summary>One project with its units, needs, photos, summary and what the reader may do.</summary>
public sealed record ProjectDetail(ProjectDto Project, string? Summary, IReadOnlyList<ProjectUnitDto> Units, IReadOnlyList<ProjectNeedDto> Needs,
    IReadOnlyList<ProjectPhotoDto> Photos, ProjectActions Can);

/// <summary>Filters of a projects list; <see cref="CommunityId"/> is forced to their own for community staff.</summary>
public sealed record ProjectQuery
{
    public Guid? CommunityId { get; init; }

    public ProjectStatus? Status { get; init; }

    public Guid? UnitId { get; init; }

    public string? Search { get; init; }

    public int Page { get; init; } = 1;

    public int PageSize { get; init; } = 50;
}

/// <summary>Who sees and does what with projects (rule 10 does not apply: a project holds no personal data).</summary>
internal static class ProjectAccess
{
    /// <summary>Street readers see their streets' projects; community staff their community's; a unit leader those their unit takes part in.</summary>
    public static IQueryable<Project> Visible(ScopeGuard scope, PortalDbContext db)
    {
        var user = scope.User;
        var streets = scope.VisibleStreets(db).Select(s => s.Id);
        var projects = db.Projects.AsNoTracking().Where(p => streets.Contains(p.StreetId));
        return user.Role switch
        {
            PortalRole.CommunityStaff => projects.Where(p => p.CommunityId == user.CommunityId),
            PortalRole.UnitLeader => projects.Where(p => db.ProjectUnits.Any(u => u.ProjectId == p.Id && u.UnitId == user.UnitId)),
            _ => projects,
        };
    }

    public static bool MayManage(PortalUser user, Project project) => user.MayManageCommunity(project.StreetId, project.CommunityId);

    /// <summary>The lead unit's leaders report the work done; staff may record it for them.</summary>
    public static bool MayMarkDone(PortalUser user, Project project) =>
        (user is { IsUnitLeader: true } && user.UnitId == project.LeadUnitId) || MayManage(user, project);

    public static async Task<Project> LoadReadableAsync(ScopeGuard scope, PortalDbContext db, Guid projectId, CancellationToken ct) =>
        await Visible(scope, db).FirstOrDefaultAsync(p => p.Id == projectId, ct) ?? throw new PortalNotFoundException("Error.ProjectNotFound");

    /// <summary>The tracked project for a write: 404 unless readable, 403 unless <paramref name="may"/> allows it.</summary>
    public static async Task<Project> LoadForWriteAsync(ScopeGuard scope, PortalDbContext db, Guid projectId, Func<PortalUser, Project, bool> may, CancellationToken ct)
    {
        await LoadReadableAsync(scope, db, projectId, ct);
        var project = await db.Projects.SingleAsync(p => p.Id == projectId, ct);
        return may(scope.User, project) ? project : throw new PortalForbiddenException("Error.ReadOnly");
    }

    /// <summary>Photos: staff, or a leader of any unit taking part.</summary>
    public static async Task<Project> LoadForPhotosAsync(ScopeGuard scope, PortalDbContext db, Guid projectId, CancellationToken ct)
    {
        var user = scope.User;
        var taking = user is { IsUnitLeader: true, UnitId: { } unit } && await db.ProjectUnits.AnyAsync(u => u.ProjectId == projectId && u.UnitId == unit, ct);
        return await LoadForWriteAsync(scope, db, projectId, (u, p) => taking || MayManage(u, p), ct);
    }

    public static async Task SaveAsync(PortalDbContext db, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new PortalConflictException("Error.ConcurrencyConflict");
        }
    }
}

internal static class ProjectQueries
{
    public static IQueryable<Project> Filter(PortalDbContext db, IQueryable<Project> projects, ProjectQuery query)
    {
        if (query.CommunityId is { } community)
        {
            projects = projects.Where(p => p.CommunityId == community);
        }

        if (query.Status is { } status)
        {
            projects = projects.Where(p => p.Status == status);
        }

        if (query.UnitId is { } unit)
        {
            projects = projects.Where(p => db.ProjectUnits.Any(u => u.ProjectId == p.Id && u.UnitId == unit));
        }

        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var like = LikePattern.Contains(query.Search);
            projects = projects.Where(p => EF.Functions.ILike(p.Title, like, LikePattern.EscapeCharacter) || EF.Functions.ILike(p.Description, like, LikePattern.EscapeCharacter));
        }

        return projects;
    }

    /// <summary>Work first: done (awaiting acceptance), under way, planned; accepted last; by planned start within.</summary>
    public static readonly System.Linq.Expressions.Expression<Func<Project, int>> StatusRank = p =>
        p.Status == ProjectStatus.Done ? 0
        : p.Status == ProjectStatus.UnderWay ? 1
        : p.Status == ProjectStatus.Planned ? 2
        : 3;

    public static Task<List<ProjectDto>> ProjectAsync(PortalDbContext db, IQueryable<Project> projects, CancellationToken ct) =>
        projects.Select(p => new ProjectDto(
            p.Id, p.StreetId, p.CommunityId,
            db.Communities.Where(c => c.Id == p.CommunityId).Select(c => c.Name).First(),
            p.Title, p.Description, p.Category, p.LeadUnitId,
            db.MemberUnits.Where(u => u.Id == p.LeadUnitId).Select(u => u.Name).First(),
            db.ProjectUnits.Count(u => u.ProjectId == p.Id),
            db.ProjectNeeds.Count(n => n.ProjectId == p.Id),
            p.PlannedStart, p.PlannedEnd, p.Budget, p.Status, p.DoneAt, p.AcceptedAt, p.Version)).ToListAsync(ct);
}

public sealed class GetProjects(IDbContextFactory<PortalDbContext> dbFactory, ScopeGuard scope) : IHandler
{
    public async Task<PagedResult<ProjectDto>> HandleAsync(Guid streetId, ProjectQuery query, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var filtered = await ScopedAsync(scope, db, streetId, query, ct);
        var window = Paging.Clamp(query.Page, query.PageSize);
        var total = await filtered.CountAsync(ct);
        var page = Ordered(filtered).Skip(window.Skip).Take(window.Take);
        return new PagedResult<ProjectDto>(await ProjectQueries.ProjectAsync(db, page, ct), total);
    }

    /// <summary>
    /// The street's projects the caller may list, filtered (the list and its export): 404 unless the caller reads the
    /// street; community staff get their own community's only (another community asked for: 404).
    /// </summary>
    internal static async Task<IQueryable<Project>> ScopedAsync(ScopeGuard scope, PortalDbContext db, Guid streetId, ProjectQuery query, CancellationToken ct)
    {
        await scope.EnsureCanReadStreetAsync(db, streetId, ct);
        var user = scope.User;
        if (user.IsCommunityStaff)
        {
            if (query.CommunityId is { } asked && asked != user.CommunityId)
            {
                throw new PortalNotFoundException("Error.CommunityNotFound");
            }

            query = query with { CommunityId = user.CommunityId };
        }

        return ProjectQueries.Filter(db, ProjectAccess.Visible(scope, db).Where(p => p.StreetId == streetId), query);
    }

    /// <summary>The list's order: work first (<see cref="ProjectQueries.StatusRank"/>), then the latest planned start.</summary>
    internal static IQueryable<Project> Ordered(IQueryable<Project> projects) =>
        projects.OrderBy(ProjectQueries.StatusRank).ThenByDescending(p => p.PlannedStart).ThenBy(p => p.Id);

    /// <summary>The community's street, for the per-community route: 404 unless the caller may read that community.</summary>
    public async Task<Guid> StreetOfCommunityAsync(Guid communityId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var streets = scope.VisibleStreets(db).Select(s => s.Id);
        var user = scope.User;
        var street = await db.Communities.Where(c => c.Id == communityId && streets.Contains(c.StreetId)).Select(c => (Guid?)c.StreetId).FirstOrDefaultAsync(ct);
        return street is { } s && (!user.IsCommunityStaff || user.CommunityId == communityId) ? s : throw new PortalNotFoundException("Error.CommunityNotFound");
    }
}

/// <summary>A unit's projects (GET /units/{id}/projects and the unit's pages): every project it takes part in.</summary>
public sealed class GetUnitProjects(IDbContextFactory<PortalDbContext> dbFactory, ScopeGuard scope) : IHandler
{
    public async Task<IReadOnlyList<ProjectDto>> HandleAsync(Guid unitId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await scope.EnsureCanReadUnitAsync(db, unitId, ct);
        var projects = ProjectAccess.Visible(scope, db).Where(p => db.ProjectUnits.Any(u => u.ProjectId == p.Id && u.UnitId == unitId))
            .OrderBy(ProjectQueries.StatusRank).ThenByDescending(p => p.PlannedStart).ThenBy(p => p.Id).Take(200);
        return await ProjectQueries.ProjectAsync(db, projects, ct);
    }
}

public sealed class GetProject(IDbContextFactory<PortalDbContext> dbFactory, ScopeGuard scope) : IHandler
{
    public async Task<ProjectDetail> HandleAsync(Guid projectId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var project = await ProjectAccess.LoadReadableAsync(scope, db, projectId, ct);
        var dto = (await ProjectQueries.ProjectAsync(db, db.Projects.Where(p => p.Id == projectId), ct)).Single();
        var units = await db.ProjectUnits.Where(u => u.ProjectId == projectId)
            .Join(db.MemberUnits, pu => pu.UnitId, u => u.Id, (pu, u) => new ProjectUnitDto(pu.UnitId, u.Name, pu.IsLead, pu.VolunteerHours, pu.Funds, pu.Beneficiaries, pu.Participants, pu.ActivityId))
            .ToListAsync(ct);
        var needs = await db.ProjectNeeds.Where(n => n.ProjectId == projectId)
            .Join(db.Needs, pn => pn.NeedId, n => n.Id, (pn, n) => new ProjectNeedDto(n.Id, n.Title, n.Kind, n.Status))
            .ToListAsync(ct);
        var photos = await db.ProjectPhotos.Where(p => p.ProjectId == projectId).OrderBy(p => p.UploadedAt)
            .Select(p => new ProjectPhotoDto(p.Id, p.FileName, p.Width, p.Height)).ToListAsync(ct);
        var user = scope.User;
        var manage = ProjectAccess.MayManage(user, project);
        var taking = user is { IsUnitLeader: true } && units.Any(u => u.UnitId == user.UnitId);
        var can = new ProjectActions(
            Edit: manage && ProjectRules.MayEdit(project.Status),
            Start: manage && ProjectRules.MayStart(project.Status),
            MarkDone: ProjectAccess.MayMarkDone(user, project) && ProjectRules.MayMarkDone(project.Status),
            Accept: manage && ProjectRules.MayAccept(project.Status),
            Photos: (manage || taking) && ProjectRules.MayChangePhotos(project.Status));
        return new ProjectDetail(dto, project.Summary,
            units.OrderByDescending(u => u.IsLead).ThenBy(u => u.Name, StringComparer.Ordinal).ToList(),
            needs.OrderBy(n => n.Title, StringComparer.Ordinal).ToList(), photos, can);
    }
}

/// <summary>
/// Creating and editing: the units must be active units of the street, the needs published needs of the project's
/// community (or already the project's). A need taken into a project is claimed for the lead unit until the project
/// is accepted (then it is done) or the need is taken out again (then it is published again).
/// </summary>
internal static class ProjectWrites
{
    public static async Task<(List<Guid> Units, List<Guid> Needs)> CheckAsync(PortalDbContext db, Guid streetId, Guid communityId, Guid? projectId,
        ProjectInput input, DateOnly today, CancellationToken ct)
    {
        var failures = ProjectRules.Validate(input, today).ToList();
        PortalValidationException.ThrowIfAny(failures);
        var units = ProjectRules.UnitsOf(input).ToList();
        var known = await db.MemberUnits.Where(u => units.Contains(u.Id) && u.StreetId == streetId && u.Status == Units.UnitStatus.Active).Select(u => u.Id).ToListAsync(ct);
        if (!known.Contains(input.LeadUnitId!.Value))
        {
            failures.Add(new(nameof(input.LeadUnitId), "Project.UnitNotInStreet"));
        }
        else if (known.Count != units.Count)
        {
            failures.Add(new(nameof(input.UnitIds), "Project.UnitNotInStreet"));
        }

        var needs = (input.NeedIds ?? []).Where(n => n != Guid.Empty).Distinct().ToList();
        var found = await db.Needs.Where(n => needs.Contains(n.Id) && n.StreetId == streetId && n.CommunityId == communityId)
            .Select(n => new { n.Id, n.Status, n.ProjectId, n.DispatchedUnitId }).ToListAsync(ct);
        if (found.Count != needs.Count)
        {
            failures.Add(new(nameof(input.NeedIds), "Project.NeedNotInCommunity"));
        }
        else if (found.Any(n => !((n.Status == NeedStatus.Published && n.DispatchedUnitId == null) || (projectId is not null && n.ProjectId == projectId))))
        {
            failures.Add(new(nameof(input.NeedIds), "Project.NeedNotOpen"));
        }

        PortalValidationException.ThrowIfAny(failures);
        return (units, needs);
    }

    public static void Apply(Project project, ProjectInput input)
    {
        project.Title = input.Title.Trim();
        project.Description = input.Description?.Trim() ?? "";
        project.LeadUnitId = input.LeadUnitId!.Value;
        project.PlannedStart = input.PlannedStart!.Value;
        project.PlannedEnd = input.PlannedEnd!.Value;
        project.Budget = input.Budget ?? 0;
    }

    /// <summary>Brings the units and the needs in line with the input; needs newly taken in are claimed for the lead unit.</summary>
    public static async Task LinkAsync(PortalDbContext db, Project project, IReadOnlyList<Guid> units, IReadOnlyList<Guid> needs, PortalUser user, DateTimeOffset now,
        CancellationToken ct)
    {
        var currentUnits = await db.ProjectUnits.Where(u => u.ProjectId == project.Id).ToListAsync(ct);
        db.ProjectUnits.RemoveRange(currentUnits.Where(u => !units.Contains(u.UnitId)));
        foreach (var unitId in units)
        {
            var row = currentUnits.FirstOrDefault(u => u.UnitId == unitId);
            if (row is null)
            {
                db.ProjectUnits.Add(new ProjectUnit { ProjectId = project.Id, StreetId = project.StreetId, UnitId = unitId, IsLead = unitId == project.LeadUnitId });
            }
            else
            {
                row.IsLead = unitId == project.LeadUnitId;
            }
        }

        var currentNeeds = await db.ProjectNeeds.Where(n => n.ProjectId == project.Id).ToListAsync(ct);
        var touched = currentNeeds.Select(n => n.NeedId).Union(needs).ToList();
        var rows = await db.Needs.Where(n => touched.Contains(n.Id)).ToListAsync(ct);
        foreach (var link in currentNeeds.Where(n => !needs.Contains(n.NeedId)))
        {
            db.ProjectNeeds.Remove(link);
            var need = rows.Single(n => n.Id == link.NeedId);
            if (need.Status == NeedStatus.Claimed)
            {
                need.Status = NeedStatus.Published;
                need.ClaimerUnitId = null;
                need.ClaimedAt = null;
                need.ClaimedBy = null;
                need.ClaimBy = null;
            }

            need.ProjectId = null;
        }

        foreach (var needId in needs)
        {
            var need = rows.Single(n => n.Id == needId);
            if (currentNeeds.All(n => n.NeedId != needId))
            {
                db.ProjectNeeds.Add(new ProjectNeed { ProjectId = project.Id, NeedId = needId, StreetId = project.StreetId });
                need.Status = NeedStatus.Claimed;
                need.ClaimedAt = now;
                need.ClaimedBy = user.Email;
                need.ProjectId = project.Id;
            }

            // The project, not the claim-by date, sets the pace: the need follows its lead unit and planned end.
            need.ClaimerUnitId = project.LeadUnitId;
            need.ClaimBy = project.PlannedEnd;
        }
    }
}

public sealed class CreateProject(IDbContextFactory<PortalDbContext> dbFactory, ScopeGuard scope, BusinessCalendar calendar) : IHandler
{
    public async Task<Guid> HandleAsync(Guid communityId, ProjectInput input, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var streets = scope.VisibleStreets(db).Select(s => s.Id);
        var streetId = await db.Communities.Where(c => c.Id == communityId && streets.Contains(c.StreetId)).Select(c => (Guid?)c.StreetId).FirstOrDefaultAsync(ct)
            ?? throw new PortalNotFoundException("Error.CommunityNotFound");
        var user = scope.User;
        if (!user.MayManageCommunity(streetId, communityId))
        {
            throw new PortalForbiddenException("Error.ReadOnly");
        }

        var (units, needs) = await ProjectWrites.CheckAsync(db, streetId, communityId, null, input, calendar.Today, ct);
        var category = input.Category
            ?? await db.Needs.Where(n => needs.Contains(n.Id)).OrderBy(n => n.SubmittedAt).Select(n => (ServiceCategory?)n.Category).FirstOrDefaultAsync(ct)
            ?? throw new PortalValidationException([new(nameof(input.Category), "Validation.Choose", "Field.Project.Category")]);
        var now = calendar.UtcNow;
        var project = new Project { StreetId = streetId, CommunityId = communityId, Title = "", Category = category, CreatedAt = now, CreatedBy = user.Email };
        ProjectWrites.Apply(project, input);
        db.Projects.Add(project);
        await ProjectWrites.LinkAsync(db, project, units, needs, user, now, ct);
        await ProjectAccess.SaveAsync(db, ct);
        return project.Id;
    }
}

public sealed class UpdateProject(IDbContextFactory<PortalDbContext> dbFactory, ScopeGuard scope, BusinessCalendar calendar) : IHandler
{
    public async Task HandleAsync(Guid projectId, ProjectInput input, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var project = await ProjectAccess.LoadForWriteAsync(scope, db, projectId, ProjectAccess.MayManage, ct);
        if (!ProjectRules.MayEdit(project.Status))
        {
            throw new PortalConflictException("Project.NoLongerEditable");
        }

        var (units, needs) = await ProjectWrites.CheckAsync(db, project.StreetId, project.CommunityId, project.Id, input, calendar.Today, ct);
        ProjectWrites.Apply(project, input);
        if (input.Category is { } category)
        {
            project.Category = category;
        }

        await ProjectWrites.LinkAsync(db, project, units, needs, scope.User, calendar.UtcNow, ct);
        await ProjectAccess.SaveAsync(db, ct);
    }
}

public sealed class StartProject(IDbContextFactory<PortalDbContext> dbFactory, ScopeGuard scope, BusinessCalendar calendar) : IHandler
{
    public async Task HandleAsync(Guid projectId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var project = await ProjectAccess.LoadForWriteAsync(scope, db, projectId, ProjectAccess.MayManage, ct);
        if (!ProjectRules.MayStart(project.Status))
        {
            throw new PortalConflictException("Project.NotPlanned");
        }

        project.Status = ProjectStatus.UnderWay;
        project.StartedAt = calendar.UtcNow;
        await ProjectAccess.SaveAsync(db, ct);
    }
}

/// <summary>The lead unit (or staff) reports the work done, with a closing summary and at least one photo.</summary>
public sealed class MarkProjectDone(IDbContextFactory<PortalDbContext> dbFactory, ScopeGuard scope, BusinessCalendar calendar) : IHandler
{
    public async Task HandleAsync(Guid projectId, ProjectDoneInput input, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var project = await ProjectAccess.LoadForWriteAsync(scope, db, projectId, ProjectAccess.MayMarkDone, ct);
        var failures = new List<ValidationFailure>();
        Units.UnitRules.Text(failures, input.Summary, nameof(input.Summary), "Field.Project.Summary", ProjectRules.SummaryMaxLength, required: true);
        PortalValidationException.ThrowIfAny(failures);
        if (!ProjectRules.MayMarkDone(project.Status))
        {
            throw new PortalConflictException(project.Status == ProjectStatus.Planned ? "Project.NotStarted" : "Project.AlreadyDone");
        }

        if (!await db.ProjectPhotos.AnyAsync(p => p.ProjectId == projectId, ct))
        {
            throw new PortalValidationException([new("Photos", "Project.PhotoRequired")]);
        }

        project.Status = ProjectStatus.Done;
        project.DoneAt = calendar.UtcNow;
        project.DoneBy = scope.User.Email;
        project.Summary = input.Summary!.Trim();
        await ProjectAccess.SaveAsync(db, ct);
    }
}

/// <summary>
/// Acceptance (验收) by street or community staff. Rule 7: each unit's contribution becomes one verified activity in its
/// ledger, held on the day the work was done, linked both ways and to the unit's commitment of the project's category;
/// the project's needs are done (their residents may rate them). Accepting again is refused; the accepted project is
/// read-only, so nothing is counted twice.
/// </summary>
public sealed class AcceptProject(IDbContextFactory<PortalDbContext> dbFactory, ScopeGuard scope, BusinessCalendar calendar) : IHandler
{
    public async Task HandleAsync(Guid projectId, ProjectAcceptInput input, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var project = await ProjectAccess.LoadForWriteAsync(scope, db, projectId, ProjectAccess.MayManage, ct);
        if (project.Status == ProjectStatus.Accepted)
        {
            throw new PortalConflictException("Project.AlreadyAccepted");
        }

        if (!ProjectRules.MayAccept(project.Status))
        {
            throw new PortalConflictException("Project.NotDone");
        }

        var units = await db.ProjectUnits.Where(u => u.ProjectId == projectId).ToListAsync(ct);
        PortalValidationException.ThrowIfAny(ProjectRules.ValidateContributions(input.Contributions, units.Select(u => u.UnitId).ToList()));
        var now = calendar.UtcNow;
        var heldOn = calendar.DateOf(project.DoneAt ?? now);
        var unitIds = units.Select(u => u.UnitId).ToList();
        var commitments = await ProjectCredit.CommitmentsAsync(db, unitIds, ct);
        var place = await db.Communities.Where(c => c.Id == project.CommunityId).Select(c => c.Name).SingleAsync(ct);
        foreach (var unit in units)
        {
            var c = input.Contributions!.Single(x => x.UnitId == unit.UnitId);
            unit.VolunteerHours = c.VolunteerHours ?? 0;
            unit.Funds = c.Funds ?? 0;
            unit.Beneficiaries = c.Beneficiaries ?? 0;
            unit.Participants = c.Participants ?? 1;
            var activity = new CoBuildingActivity
            {
                StreetId = project.StreetId,
                UnitId = unit.UnitId,
                ProjectId = project.Id,
                CommitmentId = ProjectCredit.CommitmentOf(commitments, unit.UnitId, project.Category, heldOn),
                Title = ProjectRules.ActivityTitle(project.Title, unit.IsLead),
                Category = project.Category,
                HeldOn = heldOn,
                Place = place,
                Participants = unit.Participants.Value,
                VolunteerHours = unit.VolunteerHours.Value,
                Funds = unit.Funds.Value,
                Beneficiaries = unit.Beneficiaries.Value,
                Description = project.Summary ?? "",
                Status = ActivityStatus.Verified,
                SubmittedAt = now,
                SubmittedBy = scope.User.Email,
                ReviewedAt = now,
                ReviewedBy = ProjectRules.Reviewer,
            };
            db.Activities.Add(activity);
            unit.ActivityId = activity.Id;
        }

        var needIds = await db.ProjectNeeds.Where(n => n.ProjectId == projectId).Select(n => n.NeedId).ToListAsync(ct);
        foreach (var need in await db.Needs.Where(n => needIds.Contains(n.Id) && n.Status == NeedStatus.Claimed).ToListAsync(ct))
        {
            need.Status = NeedStatus.Done;
            need.CompletedAt = now;
            var note = project.Summary ?? project.Title;
            need.CompletionNote = note.Length > NeedRules.NoteMaxLength ? note[..NeedRules.NoteMaxLength] : note;
        }

        project.Status = ProjectStatus.Accepted;
        project.AcceptedAt = now;
        project.AcceptedBy = scope.User.Email;
        try
        {
            await ProjectAccess.SaveAsync(db, ct);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            // Another acceptance of the same project got there first: its activities stand, these are not added.
            throw new PortalConflictException("Project.AlreadyAccepted");
        }
    }
}

/// <summary>Rule 7's link to fulfilment: the commitments an accepted project's activities may fulfil (acceptance and the demo).</summary>
internal static class ProjectCredit
{
    public sealed record UnitCommitment(Guid Id, Guid UnitId, ServiceCategory Category, DateOnly ValidFrom, DateOnly ValidTo, int SortOrder);

    /// <summary>The commitments of the units' agreements that are or were in force (one query for all the units).</summary>
    public static Task<List<UnitCommitment>> CommitmentsAsync(PortalDbContext db, IReadOnlyCollection<Guid> unitIds, CancellationToken ct) =>
        db.Commitments
            .Join(db.Agreements, c => c.AgreementId, a => a.Id, (c, a) => new { c, a })
            .Where(x => unitIds.Contains(x.a.UnitId) && (x.a.Status == AgreementStatus.Active || x.a.Status == AgreementStatus.Expired))
            .Select(x => new UnitCommitment(x.c.Id, x.a.UnitId, x.c.Category, x.a.ValidFrom, x.a.ValidTo, x.c.SortOrder))
            .ToListAsync(ct);

    public static Guid? CommitmentOf(IEnumerable<UnitCommitment> commitments, Guid unitId, ServiceCategory category, DateOnly heldOn) =>
        ProjectRules.CommitmentFor(category, heldOn, commitments.Where(x => x.UnitId == unitId).Select(x => (x.Id, x.Category, x.ValidFrom, x.ValidTo, x.SortOrder)));
}

/// <summary>Photos of the work: a leader of a unit taking part, or staff, while it is under way or done.</summary>
public sealed class AddProjectPhoto(IDbContextFactory<PortalDbContext> dbFactory, ScopeGuard scope, TimeProvider clock) : IHandler
{
    public async Task<Guid> HandleAsync(Guid projectId, string? fileName, Stream content, long length, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var project = await ProjectAccess.LoadForPhotosAsync(scope, db, projectId, ct);
        if (!ProjectRules.MayChangePhotos(project.Status))
        {
            throw new PortalConflictException("Project.PhotosWhileUnderWay");
        }

        if (await db.ProjectPhotos.CountAsync(p => p.ProjectId == projectId, ct) >= ProjectRules.MaxPhotos)
        {
            throw new PortalValidationException([new("File", "Upload.TooManyPhotos", ProjectRules.MaxPhotos)]);
        }

        var (bytes, kind, image) = await Uploads.ReadPhotoAsync(content, length, NeedRules.MaxPhotoBytes, ct);
        var photo = new ProjectPhoto
        {
            ProjectId = projectId,
            StreetId = project.StreetId,
            FileName = Uploads.SafeName(fileName, project.Title, kind),
            ContentType = FileSignatures.ContentType(kind),
            Width = image.Width,
            Height = image.Height,
            Content = bytes,
            Thumbnail = image.Thumbnail,
            UploadedAt = clock.GetUtcNow(),
        };
        db.ProjectPhotos.Add(photo);
        await db.SaveChangesAsync(ct);
        return photo.Id;
    }
}

public sealed class RemoveProjectPhoto(IDbContextFactory<PortalDbContext> dbFactory, ScopeGuard scope) : IHandler
{
    public async Task HandleAsync(Guid photoId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var projectId = await db.ProjectPhotos.Where(p => p.Id == photoId).Select(p => (Guid?)p.ProjectId).FirstOrDefaultAsync(ct)
            ?? throw new PortalNotFoundException("Error.PhotoNotFound");
        var project = await ProjectAccess.LoadForPhotosAsync(scope, db, projectId, ct);
        if (!ProjectRules.MayChangePhotos(project.Status))
        {
            throw new PortalConflictException("Project.PhotosWhileUnderWay");
        }

        db.ProjectPhotos.Remove(await db.ProjectPhotos.SingleAsync(p => p.Id == photoId, ct));
        await db.SaveChangesAsync(ct);
    }
}

public sealed class GetProjectPhoto(IDbContextFactory<PortalDbContext> dbFactory, ScopeGuard scope) : IHandler
{
    public async Task<(byte[] Content, string ContentType, string FileName)> HandleAsync(Guid photoId, bool thumbnail, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var projectId = await db.ProjectPhotos.Where(p => p.Id == photoId).Select(p => (Guid?)p.ProjectId).FirstOrDefaultAsync(ct)
            ?? throw new PortalNotFoundException("Error.PhotoNotFound");
        if (!await ProjectAccess.Visible(scope, db).AnyAsync(p => p.Id == projectId, ct))
        {
            throw new PortalNotFoundException("Error.PhotoNotFound");
        }

        return thumbnail
            ? await db.ProjectPhotos.Where(p => p.Id == photoId).Select(p => new ValueTuple<byte[], string, string>(p.Thumbnail, "image/jpeg", p.FileName)).SingleAsync(ct)
            : await db.ProjectPhotos.Where(p => p.Id == photoId).Select(p => new ValueTuple<byte[], string, string>(p.Content, p.ContentType, p.FileName)).SingleAsync(ct);
    }
}
