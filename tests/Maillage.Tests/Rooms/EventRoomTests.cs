using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Maillage.Agenda;
using Maillage.Platform.Identity;
using Maillage.Rooms;
using Maillage.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Tests.Rooms;

/// <summary>Issue 20 item 8: an event takes a room of its structure; creating or moving it books the room, cancelling frees it; an event for 40 does not fit a room of 20.</summary>
public sealed class EventRoomTests(MaillageApp app) : IClassFixture<MaillageApp>
{
    private static object Event(int structureId, int? roomId, DateTimeOffset startsAt, int capacity, string title = "Forum des métiers", string? roomName = null) => new
    {
        title, type = "forum", description = "Rencontres avec des professionnels.", structureId, roomId, roomName,
        startsAt, endsAt = startsAt.AddHours(2), capacity, registrationMode = "open", waitlistPromotion = "direct",
    };

    private async Task<HttpClient> OrganiserAsync() =>
        await app.TokenClientAsync(await app.CreateStaffAsync(StaffRole.Coordinator, "cite:marseille-paca"));

    [Fact]
    public async Task Given_a_room_of_20_When_an_organiser_plans_an_event_for_40_in_it_Then_it_is_refused_naming_the_room_and_its_seats()
    {
        var room = await app.RoomAsync(capacity: 20);
        var organiser = await OrganiserAsync();
        var response = await organiser.PostAsJsonAsync("/api/v1/events", Event(room.StructureId, room.Id, RoomsTestData.Tuesday(14), 40));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains($"La salle {room.Name} compte 20 places ; l'action en prévoit 40.", text);
        Assert.Contains("capacity", text);
        Assert.Empty(await app.BookingsAsync(room.Id));
    }

