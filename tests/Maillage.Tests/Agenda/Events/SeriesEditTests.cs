using Maillage.Network;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Maillage.Agenda;
using Maillage.Agenda.Registrations;
using Maillage.Platform.Identity;
using Maillage.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Maillage.Tests.Agenda.Events;

/// <summary>
/// Series edits through PUT /api/v1/events/{id}?scope=, with the injected clock: one occurrence vs the
/// following ones, cancelled and past occurrences untouched, registrations kept, e-mails written.
/// </summary>
public sealed class SeriesEditTests(FrozenAgendaApp app) : IClassFixture<FrozenAgendaApp>
{
    private static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    private async Task<HttpClient> OrganiserAsync(string scope = "structure:grand-geneve/annemasse")
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", await app.CreateTokenAsync(await app.CreateStaffAsync(StaffRole.EventOrganiser, scope)));
        return client;
    }

    private static DateTimeOffset ParisTime(int year, int month, int day, int hour, int minute = 0) =>
        new DateTimeOffset(new DateTime(year, month, day, hour, minute, 0), Paris.GetUtcOffset(new DateTime(year, month, day, hour, minute, 0)));

    /// <summary>The monthly CitésLab meeting: 2nd Tuesday at 14:00, six times from 8 December 2026.</summary>
    private async Task<List<AgendaEvent>> SeriesAsync(HttpClient client, string title)
    {
        var annemasse = await app.StructureAsync("grand-geneve", "annemasse");
        var start = ParisTime(2026, 12, 8, 14);
        var response = await client.PostAsJsonAsync("/api/v1/events", new
        {
            title, type = "awarenessMeeting", theme = "businessCreation", structureId = annemasse.Id, startsAt = start, endsAt = start.AddHours(2),
            capacity = 15, registrationMode = "waitlist", repeat = new { frequency = "monthlyByWeekday", interval = 1, count = 6 },
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        var seriesId = await app.WithDbAsync(db => db.Events.Where(e => e.Id == id).Select(e => e.SeriesId).SingleAsync());
        Assert.NotNull(seriesId);
        return await OccurrencesAsync(seriesId!.Value);
    }

    private Task<List<AgendaEvent>> OccurrencesAsync(int seriesId) =>
        app.WithDbAsync(db => db.Events.AsNoTracking().Include(e => e.Structure).Where(e => e.SeriesId == seriesId).OrderBy(e => e.SeriesIndex).ToListAsync());

    /// <summary>The PUT body: every field of the occurrence as it is, with the changes the test makes.</summary>
    private static Dictionary<string, object?> Body(AgendaEvent e) => new()
    {
        ["title"] = e.Title, ["type"] = JsonNamingPolicy.CamelCase.ConvertName(e.Type.ToString()), ["theme"] = e.Theme is { } t ? JsonNamingPolicy.CamelCase.ConvertName(t.ToString()) : null,
        ["structureId"] = e.StructureId, ["startsAt"] = e.StartsAt, ["endsAt"] = e.EndsAt, ["capacity"] = e.Capacity,
        ["registrationMode"] = JsonNamingPolicy.CamelCase.ConvertName(e.RegistrationMode.ToString()), ["status"] = JsonNamingPolicy.CamelCase.ConvertName(e.Status.ToString()),
    };

    private Task<RegistrationOutcome> RegisterAsync(int eventId, string first) =>
        app.WithScopeAsync2(sp => sp.GetRequiredService<RegistrationDesk>().RegisterAsync(eventId,
            new RegistrationRequest(first, "Martin", $"{first}.{Guid.NewGuid():N}@example.org", null, PublicStatus.JobSeeker, true)));

    [Fact]
    public async Task Given_a_monthly_series_by_weekday_Then_the_six_occurrences_fall_on_the_second_tuesday_at_14h_Paris_time()
    {
        var client = await OrganiserAsync();
        var occurrences = await SeriesAsync(client, "Réunion CitésLab dates");
        Assert.Equal(6, occurrences.Count);
        Assert.Equal(Enumerable.Range(1, 6), occurrences.Select(e => e.SeriesIndex!.Value));
        Assert.Equal(["2026-12-08", "2027-01-12", "2027-02-09", "2027-03-09", "2027-04-13", "2027-05-11"], occurrences.Select(e => e.LocalStart.ToString("yyyy-MM-dd")));
        Assert.All(occurrences, e => Assert.Equal(new TimeSpan(14, 0, 0), e.LocalStart.TimeOfDay));
        Assert.All(occurrences, e => Assert.Equal(TimeSpan.FromHours(2), e.EndsAt - e.StartsAt));
        // Summer time: the same local hour is one hour earlier in UTC.
        Assert.Equal(13, occurrences[0].StartsAt.UtcDateTime.Hour);
        Assert.Equal(12, occurrences[4].StartsAt.UtcDateTime.Hour);
    }

    [Fact]
    public async Task Given_this_occurrence_only_Then_the_others_do_not_change()
    {
        var client = await OrganiserAsync();
        var before = await SeriesAsync(client, "Réunion CitésLab seule");
        var third = before[2];
        var chloe = await RegisterAsync(third.Id, "Chloé");
        var other = await RegisterAsync(before[3].Id, "Denis");
        var body = Body(third);
        body["title"] = "Réunion CitésLab exceptionnelle";
        body["startsAt"] = third.StartsAt.AddHours(1);
        body["endsAt"] = third.EndsAt.AddHours(1);
        var response = await client.PutAsJsonAsync($"/api/v1/events/{third.Id}?scope=occurrence", body);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([third.Id], (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("changedEventIds").EnumerateArray().Select(x => x.GetInt32()));

        var after = await OccurrencesAsync(third.SeriesId!.Value);
        Assert.Equal("Réunion CitésLab exceptionnelle", after[2].Title);
        Assert.Equal(new TimeSpan(15, 0, 0), after[2].LocalStart.TimeOfDay);
        foreach (var i in new[] { 0, 1, 3, 4, 5 })
        {
            Assert.Equal("Réunion CitésLab seule", after[i].Title);
            Assert.Equal(before[i].StartsAt, after[i].StartsAt);
        }
        // The registrant of the moved occurrence keeps the seat and is told; the one of another occurrence is not.
        Assert.Equal(RegistrationStatus.Confirmed, Assert.Single(await app.RegistrationsAsync(third.Id)).Status);
        var mail = await app.WithDbAsync(db => db.Outbox.SingleAsync(m => m.Kind == "agenda.changed" && m.Subject == $"registration:{chloe.Registration.Id}"));
        Assert.Contains("Réunion CitésLab exceptionnelle", mail.Title);
        Assert.Equal("text/calendar; method=PUBLISH; charset=utf-8", mail.AttachmentContentType);
        Assert.Equal(0, await app.WithDbAsync(db => db.Outbox.CountAsync(m => m.Kind == "agenda.changed" && m.Subject == $"registration:{other.Registration.Id}")));
    }

    [Fact]
    public async Task Given_this_and_following_Then_later_occurrences_keep_their_dates_take_the_changes_and_shift_their_time_while_cancelled_ones_stay()
    {
        var client = await OrganiserAsync();
        var before = await SeriesAsync(client, "Réunion CitésLab suivantes");
        // The 4th was moved to 15:00 on its own; the 5th is cancelled; the 3rd has two registrants.
        var moved = Body(before[3]);
        moved["startsAt"] = before[3].StartsAt.AddHours(1);
        moved["endsAt"] = before[3].EndsAt.AddHours(1);
        Assert.Equal(HttpStatusCode.OK, (await client.PutAsJsonAsync($"/api/v1/events/{before[3].Id}", moved)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsJsonAsync($"/api/v1/events/{before[4].Id}/cancel", new { reason = "Salle indisponible" })).StatusCode);
        var anna = await RegisterAsync(before[2].Id, "Anna");
        var bruno = await RegisterAsync(before[2].Id, "Bruno");

        // From the 2nd on: new title, 14:30–17:00 instead of 14:00–16:00, 20 seats.
        var body = Body(before[1]);
        body["title"] = "Réunion CitésLab : créer son activité";
        body["startsAt"] = before[1].StartsAt.AddMinutes(30);
        body["endsAt"] = before[1].EndsAt.AddHours(1);
        body["capacity"] = 20;
        var response = await client.PutAsJsonAsync($"/api/v1/events/{before[1].Id}?scope=following", body);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var changed = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("changedEventIds").EnumerateArray().Select(x => x.GetInt32()).Order().ToList();
        Assert.Equal(new[] { before[1].Id, before[2].Id, before[3].Id, before[5].Id }.Order(), changed);

        var after = await OccurrencesAsync(before[0].SeriesId!.Value);
        Assert.Equal("Réunion CitésLab suivantes", after[0].Title);
        Assert.Equal(before[0].StartsAt, after[0].StartsAt);
        foreach (var i in new[] { 1, 2, 3, 5 })
        {
            Assert.Equal("Réunion CitésLab : créer son activité", after[i].Title);
            Assert.Equal(before[i].LocalStart.Date, after[i].LocalStart.Date); // own date kept
            Assert.Equal(20, after[i].Capacity);
            Assert.Equal(TimeSpan.FromHours(2.5), after[i].EndsAt - after[i].StartsAt);
        }
        Assert.Equal(new TimeSpan(14, 30, 0), after[1].LocalStart.TimeOfDay);
        Assert.Equal(new TimeSpan(14, 30, 0), after[2].LocalStart.TimeOfDay);
        Assert.Equal(new TimeSpan(15, 30, 0), after[3].LocalStart.TimeOfDay); // its own 15:00, shifted by 30 minutes
        Assert.Equal(new TimeSpan(14, 30, 0), after[5].LocalStart.TimeOfDay); // summer time: still 14:30 local
        Assert.Equal(EventStatus.Cancelled, after[4].Status);
        Assert.Equal("Réunion CitésLab suivantes", after[4].Title);
        Assert.Equal(before[4].StartsAt, after[4].StartsAt);
        Assert.Equal(15, after[4].Capacity);

        // Registrations kept, each registrant of the moved occurrence told once.
        var regs = await app.RegistrationsAsync(before[2].Id);
        Assert.All(regs, r => Assert.Equal(RegistrationStatus.Confirmed, r.Status));
        Assert.Equal(2, after[2].SeatsTaken);
        foreach (var r in new[] { anna.Registration, bruno.Registration })
        {
            var mails = await app.WithDbAsync(db => db.Outbox.Where(m => m.Kind == "agenda.changed" && m.Subject == $"registration:{r.Id}").ToListAsync());
            var mail = Assert.Single(mails);
            Assert.Contains("14:00", mail.TextBody);
            Assert.Contains("14:30", mail.TextBody);
        }
    }

    [Fact]
    public async Task Given_a_past_occurrence_among_the_following_Then_it_is_left_alone()
    {
        var client = await OrganiserAsync();
        var before = await SeriesAsync(client, "Réunion CitésLab passée");
        var now = app.Clock.GetUtcNow();
        try
        {
            app.Clock.SetUtcNow(before[1].EndsAt.AddDays(1)); // the 1st and 2nd are over
            var body = Body(before[0]);
            body["title"] = "Réunion CitésLab renommée";
            var response = await client.PutAsJsonAsync($"/api/v1/events/{before[0].Id}?scope=following", body);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        finally
        {
            app.Clock.SetUtcNow(now);
        }
        var after = await OccurrencesAsync(before[0].SeriesId!.Value);
        Assert.Equal("Réunion CitésLab renommée", after[0].Title); // the one edited
        Assert.Equal("Réunion CitésLab passée", after[1].Title);     // past: untouched
        Assert.All(after.Skip(2), e => Assert.Equal("Réunion CitésLab renommée", e.Title));
    }

    [Fact]
    public async Task Given_a_capacity_below_the_seats_taken_of_a_following_occurrence_Then_422_names_capacity_and_nothing_is_saved()
    {
        var client = await OrganiserAsync();
        var before = await SeriesAsync(client, "Réunion CitésLab capacité");
        for (var n = 0; n < 3; n++) await RegisterAsync(before[3].Id, $"P{n}");
        var body = Body(before[1]);
        body["title"] = "Ne doit pas être enregistré";
        body["capacity"] = 2;
        var response = await client.PutAsJsonAsync($"/api/v1/events/{before[1].Id}?scope=following", body);
        Assert.Equal(422, (int)response.StatusCode);
        var problem = await response.Content.ReadAsStringAsync();
        Assert.Contains("capacity", problem);
        Assert.Contains("3", problem);
        var after = await OccurrencesAsync(before[0].SeriesId!.Value);
        Assert.All(after, e => Assert.Equal("Réunion CitésLab capacité", e.Title));
        Assert.All(after, e => Assert.Equal(15, e.Capacity));
    }

    [Fact]
    public async Task Given_a_raised_capacity_Then_the_waiting_list_is_confirmed_and_bad_input_is_422_or_400()
    {
        var client = await OrganiserAsync();
        var e = await app.EventAsync(capacity: 1);
        await RegisterAsync(e.Id, "Premier");
        var waiting = await RegisterAsync(e.Id, "Second");
        Assert.Equal(RegistrationStatus.Waitlisted, waiting.Registration.Status);
        var body = Body(await app.ReloadAsync(e.Id));
        body["capacity"] = 2;
        Assert.Equal(HttpStatusCode.OK, (await client.PutAsJsonAsync($"/api/v1/events/{e.Id}", body)).StatusCode);
        Assert.Equal(RegistrationStatus.Confirmed, (await app.RegistrationsAsync(e.Id)).Single(r => r.Id == waiting.Registration.Id).Status);

        body["endsAt"] = ((DateTimeOffset)body["startsAt"]!).AddHours(-1);
        var endsBefore = await client.PutAsJsonAsync($"/api/v1/events/{e.Id}", body);
        Assert.Equal(422, (int)endsBefore.StatusCode);
        Assert.Contains("endsAt", await endsBefore.Content.ReadAsStringAsync());
        Assert.Equal(422, (int)(await client.PutAsJsonAsync($"/api/v1/events/{e.Id}?scope=following", Body(await app.ReloadAsync(e.Id)))).StatusCode); // not a series
        Assert.Equal(422, (int)(await client.PutAsJsonAsync($"/api/v1/events/{e.Id}?scope=everything", Body(await app.ReloadAsync(e.Id)))).StatusCode);
        var malformed = await client.PutAsync($"/api/v1/events/{e.Id}", new StringContent("{\"title\": ", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal(2, (await app.ReloadAsync(e.Id)).Capacity);
    }

    [Fact]
    public async Task Given_a_Marseille_coordinator_or_a_reception_agent_Then_PUT_is_404_or_403()
    {
        var e = await app.EventAsync();
        var body = Body(e);
        body["title"] = "Piraté";
        var marseille = await OrganiserAsync("cite:marseille-paca");
        Assert.Equal(HttpStatusCode.NotFound, (await marseille.PutAsJsonAsync($"/api/v1/events/{e.Id}", body)).StatusCode);
        var agent = app.CreateClient();
        agent.DefaultRequestHeaders.Authorization = new("Bearer", await app.CreateTokenAsync(await app.CreateStaffAsync(StaffRole.ReceptionAgent, "structure:grand-geneve/annemasse")));
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.PutAsJsonAsync($"/api/v1/events/{e.Id}", body)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().PutAsJsonAsync($"/api/v1/events/{e.Id}", body)).StatusCode);
        Assert.Equal(e.Title, (await app.ReloadAsync(e.Id)).Title);
    }

    [Fact]
    public async Task Given_the_OpenAPI_document_Then_the_PUT_and_its_scope_are_described()
    {
        using var doc = JsonDocument.Parse(await app.CreateClient().GetStringAsync("/openapi/v1.json"));
        var put = doc.RootElement.GetProperty("paths").GetProperty("/api/v1/events/{id}").GetProperty("put");
        Assert.Equal("UpdateEvent", put.GetProperty("operationId").GetString());
        Assert.Contains(put.GetProperty("parameters").EnumerateArray(), p => p.GetProperty("name").GetString() == "scope" && p.GetProperty("in").GetString() == "query");
        Assert.Contains("scope=following", put.GetProperty("summary").GetString());
    }

    [Fact]
    public async Task Given_an_organiser_of_a_co_organising_partner_Then_they_may_edit_the_event_but_not_move_it_to_another_structure()
    {
        var (partnerA, partnerB) = await app.WithDbAsync(async db =>
        {
            var cite = await db.Cites.Where(c => c.Slug == "grand-geneve").Select(c => c.Id).SingleAsync();
            var ids = await db.Partners.Where(p => p.CiteId == cite).OrderBy(p => p.Id).Select(p => p.Id).Take(2).ToListAsync();
            return (ids[0], ids[1]);
        });
        var e = await app.EventAsync(title: "Co-organisé");
        await app.WithDbAsync(db => { db.EventOrganisers.Add(new EventOrganiser { CiteId = e.CiteId, EventId = e.Id, PartnerId = partnerA }); return db.SaveChangesAsync(); });
        var ofA = await OrganiserAsync($"partner:{partnerA}");
        var ofB = await OrganiserAsync($"partner:{partnerB}");
        var body = Body(e);
        body["organiserIds"] = new[] { partnerA };
        body["title"] = "Co-organisé, renommé";
        Assert.Equal(HttpStatusCode.Forbidden, (await ofB.PutAsJsonAsync($"/api/v1/events/{e.Id}", body)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await ofA.PutAsJsonAsync($"/api/v1/events/{e.Id}", body)).StatusCode);
        Assert.Equal("Co-organisé, renommé", (await app.ReloadAsync(e.Id)).Title);
        body["structureId"] = (await app.StructureAsync("grand-geneve", "saint-julien-en-genevois")).Id;
        Assert.Equal(HttpStatusCode.Forbidden, (await ofA.PutAsJsonAsync($"/api/v1/events/{e.Id}", body)).StatusCode);
        Assert.Equal(e.StructureId, (await app.ReloadAsync(e.Id)).StructureId);
    }

    [Fact]
    public async Task Given_questions_already_answered_Then_a_PUT_without_them_keeps_them_and_one_removing_them_is_422()
    {
        var client = await OrganiserAsync();
        var annemasse = await app.StructureAsync("grand-geneve", "annemasse");
        var start = ParisTime(2026, 12, 15, 9);
        var created = await client.PostAsJsonAsync("/api/v1/events", new
        {
            title = "Atelier CV questions", type = "workshop", theme = "jobPreparation", structureId = annemasse.Id, startsAt = start, endsAt = start.AddHours(3),
            capacity = 12, registrationMode = "open",
            questions = new object[] { new { label = "Votre niveau d'études ?", kind = "choice", choices = "CAP\nBac\nBac+2", required = true }, new { label = "Un besoin particulier ?", kind = "text" } },
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        var questions = await app.WithDbAsync(db => db.EventQuestions.Where(q => q.EventId == id).OrderBy(q => q.Order).ToListAsync());
        Assert.Equal(["Votre niveau d'études ?", "Un besoin particulier ?"], questions.Select(q => q.Label));
        Assert.Equal(["CAP", "Bac", "Bac+2"], questions[0].ChoiceList);
        await app.WithScopeAsync2(sp => sp.GetRequiredService<RegistrationDesk>().RegisterAsync(id,
            new RegistrationRequest("Inès", "Roux", $"ines.{Guid.NewGuid():N}@example.org", null, PublicStatus.Student, true, new Dictionary<int, string> { [questions[0].Id] = "Bac" })));

        var body = Body(await app.ReloadAsync(id));
        body["title"] = "Atelier CV";
        Assert.Equal(HttpStatusCode.OK, (await client.PutAsJsonAsync($"/api/v1/events/{id}", body)).StatusCode);
        Assert.Equal(2, await app.WithDbAsync(db => db.EventQuestions.CountAsync(q => q.EventId == id)));

        body["questions"] = new object[] { new { id = questions[1].Id, label = "Un besoin particulier ?", kind = "text" } };
        body["title"] = "Ne doit pas être enregistré";
        var removing = await client.PutAsJsonAsync($"/api/v1/events/{id}", body);
        Assert.Equal(422, (int)removing.StatusCode);
        Assert.Contains("questions", await removing.Content.ReadAsStringAsync());
        Assert.Equal(2, await app.WithDbAsync(db => db.EventQuestions.CountAsync(q => q.EventId == id)));
        Assert.Equal("Atelier CV", (await app.ReloadAsync(id)).Title);
    }

    [Fact]
    public async Task Given_registrations_racing_a_capacity_cut_Then_confirmed_seats_never_exceed_the_capacity_and_every_request_is_answered()
    {
        var client = await OrganiserAsync();
        var e = await app.EventAsync(capacity: 30);
        var body = Body(e);
        body["capacity"] = 10;
        var registrations = Enumerable.Range(0, 25).Select(_ => app.CreateClient().RegisterAsync(app, e.Id, AgendaTestData.Person())).ToList();
        var cut = client.PutAsJsonAsync($"/api/v1/events/{e.Id}", body);
        await Task.WhenAll(registrations.Cast<Task>().Append(cut));

        foreach (var r in registrations) Assert.Equal(HttpStatusCode.Accepted, (await r).Status);
        var cutAnswer = await cut;
        var cutStatus = (int)cutAnswer.StatusCode;
        Assert.True(cutStatus is 200 or 422, $"PUT answered {cutStatus}: {await cutAnswer.Content.ReadAsStringAsync()}");
        var after = await app.ReloadAsync(e.Id);
        var regs = await app.RegistrationsAsync(e.Id);
        Assert.Equal(25, regs.Count);
        var confirmed = regs.Count(r => r.Status == RegistrationStatus.Confirmed);
        Assert.Equal(confirmed, after.SeatsTaken);
        Assert.True(confirmed <= after.Capacity, $"{confirmed} confirmed for {after.Capacity} seats");
        Assert.Equal(cutStatus == 200 ? 10 : 30, after.Capacity);
        Assert.Equal(25 - confirmed, regs.Count(r => r.Status == RegistrationStatus.Waitlisted));
    }
}
