using Maillage.Network;
using Maillage.Platform;
using Maillage.Platform.Data;
using Maillage.Platform.Errors;
using Maillage.Platform.Identity;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Rooms.Bookings;

/// <summary>The rooms' JSON API (SPEC §6, issue 20 item 10): rooms of a structure, a room's bookings, booking and cancelling.</summary>
internal static class BookingApi
{
    /// <summary>The body of POST /rooms/{id}/bookings. Times with an offset, or without one to be read in the room's time zone.</summary>
    public sealed record BookingBody(DateTimeOffset? StartsAt, DateTimeOffset? EndsAt, string? Title, int? Attendees);

    public sealed record DecisionBody(string? Note);

    /// <summary>A weekly booking: the first occurrence's times, the last date, and the dates to leave out (local dates of occurrences).</summary>
    public sealed record SeriesBody(DateTimeOffset? StartsAt, DateTimeOffset? EndsAt, string? Title, int? Attendees, DateOnly? Until, IReadOnlyList<DateOnly>? Skip)
    {
        public BookingBody Booking => new(StartsAt, EndsAt, Title, Attendees);
    }

    public sealed record ProblemDto(string Field, string Message);
    public sealed record ConflictDto(int Id, string Title, DateTimeOffset StartsAt, DateTimeOffset EndsAt, string Status);
    public sealed record OccurrenceDto(DateOnly Date, DateTimeOffset StartsAt, DateTimeOffset EndsAt, bool Free, IReadOnlyList<ProblemDto> Problems, ConflictDto? Conflict);
    public sealed record SeriesCreated(Guid SeriesId, IReadOnlyList<int> Ids, string Status, IReadOnlyList<DateOnly> Skipped);

    public sealed record HoursDto(string Day, string Opens, string Closes);
    public sealed record RoomDto(int Id, int StructureId, string Name, int Capacity, string? Layout, string? Equipment, string? Accessibility,
        int BufferMinutes, bool NeedsApproval, string TimeZone, IReadOnlyList<HoursDto> BookableHours, string BookableHoursText);
    public sealed record BookingCreated(int Id, string Status);
    public sealed record BookingDto(int Id, int RoomId, DateTimeOffset StartsAt, DateTimeOffset EndsAt, DateTimeOffset HeldFrom, DateTimeOffset HeldUntil,
        string Title, int Attendees, string Status, string? RequestedBy, int? PartnerId, string? DecidedBy, DateTimeOffset? DecidedAt, Guid? SeriesId, int? AgendaEventId)
    {
        public static BookingDto From(RoomBooking b) => new(b.Id, b.RoomId, b.StartsAt, b.EndsAt, b.HeldFrom, b.HeldUntil, b.Title, b.Attendees,
            b.Status.ApiName(), b.RequestedByName, b.PartnerId, b.DecidedByName, b.DecidedAt, b.SeriesId, b.AgendaEventId);
    }

    public const int MaxDays = 366;

    public static RouteGroupBuilder MapBookingApi(this RouteGroupBuilder api)
    {
        var rooms = api.MapGroup("/rooms").WithTags("Rooms").RequireAuthorization(Policies.Staff);
        rooms.MapGet("/", ListRoomsAsync).WithName("ListRooms")
            .WithSummary("The rooms of the caller's Cités (or of one structure: structure=id) with capacity, layout, buffer, whether bookings need approval, and bookable hours.");
        rooms.MapGet("/{id:int}/bookings", ListBookingsAsync).WithName("ListRoomBookings")
            .WithSummary($"A room's bookings whose time meets from–to (YYYY-MM-DD, local dates; default: the next 7 days; at most {MaxDays} days), every status.");
        rooms.MapGet("/{id:int}/bookings.ics", RoomCalendar.FeedAsync).WithName("RoomBookingsFeed")
            .WithSummary($"iCalendar feed of a room's requested (TENTATIVE) and confirmed bookings, {RoomCalendar.DaysBack} days back to {RoomCalendar.DaysAhead} days ahead.");
        rooms.MapPost("/{id:int}/bookings", BookAsync).WithName("BookRoom").WithMetadata(new RequestSizeLimitAttribute(PlatformModule.MaxJsonBody))
            .WithSummary("Books a room {startsAt, endsAt, title, attendees}: 201 {id, status} — confirmed when the caller may approve (coordinator of the structure, "
                         + "administrator of the Cité) or the room needs no approval, requested otherwise. 409 naming the booking already holding the time; "
                         + "422 naming the field for times (inverted, past, outside bookable hours or on a closure, buffer included; a local time the clocks skip or repeat) or capacity.");
        rooms.MapPost("/{id:int}/bookings/series/plan", PlanSeriesAsync).WithName("PlanRoomSeries")
            .WithSummary("Lists the weekly occurrences of a repeated booking {startsAt, endsAt, title, attendees, until} (at most two years) with, for each, whether it is free, "
                         + "the rules it breaks and the booking it conflicts with. Saves nothing.");
        rooms.MapPost("/{id:int}/bookings/series", BookSeriesAsync).WithName("BookRoomSeries")
            .WithSummary("Books every weekly occurrence but the dates in skip (YYYY-MM-DD), all or nothing: 201 {seriesId, ids, status, skipped}; 409 or 422 naming the first occurrence in the way.");
        api.MapGet("/rooms/feed/{secret}.ics", RoomCalendar.PrivateFeedAsync).WithTags("Rooms").AllowAnonymous().WithName("RoomPrivateFeed")
            .WithSummary("A room's private iCalendar feed, without signing in: the secret address given on the room's page by its coordinator (renewing it retires the old one). 404 for any other.");
        var bookings = api.MapGroup("/bookings").WithTags("Rooms").RequireAuthorization(Policies.Staff);
        bookings.MapPut("/{id:int}", ChangeAsync).WithName("ChangeRoomBooking")
            .WithSummary("Changes a booking's times, title or attendees (same body as POST). An approved booking changed by someone who may not approve goes back to requested.");
        bookings.MapDelete("/{id:int}", CancelAsync).WithName("CancelRoomBooking")
            .WithSummary("Cancels a booking (its requester, the structure's coordinator or the Cité's administrators): the time is freed. 409 when already refused or cancelled.");
        bookings.MapPost("/{id:int}/approve", (int id, DecisionBody? body, RoomBookings service, CancellationToken ct) => DecideAsync(id, true, body, service, ct))
            .WithName("ApproveRoomBooking").WithSummary("Approves a requested booking (coordinator of the structure, administrators of the Cité): it is confirmed and locked.");
        bookings.MapPost("/{id:int}/refuse", (int id, DecisionBody? body, RoomBookings service, CancellationToken ct) => DecideAsync(id, false, body, service, ct))
            .WithName("RefuseRoomBooking").WithSummary("Refuses a requested booking, with an optional note: the time is freed.");
        return api;
    }

