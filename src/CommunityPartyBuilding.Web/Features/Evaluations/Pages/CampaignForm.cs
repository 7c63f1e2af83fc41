using CommunityPartyBuilding.Web.Infrastructure;
using Microsoft.Extensions.Localization;

namespace CommunityPartyBuilding.Web.Features.Evaluations.Pages;

/// <summary>
/// What the staff type into the settings form: the window as local dates and times of the street, the five weights
/// and the three thresholds. The handler validates; this class only converts.
/// </summary>
public sealed class CampaignForm
{
    public int Year { get; set; }

    public DateTime? OpensDate { get; set; }

    public TimeSpan? OpensTime { get; set; } = new(9, 0, 0);

    public DateTime? ClosesDate { get; set; }

    public TimeSpan? ClosesTime { get; set; } = new(18, 0, 0);

    public int MeetingParticipation { get; set; } = IndicatorWeights.Default.MeetingParticipation;

    public int AgreementFulfilment { get; set; } = IndicatorWeights.Default.AgreementFulfilment;

    public int Activity { get; set; } = IndicatorWeights.Default.Activity;

    public int ResolutionImplementation { get; set; } = IndicatorWeights.Default.ResolutionImplementation;

    public int ResidentEvaluation { get; set; } = IndicatorWeights.Default.ResidentEvaluation;

    /// <summary>在职党员报到服务 (rule 9), 0 by default.</summary>
    public int MemberService { get; set; } = IndicatorWeights.Default.MemberService;

    public decimal Excellent { get; set; } = GradeThresholds.Default.Excellent;

    public decimal Good { get; set; } = GradeThresholds.Default.Good;

    public decimal Fair { get; set; } = GradeThresholds.Default.Fair;

    public int WeightSum => MeetingParticipation + AgreementFulfilment + Activity + ResolutionImplementation + ResidentEvaluation + MemberService;

    /// <summary>A new campaign for <paramref name="year"/>: ballots from 10 December (or tomorrow, if later) for two weeks.</summary>
    public static CampaignForm NewFor(int year, DateOnly today)
    {
        var opens = new DateOnly(year, 12, 10);
        if (opens <= today)
        {
            opens = today.AddDays(1);
        }

        return new CampaignForm
        {
            Year = year,
            OpensDate = opens.ToDateTime(TimeOnly.MinValue),
            ClosesDate = opens.AddDays(15).ToDateTime(TimeOnly.MinValue),
        };
    }

    public static CampaignForm From(CampaignDetail c, BusinessCalendar calendar)
    {
        var opens = calendar.ToLocal(c.BallotOpensAt);
        var closes = calendar.ToLocal(c.BallotClosesAt);
        return new CampaignForm
        {
            Year = c.Year,
            OpensDate = opens.Date,
            OpensTime = opens.TimeOfDay,
            ClosesDate = closes.Date,
            ClosesTime = closes.TimeOfDay,
            MeetingParticipation = c.Weights.MeetingParticipation,
            AgreementFulfilment = c.Weights.AgreementFulfilment,
            Activity = c.Weights.Activity,
            ResolutionImplementation = c.Weights.ResolutionImplementation,
            ResidentEvaluation = c.Weights.ResidentEvaluation,
            MemberService = c.Weights.MemberService,
            Excellent = c.Thresholds.Excellent,
            Good = c.Thresholds.Good,
            Fair = c.Thresholds.Fair,
        };
    }

    public CampaignInput ToInput(BusinessCalendar calendar) => new()
    {
        Year = Year,
        BallotOpensAt = At(OpensDate, OpensTime, calendar),
        BallotClosesAt = At(ClosesDate, ClosesTime, calendar),
        Weights = new IndicatorWeights(MeetingParticipation, AgreementFulfilment, Activity, ResolutionImplementation, ResidentEvaluation, MemberService),
        Thresholds = new GradeThresholds(Excellent, Good, Fair),
    };

    /// <summary>The dates the handler cannot check (a missing one would read as the year 1).</summary>
    public Dictionary<string, string> MissingDates(IStringLocalizer localizer)
    {
        var missing = new Dictionary<string, string>();
        if (OpensDate is null)
        {
            missing["ballotOpensAt"] = localizer["Validation.Required", localizer["Evaluations.OpensDate"]];
        }

        if (ClosesDate is null)
        {
            missing["ballotClosesAt"] = localizer["Validation.Required", localizer["Evaluations.ClosesDate"]];
        }

        return missing;
    }

    /// <summary>A local date and time of the street as an instant; a missing date gives the minimum, which the handler refuses.</summary>
    private static DateTimeOffset At(DateTime? date, TimeSpan? time, BusinessCalendar calendar) =>
        date is { } d ? calendar.StartOfDay(DateOnly.FromDateTime(d)) + (time ?? TimeSpan.Zero) : default;
}
