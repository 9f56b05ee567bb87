using System.Net;
using Maillage.Agenda;
using Maillage.Platform.Identity;
using Maillage.Tests.Agenda;
using Maillage.Tests.Infrastructure;
using Maillage.Tests.Network.Admin;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Tests.Agenda.Operations;

public sealed class CheckInTests(FrozenAgendaApp app) : IClassFixture<FrozenAgendaApp>
{
    private static readonly DateTimeOffset Today14h = new(2026, 11, 23, 13, 0, 0, TimeSpan.Zero);

    private async Task<HttpClient> ReceptionAsync(string structure = "annemasse") =>
        await app.SignedInAsync(await app.CreateStaffAsync(StaffRole.ReceptionAgent, $"structure:grand-geneve/{structure}"));

    [Fact]
    public async Task Given_a_reception_agent_of_the_structure_When_ticking_attendees_Then_each_post_records_one_state()
    {
        var e = await app.NewEventAsync(Today14h);
        var zoe = await app.RegisterAsync(e, "Zoé", "Dupont");
        var marc = await app.RegisterAsync(e, "Marc", "Durand");
        var lina = await app.RegisterAsync(e, "Lina", "Martin");
        var client = await ReceptionAsync();
        var url = $"/gestion/agenda/{e.Id}/emargement";

        var page = await client.PageTextAsync(url);
        Assert.Contains("Dupont Zoé", page);
        Assert.Contains("Durand Marc", page);

        var present = await client.PostFormAsync($"{url}?handler=Mark", new() { ["registrationId"] = zoe.Id.ToString(), ["attendance"] = "Present" }, url);
        Assert.Equal(HttpStatusCode.Redirect, present.StatusCode);
        await client.PostFormAsync($"{url}?handler=Mark", new() { ["registrationId"] = marc.Id.ToString(), ["attendance"] = "Absent" }, url);
        await client.PostFormAsync($"{url}?handler=Mark", new() { ["registrationId"] = lina.Id.ToString(), ["attendance"] = "Excused" }, url);

        Assert.Equal(AttendanceStatus.Present, (await app.RegistrationAsync(zoe.Id)).Attendance);
        Assert.Equal(Today14h.AddHours(-4), (await app.RegistrationAsync(zoe.Id)).AttendedAt);
        Assert.Equal(AttendanceStatus.Absent, (await app.RegistrationAsync(marc.Id)).Attendance);
        Assert.Equal(AttendanceStatus.Excused, (await app.RegistrationAsync(lina.Id)).Attendance);

        // Changing one's mind is one more post.
        await client.PostFormAsync($"{url}?handler=Mark", new() { ["registrationId"] = marc.Id.ToString(), ["attendance"] = "Present" }, url);
        Assert.Equal(AttendanceStatus.Present, (await app.RegistrationAsync(marc.Id)).Attendance);

        page = await client.PageTextAsync(url);
        Assert.Matches(@"Présent·es</dt><dd>2</dd>", page);
        Assert.Matches(@"Excusé·es</dt><dd>1</dd>", page);
    }

    [Fact]
    public async Task Given_a_registration_of_another_event_When_ticked_through_this_event_Then_it_is_not_found()
    {
        var e = await app.NewEventAsync(Today14h);
        var other = await app.NewEventAsync(Today14h);
        var stranger = await app.RegisterAsync(other, "Paul", "Autre");
        var client = await ReceptionAsync();
        var url = $"/gestion/agenda/{e.Id}/emargement";
        var response = await client.PostFormAsync($"{url}?handler=Mark", new() { ["registrationId"] = stranger.Id.ToString(), ["attendance"] = "Present" }, url);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(AttendanceStatus.Unknown, (await app.RegistrationAsync(stranger.Id)).Attendance);
    }

    [Fact]
    public async Task Given_a_name_When_searching_Then_case_accents_and_word_order_are_ignored()
    {
        var e = await app.NewEventAsync(Today14h);
        await app.RegisterAsync(e, "Zoé", "Dupont");
        await app.RegisterAsync(e, "Marc", "Durand");
        var client = await ReceptionAsync();
        var url = $"/gestion/agenda/{e.Id}/emargement";
        // Posted, not in the address: names stay out of logs, history and Referer headers (issue 18, item 12).
        var response = await client.PostFormAsync($"{url}?handler=Search", new() { ["q"] = "zoe DUPONT" }, url);
        Assert.DoesNotContain("zoe", response.RequestMessage!.RequestUri!.ToString(), StringComparison.OrdinalIgnoreCase);
        var page = await response.TextAsync();
        Assert.Contains("Dupont Zoé", page);
        Assert.DoesNotContain("Durand Marc", page);
        Assert.Contains("Personnes affichées : 1 sur 2.", page);

        // A change made from the filtered list comes back to it, still without the name in the address.
        var zoe = (await app.RegistrationsAsync(e.Id)).Single(r => r.Person.FirstName == "Zoé");
        var marked = await client.PostFormAsync($"{url}?handler=Mark", new() { ["registrationId"] = zoe.Id.ToString(), ["attendance"] = "Present", ["q"] = "zoe DUPONT" }, url);
        Assert.Equal(HttpStatusCode.Redirect, marked.StatusCode);
        Assert.DoesNotContain("zoe", marked.Headers.Location!.ToString(), StringComparison.OrdinalIgnoreCase);
        var back = await client.PageTextAsync(url);
        Assert.Contains("Personnes affichées : 1 sur 2.", back);
    }

