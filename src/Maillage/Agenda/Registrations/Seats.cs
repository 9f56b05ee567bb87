using Maillage.Platform.Data;
using Maillage.Platform.Errors;
using Maillage.Platform.Localization;
using Maillage.Platform.Web;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Agenda.Registrations;

/// <summary>
/// The one place where an event's seats are taken and given back, for every path that creates, moves, cancels or
/// removes a registration (public form, API, back office, check-in, offers) and for capacity changes.
/// <para>
/// <b>What a seat is.</b> <see cref="AgendaEvent.SeatsTaken"/> = registrations holding a seat (confirmed or offered,
/// <see cref="Registration.HoldsSeat"/>, whatever their source) + anonymous walk-ins counted at the door. Every take
/// here has its release: whoever gives a seat back releases exactly what was taken for them.
/// </para>
/// <para>
/// <b>Walk-ins.</b> Someone who comes in at the door takes a seat, even when the event is full: they are in the
/// room, and the capacity limits what is promised in advance, not who came (<see cref="TakeAtTheDoorAsync"/>). So
/// a walk-in added before the start leaves one seat fewer for the online form, and one taken back (a mistake, a
/// person who left) frees it — promoting only if the room is then below its capacity.
/// </para>
/// <para>
/// <b>Concurrency.</b> Seats change only by single conditional statements on the event row, inside the transaction
/// of the change: PostgreSQL holds the row lock to the commit and re-checks the condition after waiting; SQLite runs
/// one writer at a time (transactions begin IMMEDIATE). Paths that read before they decide lock the row first
/// (<see cref="LockAsync(int, CancellationToken)"/>), so two changes to one event run one after the other.
/// </para>
/// </summary>
internal sealed class Seats(MaillageDb db, TimeProvider clock, AgendaMail mail, Microsoft.Extensions.Options.IOptions<AgendaOptions> options)
{
    public static LocalizedText Full => new("L'action est complète.", "The event is full.");

    /// <summary>
    /// Holds the event row until the commit (PostgreSQL: a row lock). On SQLite a write transaction is begun
    /// IMMEDIATE and already excludes every other writer to the end, so there is nothing more to take.
    /// </summary>
    public Task LockAsync(int eventId, CancellationToken ct) => db.OnSqlite
        ? Task.CompletedTask
        // The lock an UPDATE of the row takes (so it never blocks the key-share locks of registrations' foreign keys), without writing a new row version.
        : db.Database.ExecuteSqlAsync($"""SELECT 1 FROM agenda_events WHERE "Id" = {eventId} FOR NO KEY UPDATE""", ct);

    /// <summary>Two events' rows (a move), always in id order so that two moves in opposite directions never deadlock.</summary>
    public async Task LockAsync(int eventId, int otherEventId, CancellationToken ct)
    {
        await LockAsync(Math.Min(eventId, otherEventId), ct);
        await LockAsync(Math.Max(eventId, otherEventId), ct);
    }