    private static async Task<Ok<List<RoomDto>>> ListRoomsAsync(int? structure, MaillageDb db, CancellationToken ct)
    {
        var query = db.Rooms.AsNoTracking().Include(r => r.Hours).AsQueryable();
        if (structure is { } s) query = query.Where(r => r.StructureId == s);
        var rooms = await query.OrderBy(r => r.StructureId).ThenBy(r => r.Name).ToListAsync(ct);
        var zones = await db.Structures.AsNoTracking().Where(x => rooms.Select(r => r.StructureId).Contains(x.Id)).ToDictionaryAsync(x => x.Id, x => x.TimeZoneId, ct);
        return TypedResults.Ok(rooms.Select(r => new RoomDto(r.Id, r.StructureId, r.Name, r.Capacity, r.Layout, r.Equipment, r.Accessibility, r.BufferMinutes, r.NeedsApproval,
            zones.GetValueOrDefault(r.StructureId, "Europe/Paris"),
            r.Hours.OrderBy(h => ((int)h.Day + 6) % 7).ThenBy(h => h.Opens).Select(h => new HoursDto(h.Day.ToString().ToLowerInvariant(), h.Opens.ToString("HH:mm"), h.Closes.ToString("HH:mm"))).ToList(),
            r.DescribeHours())).ToList());
    }

