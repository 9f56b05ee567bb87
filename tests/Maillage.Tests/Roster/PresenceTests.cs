using System.Text.RegularExpressions;
using System.Net;
using System.Text.Json;
using Maillage.Network;
using Maillage.Platform.Identity;
using Maillage.Roster;
using Maillage.Tests.Infrastructure;
using Maillage.Tests.Network;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Tests.Roster;

/// <summary>
/// The public presence (issue 20, item 3): the place page says who holds each pole today and this week, the on-duty
/// API answers the duties in force at an instant, the iCalendar feed lists the duties — partners only, never a staff
/// member; an absent counsellor's duty is not shown, the replacement is.
/// </summary>
public sealed class PresenceTests(MaillageApp app) : IClassFixture<MaillageApp>
{
    // 23 November 2026, 09:00 UTC: a Monday, 10:00 in Paris.
    private static readonly DateOnly Monday = new(2026, 11, 23);

    private sealed record Roster(Structure Place, Pole Create, Pole Job, Pole Empty, Partner Med, Partner Absent, Partner Replacing, string CounsellorName);

    /// <summary>
    /// Today: "Pôle de test 1" held by the Maison de l'Economie 13:30–17:30 by a named counsellor; "Pôle de test 2" by a
    /// partner who is absent 09:00–12:00 and replaced by another; "Pôle de test 3" held by nobody. Wednesday: the Maison
    /// again 09:00–12:30.
    /// </summary>
    private async Task<Roster> RosterAsync()
    {
        app.Clock.SetUtcNow(MaillageApp.DefaultNow);
        var place = await app.RosterStructureAsync();
        var poles = await app.WithDbAsync(db => db.Poles.Where(p => p.StructureId == place.Id).OrderBy(p => p.Order).ToListAsync());
        var unique = Guid.NewGuid().ToString("N")[..6];
        var med = await app.NewPartnerAsync("grand-geneve", $"Maison de l'Economie Développement {unique}");
        var absent = await app.NewPartnerAsync("grand-geneve", $"Partenaire absent {unique}");
        var replacing = await app.NewPartnerAsync("grand-geneve", $"Partenaire remplaçant {unique}");
        var counsellor = await app.CreateStaffAsync(StaffRole.Counsellor, "cite:grand-geneve");
        var name = $"Conseillère Dupont-{unique}";
        await app.WithDbAsync(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.Id == counsellor.Id);
            user.DisplayName = name;
            return await db.SaveChangesAsync();
        });
        await app.SlotAsync(place, poles[0], med, Monday, (13, 30), (17, 30), counsellorId: counsellor.Id);
        var gone = await app.SlotAsync(place, poles[1], absent, Monday, (9, 0), (12, 0), DutyStatus.Absent, counsellorId: counsellor.Id);
        await app.SlotAsync(place, poles[1], replacing, Monday, (9, 0), (12, 0), replaces: gone.Id);
        await app.SlotAsync(place, poles[0], med, Monday.AddDays(2), (9, 0), (12, 30));
        // Cancelled occurrence and next week's duty: on neither today's list nor this week's table.
        await app.SlotAsync(place, poles[2], absent, Monday.AddDays(1), (9, 0), (12, 0), DutyStatus.Cancelled);
        await app.SlotAsync(place, poles[2], absent, Monday.AddDays(7), (9, 0), (12, 0));
        return new Roster(place, poles[0], poles[1], poles[2], med, absent, replacing, name);
    }

    /// <summary>The page's text, its runs of white space made one space.</summary>
    private async Task<string> PageAsync(string path, HttpClient? client = null) =>
        System.Text.RegularExpressions.Regex.Replace(WebUtility.HtmlDecode(await (client ?? app.CreateClient()).GetStringAsync(path)), @"\s+", " ");

    [Fact]
    public async Task Given_todays_duties_with_an_absence_and_its_replacement_Then_the_place_page_names_who_holds_each_pole_and_no_staff_member()
    {
        var r = await RosterAsync();
        await app.WithDbAsync(async db =>
        {
            var place = await db.Structures.Include(s => s.WeeklyHours).SingleAsync(s => s.Id == r.Place.Id);
            place.ReplaceWeeklyHours([.. new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday }
                .Select(d => (d, new TimeOnly(9, 0), new TimeOnly(17, 30)))]);
            return await db.SaveChangesAsync();
        });
        var html = await PageAsync($"/lieux/grand-geneve/{r.Place.Slug}");

        Assert.Contains($"<strong>Pôle de test 1</strong> : {r.Med.Name}, 13:30–17:30</li>", html);
        Assert.Contains($"<strong>Pôle de test 2</strong> : {r.Replacing.Name}, 09:00–12:00</li>", html);
        Assert.Contains("<strong>Pôle de test 3</strong> : <span class=\"muted\">pas de permanence aujourd'hui</span>", html);
        Assert.DoesNotContain(r.Absent.Name, html); // absent today, cancelled tomorrow, next week out of the table
        Assert.DoesNotContain(r.CounsellorName, html);

        // The week's table: a caption, headers with their scope, Wednesday's duty in its cell.
        var table = html[html.IndexOf("<table class=\"duty-week\">", StringComparison.Ordinal)..];
        table = table[..(table.IndexOf("</table>", StringComparison.Ordinal) + 8)];
        Assert.Contains("<caption>Partenaires de permanence par pôle, du lundi 23 novembre au dimanche 29 novembre, heure de Paris</caption>", table);
        Assert.Contains("<th scope=\"col\">mercredi 25 novembre</th>", table);
        Assert.Contains("<th scope=\"row\">Pôle de test 1</th>", table);
        Assert.Contains($"<span>{r.Med.Name}, 09:00–12:30</span>", table);
        // A day the place opens with nobody on a pole says "nobody"; a day it does not open says "closed".
        var thursday = Regex.Matches(table, "<tr>.*?</tr>", RegexOptions.Singleline).Select(m => m.Value).Single(row => row.Contains("Pôle de test 3"));
        var cells = Regex.Matches(thursday, "<td>(.*?)</td>", RegexOptions.Singleline).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(7, cells.Count);
        Assert.Contains("personne", cells[3]); // Thursday
        Assert.Contains("fermé", cells[5]); // Saturday
        Assert.Contains("fermé", cells[6]); // Sunday
        Assert.Contains($"href=\"/api/v1/structures/{r.Place.Id}/on-duty.ics\"", html);

        // In English, the same facts in English words.
        var english = await PageAsync($"/lieux/grand-geneve/{r.Place.Slug}?culture=en", app.Browser());
        Assert.Contains($"<strong>Pôle de test 1</strong>: {r.Med.Name}, 13:30–17:30</li>", english);
        Assert.Contains("nobody on duty today", english);
    }

    [Fact]
    public async Task Given_an_instant_Then_on_duty_answers_the_duties_in_force_in_the_places_time_and_names_no_staff_member()
    {
        var r = await RosterAsync();
        var client = app.CreateClient();

        // 10:30 Paris: only the replacement is in force (the absent counsellor's slot is not).
        var morning = await client.GetStringAsync($"/api/v1/structures/{r.Place.Id}/on-duty?at=2026-11-23T10:30:00%2B01:00");
        using (var json = JsonDocument.Parse(morning))
        {
            var duty = Assert.Single(json.RootElement.EnumerateArray());
            Assert.Equal("Pôle de test 2", duty.GetProperty("pole").GetString());
            Assert.Equal(r.Replacing.Name, duty.GetProperty("partner").GetString());
            Assert.Equal("2026-11-23T09:00:00+01:00", duty.GetProperty("from").GetString());
            Assert.Equal("2026-11-23T12:00:00+01:00", duty.GetProperty("to").GetString());
            Assert.Equal(["pole", "partner", "from", "to"], duty.EnumerateObject().Select(p => p.Name));
        }
        // The same instant in UTC; an end is not in force (12:00 is past the morning); default: now (10:00 Paris).
        Assert.Equal(morning, await client.GetStringAsync($"/api/v1/structures/{r.Place.Id}/on-duty?at=2026-11-23T09:30:00Z"));
        Assert.Equal("[]", await client.GetStringAsync($"/api/v1/structures/{r.Place.Id}/on-duty?at=2026-11-23T12:00:00%2B01:00"));
        Assert.Equal(morning, await client.GetStringAsync($"/api/v1/structures/{r.Place.Id}/on-duty"));
        var afternoon = await client.GetStringAsync($"/api/v1/structures/{r.Place.Id}/on-duty?at=2026-11-23T14:00:00%2B01:00&cite=grand-geneve");
        Assert.Contains(r.Med.Name, afternoon);
        Assert.DoesNotContain(r.CounsellorName, afternoon);
    }

    [Theory]
    [InlineData("tomorrow", "at")]
    [InlineData("2026-11-23", "at")]
    [InlineData("2026-11-23T10:00:00", "at")]
    [InlineData("1900-01-01T10:00:00Z", "at")]
    [InlineData("2026-02-30T10:00:00Z", "at")]
    public async Task Given_a_bad_instant_Then_on_duty_answers_400_problem_details_naming_at_in_the_callers_language(string at, string field)
    {
        var r = await RosterAsync();
        var client = app.CreateClient();
        var response = await client.GetAsync($"/api/v1/structures/{r.Place.Id}/on-duty?at={Uri.EscapeDataString(at)}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var french = await response.Content.ReadAsStringAsync();
        Assert.Contains($"\"errors\":{{\"{field}\":", french);

        var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/structures/{r.Place.Id}/on-duty?at={Uri.EscapeDataString(at)}");
        request.Headers.AcceptLanguage.ParseAdd("en");
        var english = await (await client.SendAsync(request)).Content.ReadAsStringAsync();
        Assert.NotEqual(french, english);
        Assert.Contains(at.StartsWith("1900") ? "The year must be" : "is not an ISO 8601 date and time", english);
    }

    [Fact]
    public async Task Given_an_unknown_place_or_one_of_another_Cite_Then_on_duty_and_its_feed_answer_404_problem_details()
    {
        var r = await RosterAsync();
        var marseille = await app.RosterStructureAsync("marseille-paca");
        var client = app.CreateClient();
        foreach (var path in new[]
                 {
                     "/api/v1/structures/999999/on-duty", "/api/v1/structures/999999/on-duty.ics",
                     $"/api/v1/structures/{marseille.Id}/on-duty?cite=grand-geneve", $"/api/v1/structures/{marseille.Id}/on-duty.ics?cite=grand-geneve",
                 })
        {
            var response = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/v1/structures/{r.Place.Id}/on-duty?cite=grand-geneve")).StatusCode);

        // A signed-in staff member of another Cité reads the public presence too: the API is anonymous.
        var other = await app.SignedInAsAsync(StaffRole.Coordinator, "cite:marseille-paca");
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync($"/api/v1/structures/{r.Place.Id}/on-duty")).StatusCode);
    }

    [Fact]
    public async Task Given_the_feed_Then_Ical_Net_reads_one_event_per_duty_held_with_pole_and_partner_and_no_staff_name()
    {
        var r = await RosterAsync();
        var response = await app.CreateClient().GetAsync($"/api/v1/structures/{r.Place.Id}/on-duty.ics");
        Assert.Equal("text/calendar", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain(r.CounsellorName, text);

        var calendar = Ical.Net.Calendar.Load(text)!;
        var events = calendar.Events.OrderBy(e => e.Start!.AsUtc).ToList();
        // Held: Monday's two (Maison, replacement), Wednesday's, next Monday's (absent partner, held that day); not the absent nor the cancelled.
        Assert.Equal(4, events.Count);
        Assert.Equal($"Pôle de test 2 : {r.Replacing.Name}", events[0].Summary);
        Assert.Equal(new DateTime(2026, 11, 23, 8, 0, 0, DateTimeKind.Utc), events[0].Start!.AsUtc);
        Assert.Equal(new DateTime(2026, 11, 23, 11, 0, 0, DateTimeKind.Utc), events[0].End!.AsUtc);
        Assert.Equal($"Pôle de test 1 : {r.Med.Name}", events[1].Summary);
        Assert.Equal(r.Place.Name, events[1].Location);
        Assert.Equal(events.Count, events.Select(e => e.Uid).Distinct().Count());
        Assert.DoesNotContain(events, e => e.Start!.AsUtc.Date == new DateTime(2026, 11, 24)); // the cancelled one

        // A period: the days asked only; bad dates → 400 naming the field.
        var wednesday = Ical.Net.Calendar.Load(await app.CreateClient().GetStringAsync($"/api/v1/structures/{r.Place.Id}/on-duty.ics?from=2026-11-25&to=2026-11-25"))!;
        Assert.Equal($"Pôle de test 1 : {r.Med.Name}", Assert.Single(wednesday.Events).Summary);
        var bad = await app.CreateClient().GetAsync($"/api/v1/structures/{r.Place.Id}/on-duty.ics?from=2026-11-30&to=2026-11-01");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("\"errors\":{\"to\":", await bad.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Given_a_duty_changed_Then_the_place_page_and_on_duty_show_it_at_once()
    {
        var r = await RosterAsync();
        var path = $"/lieux/grand-geneve/{r.Place.Slug}";
        var onDuty = $"/api/v1/structures/{r.Place.Id}/on-duty";
        Assert.Contains(r.Replacing.Name, await PageAsync(path));
        Assert.Contains(r.Replacing.Name, await app.CreateClient().GetStringAsync(onDuty)); // now kept in the public output cache
        await app.WithDbAsync(async db =>
        {
            var slot = await db.Set<DutySlot>().SingleAsync(s => s.PartnerId == r.Replacing.Id);
            slot.Status = DutyStatus.Absent;
            return await db.SaveChangesAsync();
        });
        var html = await PageAsync(path);
        Assert.DoesNotContain(r.Replacing.Name, html);
        Assert.Equal("[]", await app.CreateClient().GetStringAsync(onDuty)); // the change evicted it
        Assert.Contains("<strong>Pôle de test 2</strong> : <span class=\"muted\">pas de permanence aujourd'hui</span>", html);
    }

    [Fact]
    public async Task Given_a_duty_deleted_Then_the_cached_place_page_and_on_duty_drop_it_at_once()
    {
        // A deleted row is no longer tracked once saved: the evictions are read when the save begins.
        var r = await RosterAsync();
        var path = $"/lieux/grand-geneve/{r.Place.Slug}";
        var onDuty = $"/api/v1/structures/{r.Place.Id}/on-duty";
        var visitor = app.CreateClient();
        await visitor.GetAsync(path);
        Assert.NotNull((await visitor.GetAsync(path)).Headers.Age);
        Assert.Contains(r.Replacing.Name, await visitor.GetStringAsync(onDuty));
        await app.WithDbAsync(async db =>
        {
            db.Set<DutySlot>().Remove(await db.Set<DutySlot>().SingleAsync(s => s.PartnerId == r.Replacing.Id));
            return await db.SaveChangesAsync();
        });
        var after = await visitor.GetAsync(path);
        Assert.Null(after.Headers.Age);
        Assert.DoesNotContain(r.Replacing.Name, WebUtility.HtmlDecode(await after.Content.ReadAsStringAsync()));
        Assert.DoesNotContain(r.Replacing.Name, await visitor.GetStringAsync(onDuty));
    }

    [Fact]
    public async Task Given_an_anonymous_visitor_Then_the_place_page_comes_from_the_cache_within_its_minute_until_a_duty_or_the_place_changes()
    {
        var r = await RosterAsync();
        var path = $"/lieux/grand-geneve/{r.Place.Slug}";
        var visitor = app.CreateClient();
        var first = await visitor.GetAsync(path);
        Assert.Null(first.Headers.Age);
        var again = await visitor.GetAsync(path);
        Assert.NotNull(again.Headers.Age); // an answer from the output cache carries its age

        // A duty saved by the application evicts the page: the new partner shows at once.
        var late = await app.NewPartnerAsync("grand-geneve", $"Partenaire du soir {Guid.NewGuid():N}"[..30]);
        await app.SlotAsync(r.Place, r.Empty, late, Monday, (14, 0), (17, 0));
        var afterDuty = await visitor.GetAsync(path);
        Assert.Null(afterDuty.Headers.Age);
        Assert.Contains(late.Name, WebUtility.HtmlDecode(await afterDuty.Content.ReadAsStringAsync()));

        // The clock moving to another minute is another page ("open now", today's duties), whatever the expiry.
        Assert.NotNull((await visitor.GetAsync(path)).Headers.Age);
        app.Clock.SetUtcNow(MaillageApp.DefaultNow.AddMinutes(1));
        Assert.Null((await visitor.GetAsync(path)).Headers.Age);
        app.Clock.SetUtcNow(MaillageApp.DefaultNow);

        // A signed-in staff member is never answered from it.
        var staff = await app.SignedInAsync(await app.CreateStaffAsync(StaffRole.Coordinator, "cite:grand-geneve"));
        await staff.GetAsync(path);
        Assert.Null((await staff.GetAsync(path)).Headers.Age);
    }
}
