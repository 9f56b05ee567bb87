using System.Net;
using System.Text.RegularExpressions;
using Maillage.Governance;
using Maillage.Platform.Identity;
using Maillage.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Tests.Governance;

/// <summary>Issue 22 item 2: convocations through the outbox, once per member; an iCalendar REQUEST read back line by line (RFC 5545) and by Ical.Net's parser; a change resent with what changed; the personal link records receipt; a wrong token is 404.</summary>
public sealed class ConvocationTests(MaillageApp app) : IClassFixture<MaillageApp>
{
    private static string Of(string html) => Regex.Replace(Regex.Replace(WebUtility.HtmlDecode(html), "<[^>]+>", " "), @"\s+", " ");

    /// <summary>An independent reading of the .ics: unfold (RFC 5545 §3.1), then NAME[;params]:value per line.</summary>
    private static List<(string Name, string Params, string Value)> Ics(string text) =>
        [.. Regex.Replace(text.Replace("\r\n", "\n"), "\n[ \t]", "").Split('\n').Where(l => l.Length > 0)
            .Select(l => { var colon = l.IndexOf(':'); var head = l[..colon]; var semi = head.IndexOf(';'); return semi < 0 ? (head, "", l[(colon + 1)..]) : (head[..semi], head[(semi + 1)..], l[(colon + 1)..]); })];

    private Task<List<Maillage.Platform.Email.OutboxMessage>> MessagesAsync(int sessionId) =>
        app.WithDbAsync(db => db.Outbox.IgnoreQueryFilters().Where(m => m.Kind == Convocations.Kind && m.Subject!.StartsWith($"governance-session:{sessionId}:")).OrderBy(m => m.Id).ToListAsync());

    [Fact]
    public async Task Given_members_with_addresses_When_convening_Then_each_gets_one_message_with_an_invitation_and_a_change_is_resent_with_what_changed()
    {
        var (body, session) = await app.BodyWithSessionAsync(titular: 3);
        await app.WithDbAsync(async db =>
        {
            var members = await db.Set<BodyMember>().IgnoreQueryFilters().Where(m => m.BodyId == body.Id).OrderBy(m => m.Id).ToListAsync();
            members[0].Email = "un@example.org"; members[1].Email = "deux@example.org";
            await db.SaveChangesAsync();
            return 0;
        });
        var client = await app.SignedInAsAsync(StaffRole.Coordinator, "cite:grand-geneve");
        var url = $"/gestion/instances/seances/{session.Id}";
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync($"{url}?handler=Convoke", [], url)).StatusCode);
        var sent = await MessagesAsync(session.Id);
        Assert.Equal(["deux@example.org", "un@example.org"], sent.Select(m => m.To).Order());
        var ics = Ics(sent[0].AttachmentContent!);
        Assert.Contains(("METHOD", "", "REQUEST"), ics);
        Assert.Contains(("UID", "", Convocations.Uid(session.Id)), ics);
        Assert.Contains(("SEQUENCE", "", "0"), ics);
        Assert.Contains(ics, l => l.Name == "DTSTART" && l.Value == "20260312T170000Z");
        Assert.Contains(ics, l => l.Name == "ATTENDEE" && l.Value == $"mailto:{sent[0].To}");
        // RFC 5546 §3.2.2: a REQUEST names its ORGANIZER (the sender), without which calendar clients show no invitation.
        Assert.Contains(ics, l => l.Name == "ORGANIZER" && l.Value == "mailto:ne-pas-repondre@maillage.invalid");
        // Read back a second time by Ical.Net's own parser (a calendar client's reading, not the line reader above).
        var parsed = Ical.Net.Calendar.Load(sent[0].AttachmentContent!)!;
        var invitation = Assert.Single(parsed.Events);
        Assert.Equal(("REQUEST", Convocations.Uid(session.Id), 0), (parsed.Method, invitation.Uid, invitation.Sequence));
        Assert.Equal(new DateTime(2026, 3, 12, 17, 0, 0, DateTimeKind.Utc), invitation.DtStart!.AsUtc);
        Assert.Contains(invitation.Attendees, a => a.Value?.ToString() == $"mailto:{sent[0].To}");
        Assert.Equal("mailto:ne-pas-repondre@maillage.invalid", invitation.Organizer?.Value?.ToString());

        // Sent once: the same click again sends nothing.
        await client.PostFormAsync($"{url}?handler=Convoke", [], url);
        Assert.Equal(2, (await MessagesAsync(session.Id)).Count);

        // The personal link records receipt; a wrong one is 404.
        var link = Regex.Match(sent[0].TextBody, @"/instances/convocation/([A-Za-z0-9_-]{43})").Groups[1].Value;
        var anonymous = app.CreateClient();
        Assert.Contains("la réception de votre convocation est enregistrée", Of(await anonymous.GetStringAsync($"/instances/convocation/{link}")));
        Assert.Equal(1, await app.WithDbAsync(db => db.Set<Convocation>().IgnoreQueryFilters().CountAsync(c => c.SessionId == session.Id && c.OpenedAt != null)));
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/instances/convocation/{new string('A', 43)}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/instances/convocation/court")).StatusCode);
        Assert.Contains("2 membre(s) convoqué(s) par courriel, 1 accusé(s) de réception.", Of(await client.GetStringAsync(url)));

        // A change of time: everyone is sent what changed, SEQUENCE 1, same UID.
        await app.WithDbAsync(async db => { var s = await db.Set<Session>().IgnoreQueryFilters().SingleAsync(x => x.Id == session.Id); s.StartsAt = s.StartsAt.AddHours(1); await db.SaveChangesAsync(); return 0; });
        await client.PostFormAsync($"{url}?handler=Convoke", [], url);
        var all = await MessagesAsync(session.Id);
        Assert.Equal(4, all.Count);
        Assert.Contains("jeudi 12 mars 2026 à 18:00 → jeudi 12 mars 2026 à 19:00", all[3].TextBody);
        Assert.StartsWith("Convocation modifiée", all[3].Title);
        var again = Ics(all[3].AttachmentContent!);
        Assert.Contains(("SEQUENCE", "", "1"), again);
        Assert.Contains(("UID", "", Convocations.Uid(session.Id)), again);
        // The receipt of the first convocation is not one of the change (found in the review): it is asked again.
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<Convocation>().IgnoreQueryFilters().CountAsync(c => c.SessionId == session.Id && c.OpenedAt != null)));
        Assert.Contains("2 membre(s) convoqué(s) par courriel, 0 accusé(s) de réception.", Of(await client.GetStringAsync(url)));
        var newLink = Regex.Match(all[3].TextBody, @"/instances/convocation/([A-Za-z0-9_-]{43})").Groups[1].Value;
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/instances/convocation/{link}")).StatusCode);
        Assert.Contains("la réception de votre convocation est enregistrée", Of(await anonymous.GetStringAsync($"/instances/convocation/{newLink}")));
    }
}
