using CommunityPartyBuilding.Web.Features.Agreements;
using CommunityPartyBuilding.Web.Features.Units;
using CommunityPartyBuilding.Web.Infrastructure;

namespace CommunityPartyBuilding.Web.Features.Projects;

/// <summary>A project as staff create or edit it (POST /communities/{id}/projects, PUT /projects/{id}).</summary>
public sealed record ProjectInput
{
    public string Title { get; init; } = "";

    public string? Description { get; init; }

    /// <summary>Optional: the category of the needs it answers when left out.</summary>
    public ServiceCategory? Category { get; init; }

    public IReadOnlyList<Guid>? NeedIds { get; init; }

    public Guid? LeadUnitId { get; init; }

    /// <summary>The participating units besides the lead unit (the lead unit may be repeated here).</summary>
    public IReadOnlyList<Guid>? UnitIds { get; init; }

    public DateOnly? PlannedStart { get; init; }

    public DateOnly? PlannedEnd { get; init; }

    public decimal? Budget { get; init; }
}

/// <summary>The closing summary when the work is done (POST /projects/{id}/done).</summary>
public sealed record ProjectDoneInput(string? Summary);

/// <summary>What one unit put into the project, recorded on acceptance.</summary>
public sealed record ProjectContribution
{
    public Guid UnitId { get; init; }

    public decimal? VolunteerHours { get; init; }

    public decimal? Funds { get; init; }

    public int? Beneficiaries { get; init; }

    public int? Participants { get; init; }
}

/// <summary>Acceptance (POST /projects/{id}/accept): one contribution per unit of the project.</summary>
public sealed record ProjectAcceptInput(IReadOnlyList<ProjectContribution>? Contributions);

/// <summary>Projects' rules, without a database: input checks, the status path, contributions and the activity credited.</summary>
public static class ProjectRules
{
    public const int TitleMaxLength = 100;
    public const int DescriptionMaxLength = 2000;
    public const int SummaryMaxLength = 2000;
    public const int MaxUnits = 20;
    public const int MaxNeeds = 50;
    public const decimal MaxBudget = 100_000_000m;
    public const decimal MaxHours = 100_000m;
    public const int MaxPeople = 100_000;
    public const int MaxPhotos = 12;

    /// <summary>A project runs for at most two years; it may have started up to a year ago (recorded late).</summary>
    public const int MaxDurationDays = 731;
    public const int MaxDaysBack = 366;

    public static IReadOnlyList<ValidationFailure> Validate(ProjectInput input, DateOnly today)
    {
        var failures = new List<ValidationFailure>();
        UnitRules.Text(failures, input.Title, nameof(input.Title), "Field.Project.Title", TitleMaxLength, required: true);
        UnitRules.Text(failures, input.Description, nameof(input.Description), "Field.Project.Description", DescriptionMaxLength, required: false);
        if (input.Category is { } category && !Enum.IsDefined(category))
        {
            failures.Add(new(nameof(input.Category), "Validation.Choose", "Field.Project.Category"));
        }

        if (input.LeadUnitId is null || input.LeadUnitId == Guid.Empty)
        {
            failures.Add(new(nameof(input.LeadUnitId), "Validation.Choose", "Field.Project.LeadUnit"));
        }

        if (UnitsOf(input).Count > MaxUnits)
        {
            failures.Add(new(nameof(input.UnitIds), "Project.TooManyUnits", MaxUnits));
        }

        if ((input.NeedIds?.Distinct().Count() ?? 0) > MaxNeeds)
        {
            failures.Add(new(nameof(input.NeedIds), "Project.TooManyNeeds", MaxNeeds));
        }

        if (input.PlannedStart is not { } start)
        {
            failures.Add(new(nameof(input.PlannedStart), "Validation.Required", "Field.Project.PlannedStart"));
        }
        else if (start < today.AddDays(-MaxDaysBack))
        {
            failures.Add(new(nameof(input.PlannedStart), "Project.StartTooEarly", MaxDaysBack));
        }

        if (input.PlannedEnd is not { } end)
        {
            failures.Add(new(nameof(input.PlannedEnd), "Validation.Required", "Field.Project.PlannedEnd"));
        }
        else if (input.PlannedStart is { } s && (end < s || end.DayNumber - s.DayNumber > MaxDurationDays))
        {
            failures.Add(new(nameof(input.PlannedEnd), "Project.EndOutOfRange", MaxDurationDays));
        }

        if (input.Budget is { } budget && (budget < 0 || budget > MaxBudget || decimal.Round(budget, 2) != budget))
        {
            failures.Add(new(nameof(input.Budget), "Validation.Range", "Field.Project.Budget", 0, MaxBudget));
        }

        return failures;
    }

