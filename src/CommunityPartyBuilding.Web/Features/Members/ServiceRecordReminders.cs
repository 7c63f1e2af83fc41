namespace CommunityPartyBuilding.Web.Features.Members;

/// <summary>When community staff are reminded of members' service (the statements live in the reminder pass).</summary>
public static class ServiceReminders
{
    /// <summary>A record unconfirmed this many days after it was submitted is brought to the staff's attention, daily.</summary>
    public const int AwaitingConfirmationDays = 3;

    /// <summary>Posts with free places are summarised once a week, on this day.</summary>
    public const DayOfWeek FreePostsWeekday = DayOfWeek.Monday;
}
