using Maillage.Platform.Data;
using Maillage.Platform.Errors;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Agenda.Registrations;

/// <summary>
/// Cancelling: by the person's link (or the API), by the organiser (remove), or the whole event. A seat given back
/// goes through <see cref="Seats"/>, which promotes the waiting list in the same transaction.
/// </summary>
internal sealed class Cancellations(MaillageDb db, TimeProvider clock, AgendaMail mail, Seats seats, Rooms.EventRooms rooms)
{
    /// <summary>Cancels by the personal link (or API token); frees the seat and promotes. Cancelling twice is harmless.</summary>
    public async Task<Registration> CancelAsync(string? manageToken, CancelledBy by = CancelledBy.Registrant, CancellationToken ct = default)
    {
        var eventId = await seats.EventOfAsync(manageToken, ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await seats.LockAsync(eventId, ct);
        var r = await RegistrationDesk.FindAsync(db, manageToken, ct);
        if (!r.IsActive) return r;
        await CancelLockedAsync(r, by, ct);
        await tx.CommitAsync(ct);
        return r;
    }

    /// <summary>
    /// The organiser removes a person (staff cancellation): the seat is released and the next person
    /// promoted per the event's mode, the person is told by e-mail. A registration no longer active is refused (409).
    /// </summary>
    public Task<Registration> RemoveAsync(long registrationId, CancellationToken ct = default) =>
        seats.StaffActionAsync(registrationId, ct, async (r, _) =>
        {
            if (!r.IsActive)
                throw new RuleViolation("registration", new("Cette inscription est déjà annulée ou close.", "This registration is already cancelled or closed."), 409);
            await CancelLockedAsync(r, CancelledBy.Organiser, ct);
        });

    /// <summary>Cancels an active registration whose event row is locked by the caller's transaction; promotes if a seat was freed.</summary>
    private async Task CancelLockedAsync(Registration r, CancelledBy by, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var heldSeat = r.HoldsSeat;
        r.Status = RegistrationStatus.Cancelled;
        r.CancelledAt = now;
        r.CancelledBy = by;
        if (by == CancelledBy.Organiser) mail.Removed(db, r.Event, r, now);
        else mail.Cancelled(db, r.Event, r, now);
        await db.SaveChangesAsync(ct);
        if (heldSeat) await seats.ReleaseAsync(r.EventId, 1, ct);
    }

    /// <summary>Cancels the event and tells every active registrant.</summary>
    public async Task CancelEventAsync(int eventId, string? reason, CancellationToken ct = default)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var e = await db.Events.Include(x => x.Structure).FirstOrDefaultAsync(x => x.Id == eventId, ct)
                ?? throw new NotFoundProblem(new("Cette action n'existe pas.", "This event does not exist."));
        if (e.Status == EventStatus.Cancelled) return;
        var now = clock.GetUtcNow();
        e.Status = EventStatus.Cancelled;
        e.CancelledAt = now;
        e.CancellationReason = reason?.Trim();
        Seats.ReleaseAll(e);
        var active = await db.Registrations.Where(r => r.EventId == eventId && (r.Status == RegistrationStatus.Confirmed || r.Status == RegistrationStatus.Waitlisted || r.Status == RegistrationStatus.Offered || r.Status == RegistrationStatus.Pending)).ToListAsync(ct);
        foreach (var r in active)
        {
            r.Status = RegistrationStatus.Cancelled;
            r.CancelledAt = now;
            r.CancelledBy = CancelledBy.EventCancelled;
            mail.EventCancelled(db, e, r, now);
        }
        await rooms.ReleaseAsync(eventId, ct); // the room it booked is free again
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
    }
}
