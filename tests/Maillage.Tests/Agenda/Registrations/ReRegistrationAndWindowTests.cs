using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Maillage.Agenda;
using Maillage.Agenda.Registrations;
using Maillage.Platform.Errors;
using Maillage.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Tests.Agenda.Registrations;

/// <summary>Registering again after a cancellation, the registration window, the approval journey through the public API.</summary>
public sealed class ReRegistrationAndWindowTests(FrozenAgendaApp app) : IClassFixture<FrozenAgendaApp>
{
    [Fact]
    public async Task Given_a_cancelled_registration_When_the_same_email_registers_again_Then_the_person_gets_a_new_seat_and_the_cancellation_stays_counted()
    {
        var e = await app.EventAsync(capacity: 2);
        var client = app.CreateClient();
        var email = $"{Guid.NewGuid():N}@example.org";
        var (_, first) = await client.RegisterAsync(app, e.Id, AgendaTestData.Person(email));
        Assert.Equal(HttpStatusCode.OK, (await client.DeleteAsync($"/api/v1/registrations/{first!.ManageToken}")).StatusCode);

        var (status, again) = await client.RegisterAsync(app, e.Id, AgendaTestData.Person(email.ToUpperInvariant()));
        Assert.Equal(HttpStatusCode.Accepted, status);
        Assert.Equal("confirmed", again!.Status);
        Assert.NotEqual(first.ManageToken, again.ManageToken);
        var regs = await app.RegistrationsAsync(e.Id);
        Assert.Equal([RegistrationStatus.Cancelled, RegistrationStatus.Confirmed], regs.Select(r => r.Status));
        Assert.Equal(email, regs[0].Person.Email); // the history keeps who cancelled
        Assert.Equal(1, (await app.ReloadAsync(e.Id)).SeatsTaken);

        // The old personal link still shows the cancelled registration; a third attempt leaves the new one as it is.
        var (third, same) = await client.RegisterAsync(app, e.Id, AgendaTestData.Person(email));
        Assert.Equal(HttpStatusCode.Accepted, third);
        Assert.Equal(again.ManageToken, same!.ManageToken);
        Assert.Equal("cancelled", (await client.GetFromJsonAsync<JsonElement>($"/api/v1/registrations/{first.ManageToken}")).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Given_a_full_event_When_someone_who_cancelled_registers_again_Then_they_join_the_end_of_the_waiting_list()
    {
        var e = await app.EventAsync(capacity: 1);
        var email = $"{Guid.NewGuid():N}@example.org";
        var mine = await app.RegisterAsync(e, "Moi", "Même", email);
        await app.UseAsync((Cancellations d) => d.CancelAsync(mine.Registration.ManageToken!));
        await app.RegisterAsync(e, "Autre", "Personne");
        await app.RegisterAsync(e, "Troisième", "Personne");
        var back = await app.RegisterAsync(e, "Moi", "Même", email);
        Assert.False(back.Existing);
        Assert.Equal((RegistrationStatus.Waitlisted, 2), (back.Registration.Status, back.Position));
    }

    [Fact]
    public async Task Given_a_declined_request_When_the_same_email_registers_again_Then_the_organisers_answer_stands()
    {
        var e = await app.EventAsync(capacity: 5, mode: RegistrationMode.Approval);
        var email = $"{Guid.NewGuid():N}@example.org";
        var request = await app.RegisterAsync(e, "Refusé", "Une-fois", email);
        await app.UseAsync((Approvals d) => d.DecideAsync(request.Registration.Id, accept: false));
        var again = await app.RegisterAsync(e, "Refusé", "Une-fois", email);
        Assert.True(again.Existing);
        Assert.Equal((request.Registration.Id, RegistrationStatus.Declined), (again.Registration.Id, again.Registration.Status));
        Assert.Single(await app.RegistrationsAsync(e.Id));
    }

    [Fact]
    public async Task Given_simultaneous_re_registrations_of_one_email_after_a_cancellation_Then_exactly_one_new_registration_is_made()
    {
        var e = await app.EventAsync(capacity: 5);
        var email = $"{Guid.NewGuid():N}@example.org";
        var mine = await app.RegisterAsync(e, "Pressé", "Double", email);
        await app.UseAsync((Cancellations d) => d.CancelAsync(mine.Registration.ManageToken!));
        var client = app.CreateClient();
        var results = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => client.RegisterAsync(app, e.Id, AgendaTestData.Person(email))));
        Assert.All(results, r => Assert.Equal(HttpStatusCode.Accepted, r.Status));
        Assert.Single(results.Select(r => r.Body!.ManageToken).Distinct());
        var regs = await app.RegistrationsAsync(e.Id);
        Assert.Equal(2, regs.Count);
        Assert.Equal(1, regs.Count(r => r.Status == RegistrationStatus.Confirmed));
        Assert.Equal(1, (await app.ReloadAsync(e.Id)).SeatsTaken);
    }