    /// <summary>
    /// One staff action on one registration, in one transaction that locks the event row first: two
    /// actions on the same event (two organisers, a double click) run one after the other, and the second
    /// sees what the first did (a seat is never released or taken twice for one person).
    /// </summary>
    public async Task<Registration> StaffActionAsync(long registrationId, CancellationToken ct, Func<Registration, DateTimeOffset, Task> change)
    {
        var eventId = await EventOfAsync(registrationId, ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await LockAsync(eventId, ct);
        var r = await db.Registrations.Include(x => x.Event).ThenInclude(x => x.Structure).FirstAsync(x => x.Id == registrationId, ct);
        await change(r, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return r;
    }

    /// <summary>The event of a registration (404 when there is none), read before its row is locked.</summary>
    public async Task<int> EventOfAsync(long registrationId, CancellationToken ct) =>
        await db.Registrations.Where(r => r.Id == registrationId).Select(r => (int?)r.EventId).FirstOrDefaultAsync(ct)
        ?? throw new NotFoundProblem(new("Cette inscription n'existe pas.", "This registration does not exist."));

    /// <summary>The event of a registration by its personal link (404 when the link is not valid), read before its row is locked.</summary>
    public async Task<int> EventOfAsync(string? manageToken, CancellationToken ct) =>
        (Registration.IsToken(manageToken) ? await db.Registrations.Where(r => r.ManageToken == manageToken).Select(r => (int?)r.EventId).FirstOrDefaultAsync(ct) : null)
        ?? throw new NotFoundProblem(RegistrationDesk.InvalidLink);

    /// <summary>
    /// Takes a free seat, or answers false: the one statement that hands out seats in advance (plain SQL: every
    /// registration of a rush runs it, decision 0009). Callers reach it with an event read through the tenant filter.
    /// </summary>
    public async Task<bool> TryTakeAsync(int eventId, CancellationToken ct) =>
        await db.Database.ExecuteSqlAsync($"""UPDATE agenda_events SET "SeatsTaken" = "SeatsTaken" + 1 WHERE "Id" = {eventId} AND "SeatsTaken" < "Capacity" """, ct) == 1;

    /// <summary>
    /// Seats for walk-ins (see the class): taken even past the capacity, the people being already in the room. An
    /// event without registration counts no seats.
    /// </summary>
    public Task TakeAtTheDoorAsync(AgendaEvent e, int people, CancellationToken ct) => e.Capacity is null
        ? Task.CompletedTask
        : db.Events.Where(x => x.Id == e.Id && x.Capacity != null).ExecuteUpdateAsync(s => s.SetProperty(x => x.SeatsTaken, x => x.SeatsTaken + people), ct);

    /// <summary>
    /// Gives back <paramref name="seats"/> seats and promotes the waiting list into what is now free, in the caller's
    /// transaction. The UPDATE locks the event row first, as every take does.
    /// </summary>
    public async Task ReleaseAsync(int eventId, int seats, CancellationToken ct)
    {
        await db.Events.Where(e => e.Id == eventId && e.SeatsTaken >= seats)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.SeatsTaken, e => e.SeatsTaken - seats), ct);
        await PromoteAsync(eventId, ct);
    }

    /// <summary>
    /// Gives a new registration its status inside the caller's transaction: pending in approval mode
    /// (unless staff decided), else a seat if one is free — held until the person confirms it by e-mail when the
    /// event asks for it (<see cref="AgendaEvent.ConfirmByEmail"/>, not for staff) —, else a waiting place if the
    /// event has a waiting list, else refused (409).
    /// </summary>
    public async Task PlaceAsync(AgendaEvent e, Registration registration, bool staffDecision, DateTimeOffset now, CancellationToken ct, LocalizedText? refusal = null)
    {
        if (e.RegistrationMode == RegistrationMode.Approval && !staffDecision)
            registration.Status = RegistrationStatus.Pending;
        else if (await TryTakeAsync(e.Id, ct))
        {
            if (e.ConfirmByEmail && !staffDecision)
            {
                // The seat is held, as for an offer: confirmed by the link, or released by the offers' expiry job.
                registration.Status = RegistrationStatus.Offered;
                registration.OfferedAt = now;
                registration.OfferExpiresAt = e.ConfirmationExpiry(now, TimeSpan.FromMinutes(options.Value.ConfirmationHoldMinutes));
                return;
            }
            registration.Status = RegistrationStatus.Confirmed;
            registration.ConfirmedAt = now;
            if (e.RegistrationMode == RegistrationMode.Approval) registration.DecidedAt = now;
        }
        else if (e.RegistrationMode == RegistrationMode.Waitlist)
        {
            // Hold the event row until commit so that waiting-list places are handed out one at a time, in order.
            await LockAsync(e.Id, ct);
            registration.Status = RegistrationStatus.Waitlisted;
            registration.WaitlistedAt = now;
        }
        else
            throw new RuleViolation("event", refusal ?? Full, 409);
    }

