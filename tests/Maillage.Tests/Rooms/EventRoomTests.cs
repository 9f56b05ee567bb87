using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Maillage.Platform.Identity;
using Maillage.Rooms;
using Maillage.Tests.Infrastructure;

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
