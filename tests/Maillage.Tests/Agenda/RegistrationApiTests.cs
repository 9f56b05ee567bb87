using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Maillage.Agenda;
using Maillage.Platform.Identity;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Tests.Agenda;

public sealed class RegistrationApiTests(AgendaApp app) : IClassFixture<AgendaApp>
{
    [Fact]
    public async Task Given_a_Zoom_metier_for_20_Then_the_21st_waits_and_is_confirmed_by_email_when_someone_cancels()
    {
        var e = await app.EventAsync(capacity: 20);
        var client = app.CreateClient();
        var tokens = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            var (status, body) = await client.RegisterAsync(app, e.Id, AgendaTestData.Person());
            Assert.Equal(HttpStatusCode.Accepted, status);
            Assert.Equal("confirmed", body!.Status);
            tokens.Add(body.ManageToken);
        }
        var waitingEmail = $"{Guid.NewGuid():N}@example.org";
        var (s21, b21) = await client.RegisterAsync(app, e.Id, AgendaTestData.Person(waitingEmail));
        Assert.Equal(HttpStatusCode.Accepted, s21);
        Assert.Equal("waitlisted", b21!.Status);
        Assert.Equal(1, b21.Position);

        var dto = await client.GetFromJsonAsync<JsonElement>($"/api/v1/events/{e.Id}");
        Assert.Equal(20, dto.GetProperty("confirmedCount").GetInt32());
        Assert.Equal(1, dto.GetProperty("waitlistCount").GetInt32());
        Assert.Equal(0, dto.GetProperty("placesLeft").GetInt32());

