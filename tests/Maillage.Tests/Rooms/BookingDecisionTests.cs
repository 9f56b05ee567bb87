using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Maillage.Platform.Email;
using Maillage.Platform.Identity;
using Maillage.Rooms;
using Maillage.Tests.Agenda;
using Maillage.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Maillage.Tests.Rooms;

/// <summary>The application without its scheduler (the test runs the outbox), e-mail through a real SMTP server, on a database of its own.</summary>
public sealed class RoomsMailApp(string database, SmtpSink smtp) : MaillageApp(database)
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Jobs:Enabled", "false");
        builder.UseSetting("Email:Smtp:Host", "127.0.0.1");
        builder.UseSetting("Email:Smtp:Port", smtp.Port.ToString());
        builder.UseSetting("Email:Smtp:Security", "None");
    }
}

/// <summary>Issue 20, items 2 and 3: the requester hears of the decision by e-mail, and two coordinators deciding at once do not both win.</summary>
public sealed class BookingDecisionTests(MaillageApp app) : IClassFixture<MaillageApp>
{
    private static Task<int> DeliverAsync(MaillageApp app) => app.WithScopeAsync2(sp => sp.GetRequiredService<OutboxDispatcher>().DispatchDueAsync());

    private static async Task<(StaffUser User, HttpClient Client)> AcademieAsync(MaillageApp app, Room room)
    {
        var partnerId = await app.WithDbAsync(db => db.Set<RoomPartner>().Where(p => p.RoomId == room.Id).Select(p => p.PartnerId).FirstAsync());
        var user = await app.CreateStaffAsync(StaffRole.Counsellor, $"partner:{partnerId}");
        return (user, await app.TokenClientAsync(user));
    }

    private static async Task<int> IdOf(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt32();
    }

    [Fact]
    public async Task The_requester_is_emailed_the_approval_and_the_refusal_with_its_reason_in_their_language_once()
    {
        using var smtp = new SmtpSink();
        var database = TestDatabase.CreateFromTemplate();
        try
        {
            await using var mailApp = new RoomsMailApp(database, smtp);
            var room = await mailApp.RoomAsync(capacity: 130);
            var (academie, client) = await AcademieAsync(mailApp, room);
            var coordinator = await mailApp.MarseilleCoordinatorAsync();

            // Asked in English (the API client's Accept-Language): the answer comes in English.
            using var english = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/rooms/{room.Id}/bookings")
            {
                Content = JsonContent.Create(new { startsAt = RoomsTestData.Tuesday(10), endsAt = RoomsTestData.Tuesday(12), title = "Teachers' day", attendees = 100 }),
            };
            english.Headers.AcceptLanguage.ParseAdd("en-GB");
            var approvedId = await IdOf(await client.SendAsync(english));
            // Asked in French.
            var refusedId = await IdOf(await client.BookAsync(room.Id, RoomsTestData.Tuesday(14), RoomsTestData.Tuesday(16), attendees: 40, title: "Forum des métiers"));

            Assert.Equal(HttpStatusCode.OK, (await coordinator.PostAsJsonAsync($"/api/v1/bookings/{approvedId}/approve", new { note = "Clés à l'accueil" })).StatusCode);
            // A refusal says why: without a reason it is refused, naming the field.
            var noReason = await coordinator.PostAsJsonAsync($"/api/v1/bookings/{refusedId}/refuse", new { });
            Assert.Equal(HttpStatusCode.UnprocessableEntity, noReason.StatusCode);
            Assert.Contains("\"note\"", await noReason.Content.ReadAsStringAsync());
            Assert.Equal(HttpStatusCode.OK, (await coordinator.PostAsJsonAsync($"/api/v1/bookings/{refusedId}/refuse", new { note = "Salle prise par le jury du CAP" })).StatusCode);

            Assert.Equal(2, await DeliverAsync(mailApp));
            Assert.Equal(0, await DeliverAsync(mailApp));
            await smtp.WaitForAsync(2);
            var messages = smtp.Messages().ToList();
            Assert.Equal(2, messages.Count);
            Assert.All(messages, m => Assert.Equal(academie.Email, m.To.Mailboxes.Single().Address));
            var approved = Assert.Single(messages, m => m.Subject?.Contains("Teachers' day") == true);
            Assert.Contains("approved", approved.Subject);
            Assert.Contains("Tuesday 24 November 2026, 10:00–12:00", approved.TextBody);
            Assert.Contains("Clés à l'accueil", approved.TextBody);
            Assert.DoesNotContain("validée", approved.TextBody);
            var refused = Assert.Single(messages, m => m.Subject?.Contains("Forum des métiers") == true);
            Assert.Contains("refusée", refused.Subject);
            Assert.Contains("mardi 24 novembre 2026, 14:00–16:00", refused.TextBody);
            Assert.Contains("Motif : Salle prise par le jury du CAP", refused.TextBody);
            Assert.Contains($"/gestion/salles/{room.Id}", refused.TextBody);
        }
        finally { TestDatabase.Drop(database); }
    }

    [Fact]
    public async Task Given_two_coordinators_deciding_one_request_at_once_Then_one_decides_and_the_other_hears_who_decided_and_when()
    {
        var room = await app.RoomAsync(capacity: 130);
        var (_, client) = await AcademieAsync(app, room);
        var first = await app.CreateStaffAsync(StaffRole.Coordinator, "cite:marseille-paca");
        var second = await app.CreateStaffAsync(StaffRole.Coordinator, "cite:marseille-paca");
        var (one, two) = (await app.TokenClientAsync(first), await app.TokenClientAsync(second));
        for (var round = 0; round < 6; round++)
        {
            var id = await IdOf(await client.BookAsync(room.Id, RoomsTestData.Tuesday(10 + round), RoomsTestData.Tuesday(11 + round), attendees: 20, title: $"Demande {round}"));
            var answers = await Task.WhenAll(
                one.PostAsJsonAsync($"/api/v1/bookings/{id}/approve", new { }),
                two.PostAsJsonAsync($"/api/v1/bookings/{id}/refuse", new { note = "Salle en travaux" }));
            Assert.Single(answers, a => a.StatusCode == HttpStatusCode.OK);
            var loser = Assert.Single(answers, a => a.StatusCode == HttpStatusCode.Conflict);
            var problem = await loser.Content.ReadAsStringAsync();
            var booking = Assert.Single(await app.WithDbAsync(db => db.Set<RoomBooking>().IgnoreQueryFilters().AsNoTracking().Where(b => b.Id == id).ToListAsync()));
            var winner = booking.Status == BookingStatus.Confirmed ? first : second;
            Assert.Equal(winner.Id, booking.DecidedById);
            var at = TimeZoneInfo.ConvertTime(booking.DecidedAt!.Value, TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris"));
            Assert.Contains($"par {winner.UserName} à {at:HH:mm}", problem);
            // One decision in the audit trail.
            var decisions = await app.WithDbAsync(db => db.AuditEntries.IgnoreQueryFilters().CountAsync(a => a.EntityType == nameof(RoomBooking) && a.EntityId == id.ToString() && a.Action == "Modified"));
            Assert.Equal(1, decisions);
        }
    }
}
