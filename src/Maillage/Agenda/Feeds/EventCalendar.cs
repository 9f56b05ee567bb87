using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;

namespace Maillage.Agenda.Feeds;

/// <summary>iCalendar (RFC 5545) for one event (the e-mail attachment) or a list (the feed), with Ical.Net.</summary>
internal static class EventCalendar
{
    public const string ContentType = "text/calendar; charset=utf-8";

    public static string Serialize(IEnumerable<AgendaEvent> events, string baseUrl, string name, string? method = null)
    {
        if (events is IReadOnlyList<AgendaEvent> { Count: 1 } one) return SerializeOne(one[0], baseUrl, name, method);
        return Build(events, baseUrl, name, method);
    }

    // The invitation attached to every confirmation is the same text for every registrant of an event: kept, keyed by
    // everything it is made of, so that a rush of registrations does not rebuild it each time (Ical.Net is slow) —
    // a changed event has another key. Bounded: cleared past MaxCached entries.
    private const int MaxCached = 2048;
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> Single = new();

    private static string SerializeOne(AgendaEvent e, string baseUrl, string name, string? method)
    {
        var key = string.Join("\u001f", e.Id, e.Title, e.Description, AgendaText.Place(e), e.StartsAt.UtcTicks, e.EndsAt.UtcTicks,
            (e.PublishedAt ?? e.CreatedAt).UtcTicks, e.Status, e.Type, baseUrl, name, method);
        if (Single.TryGetValue(key, out var text)) return text;
        text = Build([e], baseUrl, name, method);
        if (Single.Count >= MaxCached) Single.Clear();
        Single[key] = text;
        return text;
    }

    private static string Build(IEnumerable<AgendaEvent> events, string baseUrl, string name, string? method)
    {
        var calendar = new Calendar { ProductId = "-//Maillage//Agenda des actions collectives//FR" };
        if (method is not null) calendar.Method = method;
        calendar.AddProperty("X-WR-CALNAME", name);
        foreach (var e in events) calendar.Events.Add(ToComponent(e, baseUrl));
        return new CalendarSerializer().SerializeToString(calendar) ?? "";
    }

    /// <summary>
    /// The UID of an event in every calendar text: the feed's, each invitation's and each cancellation's. Stable (the
    /// event's id), so that a cancellation removes the very entry the invitation added.
    /// </summary>
    public static string Uid(AgendaEvent e) => $"event-{e.Id}@maillage";

    /// <summary>The SEQUENCE of invitations and feeds; a cancellation has a greater one (RFC 5546 §2.1.4), so that clients apply it.</summary>
    public const int InvitationSequence = 0;
    public const int CancellationSequence = InvitationSequence + 1;

    /// <summary>
    /// The attachment that takes an event out of the person's calendar (item 6 of issue 19): METHOD:CANCEL, the
    /// invitation's UID, a greater SEQUENCE and STATUS:CANCELLED, with the organiser (the sender) and the person as attendee,
    /// which RFC 5546 asks of a CANCEL. One per message: not cached.
    /// </summary>
    public static string Cancellation(AgendaEvent e, string baseUrl, string organizer, string attendee, string? attendeeName)
    {
        var calendar = new Calendar { ProductId = "-//Maillage//Agenda des actions collectives//FR", Method = "CANCEL" };
        calendar.AddProperty("X-WR-CALNAME", e.Title);
        var component = ToComponent(e, baseUrl);
        component.Sequence = CancellationSequence;
        component.Status = "CANCELLED";
        if (System.Net.Mail.MailAddress.TryCreate(organizer, out var from))
            component.Organizer = new Organizer($"mailto:{from.Address}") { CommonName = string.IsNullOrWhiteSpace(from.DisplayName) ? null : from.DisplayName };
        component.Attendees.Add(new Attendee($"mailto:{attendee}") { CommonName = attendeeName });
        calendar.Events.Add(component);
        return new CalendarSerializer().SerializeToString(calendar) ?? "";
    }

    private static CalendarEvent ToComponent(AgendaEvent e, string baseUrl)
    {
        var url = $"{baseUrl.TrimEnd('/')}/agenda/{e.Id}";
        return new CalendarEvent
        {
            Uid = Uid(e),
            Sequence = InvitationSequence,
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