        var cancel = await client.DeleteAsync($"/api/v1/registrations/{tokens[0]}");
        Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
        var promoted = await app.Smtp.WaitForAsync(1, m => m.To.Mailboxes.Any(a => a.Address == waitingEmail) && m.Headers["X-Maillage-Kind"] == "agenda.promoted");
        var mail = Assert.Single(promoted);
        Assert.Contains(mail.Attachments, a => a.ContentDisposition?.FileName == "invitation.ics");
        Assert.Contains("https://agenda.test/agenda/inscription/", mail.TextBody);
        var regs = await app.RegistrationsAsync(e.Id);
        Assert.Equal(20, regs.Count(r => r.Status == RegistrationStatus.Confirmed));
        Assert.Equal(20, (await app.ReloadAsync(e.Id)).SeatsTaken);
    }

    [Fact]
    public async Task Given_every_person_submitting_twice_at_once_as_the_event_fills_Then_each_has_one_registration_and_both_are_answered_alike()
    {
        // Double clicks of 30 people while the event fills and then turns to its waiting list.
        var e = await app.EventAsync(capacity: 10);
        var client = app.CreateClient();
        var emails = Enumerable.Range(0, 30).Select(_ => $"{Guid.NewGuid():N}@example.org").ToArray();
        var results = await Task.WhenAll(emails.Concat(emails).Select(email => client.RegisterAsync(app, e.Id, AgendaTestData.Person(email))));
        // One of the two made the registration, the other met it: both are answered 202, and nothing tells which was which.
        Assert.All(results, r => Assert.Equal(HttpStatusCode.Accepted, r.Status));
        for (var i = 0; i < emails.Length; i++) Assert.Equal(results[i].Body, results[i + emails.Length].Body);
        var regs = await app.RegistrationsAsync(e.Id);
        Assert.Equal(30, regs.Count);
        Assert.Equal(10, regs.Count(r => r.Status == RegistrationStatus.Confirmed));
        Assert.Equal(10, (await app.ReloadAsync(e.Id)).SeatsTaken);
        Assert.Equal(Enumerable.Range(1, 20), results.Take(30).Where(r => r.Body!.Status == "waitlisted").Select(r => r.Body!.Position!.Value).Order());
    }

    [Fact]
    public async Task Given_a_registration_Then_the_confirmation_email_carries_an_ics_a_parser_reads_and_a_personal_link()
    {
        var e = await app.EventAsync(capacity: 5, title: "Zoom métier électricité");
        var email = $"{Guid.NewGuid():N}@example.org";
        var (_, body) = await app.CreateClient().RegisterAsync(app, e.Id, AgendaTestData.Person(email));
        var mail = Assert.Single(await app.Smtp.WaitForAsync(1, m => m.To.Mailboxes.Any(a => a.Address == email)));
        Assert.Equal("agenda.confirmation", mail.Headers["X-Maillage-Kind"]);
        Assert.Contains(body!.ManageToken, mail.TextBody);
        var ics = Assert.Single(mail.Attachments.OfType<MimeKit.MimePart>(), a => a.FileName == "invitation.ics");
        using var stream = new MemoryStream();
        await ics.Content!.DecodeToAsync(stream);
        var calendar = IcsParser.Parse(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
        var vevent = Assert.Single(calendar.Events);
        Assert.Equal("Zoom métier électricité", vevent.Summary);
        Assert.Equal(e.StartsAt.UtcDateTime.AddTicks(-(e.StartsAt.UtcDateTime.Ticks % TimeSpan.TicksPerSecond)), vevent.Start);
    }

    private static async Task<IcsParser.VCalendar> CalendarOfAsync(MimeKit.MimeMessage mail, string fileName)
    {
        var ics = Assert.Single(mail.Attachments.OfType<MimeKit.MimePart>(), a => a.FileName == fileName);
        using var stream = new MemoryStream();
        await ics.Content!.DecodeToAsync(stream);
        return IcsParser.Parse(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }

    [Fact]
    public async Task Given_a_person_who_cancels_Then_the_cancellation_email_carries_an_ics_CANCEL_of_the_invitations_UID_with_a_greater_SEQUENCE()
    {
        var e = await app.EventAsync(capacity: 5, title: "Atelier lettre de motivation");
        var email = $"{Guid.NewGuid():N}@example.org";
        var client = app.CreateClient();
        var (_, body) = await client.RegisterAsync(app, e.Id, AgendaTestData.Person(email));
        var confirmation = Assert.Single(await app.Smtp.WaitForAsync(1, m => m.To.Mailboxes.Any(a => a.Address == email) && m.Headers["X-Maillage-Kind"] == "agenda.confirmation"));
        var invitation = await CalendarOfAsync(confirmation, "invitation.ics");
        Assert.Equal("PUBLISH", invitation.Method);
        var invited = Assert.Single(invitation.Events);

        Assert.Equal(HttpStatusCode.OK, (await client.DeleteAsync($"/api/v1/registrations/{body!.ManageToken}")).StatusCode);
        var cancellation = Assert.Single(await app.Smtp.WaitForAsync(1, m => m.To.Mailboxes.Any(a => a.Address == email) && m.Headers["X-Maillage-Kind"] == "agenda.cancelled"));
        Assert.Contains("retirer l'action de votre agenda", cancellation.TextBody);
        var part = Assert.Single(cancellation.Attachments.OfType<MimeKit.MimePart>(), a => a.FileName == "annulation.ics");
        Assert.Equal("CANCEL", part.ContentType.Parameters["method"]);
        var calendar = await CalendarOfAsync(cancellation, "annulation.ics");
        Assert.Equal("CANCEL", calendar.Method);
        var cancelled = Assert.Single(calendar.Events);
        // The very entry the invitation added: same UID (stable, the event's), a greater SEQUENCE, STATUS:CANCELLED.
        Assert.Equal($"event-{e.Id}@maillage", invited.Uid);
        Assert.Equal(invited.Uid, cancelled.Uid);
        Assert.True(cancelled.Sequence > (invited.Sequence ?? 0), $"SEQUENCE {cancelled.Sequence} is not greater than the invitation's {invited.Sequence}.");
        Assert.Equal("CANCELLED", cancelled.Status);
        Assert.Equal(invited.Start, cancelled.Start);
    }

    [Fact]
    public async Task Given_bad_input_Then_problem_details_name_the_field_and_nothing_is_saved()
    {
        var e = await app.EventAsync(capacity: 5, mode: RegistrationMode.Open);
        var client = app.CreateClient();
        async Task ExpectField(object body, string field, int status = 422)
        {
            var response = await client.PostAsJsonAsync($"/api/v1/events/{e.Id}/registrations", body);
            Assert.Equal(status, (int)response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"{field} not named: {problem}");
        }
        await ExpectField(AgendaTestData.Person(consent: false), "consent");
        await ExpectField(new { firstName = "A", lastName = "B", email = "pas-une-adresse", consent = true }, "email");
        await ExpectField(new { firstName = "", lastName = "B", email = "a@b.fr", consent = true }, "firstName");
        await ExpectField(new { firstName = "A", lastName = "B", email = "a@b.fr", phone = "abc", consent = true }, "phone");
        // Several mistakes at once: every one named, so that the caller corrects them in one go.
        var several = await client.PostAsJsonAsync($"/api/v1/events/{e.Id}/registrations", new { firstName = "A", lastName = " ", email = "a@", phone = "abc" });
        Assert.Equal(422, (int)several.StatusCode);
        var problems = await several.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(["consent", "email", "lastName", "phone"], problems.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal("4 points sont à corriger.", problems.GetProperty("title").GetString());
        Assert.Contains("Indiquez votre nom.", problems.GetProperty("detail").GetString());
        var malformed = await client.PostAsync($"/api/v1/events/{e.Id}/registrations", new StringContent("{\"firstName\":", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal("La requête n'a pas pu être lue.", (await malformed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());
        Assert.Empty(await app.RegistrationsAsync(e.Id));

        // Full without waiting list, then closed window, then cancelled: 409.
        for (var i = 0; i < 5; i++) Assert.Equal(HttpStatusCode.Accepted, (await client.RegisterAsync(app, e.Id, AgendaTestData.Person())).Status);
        await ExpectField(AgendaTestData.Person(), "event", 409);
        var past = await app.EventAsync(startsIn: TimeSpan.FromHours(-1));
        await ExpectField(AgendaTestData.Person(), "event", 409).ContinueWith(_ => Task.CompletedTask);
        var closed = await client.PostAsJsonAsync($"/api/v1/events/{past.Id}/registrations", AgendaTestData.Person());
        Assert.Equal(HttpStatusCode.Conflict, closed.StatusCode);
        Assert.Equal(5, (await app.RegistrationsAsync(e.Id)).Count);
    }

    [Fact]
    public async Task Given_the_same_email_twice_Then_the_first_registration_stands_unchanged()
    {
        var e = await app.EventAsync(capacity: 5);
        var client = app.CreateClient();
        var email = $"{Guid.NewGuid():N}@Example.org";
        var (first, a) = await client.RegisterAsync(app, e.Id, AgendaTestData.Person(email));
        var (second, b) = await client.RegisterAsync(app, e.Id, AgendaTestData.Person(email.ToLowerInvariant()));
        Assert.Equal((HttpStatusCode.Accepted, HttpStatusCode.Accepted), (first, second));
        Assert.Equal(a!.ManageToken, b!.ManageToken);
        Assert.Single(await app.RegistrationsAsync(e.Id));
    }

    [Fact]
    public async Task Given_the_last_seat_taken_When_the_same_person_clicks_again_Then_they_are_told_full_like_anyone_and_sent_their_link()
    {
        var e = await app.EventAsync(capacity: 1, mode: RegistrationMode.Open);
        var client = app.CreateClient();
        var email = $"{Guid.NewGuid():N}@example.org";
        var (first, a) = await client.RegisterAsync(app, e.Id, AgendaTestData.Person(email));
        var (again, b) = await client.RegisterAsync(app, e.Id, AgendaTestData.Person(email));
        var (other, _) = await client.RegisterAsync(app, e.Id, AgendaTestData.Person());
        // The answer depends on the event, never on whether the address is registered: "full" for both; the person who
        // holds the seat gets their link by e-mail.
        Assert.Equal((HttpStatusCode.Accepted, HttpStatusCode.Conflict, HttpStatusCode.Conflict), (first, again, other));
        Assert.Null(b);
        var link = Assert.Single(await app.Smtp.WaitForAsync(1, m => m.To.Mailboxes.Any(x => x.Address == email) && m.Headers["X-Maillage-Kind"] == "agenda.link"));
        Assert.Contains(a!.ManageToken, link.TextBody);
        Assert.Single(await app.RegistrationsAsync(e.Id));
    }

    [Fact]
    public async Task Given_200_simultaneous_registrations_at_a_20_seat_event_Then_exactly_20_are_confirmed_and_the_rest_wait()
    {
        var e = await app.EventAsync(capacity: 20);
        var client = app.CreateClient();
        var results = await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => client.RegisterAsync(app, e.Id, AgendaTestData.Person())));
        Assert.All(results, r => Assert.Equal(HttpStatusCode.Accepted, r.Status));
        Assert.Equal(20, results.Count(r => r.Body!.Status == "confirmed"));
        Assert.Equal(180, results.Count(r => r.Body!.Status == "waitlisted"));
        Assert.Equal(Enumerable.Range(1, 180), results.Where(r => r.Body!.Status == "waitlisted").Select(r => r.Body!.Position!.Value).Order());
        var regs = await app.RegistrationsAsync(e.Id);
        Assert.Equal(200, regs.Count);
        Assert.Equal(20, regs.Count(r => r.Status == RegistrationStatus.Confirmed));
        Assert.Equal(20, (await app.ReloadAsync(e.Id)).SeatsTaken);
    }

    [Fact]
    public async Task Given_an_organiser_token_Then_POST_events_creates_and_publishes_and_a_Marseille_coordinator_is_refused()
    {
        var annemasse = await app.StructureAsync("grand-geneve", "annemasse");
        var organiser = await app.CreateStaffAsync(StaffRole.EventOrganiser, "cite:grand-geneve");
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", await app.CreateTokenAsync(organiser));
        var start = app.Clock.GetUtcNow().AddDays(20);
        var request = new { title = "Zoom métier BTP", type = "tradeZoom", structureId = annemasse.Id, startsAt = start, endsAt = start.AddHours(2), capacity = 20, registrationMode = "waitlist", waitlistPromotion = "offer" };
        var created = await client.PostAsJsonAsync("/api/v1/events", request);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var dto = await created.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("tradeZoom", dto.GetProperty("type").GetString());
        Assert.Equal(20, dto.GetProperty("placesLeft").GetInt32());
        var id = dto.GetProperty("id").GetInt32();
        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().GetAsync($"/api/v1/events/{id}")).StatusCode);

        var endsBefore = await client.PostAsJsonAsync("/api/v1/events", new { title = "X", type = "forum", structureId = annemasse.Id, startsAt = start, endsAt = start.AddHours(-1), capacity = 10, registrationMode = "open" });
        Assert.Equal(422, (int)endsBefore.StatusCode);
        var endsBeforeBody = await endsBefore.Content.ReadAsStringAsync();
        Assert.Contains("endsAt", endsBeforeBody);
        Assert.Equal("/api/v1/events", JsonDocument.Parse(endsBeforeBody).RootElement.GetProperty("instance").GetString());
        var negative = await client.PostAsJsonAsync("/api/v1/events", new { title = "X", type = "forum", structureId = annemasse.Id, startsAt = start, endsAt = start.AddHours(1), capacity = -1, registrationMode = "open" });
        Assert.Contains("capacity", await negative.Content.ReadAsStringAsync());
        var everything = await client.PostAsJsonAsync("/api/v1/events", new { title = "", type = "forum", structureId = annemasse.Id, startsAt = start, endsAt = start.AddHours(-1), capacity = -1, registrationMode = "open" });
        Assert.Equal(422, (int)everything.StatusCode);
        var named = (await everything.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        foreach (var field in new[] { "title", "endsAt", "capacity" }) Assert.True(named.TryGetProperty(field, out _), $"{field} not named: {named}");
        // A missing type or time is named once, not again by the rules that read it (a workshop's theme, the window).
        var untyped = await client.PostAsJsonAsync("/api/v1/events", new { title = "X", structureId = annemasse.Id, endsAt = start, capacity = 10, registrationMode = "open", registrationClosesAt = start });
        Assert.Equal(422, (int)untyped.StatusCode);
        var untypedErrors = (await untyped.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal(["startsAt", "type"], untypedErrors.EnumerateObject().Select(p => p.Name).Order());
        var nowhere = await client.PostAsJsonAsync("/api/v1/events", new { title = "X", type = "forum", startsAt = start, endsAt = start.AddHours(1), capacity = 10, registrationMode = "open" });
        Assert.Equal(422, (int)nowhere.StatusCode);
        Assert.Contains("structureId", await nowhere.Content.ReadAsStringAsync());

        var marseille = await app.CreateStaffAsync(StaffRole.Coordinator, "cite:marseille-paca");
        var other = app.CreateClient();
        other.DefaultRequestHeaders.Authorization = new("Bearer", await app.CreateTokenAsync(marseille));
        // Tenancy: Annemasse does not exist for a Marseille coordinator.
        var refused = await other.PostAsJsonAsync("/api/v1/events", request);
        Assert.Equal(422, (int)refused.StatusCode);
        Assert.Contains("structureId", await refused.Content.ReadAsStringAsync());
        // A reception agent of Saint-Julien sees Annemasse but may not organise there.
        var agent = app.CreateClient();
        agent.DefaultRequestHeaders.Authorization = new("Bearer", await app.CreateTokenAsync(await app.CreateStaffAsync(StaffRole.ReceptionAgent, "structure:grand-geneve/saint-julien-en-genevois")));
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.PostAsJsonAsync("/api/v1/events", request)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PutAsJsonAsync($"/api/v1/events/{id}/capacity", new { capacity = 30 })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().PostAsJsonAsync("/api/v1/events", request)).StatusCode);
    }

    [Fact]
    public async Task Given_an_audience_as_a_list_of_names_Then_POST_and_PUT_bind_it_to_the_event_and_a_name_not_known_or_a_number_is_a_400()
    {
        var annemasse = await app.StructureAsync("grand-geneve", "annemasse");
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", await app.CreateTokenAsync(await app.CreateStaffAsync(StaffRole.EventOrganiser, "cite:grand-geneve")));
        var start = app.Clock.GetUtcNow().AddDays(20);
        var created = await client.PostAsJsonAsync("/api/v1/events", new { title = "Forum", type = "forum", structureId = annemasse.Id, startsAt = start, endsAt = start.AddHours(2), capacity = 20, registrationMode = "open", audience = new[] { "jobSeekers", "students" } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var dto = await created.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(["students", "jobSeekers"], dto.GetProperty("audience").EnumerateArray().Select(a => a.GetString()));
        var id = dto.GetProperty("id").GetInt32();
        Assert.Equal(EventAudience.JobSeekers | EventAudience.Students, (await app.ReloadAsync(id)).Audience);

        var updated = await client.PutAsJsonAsync($"/api/v1/events/{id}", new { title = "Forum", type = "forum", structureId = annemasse.Id, startsAt = start, endsAt = start.AddHours(2), capacity = 20, registrationMode = "open", audience = new[] { "parents" } });
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        Assert.Equal(["parents"], (await updated.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("event").GetProperty("audience").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal(EventAudience.Parents, (await app.ReloadAsync(id)).Audience);

        var unknown = await client.PostAsJsonAsync("/api/v1/events", new { title = "Forum", type = "forum", structureId = annemasse.Id, startsAt = start, endsAt = start.AddHours(2), capacity = 20, registrationMode = "open", audience = new[] { "giants" } });
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        var flagsNumber = await client.PostAsJsonAsync("/api/v1/events", new { title = "Forum", type = "forum", structureId = annemasse.Id, startsAt = start, endsAt = start.AddHours(2), capacity = 20, registrationMode = "open", audience = 10 });
        Assert.Equal(HttpStatusCode.BadRequest, flagsNumber.StatusCode);
    }

    [Fact]
    public async Task Given_the_ics_feed_Then_an_independent_parser_reads_every_published_event_and_a_bad_filter_is_a_400()
    {
        var e = await app.EventAsync(capacity: 10, title: "Forum de l'alternance", type: EventType.Forum);
        var client = app.CreateClient();
        var response = await client.GetAsync("/api/v1/agenda.ics?type=forum");
        Assert.Equal("text/calendar", response.Content.Headers.ContentType?.MediaType);
        var calendar = IcsParser.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains(calendar.Events, v => v.Summary == "Forum de l'alternance" && v.Uid == $"event-{e.Id}@maillage");
        Assert.All(calendar.Events, v => Assert.NotEqual("Zoom", v.Summary[..Math.Min(4, v.Summary.Length)]));
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/api/v1/agenda.ics?type=castle")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/api/v1/agenda.ics?from=demain")).StatusCode);
    }
}
