using CommunityPartyBuilding.Web.Features.Meetings;

namespace CommunityPartyBuilding.UnitTests.Features.Meetings;

public class MeetingInputRulesTests
{
    [Theory]
    [InlineData(null, "Validation.Required")]
    [InlineData("   ", "Validation.Required")]
    [InlineData("会议纪要", null)]
    public void Minutes_are_required(string? minutes, string? key) =>
        Assert.Equal(key, MeetingInputRules.ValidateMinutes(minutes).SingleOrDefault()?.MessageKey);

    [Fact]
    public void Minutes_may_be_as_long_as_the_limit_and_no_longer()
    {
        Assert.Empty(MeetingInputRules.ValidateMinutes(new string('纪', MeetingInputRules.MinutesMaxLength)));
        var failure = Assert.Single(MeetingInputRules.ValidateMinutes(new string('纪', MeetingInputRules.MinutesMaxLength + 1)));
        Assert.Equal(("Minutes", "Validation.MaxLength"), (failure.Field, failure.MessageKey));
    }

    [Theory]
    [InlineData(InvitationReply.None, null, "Reply", "Validation.Required")]
    [InlineData((InvitationReply)42, "x", "Reply", "Validation.Required")]
    [InlineData(InvitationReply.Attend, null, null, null)]
    [InlineData(InvitationReply.Leave, "  ", "Note", "Meetings.LeaveNeedsReason")]
    [InlineData(InvitationReply.Leave, "出差", null, null)]
    [InlineData(InvitationReply.Delegate, null, "Note", "Meetings.DelegateNeedsName")]
    [InlineData(InvitationReply.Delegate, "王芳", null, null)]
    public void A_reply_needs_its_kind_and_for_leave_or_delegation_a_note(InvitationReply reply, string? note, string? field, string? key)
    {
        var failure = MeetingInputRules.ValidateReply(reply, note).SingleOrDefault();
        Assert.Equal((field, key), (failure?.Field, failure?.MessageKey));
    }

    [Fact]
    public void A_reply_note_is_kept_trimmed_up_to_its_limit()
    {
        Assert.Equal("出差", MeetingInputRules.ReplyNote("  出差 "));
        Assert.Null(MeetingInputRules.ReplyNote(" "));
        Assert.Empty(MeetingInputRules.ValidateReply(InvitationReply.Leave, " " + new string('因', MeetingInputRules.NoteMaxLength) + " "));
        Assert.Equal("Validation.MaxLength",
            Assert.Single(MeetingInputRules.ValidateReply(InvitationReply.Leave, new string('因', MeetingInputRules.NoteMaxLength + 1))).MessageKey);
    }

    [Fact]
    public void Attendance_statuses_are_known_ones_or_not_yet_given()
    {
        Assert.Empty(MeetingInputRules.ValidateAttendance([new(Guid.NewGuid(), AttendanceStatus.Present), new(Guid.NewGuid(), null)]));
        Assert.Equal("Status", Assert.Single(MeetingInputRules.ValidateAttendance(
            [new(Guid.NewGuid(), AttendanceStatus.Absent), new(Guid.NewGuid(), (AttendanceStatus)9)])).Field);
    }

    [Theory]
    [InlineData("2026-03-10", null)] // the meeting day itself
    [InlineData("2026-03-20", null)] // today
    [InlineData("2026-03-09", "Validation.CompletedBeforeMeeting")]
    [InlineData("2026-03-21", "Validation.NotInFuture")]
    [InlineData("0001-01-01", "Validation.NotInFuture")]
    public void A_resolution_completes_between_its_meeting_and_today(string completedOn, string? key) =>
        Assert.Equal(key, MeetingInputRules.ValidateCompletion(DateOnly.Parse(completedOn, System.Globalization.CultureInfo.InvariantCulture),
            new DateOnly(2026, 3, 10), new DateOnly(2026, 3, 20)).SingleOrDefault()?.MessageKey);
}