    [Fact]
    public async Task Given_an_event_in_a_room_When_created_moved_then_cancelled_Then_its_booking_follows_and_is_freed()
    {
        var room = await app.RoomAsync(capacity: 20);
        var organiser = await OrganiserAsync();
        var created = await organiser.PostAsJsonAsync("/api/v1/events", Event(room.StructureId, room.Id, RoomsTestData.Tuesday(14), 18));
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var eventId = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt32();
        var booking = Assert.Single(await app.BookingsAsync(room.Id));
        Assert.Equal((BookingStatus.Confirmed, eventId, RoomsTestData.Tuesday(14)), (booking.Status, booking.AgendaEventId!.Value, booking.StartsAt));

        // The room is held: a booking over the event is refused naming it.
        var clash = await organiser.BookAsync(room.Id, RoomsTestData.Tuesday(15), RoomsTestData.Tuesday(16));
        Assert.Equal(HttpStatusCode.Conflict, clash.StatusCode);
        Assert.Contains("Forum des métiers", await clash.Content.ReadAsStringAsync());

        // Another event at the same time in the same room is refused, naming the first.
        var second = await organiser.PostAsJsonAsync("/api/v1/events", Event(room.StructureId, room.Id, RoomsTestData.Tuesday(15), 10, "Atelier CV"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, second.StatusCode);
        Assert.Contains("déjà prise : « Forum des métiers »", await second.Content.ReadAsStringAsync());

        // Moved: the booking moves with it.
        var moved = await organiser.PutAsJsonAsync($"/api/v1/events/{eventId}", Event(room.StructureId, room.Id, RoomsTestData.Tuesday(10), 18));
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        booking = Assert.Single(await app.BookingsAsync(room.Id));
        Assert.Equal(RoomsTestData.Tuesday(10), booking.StartsAt);
        Assert.Equal(HttpStatusCode.Created, (await organiser.BookAsync(room.Id, RoomsTestData.Tuesday(15), RoomsTestData.Tuesday(16))).StatusCode);

        // Cancelled: the room is free again.
        Assert.Equal(HttpStatusCode.NoContent, (await organiser.PostAsJsonAsync($"/api/v1/events/{eventId}/cancel", new { reason = "Intervenant absent" })).StatusCode);
        Assert.Equal(BookingStatus.Cancelled, (await app.BookingsAsync(room.Id)).Single(b => b.AgendaEventId == eventId).Status);
        Assert.Equal(HttpStatusCode.Created, (await organiser.BookAsync(room.Id, RoomsTestData.Tuesday(10), RoomsTestData.Tuesday(11))).StatusCode);
    }

    private static Dictionary<string, object?> Body(int structureId, int? roomId, DateTimeOffset startsAt, int capacity) => new()
    {
        ["title"] = "Atelier métiers du soin", ["type"] = "forum", ["description"] = "Rencontres avec des professionnels.", ["structureId"] = structureId, ["roomId"] = roomId,
        ["startsAt"] = startsAt, ["endsAt"] = startsAt.AddHours(2), ["capacity"] = capacity, ["registrationMode"] = "open", ["waitlistPromotion"] = "direct",
    };

    private Task<List<AgendaEvent>> SeriesEventsAsync(int eventId) =>
        app.WithDbAsync(async db =>
        {
            var seriesId = await db.Events.IgnoreQueryFilters().Where(e => e.Id == eventId).Select(e => e.SeriesId).SingleAsync();
            return await db.Events.IgnoreQueryFilters().AsNoTracking().Where(e => e.SeriesId == seriesId).OrderBy(e => e.SeriesIndex).ToListAsync();
        });

    /// <summary>
    /// Issue 20, "this and following": the organiser moves a weekly series (24 Nov, 1, 8, 15 Dec, Tuesdays 14:00–16:00) to
    /// another room. A room too small, closed on 15 Dec and taken on 8 Dec is refused with each later occurrence named by its
    /// date, and nothing changes; once the room is free, every occurrence books it and the old room is freed.
    /// </summary>
    [Fact]
    public async Task Given_a_weekly_series_in_a_room_When_this_and_following_move_to_another_room_Then_every_later_occurrence_books_it_or_nothing_changes()
    {
        var first = await app.RoomAsync(capacity: 20);
        var second = await app.RoomAsync(capacity: 20);
        var small = await app.RoomAsync(capacity: 10);
        var organiser = await OrganiserAsync();
        var body = Body(first.StructureId, first.Id, RoomsTestData.Tuesday(14), 15);
        body["repeat"] = new { frequency = "weekly", interval = 1, count = 4 };
        var created = await organiser.PostAsJsonAsync("/api/v1/events", body);
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var eventId = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt32();
        var series = await SeriesEventsAsync(eventId);
        Assert.Equal(4, series.Count);
        Assert.Equal(4, (await app.BookingsAsync(first.Id)).Count(b => b.Status == BookingStatus.Confirmed));

        // The second room is closed on 15 December and booked on 8 December at 14:30.
        await app.WithDbAsync(async db =>
        {
            db.Set<RoomClosure>().Add(new RoomClosure { RoomId = second.Id, Date = new DateOnly(2026, 12, 15), Reason = "Travaux" });
            return await db.SaveChangesAsync();
        });
        var blocker = await organiser.BookAsync(second.Id, RoomsTestData.Tuesday(14, 30).AddDays(14), RoomsTestData.Tuesday(15, 30).AddDays(14), title: "Comité de pilotage");
        Assert.Equal(HttpStatusCode.Created, blocker.StatusCode);
        var blockerId = JsonDocument.Parse(await blocker.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt32();

        // Too small: each occurrence is named.
        var tooSmall = await organiser.PutAsJsonAsync($"/api/v1/events/{eventId}?scope=following", Body(first.StructureId, small.Id, RoomsTestData.Tuesday(14), 15));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, tooSmall.StatusCode);
        var text = await tooSmall.Content.ReadAsStringAsync();
        Assert.Contains($"La salle {small.Name} compte 10 places ; l'action en prévoit 15.", text);
        foreach (var date in new[] { "01/12/2026", "08/12/2026", "15/12/2026" })
            Assert.Contains($"Séance du {date} : La salle {small.Name} compte 10 places", text);

        // Closed on one date, taken on another: both dates are listed, and nothing changes.
        var refused = await organiser.PutAsJsonAsync($"/api/v1/events/{eventId}?scope=following", Body(first.StructureId, second.Id, RoomsTestData.Tuesday(14), 15));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        text = await refused.Content.ReadAsStringAsync();
        Assert.Contains("Séance du 08/12/2026 : ", text);
        Assert.Contains("Comité de pilotage", text);
        Assert.Contains("Séance du 15/12/2026 : ", text);
        Assert.Contains("Travaux", text);
        Assert.DoesNotContain("Séance du 01/12/2026", text);
        Assert.All(await SeriesEventsAsync(eventId), e => Assert.Equal(first.Id, e.RoomId));
        Assert.Equal(4, (await app.BookingsAsync(first.Id)).Count(b => b.Status == BookingStatus.Confirmed));
        Assert.Equal([blockerId], (await app.BookingsAsync(second.Id)).Select(b => b.Id));

        // In English, for an API client that asks for it.
        organiser.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
        var english = await organiser.PutAsJsonAsync($"/api/v1/events/{eventId}?scope=following", Body(first.StructureId, second.Id, RoomsTestData.Tuesday(14), 15));
        Assert.Contains("Occurrence of 2026-12-08: ", await english.Content.ReadAsStringAsync());
        organiser.DefaultRequestHeaders.AcceptLanguage.Clear();

        // The room freed and reopened: every occurrence moves, the first room is freed.
        Assert.Equal(HttpStatusCode.NoContent, (await organiser.DeleteAsync($"/api/v1/bookings/{blockerId}")).StatusCode);
        await app.WithDbAsync(db => db.Set<RoomClosure>().Where(c => c.RoomId == second.Id).ExecuteDeleteAsync());
        var moved = await organiser.PutAsJsonAsync($"/api/v1/events/{eventId}?scope=following", Body(first.StructureId, second.Id, RoomsTestData.Tuesday(14), 15));
        Assert.True(moved.StatusCode == HttpStatusCode.OK, await moved.Content.ReadAsStringAsync());
        series = await SeriesEventsAsync(eventId);
        Assert.All(series, e => Assert.Equal(second.Id, e.RoomId));
        var booked = (await app.BookingsAsync(second.Id)).Where(b => b.Status == BookingStatus.Confirmed).OrderBy(b => b.StartsAt).ToList();
        Assert.Equal(series.Select(e => (e.Id, e.StartsAt)), booked.Select(b => (b.AgendaEventId!.Value, b.StartsAt)));
        Assert.All(await app.BookingsAsync(first.Id), b => Assert.Equal(BookingStatus.Cancelled, b.Status));
        Assert.Equal(HttpStatusCode.Created, (await organiser.BookAsync(first.Id, RoomsTestData.Tuesday(14).AddDays(21), RoomsTestData.Tuesday(15).AddDays(21))).StatusCode);
    }

    [Fact]
    public async Task Given_a_free_text_room_name_or_a_room_of_another_structure_Then_the_name_still_works_and_the_foreign_room_is_refused()
    {
        var room = await app.RoomAsync(capacity: 20);
        var annemasse = await app.StructureAsync("grand-geneve", "annemasse");
        var organiser = await app.TokenClientAsync(await app.CreateStaffAsync(StaffRole.Coordinator, "platform"));
        var named = await organiser.PostAsJsonAsync("/api/v1/events", Event(annemasse.Id, null, RoomsTestData.Tuesday(14), 40, roomName: "Salle du conseil"));
        Assert.Equal(HttpStatusCode.Created, named.StatusCode);
        var foreign = await organiser.PostAsJsonAsync("/api/v1/events", Event(annemasse.Id, room.Id, RoomsTestData.Tuesday(14), 10));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, foreign.StatusCode);
        Assert.Contains("roomId", await foreign.Content.ReadAsStringAsync());
        Assert.Empty(await app.BookingsAsync(room.Id));
    }
}
