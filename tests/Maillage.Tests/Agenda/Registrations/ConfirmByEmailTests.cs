using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Maillage.Agenda;
using Maillage.Agenda.Registrations;
using Maillage.Platform.Identity;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Tests.Agenda.Registrations;

/// <summary>
/// Issue 18, finding 10: an event may ask that a seat booked online counts only once the person confirms it by the
/// link e-mailed to them; until then it is held for <c>Agenda:ConfirmationHoldMinutes</c> (60), then released.
/// </summary>
public sealed class ConfirmByEmailTests(FrozenAgendaApp app) : IClassFixture<FrozenAgendaApp>
{
    private Task<AgendaEvent> EventAsync(int capacity) => app.EventAsync(capacity: capacity, startsIn: TimeSpan.FromDays(5)).ContinueWith(async t =>
    {
        await app.WithDbAsync(db => db.Events.Where(x => x.Id == t.Result.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.ConfirmByEmail, true)));
        return await app.ReloadAsync(t.Result.Id);
    }).Unwrap();

    [Fact]
    public async Task Given_an_event_asking_confirmation_by_e_mail_Then_a_seat_is_held_until_the_link_confirms_it_and_released_when_nobody_does()
    {
        var e = await EventAsync(capacity: 2);
        var confirming = await app.DeskAsync(d => d.RegisterAsync(e.Id, RegistrantsData.Person("Ana")));
        var silent = await app.DeskAsync(d => d.RegisterAsync(e.Id, RegistrantsData.Person("Invente")));
        var waiting = await app.DeskAsync(d => d.RegisterAsync(e.Id, RegistrantsData.Person("Lina")));

        // Held, not confirmed: the two seats are taken, and each person is asked to confirm by the link.
        Assert.Equal((RegistrationStatus.Offered, RegistrationStatus.Offered, RegistrationStatus.Waitlisted), (confirming.Registration.Status, silent.Registration.Status, waiting.Registration.Status));
        Assert.Equal(app.Clock.GetUtcNow().AddMinutes(60), confirming.Registration.OfferExpiresAt);
        Assert.Equal(2, (await app.ReloadAsync(e.Id)).SeatsTaken);
        var request = await app.LastMailAsync(confirming.Registration.Id);
        Assert.Equal("agenda.confirm-request", request.Kind);
        Assert.Contains(confirming.Registration.ManageToken!, request.TextBody);

        // The link confirms (a plain confirmation, not "a seat freed up").
        app.Clock.Advance(TimeSpan.FromMinutes(30));
        var confirmed = await app.UseAsync((WaitingList w) => w.AcceptOfferAsync(confirming.Registration.ManageToken!));
        Assert.Equal(RegistrationStatus.Confirmed, confirmed.Status);
        Assert.Equal(["agenda.confirm-request", "agenda.confirmation"], await app.MailKindsAsync(confirming.Registration.Id));

        // Nobody confirms the other: past the hour its seat is released, and offered (not given) to the waiting list.
        app.Clock.Advance(TimeSpan.FromMinutes(31));
        await app.UseAsync((WaitingList w) => w.ExpireOffersAsync());
        Assert.Equal(RegistrationStatus.OfferExpired, (await app.ReadAsync(silent.Registration.Id)).Status);
        var next = await app.ReadAsync(waiting.Registration.Id);
        Assert.Equal(RegistrationStatus.Offered, next.Status);
        Assert.Equal("agenda.offer", (await app.LastMailAsync(next.Id)).Kind);
        Assert.Equal(2, (await app.ReloadAsync(e.Id)).SeatsTaken);
    }

    [Fact]
    public async Task Given_an_event_asking_confirmation_by_e_mail_Then_the_organiser_adding_a_person_confirms_at_once()
    {
        var e = await EventAsync(capacity: 2);
        var added = await app.DeskAsync(d => d.RegisterAsync(e.Id, RegistrantsData.Person("Tel"), RegistrationSource.Organiser));
        Assert.Equal(RegistrationStatus.Confirmed, added.Registration.Status);
    }

    [Fact]
    public async Task Given_the_API_and_the_editor_Then_the_setting_is_given_and_read_back()
    {
        var annemasse = await app.StructureAsync("grand-geneve", "annemasse");
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", await app.CreateTokenAsync(await app.CreateStaffAsync(StaffRole.EventOrganiser, "cite:grand-geneve")));
        var start = app.Clock.GetUtcNow().AddDays(20);
        var created = await client.PostAsJsonAsync("/api/v1/events", new { title = "Forum à confirmer", type = "forum", description = "Forum", structureId = annemasse.Id, startsAt = start, endsAt = start.AddHours(2), capacity = 20, registrationMode = "waitlist", waitlistPromotion = "direct", confirmByEmail = true });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var dto = await created.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(dto.GetProperty("confirmByEmail").GetBoolean());
        Assert.True((await app.ReloadAsync(dto.GetProperty("id").GetInt32())).ConfirmByEmail);
    }
}