    /// <summary>Whether a capacity may replace the previous one: it never goes below the seats taken, unless it goes up (walk-ins may fill a room past its capacity).</summary>
    public static bool CapacityFits(int capacity, int? previous, int seatsTaken) => capacity >= seatsTaken || (previous is { } p && capacity >= p);

    public static LocalizedText CapacityBelowSeats(int taken) => new(
        $"{taken} places sont déjà prises : la capacité ne peut pas descendre en dessous. Annulez d'abord des inscriptions, en prévenant les personnes.",
        $"{taken} seats are already taken: the capacity cannot go below that. Cancel registrations first, telling the people.");

    /// <summary>
    /// Raises or lowers the capacity. Lowering below the seats already taken is refused (it never
    /// cancels a confirmed seat silently); raising promotes the waiting list at once.
    /// </summary>
    public async Task<AgendaEvent> ChangeCapacityAsync(int eventId, int capacity, CancellationToken ct = default)
    {
        if (capacity is < 0 or > AgendaEvent.MaxCapacity)
            throw new RuleViolation("capacity", new($"La capacité va de 0 à {AgendaEvent.MaxCapacity}.", $"The capacity is 0 to {AgendaEvent.MaxCapacity}."));
        // Joins the caller's transaction when there is one (the event editor saves an edit and its capacity together).
        await using var tx = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        // CapacityFits, as one conditional statement.
        var changed = await db.Events.Where(e => e.Id == eventId && (e.SeatsTaken <= capacity || e.Capacity <= capacity))
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.Capacity, capacity), ct);
        if (changed == 0)
        {
            var taken = await db.Events.Where(e => e.Id == eventId).Select(e => (int?)e.SeatsTaken).FirstOrDefaultAsync(ct)
                        ?? throw new NotFoundProblem(new("Cette action n'existe pas.", "This event does not exist."));
            throw new RuleViolation("capacity", CapacityBelowSeats(taken));
        }
        await PromoteAsync(eventId, ct);
        if (tx is not null)
        {
            await tx.CommitAsync(ct);
            await PublicCache.EvictAsync(db, AgendaModule.CacheTag, ct); // the capacity is written past SaveChanges
        }
        return await db.Events.AsNoTracking().FirstAsync(e => e.Id == eventId, ct);
    }

    /// <summary>A cancelled event holds no seat (its registrations are cancelled in the same transaction).</summary>
    public static void ReleaseAll(AgendaEvent e) => e.SeatsTaken = 0;

    /// <summary>
    /// Fills free seats from the waiting list, first come first served, directly or by offers, in the caller's
    /// transaction. Only before the start: nobody is told of a seat in a session already under way or over (a
    /// walk-in taken back after the event frees nothing for the waiting list).
    /// </summary>
    private async Task PromoteAsync(int eventId, CancellationToken ct)
    {
        var e = await db.Events.AsNoTracking().Include(x => x.Structure).FirstAsync(x => x.Id == eventId, ct);
        var now = clock.GetUtcNow();
        if (e.Status != EventStatus.Published || e.StartsAt <= now) return;
        while (true)
        {
            var next = await db.Registrations.Where(r => r.EventId == eventId && r.Status == RegistrationStatus.Waitlisted)
                .OrderBy(r => r.Id).FirstOrDefaultAsync(ct);
            if (next is null) return;
            if (e.PromotesByOffer && e.OfferExpiry(now) <= now) return; // too close to the start to hold a seat
            if (!await TryTakeAsync(eventId, ct)) return;
            if (!e.PromotesByOffer)
            {
                next.Status = RegistrationStatus.Confirmed;
                next.ConfirmedAt = now;
                mail.Confirmed(db, e, next, now, promoted: true);
            }
            else
            {
                next.Status = RegistrationStatus.Offered;
                next.OfferedAt = now;
                next.OfferExpiresAt = e.OfferExpiry(now);
                mail.Offered(db, e, next, now);
            }
            await db.SaveChangesAsync(ct);
        }
    }
}