    [Fact]
    public async Task Given_walk_ins_without_a_name_When_counted_Then_they_add_up_by_public_and_never_go_below_zero()
    {
        var e = await app.NewEventAsync(Today14h);
        var client = await ReceptionAsync();
        var url = $"/gestion/agenda/{e.Id}/emargement";
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync($"{url}?handler=Anonymous", new() { ["Anonymous.PublicStatus"] = "Student", ["Anonymous.Count"] = "3" }, url)).StatusCode);
        await client.PostFormAsync($"{url}?handler=Anonymous", new() { ["Anonymous.PublicStatus"] = "Student", ["Anonymous.Count"] = "2" }, url);
        await client.PostFormAsync($"{url}?handler=Anonymous", new() { ["Anonymous.PublicStatus"] = "Parent", ["Anonymous.Count"] = "1" }, url);
        await client.PostFormAsync($"{url}?handler=Anonymous", new() { ["Anonymous.PublicStatus"] = "Student", ["Anonymous.Count"] = "-1" }, url);

        var tooMany = await client.PostFormAsync($"{url}?handler=Anonymous", new() { ["Anonymous.PublicStatus"] = "Parent", ["Anonymous.Count"] = "-5" }, url);
        Assert.Equal(HttpStatusCode.OK, tooMany.StatusCode);
        Assert.Contains("Il n'y a pas autant de personnes sans inscription à retirer", await tooMany.TextAsync());

        var missing = await client.PostFormAsync($"{url}?handler=Anonymous", new() { ["Anonymous.PublicStatus"] = "", ["Anonymous.Count"] = "abc" }, url);
        var text = await missing.TextAsync();
        Assert.Contains("Choisissez un public.", text);
        Assert.Contains("Indiquez un nombre entier de personnes.", text);

        var counts = await app.WithDbAsync(db => db.EventWalkIns.Where(w => w.EventId == e.Id).OrderBy(w => w.PublicStatus).Select(w => new { w.PublicStatus, w.Count }).ToListAsync());
        Assert.Equal([new { PublicStatus = PublicStatus.Student, Count = 4 }, new { PublicStatus = PublicStatus.Parent, Count = 1 }], counts);
    }

    [Fact]
    public async Task Given_many_tablets_counting_walk_ins_at_once_Then_no_count_is_lost()
    {
        var e = await app.NewEventAsync(Today14h);
        var desks = Enumerable.Range(0, 20).Select(_ => app.WithScopeAsync(async sp =>
        {
            var desk = (Maillage.Agenda.Attendance.AttendanceDesk)sp.GetService(typeof(Maillage.Agenda.Attendance.AttendanceDesk))!;
            await desk.AddAnonymousWalkInsAsync(e, PublicStatus.Pupil, 1);
        }));
        await Task.WhenAll(desks);
        Assert.Equal(20, await app.WithDbAsync(db => db.EventWalkIns.Where(w => w.EventId == e.Id).SumAsync(w => w.Count)));
    }

    [Fact]
    public async Task Given_a_walk_in_giving_a_name_When_added_Then_they_are_present_and_a_registered_email_is_not_duplicated()
    {
        var e = await app.NewEventAsync(Today14h);
        var registered = await app.RegisterAsync(e, "Anna", "Bern");
        var client = await ReceptionAsync();
        var url = $"/gestion/agenda/{e.Id}/emargement";

        var added = await client.PostFormAsync($"{url}?handler=Named", new()
        {
            ["Named.FirstName"] = "Karim", ["Named.LastName"] = "Haddad", ["Named.Email"] = "karim@example.org", ["Named.PublicStatus"] = "Apprentice", ["Named.Consent"] = "true",
        }, url);
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var karim = await app.WithDbAsync(db => db.Registrations.SingleAsync(r => r.EventId == e.Id && r.EmailKey == "karim@example.org"));
        Assert.Equal((RegistrationSource.WalkIn, AttendanceStatus.Present, PublicStatus.Apprentice), (karim.Source, karim.Attendance, karim.PublicStatus));

        var again = await client.PostFormAsync($"{url}?handler=Named", new()
        {
            ["Named.FirstName"] = "Anna", ["Named.LastName"] = "Bern", ["Named.Email"] = registered.Person.Email!.ToUpperInvariant(), ["Named.Consent"] = "true",
        }, url);
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal(AttendanceStatus.Present, (await app.RegistrationAsync(registered.Id)).Attendance);
        Assert.Equal(2, await app.WithDbAsync(db => db.Registrations.CountAsync(r => r.EventId == e.Id)));

        var refused = await client.PostFormAsync($"{url}?handler=Named", new() { ["Named.FirstName"] = "", ["Named.LastName"] = "X", ["Named.Email"] = "pas-une-adresse" }, url);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Indiquez le prénom", await refused.TextAsync());
        Assert.Equal(2, await app.WithDbAsync(db => db.Registrations.CountAsync(r => r.EventId == e.Id)));
    }

    [Fact]
    public async Task Given_staff_outside_the_event_scope_Then_the_check_in_is_refused()
    {
        var e = await app.NewEventAsync(Today14h);
        var bonneville = await app.SignedInAsync(await app.CreateStaffAsync(StaffRole.ReceptionAgent, "structure:grand-geneve/bonneville"));
        Assert.Equal(HttpStatusCode.Redirect, (await bonneville.GetAsync($"/gestion/agenda/{e.Id}/emargement")).StatusCode); // to access denied
        var counsellor = await app.SignedInAsync(await app.CreateStaffAsync(StaffRole.Counsellor, "cite:grand-geneve"));
        Assert.Equal(HttpStatusCode.Redirect, (await counsellor.GetAsync($"/gestion/agenda/{e.Id}/emargement")).StatusCode);
        var marseille = await app.SignedInAsync(await app.CreateStaffAsync(StaffRole.Coordinator, "cite:marseille-paca"));
        Assert.Equal(HttpStatusCode.NotFound, (await marseille.GetAsync($"/gestion/agenda/{e.Id}/emargement")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await marseille.GetAsync($"/gestion/agenda/{e.Id}/emargement/attestations")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await app.Browser().GetAsync($"/gestion/agenda/{e.Id}/emargement")).StatusCode); // to sign-in

        // The parent structure's agent and the Cité's coordinator may.
        var saintJulienEvent = await app.NewEventAsync(Today14h, structureSlug: "saint-julien-en-genevois");
        var annemasse = await ReceptionAsync();
        Assert.Equal(HttpStatusCode.OK, (await annemasse.GetAsync($"/gestion/agenda/{saintJulienEvent.Id}/emargement")).StatusCode);
        var organiser = await app.SignedInAsync(await app.CreateStaffAsync(StaffRole.EventOrganiser, "cite:grand-geneve"));
        Assert.Equal(HttpStatusCode.OK, (await organiser.GetAsync($"/gestion/agenda/{e.Id}/emargement")).StatusCode);
    }

    [Fact]
    public async Task Given_an_attendee_When_printing_the_certificate_Then_it_names_them_in_both_languages_signed_by_the_structure()
    {
        var e = await app.NewEventAsync(Today14h, title: "Zoom métier : électricien·ne");
        var present = await app.RegisterAsync(e, "Zoé", "Dupont", attendance: AttendanceStatus.Present);
        var absent = await app.RegisterAsync(e, "Marc", "Durand", attendance: AttendanceStatus.Absent);
        var client = await ReceptionAsync();

        var one = await client.PageTextAsync($"/gestion/agenda/{e.Id}/emargement/attestations/{present.Id}");
        Assert.Contains("Attestation de présence", one);
        Assert.Contains("Certificate of attendance", one);
        Assert.Contains("Centre associé d'Annemasse atteste que <strong>Zoé Dupont</strong> a participé à l'action collective", one);
        Assert.Contains("« Zoom métier : électricien·ne »", one);
        Assert.Contains("lundi 23 novembre 2026 de 14:00 à 16:00", one);
        Assert.Contains("certifies that <strong>Zoé Dupont</strong> attended", one);
        Assert.Contains("Fait à Annemasse", one);
        Assert.Contains("signature et cachet", one);
        Assert.Contains("/css/agenda-operations.css", one); // the print stylesheet

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/gestion/agenda/{e.Id}/emargement/attestations/{absent.Id}")).StatusCode);
        var all = await client.PageTextAsync($"/gestion/agenda/{e.Id}/emargement/attestations");
        Assert.Contains("Zoé Dupont", all);
        Assert.DoesNotContain("Marc Durand", all);
    }

    [Fact]
    public async Task Given_a_reception_agent_Then_the_days_list_shows_the_events_they_may_check_in_and_no_other()
    {
        var mine = await app.NewEventAsync(Today14h, title: "Zoom du jour Annemasse");
        await app.NewEventAsync(Today14h, structureSlug: "bonneville", title: "Zoom du jour Bonneville");
        await app.NewEventAsync(Today14h.AddDays(1), title: "Zoom de demain Annemasse");
        await app.RegisterAsync(mine, "Zoé", "Dupont", attendance: AttendanceStatus.Present);
        var page = await (await ReceptionAsync()).PageTextAsync("/gestion/agenda/emargement");
        Assert.Contains($"href=\"/gestion/agenda/{mine.Id}/emargement\"", page);
        Assert.Contains("1 présence sur 1 inscription confirmée", page);
        Assert.DoesNotContain("Zoom du jour Bonneville", page);
        Assert.DoesNotContain("Zoom de demain Annemasse", page);
        Assert.Contains("Zoom de demain Annemasse", await (await ReceptionAsync()).PageTextAsync("/gestion/agenda/emargement?date=2026-11-24"));
    }
}
