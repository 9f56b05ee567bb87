using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Maillage.Rooms;
using Maillage.Tests.Infrastructure;

namespace Maillage.Tests.Rooms;

/// <summary>Weekly bookings with their conflicts listed and skippable; an approved booking changed goes back to approval.</summary>
public sealed class RoomSeriesAndChangeTests(MaillageApp app) : IClassFixture<MaillageApp>
{
    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) => JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    private static object Series(DateOnly until, params string[] skip) => new
    {
        startsAt = RoomsTestData.Tuesday(14), endsAt = RoomsTestData.Tuesday(16), title = "Comité hebdomadaire", attendees = 8, until, skip,
    };

    [Fact]
    public async Task Given_a_weekly_booking_crossing_a_taken_date_Then_the_conflict_is_listed_and_nothing_is_saved_until_that_date_is_skipped()
    {
        var room = await app.RoomAsync();
        var coordinator = await app.MarseilleCoordinatorAsync();
        var taken = new DateTimeOffset(2026, 12, 8, 15, 0, 0, TimeSpan.FromHours(1));
        Assert.Equal(HttpStatusCode.Created, (await coordinator.BookAsync(room.Id, taken, taken.AddHours(1), title: "Jury")).StatusCode);

        var until = new DateOnly(2026, 12, 29);
        var plan = await JsonAsync(await coordinator.PostAsJsonAsync($"/api/v1/rooms/{room.Id}/bookings/series/plan", Series(until)));
        var occurrences = plan.EnumerateArray().ToList();
        Assert.Equal(["2026-11-24", "2026-12-01", "2026-12-08", "2026-12-15", "2026-12-22", "2026-12-29"], occurrences.Select(o => o.GetProperty("date").GetString()));
        var blocked = occurrences.Where(o => !o.GetProperty("free").GetBoolean()).ToList();
        // 8 December is taken by the jury; 29 December is free (25 December is a Friday holiday, not a Tuesday).
        Assert.Equal("2026-12-08", Assert.Single(blocked).GetProperty("date").GetString());
        Assert.Equal("Jury", blocked[0].GetProperty("conflict").GetProperty("title").GetString());

        var refused = await coordinator.PostAsJsonAsync($"/api/v1/rooms/{room.Id}/bookings/series", Series(until));
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("Jury", await refused.Content.ReadAsStringAsync());
        Assert.Single(await app.BookingsAsync(room.Id));

        var booked = await coordinator.PostAsJsonAsync($"/api/v1/rooms/{room.Id}/bookings/series", Series(until, "2026-12-08"));
        Assert.Equal(HttpStatusCode.Created, booked.StatusCode);
        Assert.Equal(5, (await JsonAsync(booked)).GetProperty("ids").GetArrayLength());
        var rows = await app.BookingsAsync(room.Id);
        Assert.Equal(6, rows.Count);
        Assert.Single(rows.Where(r => r.SeriesId is not null).Select(r => r.SeriesId).Distinct());
    }

    [Fact]
    public async Task Given_a_repetition_without_end_or_longer_than_two_years_Then_422_names_until()
    {
        var room = await app.RoomAsync();
        var coordinator = await app.MarseilleCoordinatorAsync();
        var endless = await coordinator.PostAsJsonAsync($"/api/v1/rooms/{room.Id}/bookings/series", new { startsAt = RoomsTestData.Tuesday(14), endsAt = RoomsTestData.Tuesday(15), title = "Sans fin", attendees = 2 });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, endless.StatusCode);
        Assert.Contains("until", await endless.Content.ReadAsStringAsync());
        var tooLong = await coordinator.PostAsJsonAsync($"/api/v1/rooms/{room.Id}/bookings/series", Series(new DateOnly(2029, 1, 1)));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, tooLong.StatusCode);
        Assert.Contains("2 ans", await tooLong.Content.ReadAsStringAsync());
        Assert.Empty(await app.BookingsAsync(room.Id));
    }

    [Fact]
    public async Task Given_an_approved_booking_When_its_requester_moves_it_Then_it_goes_back_to_requested()
    {
        var room = await app.RoomAsync();
        var academie = await app.AcademieStaffAsync(room);
        var coordinator = await app.MarseilleCoordinatorAsync();
        var id = (await JsonAsync(await academie.BookAsync(room.Id, RoomsTestData.Tuesday(10), RoomsTestData.Tuesday(11)))).GetProperty("id").GetInt32();
        await coordinator.PostAsJsonAsync($"/api/v1/bookings/{id}/approve", new { });
        var moved = await academie.PutAsJsonAsync($"/api/v1/bookings/{id}", new { startsAt = RoomsTestData.Tuesday(11), endsAt = RoomsTestData.Tuesday(12), title = "Réunion", attendees = 10 });
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        Assert.Equal("requested", (await JsonAsync(moved)).GetProperty("status").GetString());
        var stored = Assert.Single(await app.BookingsAsync(room.Id));
        Assert.Equal(BookingStatus.Requested, stored.Status);
        Assert.Null(stored.DecidedAt);
        Assert.Equal(RoomsTestData.Tuesday(11), stored.StartsAt);

        // Moving onto another booking's time is a conflict, and the booking keeps its time.
        await coordinator.BookAsync(room.Id, RoomsTestData.Tuesday(15), RoomsTestData.Tuesday(16));
        var clash = await academie.PutAsJsonAsync($"/api/v1/bookings/{id}", new { startsAt = RoomsTestData.Tuesday(15, 30), endsAt = RoomsTestData.Tuesday(16, 30), title = "Réunion", attendees = 10 });
        Assert.Equal(HttpStatusCode.Conflict, clash.StatusCode);
        Assert.Equal(RoomsTestData.Tuesday(11), (await app.BookingsAsync(room.Id)).First(b => b.Id == id).StartsAt);
    }
}
