using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;

namespace Maillage.Agenda.Feeds;

/// <summary>iCalendar (RFC 5545) for one event (the e-mail attachment) or a list (the feed), with Ical.Net.</summary>
public static class EventCalendar
{
    public const string ContentType = "text/calendar; charset=utf-8";

    public static string Serialize(IEnumerable<AgendaEvent> events, string baseUrl, string name, string? method = null)
    {
        var calendar = new Calendar { ProductId = "-//Maillage//Agenda des actions collectives//FR" };
        if (method is not null) calendar.Method = method;
        calendar.AddProperty("X-WR-CALNAME", name);
        foreach (var e in events) calendar.Events.Add(ToComponent(e, baseUrl));
        return new CalendarSerializer().SerializeToString(calendar) ?? "";
    }

    public static string Uid(AgendaEvent e) => $"event-{e.Id}@maillage";

    private static CalendarEvent ToComponent(AgendaEvent e, string baseUrl)
    {
        var url = $"{baseUrl.TrimEnd('/')}/agenda/{e.Id}";
        return new CalendarEvent
        {
            Uid = Uid(e),
            Summary = e.Title,
            Description = string.Join("\n\n", new[] { e.Description, url }.Where(s => !string.IsNullOrWhiteSpace(s))),
            Location = AgendaText.Place(e),
            Start = new CalDateTime(e.StartsAt.UtcDateTime, "UTC"),
            End = new CalDateTime(e.EndsAt.UtcDateTime, "UTC"),
            DtStamp = new CalDateTime((e.PublishedAt ?? e.CreatedAt).UtcDateTime, "UTC"),
            Url = new Uri(url),
            Status = e.Status == EventStatus.Cancelled ? "CANCELLED" : "CONFIRMED",
            Categories = [AgendaText.Describe(e.Type).Fr],
        };
    }
}
