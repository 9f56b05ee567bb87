using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Maillage.Agenda;
using Maillage.Agenda.Registrations;
using Maillage.Platform.Identity;
using Maillage.Tests.Agenda.Operations;
using Maillage.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Tests.Agenda.Registrations;

/// <summary>The organiser's API on registrants: list, accept, decline, promote, move, remove; scopes, problem details, concurrency.</summary>
public sealed class RegistrationStaffApiTests(FrozenAgendaApp app) : IClassFixture<FrozenAgendaApp>
{
    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Fact]
    public async Task Given_an_event_When_listing_its_registrations_Then_statuses_travel_camelCase_with_positions_and_offers()
    {
        var e = await app.EventAsync(capacity: 1, promotion: WaitlistPromotion.Offer);
        var first = await app.RegisterAsync(e, "Ana", "Alves", "ana@example.org");
        await app.RegisterAsync(e, "Bruno", "Blanc");
        await app.RegisterAsync(e, "Chloé", "Cruz");
        await app.UseAsync((Cancellations d) => d.CancelAsync(first.Registration.ManageToken!));
        var client = await app.ApiClientAsync();

        var list = await client.GetFromJsonAsync<JsonElement>($"/api/v1/events/{e.Id}/registrations");
        var rows = list.EnumerateArray().ToList();
        Assert.Equal(["offered", "waitlisted", "cancelled"], rows.Select(r => r.GetProperty("status").GetString()));
        Assert.Equal("Bruno", rows[0].GetProperty("firstName").GetString());
        Assert.True(rows[0].GetProperty("offerExpiresAt").GetDateTimeOffset() > app.Clock.GetUtcNow());
        Assert.Equal(1, rows[1].GetProperty("position").GetInt32());
        Assert.Equal("registrant", rows[2].GetProperty("cancelledBy").GetString());
        Assert.Equal("ana@example.org", rows[2].GetProperty("email").GetString());
        Assert.Equal("student", rows[2].GetProperty("publicStatus").GetString());
    }

    [Fact]
    public async Task Given_approval_mode_When_accepting_and_declining_through_the_API_Then_each_is_answered_once_and_e_mailed()
    {
        var e = await app.EventAsync(capacity: 1, mode: RegistrationMode.Approval);
        var a = await app.RegisterAsync(e, "Inès");
        var b = await app.RegisterAsync(e, "Jules");
        var c = await app.RegisterAsync(e, "Kenza");
        var client = await app.ApiClientAsync(StaffRole.Coordinator, "cite:grand-geneve");

        var accepted = await client.PostAsync($"/api/v1/registrations/{a.Registration.Id}/accept", null);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal("confirmed", (await accepted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        Assert.Equal("agenda.confirmation", (await app.LastMailAsync(a.Registration.Id)).Kind);

        var full = await ProblemAsync(await client.PostAsync($"/api/v1/registrations/{b.Registration.Id}/accept", null), HttpStatusCode.Conflict);
        Assert.True(full.GetProperty("errors").TryGetProperty("registration", out _));
        Assert.Equal(RegistrationStatus.Pending, (await app.ReadAsync(b.Registration.Id)).Status);

        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync($"/api/v1/registrations/{c.Registration.Id}/decline", null)).StatusCode);
        Assert.Equal("agenda.declined", (await app.LastMailAsync(c.Registration.Id)).Kind);
        await ProblemAsync(await client.PostAsync($"/api/v1/registrations/{c.Registration.Id}/accept", null), HttpStatusCode.Conflict);
        Assert.Equal(RegistrationStatus.Declined, (await app.ReadAsync(c.Registration.Id)).Status);
    }

    [Fact]
    public async Task Given_promote_move_and_remove_through_the_API_Then_seats_follow_and_bad_input_names_the_field()
    {
        var e = await app.EventAsync(capacity: 1);
        var target = await app.EventAsync(capacity: 3, startsIn: TimeSpan.FromDays(30));
        var holder = await app.RegisterAsync(e, "Léa");
        var waiting = await app.RegisterAsync(e, "Malik");
        var client = await app.ApiClientAsync();

        await ProblemAsync(await client.PostAsync($"/api/v1/registrations/{waiting.Registration.Id}/promote", null), HttpStatusCode.Conflict);

        var noTarget = await ProblemAsync(await client.PostAsJsonAsync($"/api/v1/registrations/{holder.Registration.Id}/move", new { }), HttpStatusCode.UnprocessableEntity);
        Assert.True(noTarget.GetProperty("errors").TryGetProperty("eventId", out _));
        await ProblemAsync(await client.PostAsync($"/api/v1/registrations/{holder.Registration.Id}/move", new StringContent("{\"eventId\":", Encoding.UTF8, "application/json")), HttpStatusCode.BadRequest);
        var same = await ProblemAsync(await client.PostAsJsonAsync($"/api/v1/registrations/{holder.Registration.Id}/move", new { eventId = e.Id }), HttpStatusCode.UnprocessableEntity);
        Assert.True(same.GetProperty("errors").TryGetProperty("eventId", out _));

        var moved = await client.PostAsJsonAsync($"/api/v1/registrations/{holder.Registration.Id}/move", new { eventId = target.Id });
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        var body = await moved.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((target.Id, "confirmed"), (body.GetProperty("eventId").GetInt32(), body.GetProperty("status").GetString()));
        Assert.Equal(RegistrationStatus.Confirmed, (await app.ReadAsync(waiting.Registration.Id)).Status); // promoted into the freed seat

        var removed = await client.DeleteAsync($"/api/v1/events/{e.Id}/registrations/{waiting.Registration.Id}");
        Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
        Assert.Equal("organiser", (await removed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("cancelledBy").GetString());
        Assert.Equal(0, (await app.ReloadAsync(e.Id)).SeatsTaken);
        await ProblemAsync(await client.DeleteAsync($"/api/v1/events/{e.Id}/registrations/{waiting.Registration.Id}"), HttpStatusCode.Conflict);
        // A registration of another event through this event's address: 404.
        await ProblemAsync(await client.DeleteAsync($"/api/v1/events/{e.Id}/registrations/{body.GetProperty("id").GetInt64()}"), HttpStatusCode.NotFound);
        await ProblemAsync(await client.PostAsync("/api/v1/registrations/987654321/promote", null), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Given_people_outside_the_scope_Then_Marseille_gets_404_a_reception_agent_403_and_anonymous_401()
    {
        var e = await app.EventAsync(capacity: 2, mode: RegistrationMode.Approval);
        var pending = await app.RegisterAsync(e, "Nina");
        var marseilleEvent = await app.NewEventAsync(app.Clock.GetUtcNow().AddDays(20), citeSlug: "marseille-paca", structureSlug: null);

        var marseille = await app.ApiClientAsync(StaffRole.Coordinator, "cite:marseille-paca");
        await ProblemAsync(await marseille.GetAsync($"/api/v1/events/{e.Id}/registrations"), HttpStatusCode.NotFound);
        foreach (var action in new[] { "accept", "decline", "promote" })
            await ProblemAsync(await marseille.PostAsync($"/api/v1/registrations/{pending.Registration.Id}/{action}", null), HttpStatusCode.NotFound);
        await ProblemAsync(await marseille.PostAsJsonAsync($"/api/v1/registrations/{pending.Registration.Id}/move", new { eventId = marseilleEvent.Id }), HttpStatusCode.NotFound);
        await ProblemAsync(await marseille.DeleteAsync($"/api/v1/events/{e.Id}/registrations/{pending.Registration.Id}"), HttpStatusCode.NotFound);

        var agent = await app.ApiClientAsync(StaffRole.ReceptionAgent);
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.GetAsync($"/api/v1/events/{e.Id}/registrations")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.PostAsync($"/api/v1/registrations/{pending.Registration.Id}/accept", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync($"/api/v1/events/{e.Id}/registrations")).StatusCode);

        // A platform operator sees both Cités, but a person is never moved across Cités.
        var operatorClient = await app.ApiClientAsync(StaffRole.PlatformOperator, "platform");
        var across = await ProblemAsync(await operatorClient.PostAsJsonAsync($"/api/v1/registrations/{pending.Registration.Id}/move", new { eventId = marseilleEvent.Id }), HttpStatusCode.UnprocessableEntity);
        Assert.True(across.GetProperty("errors").TryGetProperty("eventId", out _));
        Assert.Equal(RegistrationStatus.Pending, (await app.ReadAsync(pending.Registration.Id)).Status);
        Assert.Empty(await app.RegistrationsAsync(marseilleEvent.Id));
    }

    [Fact]
    public async Task Given_simultaneous_staff_actions_Then_a_seat_is_released_once_and_never_given_twice()
    {
        // Ten removals of the same confirmed person at once: one seat released, one person promoted.
        var e = await app.EventAsync(capacity: 2);
        var keep = await app.RegisterAsync(e, "Garde");
        var gone = await app.RegisterAsync(e, "Part");
        var next = await app.RegisterAsync(e, "Suivant");
        var after = await app.RegisterAsync(e, "Après");
        var client = await app.ApiClientAsync();
        var removals = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => client.DeleteAsync($"/api/v1/events/{e.Id}/registrations/{gone.Registration.Id}")));
        Assert.Equal(1, removals.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.All(removals.Where(r => r.StatusCode != HttpStatusCode.OK), r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));
        Assert.Equal(2, (await app.ReloadAsync(e.Id)).SeatsTaken);
        Assert.Equal(RegistrationStatus.Confirmed, (await app.ReadAsync(next.Registration.Id)).Status);
        Assert.Equal(RegistrationStatus.Waitlisted, (await app.ReadAsync(after.Registration.Id)).Status);
        Assert.Equal(RegistrationStatus.Confirmed, (await app.ReadAsync(keep.Registration.Id)).Status);

        // Eight pending requests accepted at once at a 3-seat event: exactly 3 confirmed, the others still pending.
        var approval = await app.EventAsync(capacity: 3, mode: RegistrationMode.Approval);
        var requests = new List<long>();
        for (var i = 0; i < 8; i++) requests.Add((await app.RegisterAsync(approval, $"Demande{i}")).Registration.Id);
        var accepts = await Task.WhenAll(requests.SelectMany(id => new[] { id, id }).Select(id => client.PostAsync($"/api/v1/registrations/{id}/accept", null)));
        Assert.Equal(3, accepts.Count(r => r.StatusCode == HttpStatusCode.OK));
        var regs = await app.RegistrationsAsync(approval.Id);
        Assert.Equal(3, regs.Count(r => r.Status == RegistrationStatus.Confirmed));
        Assert.Equal(5, regs.Count(r => r.Status == RegistrationStatus.Pending));
        Assert.Equal(3, (await app.ReloadAsync(approval.Id)).SeatsTaken);
    }
}
