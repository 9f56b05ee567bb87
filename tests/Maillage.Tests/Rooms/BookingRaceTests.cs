using System.Net;
using Maillage.Tests.Infrastructure;

namespace Maillage.Tests.Rooms;

/// <summary>No double booking, ever (issue 20 item 7): the database settles concurrent requests, on SQLite and on PostgreSQL.</summary>
public sealed class BookingRaceTests(MaillageApp app) : IClassFixture<MaillageApp>
{
    [Fact]
    public async Task Given_50_simultaneous_requests_for_one_slot_Then_exactly_one_201_and_49_409_and_one_row()
    {
        var room = await app.RoomAsync(capacity: 130);
        var clients = new List<HttpClient>();
        for (var i = 0; i < 50; i++) clients.Add(await app.MarseilleCoordinatorAsync());
        using var start = new SemaphoreSlim(0);
        var requests = clients.Select((c, i) => Task.Run(async () =>
        {
            await start.WaitAsync();
            // Overlapping, not identical: each asks for a slightly different hour around 14:00.
            return await c.BookAsync(room.Id, RoomsTestData.Tuesday(13, i % 50), RoomsTestData.Tuesday(15, i % 50), title: $"Demande {i}");
        })).ToList();
        start.Release(50);
        var responses = await Task.WhenAll(requests);
        var statuses = responses.Select(r => r.StatusCode).ToList();
        Assert.Equal(1, statuses.Count(s => s == HttpStatusCode.Created));
        Assert.Equal(49, statuses.Count(s => s == HttpStatusCode.Conflict));
        Assert.All(responses.Where(r => r.StatusCode == HttpStatusCode.Conflict), r => Assert.Equal("application/problem+json", r.Content.Headers.ContentType?.MediaType));
        Assert.Single(await app.BookingsAsync(room.Id));
    }

    [Fact]
    public async Task Given_two_overlapping_rows_written_past_the_application_Then_the_database_refuses_the_second()
    {
        var room = await app.RoomAsync();
        var error = await app.WithDbAsync(async db =>
        {
            var from = RoomsTestData.Tuesday(14).ToUniversalTime();
            Maillage.Rooms.RoomBooking Row(string title, DateTimeOffset start) => new()
            {
                CiteId = room.CiteId, RoomId = room.Id, Title = title, Attendees = 1, StartsAt = start, EndsAt = start.AddHours(1), HeldFrom = start, HeldUntil = start.AddHours(1),
                Status = Maillage.Rooms.BookingStatus.Requested, CreatedAt = from,
            };
            db.Add(Row("Première", from));
            await db.SaveChangesAsync();
            db.Add(Row("Seconde", from.AddMinutes(30)));
            try { await db.SaveChangesAsync(); return null; }
            catch (Microsoft.EntityFrameworkCore.DbUpdateException e) { return e; }
        });
        Assert.NotNull(error);
        Assert.True(Maillage.Platform.Data.GuardErrors.IsGuard(error, Maillage.Rooms.Bookings.RoomBookings.OverlapGuard), error.InnerException?.Message);
        Assert.Single(await app.BookingsAsync(room.Id));
    }
}
