using System.Net;
using Maillage.Network;
using Maillage.Platform.Identity;
using Maillage.Rooms;
using Maillage.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Maillage.Tests.Rooms;

/// <summary>The staff pages of rooms, without JavaScript: describing a room, asking for it, deciding, the calendars, the availability search and the feed.</summary>
public sealed class RoomPagesTests(MaillageApp app) : IClassFixture<MaillageApp>
{
    private static Dictionary<string, string> Booking(string date, string from, string to, int attendees, string title = "Réunion des CLEE") => new()
    {
        ["Input.Date"] = date, ["Input.StartsAt"] = from, ["Input.EndsAt"] = to, ["Input.Title"] = title, ["Input.Attendees"] = attendees.ToString(),
    };

    private static void AssertRefused(HttpResponseMessage refused) =>
        Assert.True(refused.StatusCode == HttpStatusCode.Forbidden || refused.Headers.Location?.OriginalString.Contains("/gestion/acces-refuse") == true,
            $"{refused.StatusCode} {refused.Headers.Location}");

    private async Task<HttpClient> AcademieBrowserAsync(Room room)
    {
        var partnerId = await app.WithDbAsync(db => db.Set<RoomPartner>().Where(p => p.RoomId == room.Id).Select(p => p.PartnerId).FirstAsync());
        return await app.SignedInAsAsync(StaffRole.Counsellor, $"partner:{partnerId}");
    }