    /// <summary>The lead unit first, then the other units, each once.</summary>
    public static IReadOnlyList<Guid> UnitsOf(ProjectInput input) =>
        (input.LeadUnitId is { } lead && lead != Guid.Empty ? new[] { lead } : [])
            .Concat(input.UnitIds ?? [])
            .Where(u => u != Guid.Empty)
            .Distinct()
            .ToList();

    /// <summary>Facts (title, units, needs, dates, budget) can change until the work is done; afterwards the record stands.</summary>
    public static bool MayEdit(ProjectStatus status) => status is ProjectStatus.Planned or ProjectStatus.UnderWay;

    public static bool MayStart(ProjectStatus status) => status == ProjectStatus.Planned;

    public static bool MayMarkDone(ProjectStatus status) => status == ProjectStatus.UnderWay;

    public static bool MayAccept(ProjectStatus status) => status == ProjectStatus.Done;

    /// <summary>Photos go with the work: while it is under way or done and not yet accepted.</summary>
    public static bool MayChangePhotos(ProjectStatus status) => status is ProjectStatus.UnderWay or ProjectStatus.Done;

    /// <summary>Each unit of the project exactly once, none from outside it, figures in range.</summary>
    public static IReadOnlyList<ValidationFailure> ValidateContributions(IReadOnlyList<ProjectContribution>? contributions, IReadOnlyCollection<Guid> units)
    {
        var failures = new List<ValidationFailure>();
        var given = contributions ?? [];
        if (given.Select(c => c.UnitId).Distinct().Count() != given.Count)
        {
            failures.Add(new("Contributions", "Project.ContributionTwice"));
        }

        if (given.Any(c => !units.Contains(c.UnitId)))
        {
            failures.Add(new("Contributions", "Project.ContributionNotInProject"));
        }

        if (units.Any(u => given.All(c => c.UnitId != u)))
        {
            failures.Add(new("Contributions", "Project.ContributionMissing"));
        }

        for (var i = 0; i < given.Count; i++)
        {
            var c = given[i];
            var field = $"Contributions[{i}]";
            if (c.VolunteerHours is { } hours && (hours < 0 || hours > MaxHours || decimal.Round(hours, 1) != hours))
            {
                failures.Add(new(field + ".VolunteerHours", "Validation.Range", "Field.Project.VolunteerHours", 0, MaxHours));
            }

            if (c.Funds is { } funds && (funds < 0 || funds > MaxBudget || decimal.Round(funds, 2) != funds))
            {
                failures.Add(new(field + ".Funds", "Validation.Range", "Field.Project.Funds", 0, MaxBudget));
            }

            if (c.Beneficiaries is { } people && (people < 0 || people > MaxPeople))
            {
                failures.Add(new(field + ".Beneficiaries", "Validation.Range", "Field.Project.Beneficiaries", 0, MaxPeople));
            }

            if (c.Participants is { } participants && (participants < 1 || participants > MaxPeople))
            {
                failures.Add(new(field + ".Participants", "Validation.Range", "Field.Project.Participants", 1, MaxPeople));
            }
        }

        return failures;
    }

    /// <summary>
    /// Which of the unit's commitments the credited activity fulfils (rule 3): the first, in the agreement's order, of
    /// the project's category among the agreements in force on the day; none when the unit made no such commitment.
    /// </summary>
    public static Guid? CommitmentFor(ServiceCategory category, DateOnly heldOn, IEnumerable<(Guid Id, ServiceCategory Category, DateOnly ValidFrom, DateOnly ValidTo, int SortOrder)> commitments) =>
        commitments
            .Where(c => c.Category == category && c.ValidFrom <= heldOn && heldOn <= c.ValidTo)
            .OrderBy(c => c.ValidFrom)
            .ThenBy(c => c.SortOrder)
            .Select(c => (Guid?)c.Id)
            .FirstOrDefault();

    /// <summary>The title of the activity a project gives each of its units.</summary>
    public static string ActivityTitle(string projectTitle, bool lead) => (lead ? "共建项目（牵头）：" : "共建项目：") + projectTitle;

    /// <summary>Who "verified" it: the acceptance, recorded under the rule.</summary>
    public const string Reviewer = "项目验收（规则7）";
}
