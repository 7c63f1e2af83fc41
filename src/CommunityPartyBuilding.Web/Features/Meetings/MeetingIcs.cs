using System.Globalization;
using System.Text;

namespace CommunityPartyBuilding.Web.Features.Meetings;

/// <summary>An iCalendar (RFC 5545) file for one meeting: CRLF lines, escaped text, folded at 75 octets.</summary>
public static class MeetingIcs
{
    public const string ContentType = "text/calendar; charset=utf-8";
    private static readonly TimeSpan DefaultLength = TimeSpan.FromHours(2);

    public static string Build(MeetingDetail meeting, string kindName, DateTimeOffset stamp)
    {
        var description = new StringBuilder();
        for (var i = 0; i < meeting.Agenda.Count; i++)
        {
            description.Append(CultureInfo.InvariantCulture, $"{i + 1}. {meeting.Agenda[i]}\n");
        }

        if (!string.IsNullOrEmpty(meeting.Convener))
        {
            description.Append("召集人：").Append(meeting.Convener).Append('\n');
        }

        var lines = new List<string>
        {
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:-//CommunityPartyBuilding//Meetings//ZH",
            "CALSCALE:GREGORIAN",
            "METHOD:PUBLISH",
            "BEGIN:VEVENT",
            $"UID:{meeting.Id}@community-party-building",
            $"DTSTAMP:{Utc(stamp)}",
            $"DTSTART:{Utc(meeting.ScheduledAt)}",
            $"DTEND:{Utc(meeting.ScheduledAt + DefaultLength)}",
            "SUMMARY:" + Escape($"{meeting.Title}（{kindName}）"),
            "LOCATION:" + Escape(meeting.Place),
            "DESCRIPTION:" + Escape(description.ToString().TrimEnd('\n')),
            "STATUS:" + meeting.Status switch { MeetingStatus.Cancelled => "CANCELLED", _ => "CONFIRMED" },
            "END:VEVENT",
            "END:VCALENDAR",
        };
        var text = new StringBuilder();
        foreach (var line in lines)
        {
            Fold(text, line);
        }

        return text.ToString();
    }

    private static string Utc(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    private static string Escape(string value) => value
        .Replace("\\", "\\\\", StringComparison.Ordinal)
        .Replace(";", "\\;", StringComparison.Ordinal)
        .Replace(",", "\\,", StringComparison.Ordinal)
        .Replace("\r\n", "\\n", StringComparison.Ordinal)
        .Replace("\n", "\\n", StringComparison.Ordinal);

    /// <summary>Lines longer than 75 octets continue on the next line after a space, never splitting a UTF-8 character.</summary>
    private static void Fold(StringBuilder output, string line)
    {
        var octets = 0;
        var limit = 75;
        foreach (var rune in line.EnumerateRunes())
        {
            var size = rune.Utf8SequenceLength;
            if (octets + size > limit)
            {
                output.Append("\r\n ");
                octets = 0;
                limit = 74;
            }

            output.Append(rune.ToString());
            octets += size;
        }

        output.Append("\r\n");
    }
}
