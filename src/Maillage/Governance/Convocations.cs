using System.Globalization;
using System.Security.Cryptography;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using Maillage.Platform.Data;
using Maillage.Platform.Email;
using Maillage.Platform.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Maillage.Governance;

/// <summary>
/// Convocations by e-mail (issue 22 item 2): one message per member with an address (titular and substitutes in office on
/// the session's day), through the platform's outbox (durable, delivered once), with an iCalendar REQUEST whose UID is the
/// session's and whose SEQUENCE grows with each change, and a personal link to the agenda and documents. Sending again
/// without a change of date or place sends nothing; after a change, everyone is sent what changed.
/// </summary>
public sealed class Convocations(MaillageDb db, IOptions<EmailOptions> email, TimeProvider clock)
{
    public const string Kind = "governance.convocation";
    public const string LinkPath = "/instances/convocation/";

    public sealed record Outcome(int Sent, bool Changed, LocalizedText? DelayWarning, bool Refused = false);

    public static string Uid(int sessionId) => $"governance-session-{sessionId}@maillage";

    /// <summary>SHA-256 of a link's token, hex; null for anything not shaped like one (43 base64url characters).</summary>
    public static string? Hash(string? token) =>
        token is { Length: 43 } && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')
            ? Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(token))) : null;

    public async Task<Outcome> SendAsync(Session session, Body body, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var place = PlaceOf(session);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, TimeZoneInfo.FindSystemTimeZoneById(session.TimeZone)).DateTime);
        if (!body.Members.Any(m => m.CoversDay(session.Day) && !string.IsNullOrWhiteSpace(m.Email))) return new(0, false, null, Refused: true);
        var first = session.ConvokedStartsAt is null;
        var changed = !first && (session.ConvokedStartsAt != session.StartsAt || session.ConvokedPlace != place);
        if (!first && !changed) return new(0, false, null);
        var whatChanged = first ? null : WhatChanged(session, place);
        if (!first) session.ConvocationSequence++;
        (session.ConvokedStartsAt, session.ConvokedPlace) = (session.StartsAt, place);
        if (today <= session.Day) session.ConvenedOn ??= today;
        var existing = await db.Set<Convocation>().Where(c => c.SessionId == session.Id).ToListAsync(ct);
        var baseUrl = email.Value.PublicBaseUrl.TrimEnd('/');
        var sent = 0;
        foreach (var m in body.Members.Where(m => m.CoversDay(session.Day) && !string.IsNullOrWhiteSpace(m.Email)).OrderBy(m => m.Id))
        {
            var token = WebEncoders(RandomNumberGenerator.GetBytes(32));
            var row = existing.FirstOrDefault(c => c.MemberId == m.Id);
            if (row is null) db.Add(row = new Convocation { CiteId = session.CiteId, SessionId = session.Id, MemberId = m.Id, TokenHash = "" });
            (row.TokenHash, row.Sequence, row.SentAt) = (Hash(token)!, session.ConvocationSequence, now);
            // A receipt of the earlier convocation is not one of the change: the new link is acknowledged anew.
            row.OpenedAt = null;
            var link = $"{baseUrl}{LinkPath}{token}";
            var (title, text) = Message(body, session, m, link, whatChanged);
            Outbox.Enqueue(db, new EmailMessage(Kind, m.Email!.Trim(), m.PlainName, title, text,
                Attachment: new EmailAttachment("convocation.ics", "text/calendar; method=REQUEST; charset=utf-8", Invitation(body, session, m, link, now, email.Value.From)),
                CiteId: session.CiteId, About: $"governance-session:{session.Id}:{session.ConvocationSequence}"), now);
            sent++;
        }
        await db.SaveChangesAsync(ct);
        return new(sent, changed, Session.Check(session.LocalStart, session.ConvenedOn, body.MinConvocationDays));
    }

    private static string WebEncoders(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string PlaceOf(Session s) => s.Videoconference ? $"Visioconférence{(s.VideoLink is { } l ? $" : {l}" : "")}" : s.Place ?? "";

    private static string WhatChanged(Session session, string place)
    {
        var fr = CultureInfo.GetCultureInfo("fr-FR");
        var zone = TimeZoneInfo.FindSystemTimeZoneById(session.TimeZone);
        var lines = new List<string>();
        if (session.ConvokedStartsAt is { } was && was != session.StartsAt)
            lines.Add($"Date et heure : {TimeZoneInfo.ConvertTime(was, zone).ToString("dddd d MMMM yyyy 'à' HH:mm", fr)} → {session.LocalStart.ToString("dddd d MMMM yyyy 'à' HH:mm", fr)}");
        if (session.ConvokedPlace != place) lines.Add($"Lieu : {session.ConvokedPlace} → {place}");
        return string.Join("\n", lines);
    }

    private static (string Title, string Text) Message(Body body, Session session, BodyMember m, string link, string? whatChanged)
    {
        var fr = CultureInfo.GetCultureInfo("fr-FR");
        var when = session.LocalStart.ToString("dddd d MMMM yyyy 'à' HH:mm", fr);
        var agenda = string.Join("\n", session.Agenda.OrderBy(a => a.Position).Select(a => $"{a.Position}. {a.Title}"));
        var title = whatChanged is null ? $"Convocation — {body.Name}, {when}" : $"Convocation modifiée — {body.Name}, {when}";
        var text = $"""
            {m.DisplayName},

            {(whatChanged is null ? $"Vous êtes convoqué(e) à la séance de l'instance « {body.Name} » le {when}." : $"La séance de l'instance « {body.Name} » change :\n{whatChanged}")}
            Lieu : {PlaceOf(session)}

            Ordre du jour :
            {(agenda.Length > 0 ? agenda : "(à venir)")}

            L'ordre du jour et les documents, et l'accusé de réception de cette convocation : {link}
            (ce lien vous est personnel).

            {body.SecretaryName ?? "Le secrétariat de l'instance"}
            """;
        return (title, text);
    }

    /// <summary>
    /// The invitation: METHOD:REQUEST, the session's stable UID, SEQUENCE the convocation's, the sender as ORGANIZER (which
    /// RFC 5546 §3.2.2 requires of a REQUEST: without it calendar clients show no invitation) and the member as attendee.
    /// </summary>
    public static string Invitation(Body body, Session session, BodyMember m, string link, DateTimeOffset now, string sender)
    {
        var calendar = new Ical.Net.Calendar { ProductId = "-//Maillage//Instances//FR", Method = "REQUEST" };
        var e = new CalendarEvent
        {
            Uid = Uid(session.Id),
            Sequence = session.ConvocationSequence,
            Summary = $"{body.Name} — séance",
            Description = $"Ordre du jour et documents : {link}",
            Location = PlaceOf(session),
            Start = new CalDateTime(session.StartsAt.UtcDateTime, "UTC"),
            End = new CalDateTime(session.StartsAt.UtcDateTime.AddHours(2), "UTC"),
            DtStamp = new CalDateTime(now.UtcDateTime, "UTC"),
            Status = "CONFIRMED",
        };
        if (System.Net.Mail.MailAddress.TryCreate(sender, out var from))
            e.Organizer = new Organizer($"mailto:{from.Address}") { CommonName = body.SecretaryName ?? (string.IsNullOrWhiteSpace(from.DisplayName) ? null : from.DisplayName) };
        e.Attendees.Add(new Attendee($"mailto:{m.Email!.Trim()}") { CommonName = m.PlainName, Role = "REQ-PARTICIPANT", ParticipationStatus = "NEEDS-ACTION", Rsvp = true });
        calendar.Events.Add(e);
        return new CalendarSerializer().SerializeToString(calendar)!;
    }

    /// <summary>The convocation a link opens, the first opening recorded as the acknowledgement of receipt; null for an unknown token.</summary>
    public async Task<Opened?> OpenAsync(string? token, CancellationToken ct)
    {
        var hash = Hash(token);
        var row = hash is null ? null : await db.Set<Convocation>().IgnoreQueryFilters().FirstOrDefaultAsync(c => c.TokenHash == hash, ct);
        return row is null ? null : await AcknowledgeAsync(row, ct);
    }

    /// <summary>
    /// The convocation of a staff user who is a member (<see cref="BodyMember.UserId"/>) to a session, opened from their
    /// back office: the same acknowledgement as the e-mail link; null when they were not convened to it.
    /// </summary>
    public async Task<Opened?> OpenForUserAsync(string userId, int sessionId, CancellationToken ct)
    {
        var row = await (from c in db.Set<Convocation>().IgnoreQueryFilters()
                         join m in db.Set<BodyMember>().IgnoreQueryFilters() on c.MemberId equals m.Id
                         where c.SessionId == sessionId && m.UserId == userId
                         orderby c.Id
                         select c).FirstOrDefaultAsync(ct);
        return row is null ? null : await AcknowledgeAsync(row, ct);
    }

    /// <summary>What a member opens: their convocation, the session and its agenda, the body, the member, the minutes once approved.</summary>
    public sealed record Opened(Convocation Convocation, Session Session, Body Body, BodyMember Member, Minutes? ApprovedMinutes);

    private async Task<Opened> AcknowledgeAsync(Convocation row, CancellationToken ct)
    {
        if (row.OpenedAt is null)
        {
            row.OpenedAt = clock.GetUtcNow();
            await db.SaveChangesAsync(ct);
        }
        var session = await db.Set<Session>().IgnoreQueryFilters().Include(s => s.Agenda).FirstAsync(s => s.Id == row.SessionId, ct);
        var body = await db.Set<Body>().IgnoreQueryFilters().Include(b => b.Members).FirstAsync(b => b.Id == session.BodyId, ct);
        var minutes = await db.Set<Minutes>().IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(m => m.SessionId == session.Id && m.ApprovedAtSessionId != null, ct);
        return new(row, session, body, body.Members.First(x => x.Id == row.MemberId), minutes);
    }

    /// <summary>One line of a member's list of convocations.</summary>
    public sealed record MemberConvocation(int SessionId, string BodyName, BodyKind Kind, DateTimeOffset StartsAt, string TimeZone, bool Videoconference, string? Place,
        DateTimeOffset SentAt, int Sequence, DateTimeOffset? OpenedAt)
    {
        public DateTimeOffset LocalStart => TimeZoneInfo.ConvertTime(StartsAt, TimeZoneInfo.FindSystemTimeZoneById(TimeZone));
    }

    /// <summary>The convocations sent to the members a staff user is linked to, in every body and Cité (theirs only), latest session first.</summary>
    public async Task<List<MemberConvocation>> OfUserAsync(string userId, CancellationToken ct)
    {
        var rows = await (from c in db.Set<Convocation>().IgnoreQueryFilters()
                          join m in db.Set<BodyMember>().IgnoreQueryFilters() on c.MemberId equals m.Id
                          join s in db.Set<Session>().IgnoreQueryFilters() on c.SessionId equals s.Id
                          join b in db.Set<Body>().IgnoreQueryFilters() on s.BodyId equals b.Id
                          where m.UserId == userId
                          select new MemberConvocation(s.Id, b.Name, b.Kind, s.StartsAt, s.TimeZone, s.Videoconference, s.Place, c.SentAt, c.Sequence, c.OpenedAt)).ToListAsync(ct);
        // One line a session even if the user were linked to two members of one body; sorted in memory (SQLite orders no DateTimeOffset).
        return [.. rows.GroupBy(r => r.SessionId).Select(g => g.First()).OrderByDescending(r => r.StartsAt)];
    }

    /// <summary>Whether a staff user is linked to a member of any body: the menu shows them « Mes convocations ».</summary>
    public Task<bool> IsMemberAsync(string userId, CancellationToken ct = default) =>
        db.Set<BodyMember>().IgnoreQueryFilters().AnyAsync(m => m.UserId == userId, ct);
}
