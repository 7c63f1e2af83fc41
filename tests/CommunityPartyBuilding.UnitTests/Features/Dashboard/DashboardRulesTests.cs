using System.Globalization;
using CommunityPartyBuilding.Web.Features.Dashboard;
using CommunityPartyBuilding.Web.Features.Meetings;
using CommunityPartyBuilding.Web.Features.Notifications;
using CommunityPartyBuilding.Web.Infrastructure;
using Microsoft.Extensions.Localization;

namespace CommunityPartyBuilding.UnitTests.Features.Dashboard;

public class DashboardRulesTests
{
    private static readonly DateOnly Today = new(2026, 6, 20);

    [Fact]
    public void The_year_defaults_to_this_business_year_and_must_be_between_2000_and_this_year()
    {
        Assert.Equal(2026, DashboardRules.ResolveYear(null, Today));
        Assert.Equal(2000, DashboardRules.ResolveYear(2000, Today));
        Assert.Equal(2026, DashboardRules.ResolveYear(2026, Today));
        var future = Assert.Throws<PortalValidationException>(() => DashboardRules.ResolveYear(2027, Today));
        Assert.Equal("year", Assert.Single(future.Failures).Field);
        Assert.Throws<PortalValidationException>(() => DashboardRules.ResolveYear(1999, Today));
    }

    [Fact]
    public void Units_are_counted_today_in_the_current_year_and_on_31_December_in_a_past_one()
    {
        Assert.Equal(Today, DashboardRules.ReferenceDate(2026, Today));
        Assert.Equal(new DateOnly(2025, 12, 31), DashboardRules.ReferenceDate(2025, Today));
    }

    [Theory]
    [InlineData(ResolutionStatus.Completed, "2026-03-01", "2026-03-31", ResolutionOutcome.OnTime)]
    [InlineData(ResolutionStatus.Completed, "2026-03-31", "2026-03-31", ResolutionOutcome.OnTime)] // on the deadline itself
    [InlineData(ResolutionStatus.Completed, "2026-04-01", "2026-03-31", ResolutionOutcome.Late)]
    [InlineData(ResolutionStatus.InProgress, null, "2026-06-19", ResolutionOutcome.Overdue)]
    [InlineData(ResolutionStatus.NotStarted, null, "2026-06-20", ResolutionOutcome.Open)] // due today: not yet overdue
    [InlineData(ResolutionStatus.NotStarted, null, "2026-12-31", ResolutionOutcome.Open)]
    public void A_resolution_is_done_on_time_late_overdue_or_open(ResolutionStatus status, string? completedOn, string deadline, ResolutionOutcome expected)
    {
        var done = completedOn is null ? (DateOnly?)null : DateOnly.Parse(completedOn, CultureInfo.InvariantCulture);
        Assert.Equal(expected, DashboardRules.Classify(status, done, DateOnly.Parse(deadline, CultureInfo.InvariantCulture), Today));
    }

    [Fact]
    public void The_on_time_rate_counts_only_settled_resolutions()
    {
        Assert.Equal(0.5m, DashboardRules.OnTimeRate(2, 1, 1));
        Assert.Equal(0.6667m, DashboardRules.OnTimeRate(2, 1, 0));
        Assert.Equal(0m, DashboardRules.OnTimeRate(0, 0, 3));
        Assert.Null(DashboardRules.OnTimeRate(0, 0, 0));
    }

    [Fact]
    public void Compliance_counts_ended_quarters_and_the_current_one_once_met()
    {
        Assert.Equal((1, 1), DashboardRules.Compliance([QuarterState.Met, QuarterState.ReminderDue, QuarterState.Future, QuarterState.Future]));
        Assert.Equal((2, 4), DashboardRules.Compliance([QuarterState.Met, QuarterState.Missed, QuarterState.Met, QuarterState.Missed]));
        Assert.Equal((0, 1), DashboardRules.Compliance([QuarterState.Missed, QuarterState.Open, QuarterState.Future, QuarterState.Future]));
        Assert.Equal((0, 0), DashboardRules.Compliance([QuarterState.Open, QuarterState.Future, QuarterState.Future, QuarterState.Future]));
    }

    [Fact]
    public void The_to_do_list_names_missed_quarters_and_the_current_one_from_15_days_before_its_end()
    {
        Assert.True(DashboardRules.NeedsJointMeeting(QuarterState.Missed));
        Assert.True(DashboardRules.NeedsJointMeeting(QuarterState.ReminderDue));
        Assert.False(DashboardRules.NeedsJointMeeting(QuarterState.Open));
        Assert.False(DashboardRules.NeedsJointMeeting(QuarterState.Met));
        Assert.False(DashboardRules.NeedsJointMeeting(QuarterState.Future));
    }

    [Fact]
    public void A_mean_is_taken_from_a_sum_and_a_count()
    {
        Assert.Equal(0.5835m, DashboardRules.Mean(1.7505m, 3));
        Assert.Null(DashboardRules.Mean(0m, 0));
    }
}

public class NotificationTextTests
{
    [Fact]
    public void Dates_in_the_arguments_are_shown_in_the_readers_format()
    {
        var previous = CultureInfo.CurrentUICulture;
        try
        {
            var localizer = new FakeLocalizer(new() { ["Notification.ResolutionDueSoon"] = "决议{0}《{1}》将于{2}到期。" });
            CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = new CultureInfo("zh-CN");
            Assert.Equal("决议东湖〔2026〕2号《停车》将于2026年11月28日到期。",
                NotificationText.Text(NotificationKind.ResolutionDueSoon, ["东湖〔2026〕2号", "停车", "2026-11-28"], localizer));
            CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = new CultureInfo("en");
            Assert.Equal("决议东湖〔2026〕2号《停车》将于28 Nov 2026到期。",
                NotificationText.Text(NotificationKind.ResolutionDueSoon, ["东湖〔2026〕2号", "停车", "2026-11-28"], localizer));
        }
        finally
        {
            CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = previous;
        }
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(3, 1)]
    [InlineData(7, 2)]
    [InlineData(10, 2)]
    [InlineData(20, 5)]
    [InlineData(23, 5)]
    [InlineData(120, 50)]
    [InlineData(1000, 200)]
    public void The_count_axis_has_about_five_labelled_steps_of_1_2_or_5(double max, int step)
    {
        Assert.Equal(step, DashboardRules.CountAxisStep(max));
        Assert.InRange(Math.Ceiling(max / step), 0, 5);
    }

    [Fact]
    public void A_message_with_too_few_arguments_still_shows_them()
    {
        var localizer = new FakeLocalizer(new() { ["Notification.CommitteeTermEnding"] = "委员{0}的任期将于{1}届满。" });
        Assert.Equal("丁校长", NotificationText.Text(NotificationKind.CommitteeTermEnding, ["丁校长"], localizer));
    }

    private sealed class FakeLocalizer(Dictionary<string, string> strings) : IStringLocalizer
    {
        public LocalizedString this[string name] => new(name, strings.TryGetValue(name, out var value) ? value : name, !strings.ContainsKey(name));

        public LocalizedString this[string name, params object[] arguments] => new(name, string.Format(CultureInfo.CurrentCulture, this[name].Value, arguments));

        public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => strings.Select(s => new LocalizedString(s.Key, s.Value));
    }
}
