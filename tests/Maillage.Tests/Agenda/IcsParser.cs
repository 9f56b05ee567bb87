using System.Globalization;

namespace Maillage.Tests.Agenda;

/// <summary>
/// A small RFC 5545 reader written for the tests, independent of Ical.Net (which writes the feed):
/// unfolds lines, checks the VCALENDAR envelope and CRLF endings, and reads each VEVENT's main properties.
/// </summary>
public static class IcsParser
{
    public sealed record VEvent(string Uid, string Summary, DateTime Start, DateTime End, string? Status, int? Sequence = null);
    public sealed record VCalendar(string Version, IReadOnlyList<VEvent> Events, string? Method = null);

    public static VCalendar Parse(string text)
    {
        Assert.Contains("\r\n", text); // RFC 5545 §3.1: lines end with CRLF
        var lines = text.Replace("\r\n ", "").Replace("\r\n\t", "").Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("BEGIN:VCALENDAR", lines[0]);
        Assert.Equal("END:VCALENDAR", lines[^1]);
        Assert.Contains(lines, l => l.StartsWith("PRODID:"));
        var version = lines.Single(l => l.StartsWith("VERSION:"))["VERSION:".Length..];
        var events = new List<VEvent>();
        Dictionary<string, string>? current = null;
        foreach (var line in lines)
        {
            if (line == "BEGIN:VEVENT") { current = []; continue; }
            if (line == "END:VEVENT")
            {
                Assert.NotNull(current);
                events.Add(new VEvent(current["UID"], Unescape(current["SUMMARY"]), Date(current["DTSTART"]), Date(current["DTEND"]), current.GetValueOrDefault("STATUS"),
                    current.TryGetValue("SEQUENCE", out var sequence) ? int.Parse(sequence, CultureInfo.InvariantCulture) : null));
                current = null;
                continue;
            }
            if (current is null) continue;
            var colon = line.IndexOf(':');
            var name = line[..colon].Split(';')[0];
            current[name] = line[(colon + 1)..];
        }
        // METHOD is a property of the calendar (before the first VEVENT), RFC 5546 §1.4.
        var method = lines.TakeWhile(l => l != "BEGIN:VEVENT").FirstOrDefault(l => l.StartsWith("METHOD:"))?["METHOD:".Length..];
        return new VCalendar(version, events, method);
    }

    private static DateTime Date(string value) =>
        DateTime.ParseExact(value, "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);

    private static string Unescape(string value) => value.Replace("\\,", ",").Replace("\\;", ";").Replace("\\n", "\n").Replace("\\\\", "\\");
}