    private static async Task<Ok<List<BookingDto>>> ListBookingsAsync(int id, DateOnly? from, DateOnly? to, RoomBookings service, MaillageDb db, TimeProvider clock, CancellationToken ct)
    {
        var (_, _, schedule) = await service.RoomAsync(id, ct);
        var zone = schedule.Zone;
        var first = from ?? DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), zone).DateTime);
        var last = to ?? first.AddDays(6);
        if (last < first) throw new RuleViolation("to", new("« to » vient avant « from ».", "\"to\" comes before \"from\"."), 400);
        if (last.DayNumber - first.DayNumber >= MaxDays) throw new RuleViolation("to", new($"La période couvre au plus {MaxDays} jours.", $"The period covers at most {MaxDays} days."), 400);
        var (start, end) = (schedule.ToInstant(first, TimeOnly.MinValue).ToUniversalTime(), schedule.ToInstant(last.AddDays(1), TimeOnly.MinValue).ToUniversalTime());
        var rows = await db.RoomBookings.AsNoTracking().Where(b => b.RoomId == id && b.StartsAt < end && b.EndsAt > start).OrderBy(b => b.StartsAt).ToListAsync(ct);
        return TypedResults.Ok(rows.Select(BookingDto.From).ToList());
    }

    [LocalTimes.Accepted]
    private static async Task<Created<BookingCreated>> BookAsync(HttpContext http, int id, BookingBody body, RoomBookings service, CancellationToken ct)
    {
        var request = await RequestOfAsync(http, id, body, service, ct);
        var booking = await service.RequestAsync(id, request, ct);
        return TypedResults.Created($"/api/v1/rooms/{id}/bookings?from={booking.StartsAt:yyyy-MM-dd}", new BookingCreated(booking.Id, booking.Status.ApiName()));
    }

    /// <summary>The body's fields checked for presence; a time written without an offset is read in the room's zone (a skipped or repeated time is refused).</summary>
    internal static async Task<BookingRequest> RequestOfAsync(HttpContext http, int roomId, BookingBody body, RoomBookings service, CancellationToken ct)
    {
        var problems = new List<RuleViolation>();
        if (body.StartsAt is null) problems.Add(new("startsAt", new("Indiquez le début (startsAt).", "Give the start (startsAt).")));
        if (body.EndsAt is null) problems.Add(new("endsAt", new("Indiquez la fin (endsAt).", "Give the end (endsAt).")));
        if (body.Attendees is null) problems.Add(new("attendees", new("Indiquez le nombre de participants (attendees).", "Give the number of attendees (attendees).")));
        RuleViolation.ThrowIfAny(problems);
        DateTimeOffset startsAt = body.StartsAt!.Value, endsAt = body.EndsAt!.Value;
        if (LocalTimes.IsLocal(http, startsAt) || LocalTimes.IsLocal(http, endsAt))
        {
            var zone = (await service.RoomAsync(roomId, ct)).Schedule.Zone;
            var local = new List<RuleViolation>();
            DateTimeOffset Read(DateTimeOffset value, string field)
            {
                if (!LocalTimes.IsLocal(http, value)) return value;
                try { return BookingRules.Instant(value.DateTime, zone, field); }
                catch (RuleViolation v) { local.Add(v); return value; }
            }
            (startsAt, endsAt) = (Read(startsAt, "startsAt"), Read(endsAt, "endsAt"));
            RuleViolation.ThrowIfAny(local);
        }
        return new BookingRequest(startsAt, endsAt, body.Title, body.Attendees!.Value);
    }

    [LocalTimes.Accepted]
    private static async Task<Ok<List<OccurrenceDto>>> PlanSeriesAsync(HttpContext http, int id, SeriesBody body, RoomBookings service, CancellationToken ct)
    {
        var request = await RequestOfAsync(http, id, body.Booking, service, ct);
        var plan = await service.PlanSeriesAsync(id, request, UntilOf(body), ct);
        var zone = (await service.RoomAsync(id, ct)).Schedule.Zone;
        return TypedResults.Ok(plan.Select(o => new OccurrenceDto(DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(o.StartsAt, zone).DateTime), o.StartsAt, o.EndsAt, o.Free,
            o.Problems.Select(p => new ProblemDto(p.Field, p.Text)).ToList(),
            o.Conflict is { } c ? new ConflictDto(c.Id, c.Title, c.StartsAt, c.EndsAt, c.Status.ApiName()) : null)).ToList());
    }

    [LocalTimes.Accepted]
    private static async Task<Created<SeriesCreated>> BookSeriesAsync(HttpContext http, int id, SeriesBody body, RoomBookings service, CancellationToken ct)
    {
        var request = await RequestOfAsync(http, id, body.Booking, service, ct);
        var skip = (body.Skip ?? []).ToHashSet();
        var booked = await service.RequestSeriesAsync(id, request, UntilOf(body), skip, ct);
        return TypedResults.Created($"/api/v1/rooms/{id}/bookings?from={booked[0].StartsAt:yyyy-MM-dd}",
            new SeriesCreated(booked[0].SeriesId!.Value, booked.Select(b => b.Id).ToList(), booked[0].Status.ApiName(), skip.Order().ToList()));
    }

    private static DateOnly UntilOf(SeriesBody body) => body.Until
        ?? throw new RuleViolation("until", new("Indiquez la dernière date de la répétition (until) : une réservation répétée a une fin.", "Give the last date of the repetition (until): a repeated booking ends."));

    [LocalTimes.Accepted]
    private static async Task<Ok<BookingDto>> ChangeAsync(HttpContext http, int id, BookingBody body, RoomBookings service, MaillageDb db, CancellationToken ct)
    {
        var roomId = await db.RoomBookings.Where(b => b.Id == id).Select(b => (int?)b.RoomId).FirstOrDefaultAsync(ct)
            ?? throw new NotFoundProblem(new($"Aucune réservation n'a le numéro {id}.", $"No booking has the id {id}."));
        var request = await RequestOfAsync(http, roomId, body, service, ct);
        return TypedResults.Ok(BookingDto.From(await service.ChangeAsync(id, request, ct)));
    }

    private static async Task<NoContent> CancelAsync(int id, RoomBookings service, CancellationToken ct)
    {
        await service.CancelAsync(id, ct);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<BookingDto>> DecideAsync(int id, bool approve, DecisionBody? body, RoomBookings service, CancellationToken ct) =>
        TypedResults.Ok(BookingDto.From(await service.DecideAsync(id, approve, body?.Note, ct)));
}
