using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Maillage.Platform.Identity;
using Maillage.Rooms;
using Maillage.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Tests.Rooms;

/// <summary>The rooms API on the configured database: who books, who approves, conflicts (409) and broken rules (422) naming the field.</summary>
public sealed class RoomBookingApiTests(MaillageApp app) : IClassFixture<MaillageApp>
{
    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) => JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    [Fact]
    public async Task Given_the_coordinator_When_booking_Then_it_is_confirmed_at_once()
    {
        var room = await app.RoomAsync();
        var coordinator = await app.MarseilleCoordinatorAsync();
        var response = await coordinator.BookAsync(room.Id, RoomsTestData.Tuesday(14), RoomsTestData.Tuesday(16));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await JsonAsync(response);
        Assert.Equal("confirmed", body.GetProperty("status").GetString());
        var stored = Assert.Single(await app.BookingsAsync(room.Id));
        Assert.Equal(body.GetProperty("id").GetInt32(), stored.Id);
        Assert.Equal(BookingStatus.Confirmed, stored.Status);
    }

    [Fact]
    public async Task Given_a_booking_written_by_one_plain_statement_Then_its_audit_entry_names_the_author_the_Cite_and_every_value()
    {
        var room = await app.RoomAsync();
        var user = await app.CreateStaffAsync(StaffRole.Coordinator, "cite:marseille-paca");
        var response = await (await app.TokenClientAsync(user)).BookAsync(room.Id, RoomsTestData.Tuesday(10), RoomsTestData.Tuesday(11), attendees: 7, title: "Comité de suivi « été »");
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = (await JsonAsync(response)).GetProperty("id").GetInt32();
        var entry = Assert.Single(await app.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(
            Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.IgnoreQueryFilters(db.AuditEntries).Where(a => a.EntityType == nameof(RoomBooking) && a.EntityId == id.ToString()))));
        Assert.Equal("Added", entry.Action);
        Assert.Equal(user.Id, entry.UserId);
        Assert.Equal(user.UserName, entry.UserName);
        Assert.Equal(room.CiteId, entry.CiteId);
        Assert.Null(entry.Before);
        var after = JsonDocument.Parse(entry.After!).RootElement;
        Assert.Equal(id, after.GetProperty("Id").GetInt32());
        Assert.Equal("Comité de suivi « été »", after.GetProperty("Title").GetString());
        Assert.Equal(7, after.GetProperty("Attendees").GetInt32());
        Assert.Equal(room.Id, after.GetProperty("RoomId").GetInt32());
        Assert.Equal((int)BookingStatus.Confirmed, after.GetProperty("Status").GetInt32());
        Assert.Equal(RoomsTestData.Tuesday(10), after.GetProperty("StartsAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task Given_a_room_read_by_a_booking_When_its_capacity_hours_or_partners_change_Then_the_next_request_follows_the_new_definition_at_once()
    {
        // The booking rules read a room's definition from memory (RoomDefinitions): a save through the application evicts it.
        var room = await app.RoomAsync(capacity: 20);
        var coordinator = await app.MarseilleCoordinatorAsync();
        var academie = await app.AcademieStaffAsync(room);
        Assert.Equal(HttpStatusCode.Created, (await coordinator.BookAsync(room.Id, RoomsTestData.Tuesday(10), RoomsTestData.Tuesday(11), attendees: 15)).StatusCode);

        await app.WithDbAsync(async db =>
        {
            var tracked = await db.Rooms.Include(r => r.Hours).SingleAsync(r => r.Id == room.Id);
            tracked.Capacity = 12;
            tracked.ReplaceHours([.. new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday }.Select(d => (d, new TimeOnly(10, 0), new TimeOnly(13, 0)))]);
            return await db.SaveChangesAsync();
        });
        var over = await coordinator.BookAsync(room.Id, RoomsTestData.Tuesday(11), RoomsTestData.Tuesday(12), attendees: 15);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, over.StatusCode);
        Assert.Contains("12", await over.Content.ReadAsStringAsync());
        var late = await coordinator.BookAsync(room.Id, RoomsTestData.Tuesday(14), RoomsTestData.Tuesday(15), attendees: 5);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, late.StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await academie.BookAsync(room.Id, RoomsTestData.Tuesday(11), RoomsTestData.Tuesday(12), attendees: 5)).StatusCode);

        await app.WithDbAsync(async db =>
        {
            db.Set<RoomPartner>().RemoveRange(await db.Set<RoomPartner>().Where(p => p.RoomId == room.Id).ToListAsync());
            return await db.SaveChangesAsync();
        });
        Assert.Equal(HttpStatusCode.Forbidden, (await academie.BookAsync(room.Id, RoomsTestData.Tuesday(12), RoomsTestData.Tuesday(13), attendees: 5)).StatusCode);
    }

    [Fact]
    public async Task Given_an_Academie_staff_member_When_asking_for_the_amphitheatre_for_100_Then_it_is_requested_and_the_coordinator_approves_it_and_nobody_books_it_twice()
    {
        var room = await app.RoomAsync(capacity: 130);
        var academie = await app.AcademieStaffAsync(room);
        var asked = await academie.BookAsync(room.Id, RoomsTestData.Tuesday(14), RoomsTestData.Tuesday(17), attendees: 100, title: "Journée d'immersion des enseignants");
        Assert.Equal(HttpStatusCode.Created, asked.StatusCode);
        var id = (await JsonAsync(asked)).GetProperty("id").GetInt32();
        Assert.Equal("requested", (await JsonAsync(asked)).GetProperty("status").GetString());

        // A requested booking already holds its time: first come, first served.
        var coordinator = await app.MarseilleCoordinatorAsync();
        var other = await coordinator.BookAsync(room.Id, RoomsTestData.Tuesday(16), RoomsTestData.Tuesday(18));
        Assert.Equal(HttpStatusCode.Conflict, other.StatusCode);
        Assert.Equal("application/problem+json", other.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Journée d'immersion des enseignants", await other.Content.ReadAsStringAsync());

        // Only an approver decides.
        Assert.Equal(HttpStatusCode.Forbidden, (await academie.PostAsJsonAsync($"/api/v1/bookings/{id}/approve", new { })).StatusCode);
        var approved = await coordinator.PostAsJsonAsync($"/api/v1/bookings/{id}/approve", new { note = "Bonne journée" });
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        Assert.Equal("confirmed", (await JsonAsync(approved)).GetProperty("status").GetString());
        var again = await coordinator.PostAsJsonAsync($"/api/v1/bookings/{id}/refuse", new { });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);

        var booking = Assert.Single(await app.BookingsAsync(room.Id));
        Assert.Equal(BookingStatus.Confirmed, booking.Status);
        Assert.NotNull(booking.DecidedAt);
        Assert.NotNull(booking.PartnerId);

        // The decision is in the audit trail.
        var audited = await app.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(
            db.AuditEntries, a => a.EntityType == nameof(RoomBooking) && a.EntityId == id.ToString()));
        Assert.True(audited >= 2, $"creation and decision audited, found {audited}");
    }

    [Fact]
    public async Task Given_a_refused_or_cancelled_booking_Then_its_time_is_free_again()
    {
        var room = await app.RoomAsync();
        var academie = await app.AcademieStaffAsync(room);
        var coordinator = await app.MarseilleCoordinatorAsync();
        var first = (await JsonAsync(await academie.BookAsync(room.Id, RoomsTestData.Tuesday(10), RoomsTestData.Tuesday(12)))).GetProperty("id").GetInt32();
        Assert.Equal(HttpStatusCode.OK, (await coordinator.PostAsJsonAsync($"/api/v1/bookings/{first}/refuse", new { note = "Salle prise par le forum" })).StatusCode);
        var second = await coordinator.BookAsync(room.Id, RoomsTestData.Tuesday(10), RoomsTestData.Tuesday(12));
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        var secondId = (await JsonAsync(second)).GetProperty("id").GetInt32();

        Assert.Equal(HttpStatusCode.Forbidden, (await academie.DeleteAsync($"/api/v1/bookings/{secondId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await coordinator.DeleteAsync($"/api/v1/bookings/{secondId}")).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await coordinator.DeleteAsync($"/api/v1/bookings/{secondId}")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await academie.BookAsync(room.Id, RoomsTestData.Tuesday(11), RoomsTestData.Tuesday(12))).StatusCode);
        var statuses = (await app.BookingsAsync(room.Id)).Select(b => b.Status).ToList();
        Assert.Equal([BookingStatus.Refused, BookingStatus.Cancelled, BookingStatus.Requested], statuses);
    }

    [Fact]
    public async Task Given_a_room_with_a_buffer_When_a_booking_starts_within_it_Then_it_conflicts_and_one_past_it_does_not()
    {
        var room = await app.RoomAsync(bufferMinutes: 30);
        var coordinator = await app.MarseilleCoordinatorAsync();
        Assert.Equal(HttpStatusCode.Created, (await coordinator.BookAsync(room.Id, RoomsTestData.Tuesday(11), RoomsTestData.Tuesday(12))).StatusCode);
        var tooSoon = await coordinator.BookAsync(room.Id, RoomsTestData.Tuesday(12, 30), RoomsTestData.Tuesday(13, 30));
        Assert.Equal(HttpStatusCode.Conflict, tooSoon.StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await coordinator.BookAsync(room.Id, RoomsTestData.Tuesday(13), RoomsTestData.Tuesday(14))).StatusCode);
        // The buffer also widens the span against the bookable hours: 10:00 with 30 minutes of set-up starts at 09:30.
        var early = await coordinator.BookAsync(room.Id, RoomsTestData.Tuesday(10), RoomsTestData.Tuesday(10, 30));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, early.StatusCode);
        Assert.Contains("installation", await early.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("fr", 25, 14, 16, "attendees", "compte 20 places")]
    [InlineData("en", 25, 14, 16, "attendees", "seats 20")]
    [InlineData("fr", 10, 16, 14, "endsAt", "La fin doit venir après le début")]
    [InlineData("fr", 10, 17, 19, "endsAt", "En dehors des horaires")]
    [InlineData("en", 10, 8, 9, "startsAt", "Outside the bookable hours")]
    public async Task Given_bad_times_or_too_many_people_Then_422_names_the_field_in_the_callers_language(string language, int attendees, int from, int to, string field, string words)
    {
        var room = await app.RoomAsync(capacity: 20);
        var coordinator = await app.MarseilleCoordinatorAsync();
        coordinator.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
        var response = await coordinator.BookAsync(room.Id, RoomsTestData.Tuesday(from), RoomsTestData.Tuesday(to), attendees);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains(field, text);
        Assert.Contains(words, text);
        Assert.Empty(await app.BookingsAsync(room.Id));
    }

    [Fact]
    public async Task Given_the_past_a_weekend_or_a_public_holiday_Then_the_request_is_refused_with_the_reason()
    {
        var room = await app.RoomAsync();
        var coordinator = await app.MarseilleCoordinatorAsync();
        var past = await coordinator.BookAsync(room.Id, new DateTimeOffset(2026, 11, 20, 14, 0, 0, TimeSpan.FromHours(1)), new DateTimeOffset(2026, 11, 20, 15, 0, 0, TimeSpan.FromHours(1)));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, past.StatusCode);
        Assert.Contains("passé", await past.Content.ReadAsStringAsync());
        var saturday = await coordinator.BookAsync(room.Id, new DateTimeOffset(2026, 11, 28, 14, 0, 0, TimeSpan.FromHours(1)), new DateTimeOffset(2026, 11, 28, 15, 0, 0, TimeSpan.FromHours(1)));
        Assert.Contains("ne se réserve pas", await saturday.Content.ReadAsStringAsync());
        var christmas = await coordinator.BookAsync(room.Id, new DateTimeOffset(2026, 12, 25, 14, 0, 0, TimeSpan.FromHours(1)), new DateTimeOffset(2026, 12, 25, 15, 0, 0, TimeSpan.FromHours(1)));
        Assert.Contains("Noël", await christmas.Content.ReadAsStringAsync());
        Assert.Empty(await app.BookingsAsync(room.Id));
    }

    [Fact]
    public async Task Given_local_times_without_offset_Then_they_are_read_in_the_rooms_zone_and_a_time_the_clocks_skip_or_repeat_is_refused()
    {
        var room = await app.RoomAsync();
        await app.WithDbAsync(async db =>
        {
            var r = await db.Set<Room>().FindAsync(room.Id);
            r!.ReplaceHours([.. Enum.GetValues<DayOfWeek>().Select(d => (d, new TimeOnly(0, 0), new TimeOnly(23, 59)))]);
            return await db.SaveChangesAsync();
        });
        var coordinator = await app.MarseilleCoordinatorAsync();
        var local = await coordinator.PostAsJsonAsync($"/api/v1/rooms/{room.Id}/bookings", new { startsAt = "2026-11-24T14:00:00", endsAt = "2026-11-24T15:00:00", title = "Locale", attendees = 3 });
        Assert.Equal(HttpStatusCode.Created, local.StatusCode);
        Assert.Equal(new DateTimeOffset(2026, 11, 24, 13, 0, 0, TimeSpan.Zero), (await app.BookingsAsync(room.Id)).Single().StartsAt);

        var gap = await coordinator.PostAsJsonAsync($"/api/v1/rooms/{room.Id}/bookings", new { startsAt = "2027-03-28T02:30:00", endsAt = "2027-03-28T03:30:00", title = "Trou", attendees = 3 });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, gap.StatusCode);
        Assert.Contains("startsAt", await gap.Content.ReadAsStringAsync());
        Assert.Contains("avancent", await gap.Content.ReadAsStringAsync());
        var fold = await coordinator.PostAsJsonAsync($"/api/v1/rooms/{room.Id}/bookings", new { startsAt = "2027-10-31T01:00:00", endsAt = "2027-10-31T02:30:00", title = "Pli", attendees = 3 });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, fold.StatusCode);
        Assert.Contains("endsAt", await fold.Content.ReadAsStringAsync());
        Assert.Contains("deux fois", await fold.Content.ReadAsStringAsync());
        Assert.Single(await app.BookingsAsync(room.Id));
    }

    [Fact]
    public async Task Given_staff_of_another_Cite_Then_the_room_is_not_found_and_a_reception_agent_of_the_Cite_may_book_it()
    {
        var room = await app.RoomAsync();
        var geneva = await app.TokenClientAsync(await app.CreateStaffAsync(StaffRole.Coordinator, "cite:grand-geneve"));
        var response = await geneva.BookAsync(room.Id, RoomsTestData.Tuesday(14), RoomsTestData.Tuesday(15));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var agent = await app.TokenClientAsync(await app.CreateStaffAsync(StaffRole.ReceptionAgent, "structure:marseille-paca/marseille"));
        var asked = await agent.BookAsync(room.Id, RoomsTestData.Tuesday(14), RoomsTestData.Tuesday(15));
        Assert.Equal(HttpStatusCode.Created, asked.StatusCode);
        Assert.Equal("requested", (await JsonAsync(asked)).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().BookAsync(room.Id, RoomsTestData.Tuesday(16), RoomsTestData.Tuesday(17))).StatusCode);
    }

    [Fact]
    public async Task Given_rooms_and_bookings_When_listing_Then_rooms_show_capacity_and_hours_and_a_rooms_bookings_come_by_dates()
    {
        var room = await app.RoomAsync(capacity: 42);
        var coordinator = await app.MarseilleCoordinatorAsync();
        await coordinator.BookAsync(room.Id, RoomsTestData.Tuesday(14), RoomsTestData.Tuesday(15), title: "Listée");
        var rooms = await JsonAsync(await coordinator.GetAsync($"/api/v1/rooms?structure={room.StructureId}"));
        var listed = rooms.EnumerateArray().Single(r => r.GetProperty("id").GetInt32() == room.Id);
        Assert.Equal(42, listed.GetProperty("capacity").GetInt32());
        Assert.Equal(5, listed.GetProperty("bookableHours").GetArrayLength());
        Assert.Equal("monday", listed.GetProperty("bookableHours")[0].GetProperty("day").GetString());
        Assert.Equal("10:00", listed.GetProperty("bookableHours")[0].GetProperty("opens").GetString());
        var bookings = await JsonAsync(await coordinator.GetAsync($"/api/v1/rooms/{room.Id}/bookings?from=2026-11-24&to=2026-11-24"));
        Assert.Equal("Listée", Assert.Single(bookings.EnumerateArray()).GetProperty("title").GetString());
        Assert.Empty((await JsonAsync(await coordinator.GetAsync($"/api/v1/rooms/{room.Id}/bookings?from=2026-11-25&to=2026-11-30"))).EnumerateArray());
        Assert.Equal(HttpStatusCode.BadRequest, (await coordinator.GetAsync($"/api/v1/rooms/{room.Id}/bookings?from=2026-11-25&to=2026-11-01")).StatusCode);
    }
}
