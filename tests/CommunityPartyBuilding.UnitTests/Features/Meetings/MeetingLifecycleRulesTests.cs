using CommunityPartyBuilding.Web.Features.Meetings;

namespace CommunityPartyBuilding.UnitTests.Features.Meetings;

public class MeetingLifecycleRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 4, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Scheduling_is_for_times_ahead_and_a_planned_meeting_that_is_not_moved_may_still_change()
    {
        Assert.Empty(MeetingLifecycleRules.CheckSchedule(Now.AddMinutes(1), Now));
        var past = Assert.Single(MeetingLifecycleRules.CheckSchedule(Now.AddHours(-2), Now));
        Assert.Equal(("ScheduledAt", "Meetings.ScheduleInPast"), (past.Field, past.MessageKey));
        Assert.Single(MeetingLifecycleRules.CheckSchedule(Now, Now));

        // Its time has come but it is not moved: another place is fine; moved to another past time is not.
        Assert.Empty(MeetingLifecycleRules.CheckSchedule(Now.AddHours(-2), Now, currentStart: Now.AddHours(-2)));
        Assert.Single(MeetingLifecycleRules.CheckSchedule(Now.AddHours(-3), Now, currentStart: Now.AddHours(-2)));

        // No time at all is the field check's to report, not this one's.
        Assert.Empty(MeetingLifecycleRules.CheckSchedule(default, Now));
    }

    [Fact]
    public void A_meeting_recorded_afterwards_must_have_started()
    {
        Assert.Empty(MeetingLifecycleRules.CheckRecordPast(Now.AddDays(-30), Now));
        Assert.Empty(MeetingLifecycleRules.CheckRecordPast(Now, Now));
        Assert.Equal("Meetings.RecordInFuture", Assert.Single(MeetingLifecycleRules.CheckRecordPast(Now.AddMinutes(5), Now)).MessageKey);
    }

    [Fact]
    public void Holding_needs_the_start_passed_and_every_units_attendance()
    {
        Assert.Empty(MeetingLifecycleRules.CheckHold(Now.AddHours(-1), Now, []));
        Assert.Equal("Meetings.HoldBeforeStart", Assert.Single(MeetingLifecycleRules.CheckHold(Now.AddHours(1), Now, [])).MessageKey);

        var missing = Assert.Single(MeetingLifecycleRules.CheckHold(Now.AddHours(-1), Now, ["东湖区人民检察院", "国网东湖供电公司"]));
        Assert.Equal(("Attendance", "Meetings.AttendanceMissing"), (missing.Field, missing.MessageKey));
        Assert.Equal(new object[] { 2, "东湖区人民检察院、国网东湖供电公司" }, missing.Arguments);
        Assert.Equal(2, MeetingLifecycleRules.CheckHold(Now.AddHours(1), Now, ["东湖区人民检察院"]).Count);
    }

    [Fact]
    public void Long_lists_of_names_are_cut_after_five()
    {
        var names = Enumerable.Range(1, 8).Select(i => $"单位{i}").ToList();
        Assert.Equal("单位1、单位2、单位3、单位4、单位5…（+3）", MeetingLifecycleRules.Names(names));
        Assert.Equal("单位1", MeetingLifecycleRules.Names(["单位1"]));
    }
}

public class AttendanceChangeRulesTests
{
    private static readonly ResolutionVotes Parking = new("东湖〔2026〕3号", 9, 2, 1);
    private static readonly ResolutionVotes Patrol = new("东湖〔2026〕4号", 7, 0, 0);

    [Fact]
    public void Without_resolutions_any_attendance_goes()
    {
        Assert.Empty(QuorumRules.CheckAttendanceChange(QuorumRules.Evaluate(0, 20, 0.5m), []));
    }

    [Fact]
    public void Dropping_below_quorum_is_refused_naming_every_resolution()
    {
        // 10 of 20 is exactly half: not a quorum.
        var failure = Assert.Single(QuorumRules.CheckAttendanceChange(QuorumRules.Evaluate(10, 20, 0.5m), [Parking, Patrol]));
        Assert.Equal(("Attendance", "Meetings.AttendanceBreaksQuorum"), (failure.Field, failure.MessageKey));
        Assert.Equal(new object[] { 10, 20, "50", 11, "东湖〔2026〕3号、东湖〔2026〕4号" }, failure.Arguments);
    }

    [Fact]
    public void A_quorum_that_no_longer_adopts_a_resolution_is_refused_naming_that_one()
    {
        // 12 present: 9 for (12 votes in all) and 7 for both still adopt; with 14 present, 7 for is exactly half: 4号 falls.
        Assert.Empty(QuorumRules.CheckAttendanceChange(QuorumRules.Evaluate(12, 20, 0.5m), [Parking, Patrol]));
        var failure = Assert.Single(QuorumRules.CheckAttendanceChange(QuorumRules.Evaluate(14, 20, 0.5m), [Parking, Patrol]));
        Assert.Equal("Meetings.AttendanceBreaksAdoption", failure.MessageKey);
        Assert.Equal(new object[] { 14, "东湖〔2026〕4号" }, failure.Arguments);

        // 11 present cannot have cast 12 votes for 3号.
        var tooFew = Assert.Single(QuorumRules.CheckAttendanceChange(QuorumRules.Evaluate(11, 20, 0.5m), [Parking, Patrol]));
        Assert.Equal(new object[] { 11, "东湖〔2026〕3号" }, tooFew.Arguments);
    }
}