    [Theory]
    [InlineData(true, "Les inscriptions ne sont pas encore ouvertes.")]
    [InlineData(false, "Les inscriptions sont closes.")]
    public async Task Given_a_registration_outside_the_window_Then_409_names_the_event_with_a_clear_message_and_nothing_is_saved(bool before, string message)
    {
        var e = await app.EventAsync(capacity: 5);
        var now = app.Clock.GetUtcNow();
        await app.WithDbAsync(db => db.Events.Where(x => x.Id == e.Id).ExecuteUpdateAsync(s =>
        {
            if (before) s.SetProperty(x => x.RegistrationOpensAt, now.AddDays(1));
            else s.SetProperty(x => x.RegistrationClosesAt, now.AddMinutes(-1));
        }));
        var response = await app.CreateClient().PostAsJsonAsync($"/api/v1/events/{e.Id}/registrations", AgendaTestData.Person());
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(message, problem.GetProperty("title").GetString());
        Assert.Equal(message, problem.GetProperty("errors").GetProperty("event")[0].GetString());
        Assert.Empty(await app.RegistrationsAsync(e.Id));
        Assert.Equal(0, await app.WithDbAsync(db => db.Outbox.CountAsync(m => m.CreatedAt >= now && m.Subject!.StartsWith("registration:") && m.Title.Contains(e.Title))));

        // Staff may still add a person outside the window (a registration taken on the phone).
        var added = await app.DeskAsync(d => d.RegisterAsync(e.Id, RegistrantsData.Person("Par", "Téléphone"), RegistrationSource.Organiser));
        Assert.Equal(RegistrationStatus.Confirmed, added.Registration.Status);
    }

    [Fact]
    public async Task Given_approval_mode_end_to_end_Then_pending_is_e_mailed_accept_confirms_with_e_mail_and_accepting_when_full_is_refused()
    {
        var e = await app.EventAsync(capacity: 1, mode: RegistrationMode.Approval);
        var client = app.CreateClient();
        var (s1, a) = await client.RegisterAsync(app, e.Id, AgendaTestData.Person());
        var (_, b) = await client.RegisterAsync(app, e.Id, AgendaTestData.Person());
        Assert.Equal((HttpStatusCode.Accepted, "pending"), (s1, a!.Status));
        var regs = await app.RegistrationsAsync(e.Id);
        Assert.Equal(0, (await app.ReloadAsync(e.Id)).SeatsTaken); // a request holds no seat
        Assert.Equal(["agenda.pending"], await app.MailKindsAsync(regs[0].Id));

        var accepted = await app.UseAsync((Approvals d) => d.DecideAsync(regs[0].Id, accept: true));
        Assert.Equal(RegistrationStatus.Confirmed, accepted.Status);
        Assert.Equal(app.Clock.GetUtcNow(), accepted.DecidedAt);
        var mail = await app.LastMailAsync(regs[0].Id);
        Assert.Equal(("agenda.confirmation", "invitation.ics"), (mail.Kind, mail.AttachmentName));
        Assert.Contains(a.ManageToken, mail.TextBody);

        var full = await Assert.ThrowsAsync<RuleViolation>(() => app.UseAsync((Approvals d) => d.DecideAsync(regs[1].Id, accept: true)));
        Assert.Equal((409, "registration"), (full.Status, full.Field));
        Assert.Equal("pending", (await client.GetFromJsonAsync<JsonElement>($"/api/v1/registrations/{b!.ManageToken}")).GetProperty("status").GetString());
        await app.UseAsync((Approvals d) => d.DecideAsync(regs[1].Id, accept: false));
        Assert.Equal(["agenda.pending", "agenda.declined"], await app.MailKindsAsync(regs[1].Id));
        Assert.DoesNotContain(b.ManageToken, (await app.LastMailAsync(regs[1].Id)).TextBody);
    }
}
