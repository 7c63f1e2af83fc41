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

    /// <summary>
    /// RFC 5545 3.3.11 TEXT: backslash, semicolon and comma escaped; every line break (CRLF, a bare CR or LF) becomes
    /// <c>\n</c>; other control characters, which TEXT does not allow, are dropped. Nothing can start a new line.
    /// </summary>
    internal static string Escape(string value)
    {
        var text = new StringBuilder(value.Length + 8);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            switch (c)
            {
                case '\\': text.Append("\\\\"); break;
                case ';': text.Append("\\;"); break;
                case ',': text.Append("\\,"); break;
                case '\r':
                    text.Append("\\n");
                    if (i + 1 < value.Length && value[i + 1] == '\n')
                    {
                        i++;
                    }

                    break;
                case '\n' or '\u2028' or '\u2029': text.Append("\\n"); break;
                case '\t': text.Append(c); break;
                default:
                    if (!char.IsControl(c))
                    {
                        text.Append(c);
                    }

                    break;
            }
        }

        return text.ToString();
    }

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