    [Fact]
    public async Task Given_the_private_feed_address_from_the_room_page_Then_a_calendar_reads_it_without_signing_in_and_a_wrong_or_renewed_away_address_answers_404()
    {
        var room = await app.RoomAsync();
        var coordinator = await app.SignedInAsAsync(StaffRole.Coordinator, "cite:marseille-paca");
        Assert.Equal(HttpStatusCode.Created, (await (await app.MarseilleCoordinatorAsync()).BookAsync(room.Id, RoomsTestData.Tuesday(14), RoomsTestData.Tuesday(16), title: "Jury du CAP")).StatusCode);
        async Task<string> RenewAsync()
        {
            var made = await coordinator.PostFormAsync($"/gestion/salles/{room.Id}?handler=Feed", new(), $"/gestion/salles/{room.Id}");
            Assert.Equal(HttpStatusCode.Redirect, made.StatusCode);
            var page = await coordinator.PageTextAsync(made.Headers.Location!.OriginalString);
            var match = System.Text.RegularExpressions.Regex.Match(page, @"https?://[^\s<""]+/api/v1/rooms/feed/[A-Za-z0-9_-]+\.ics");
            Assert.True(match.Success, "the new address is shown once");
            // Built from the configured public address (Email:PublicBaseUrl), not from the request's host.
            var publicBase = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Maillage.Platform.Email.EmailOptions>>().Value.PublicBaseUrl.TrimEnd('/');
            Assert.StartsWith($"{publicBase}/api/v1/rooms/feed/", match.Value);
            return new Uri(match.Value).PathAndQuery;
        }
        var address = await RenewAsync();
        // Not shown again: only its hash is kept.
        Assert.DoesNotContain(address, await coordinator.PageTextAsync($"/gestion/salles/{room.Id}"));
        var secret = address["/api/v1/rooms/feed/".Length..^".ics".Length];
        var stored = await app.WithDbAsync(db => db.Set<Room>().IgnoreQueryFilters().Where(r => r.Id == room.Id).Select(r => r.FeedTokenHash).FirstAsync());
        Assert.Equal(Maillage.Rooms.Bookings.RoomBookings.FeedHash(secret), stored);
        Assert.DoesNotContain(secret, stored);

        using var anonymous = app.CreateClient(new() { AllowAutoRedirect = false });
        var feed = await anonymous.GetAsync(address);
        Assert.Equal(HttpStatusCode.OK, feed.StatusCode);
        Assert.Equal("text/calendar", feed.Content.Headers.ContentType?.MediaType);
        Assert.Contains("SUMMARY:Jury du CAP", await feed.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/api/v1/rooms/feed/not-the-secret.ics")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/api/v1/rooms/feed/%27%3B--.ics")).StatusCode);
        // The signed-in feed keeps working; a partner may not make the address.
        Assert.Contains("SUMMARY:Jury du CAP", await coordinator.PageTextAsync($"/api/v1/rooms/{room.Id}/bookings.ics"));

        var renewed = await RenewAsync();
        Assert.NotEqual(address, renewed);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(address)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(renewed)).StatusCode);
        var academie = await AcademieBrowserAsync(room);
        Assert.DoesNotContain("Agenda privé", await academie.PageTextAsync($"/gestion/salles/{room.Id}"));
    }

    [Fact]
    public async Task Given_an_Academie_request_on_the_room_page_When_the_coordinator_approves_it_on_the_requests_page_Then_it_is_confirmed()
    {
        var room = await app.RoomAsync(capacity: 130);
        var academie = await AcademieBrowserAsync(room);
        var asked = await academie.PostFormAsync($"/gestion/salles/{room.Id}?handler=Book", Booking("2026-11-25", "14:00", "17:00", 100, "Journée des enseignants"), $"/gestion/salles/{room.Id}");
        Assert.Equal(HttpStatusCode.Redirect, asked.StatusCode);
        var week = await academie.PageTextAsync(asked.Headers.Location!.OriginalString);
        Assert.Contains("Demande envoyée", week);
        Assert.Contains("Journée des enseignants", week);
        Assert.Equal(BookingStatus.Requested, Assert.Single(await app.BookingsAsync(room.Id)).Status);

        var coordinator = await app.SignedInAsAsync(StaffRole.Coordinator, "cite:marseille-paca");
        var requests = await coordinator.PageTextAsync("/gestion/salles/demandes");
        Assert.Contains("Journée des enseignants", requests);
        var id = (await app.BookingsAsync(room.Id)).Single().Id;
        var decided = await coordinator.PostFormAsync("/gestion/salles/demandes", new() { ["bookingId"] = id.ToString(), ["decision"] = "approve", ["note"] = "" });
        Assert.Equal(HttpStatusCode.Redirect, decided.StatusCode);
        Assert.Contains("est confirmée", await coordinator.PageTextAsync("/gestion/salles/demandes"));
        Assert.Equal(BookingStatus.Confirmed, (await app.BookingsAsync(room.Id)).Single().Status);
        // The partner cannot open the coordinator's page.
        AssertRefused(await academie.GetAsync("/gestion/salles/demandes"));

        // The feed and both calendars show it.
        var ics = await coordinator.PageTextAsync($"/api/v1/rooms/{room.Id}/bookings.ics");
        Assert.Contains("SUMMARY:Journée des enseignants", ics);
        Assert.Contains("STATUS:CONFIRMED", ics);
        var day = await coordinator.PageTextAsync($"/gestion/salles/planning?structure={room.StructureId}&jour=2026-11-25");
        Assert.Contains("14:00–17:00 Journée des enseignants", day);
        var weekView = await coordinator.PageTextAsync($"/gestion/salles/planning?structure={room.StructureId}&jour=2026-11-25&vue=semaine");
        Assert.Contains("Journée des enseignants", weekView);
    }

    /// <summary>Issue 20: a request whose requester's name is the partner's own shows the name once; a person's name keeps the partner beside it.</summary>
    [Fact]
    public async Task Given_requests_on_the_requests_page_Then_a_partner_named_as_requester_is_shown_once()
    {
        var room = await app.RoomAsync(capacity: 130);
        var (partnerId, partner) = await app.WithDbAsync(async db =>
        {
            var id = await db.Set<RoomPartner>().Where(p => p.RoomId == room.Id).Select(p => p.PartnerId).FirstAsync();
            return (id, await db.Partners.IgnoreQueryFilters().Where(p => p.Id == id).Select(p => p.Name).SingleAsync());
        });
        await app.WithDbAsync(async db =>
        {
            RoomBooking Request(int hour, string title, string by) => new()
            {
                CiteId = room.CiteId, RoomId = room.Id, StartsAt = RoomsTestData.Tuesday(hour).ToUniversalTime(), EndsAt = RoomsTestData.Tuesday(hour + 1).ToUniversalTime(),
                HeldFrom = RoomsTestData.Tuesday(hour).ToUniversalTime(), HeldUntil = RoomsTestData.Tuesday(hour + 1).ToUniversalTime(), Title = title, Attendees = 10,
                Status = BookingStatus.Requested, RequestedByName = by, PartnerId = partnerId, CreatedAt = MaillageApp.DefaultNow,
            };
            db.RoomBookings.AddRange(Request(10, "Demande au nom du partenaire", partner), Request(14, "Demande d'une personne", "camille.martin@example.org"));
            return await db.SaveChangesAsync();
        });
        var coordinator = await app.SignedInAsAsync(StaffRole.Coordinator, "cite:marseille-paca");
        var page = System.Net.WebUtility.HtmlDecode(await coordinator.PageTextAsync("/gestion/salles/demandes"));
        Assert.Contains($"<dd>{partner}</dd>", page);
        Assert.DoesNotContain($"{partner} ({partner})", page);
        Assert.Contains($"<dd>camille.martin@example.org ({partner})</dd>", page);
    }

    [Fact]
    public async Task Given_too_many_people_or_a_time_the_clocks_skip_on_the_form_Then_the_field_says_why_and_nothing_is_saved()
    {
        var room = await app.RoomAsync(capacity: 20);
        var coordinator = await app.SignedInAsAsync(StaffRole.Coordinator, "cite:marseille-paca");
        var crowded = await coordinator.PostFormAsync($"/gestion/salles/{room.Id}?handler=Book", Booking("2026-11-25", "14:00", "16:00", 40), $"/gestion/salles/{room.Id}");
        Assert.Equal(HttpStatusCode.OK, crowded.StatusCode);
        var html = await crowded.TextAsync();
        Assert.Contains("compte 20 places ; la réservation en prévoit 40", html);
        Assert.Contains("Input_Attendees-error", html);
        var gap = await coordinator.PostFormAsync($"/gestion/salles/{room.Id}?handler=Book", Booking("2027-03-28", "02:30", "03:30", 4), $"/gestion/salles/{room.Id}");
        Assert.Contains("les horloges avancent", await gap.TextAsync());
        Assert.Empty(await app.BookingsAsync(room.Id));
    }

    [Fact]
    public async Task Given_a_weekly_request_on_the_form_Then_the_conflicting_date_is_listed_ticked_and_the_others_are_booked()
    {
        var room = await app.RoomAsync();
        var coordinator = await app.SignedInAsAsync(StaffRole.Coordinator, "cite:marseille-paca");
        await coordinator.PostFormAsync($"/gestion/salles/{room.Id}?handler=Book", Booking("2026-12-02", "10:00", "11:00", 5, "Jury"), $"/gestion/salles/{room.Id}");
        var fields = Booking("2026-11-25", "10:00", "12:00", 5, "Permanence");
        fields["Input.Until"] = "2026-12-09";
        var plan = await coordinator.PostFormAsync($"/gestion/salles/{room.Id}?handler=Book", fields, $"/gestion/salles/{room.Id}");
        var html = await plan.TextAsync();
        Assert.Contains("déjà prise : « Jury »", html);
        Assert.Contains("checked", System.Text.RegularExpressions.Regex.Match(html, "<input[^>]*skip-20261202[^>]*>").Value);
        Assert.DoesNotContain("checked", System.Text.RegularExpressions.Regex.Match(html, "<input[^>]*skip-20261209[^>]*>").Value);
        fields["Input.Skip"] = "2026-12-02";
        var saved = await coordinator.PostFormAsync($"/gestion/salles/{room.Id}?handler=Series", fields, $"/gestion/salles/{room.Id}");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var rows = await app.BookingsAsync(room.Id);
        Assert.Equal(["Permanence", "Jury", "Permanence"], rows.OrderBy(r => r.StartsAt).Select(r => r.Title));
    }

    [Fact]
    public async Task Given_a_search_for_seats_at_a_time_Then_free_rooms_are_offered_and_taken_or_small_ones_say_why()
    {
        var big = await app.RoomAsync(capacity: 60);
        var small = await app.RoomAsync(capacity: 10);
        var taken = await app.RoomAsync(capacity: 80);
        var coordinator = await app.SignedInAsAsync(StaffRole.Coordinator, "cite:marseille-paca");
        await coordinator.PostFormAsync($"/gestion/salles/{taken.Id}?handler=Book", Booking("2026-11-26", "13:00", "15:00", 5, "Conseil d'administration"), $"/gestion/salles/{taken.Id}");
        var html = await coordinator.PageTextAsync("/gestion/salles/disponibilites?date=2026-11-26&de=14%3A00&a=16%3A00&places=30");
        Assert.Contains($"href=\"/gestion/salles/{big.Id}?date=2026-11-26", html);
        Assert.Contains($"compte 10 places", html);
        Assert.Contains("Déjà prise : « Conseil d'administration »", html);
        Assert.DoesNotContain($"href=\"/gestion/salles/{taken.Id}?date=", html);
        Assert.DoesNotContain($"href=\"/gestion/salles/{small.Id}?date=", html);
        var bad = await coordinator.PageTextAsync("/gestion/salles/disponibilites?date=2026-02-30&de=14%3A00&a=16%3A00&places=0");
        Assert.Contains("Indiquez la date", bad);
        Assert.Contains("au moins une", bad);
    }

    [Fact]
    public async Task Given_the_coordinator_When_adding_a_room_with_zero_seats_Then_the_field_says_so_and_a_valid_room_is_created_with_its_hours()
    {
        var site = await app.StructureAsync("marseille-paca", "marseille");
        var coordinator = await app.SignedInAsAsync(StaffRole.Coordinator, "cite:marseille-paca");
        var name = $"Salle {Guid.NewGuid():N}"[..14];
        Dictionary<string, string> Fields(string capacity) => new()
        {
            ["Input.StructureId"] = site.Id.ToString(), ["Input.Name"] = name, ["Input.Capacity"] = capacity, ["Input.BufferMinutes"] = "15",
            ["Input.Days"] = "Monday", ["Input.Opens"] = "09:00", ["Input.Closes"] = "12:30", ["Input.NeedsApproval"] = "true", ["Input.CiteStaffMayBook"] = "true",
            ["Input.Closures"] = "24/12/2026 Fermeture de fin d'année",
        };
        var refused = await coordinator.PostFormAsync("/gestion/salles/fiche", Fields("0"));
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("La capacité est d'au moins une place", await refused.TextAsync());
        var created = await coordinator.PostFormAsync("/gestion/salles/fiche", Fields("12"));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var room = await app.WithDbAsync(db => db.Set<Room>().Include(r => r.Hours).Include(r => r.Closures).SingleAsync(r => r.Name == name));
        Assert.Equal(12, room.Capacity);
        Assert.Equal(15, room.BufferMinutes);
        Assert.Equal((DayOfWeek.Monday, new TimeOnly(9, 0), new TimeOnly(12, 30)), room.Hours.Select(h => (h.Day, h.Opens, h.Closes)).Single());
        Assert.Equal(new DateOnly(2026, 12, 24), room.Closures.Single().Date);
        Assert.Contains(name, await coordinator.PageTextAsync("/gestion/salles"));
        // A reception agent sees the rooms but may not describe them.
        var agent = await app.SignedInAsAsync(StaffRole.ReceptionAgent, "structure:marseille-paca/marseille");
        Assert.Equal(HttpStatusCode.OK, (await agent.GetAsync("/gestion/salles")).StatusCode);
        AssertRefused(await agent.GetAsync($"/gestion/salles/fiche/{room.Id}"));
    }
}
