using Maillage.Platform.Data;
using Maillage.Platform.Errors;
using Maillage.Platform.Web;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Agenda.Registrations;

/// <summary>
/// The waiting list past its automatic promotions (<see cref="Seats"/>): the organiser confirming someone now, the
/// person taking an offered seat, offers not taken in time passing on.
/// </summary>
internal sealed class WaitingList(MaillageDb db, TimeProvider clock, AgendaMail mail, Seats seats)
{
    /// <summary>The organiser confirms someone from the waiting list now (a seat must be free).</summary>
    public Task<Registration> PromoteNowAsync(long registrationId, CancellationToken ct = default) =>
        seats.StaffActionAsync(registrationId, ct, async (r, now) =>
        {
            if (r.Status is not (RegistrationStatus.Waitlisted or RegistrationStatus.Offered or RegistrationStatus.Pending))
                throw new RuleViolation("registration", new("Seule une personne en attente peut être confirmée.", "Only a waiting person can be confirmed."), 409);
            if (r.Status != RegistrationStatus.Offered && !await seats.TryTakeAsync(r.EventId, ct))
                throw new RuleViolation("registration", new("Aucune place libre : augmentez la capacité d'abord.", "No free seat: raise the capacity first."), 409);
            r.Status = RegistrationStatus.Confirmed;
            r.ConfirmedAt = now;
            if (r.Event.RegistrationMode == RegistrationMode.Approval) r.DecidedAt = now;
            mail.Confirmed(db, r.Event, r, now, promoted: true);
        });

    /// <summary>
    /// The person takes the seat held for them, before the offer expires. The event row is locked first, as the
    /// expiry job locks it: an offer accepted at the moment it expires is either taken or passed on, never both.
    /// </summary>
    public async Task<Registration> AcceptOfferAsync(string? manageToken, CancellationToken ct = default)
    {
        var eventId = await seats.EventOfAsync(manageToken, ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await seats.LockAsync(eventId, ct);
        var r = await RegistrationDesk.FindAsync(db, manageToken, ct);
        var now = clock.GetUtcNow();
        if (r.Status != RegistrationStatus.Offered)
            throw new RuleViolation("registration", new("Aucune place ne vous est proposée pour cette action.", "No seat is offered to you for this event."), 409);
        if (r.OfferExpiresAt <= now)
            throw new RuleViolation("registration", new("Le délai pour confirmer cette place est passé.", "The time to confirm this seat has passed."), 409);
        r.Status = RegistrationStatus.Confirmed;
        r.ConfirmedAt = now;
        // A seat offered from the waiting list "frees up"; one held since registering (confirm by e-mail) is simply confirmed.
        mail.Confirmed(db, r.Event, r, now, promoted: r.WaitlistedAt is not null);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return r;
    }

    /// <summary>Offers not taken in time pass on to the next person (run by a recurring job).</summary>
    public async Task<int> ExpireOffersAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var due = await db.Registrations.AsNoTracking()
            .Where(r => r.Status == RegistrationStatus.Offered && r.OfferExpiresAt <= now)
            .Select(r => new { r.Id, r.EventId }).ToListAsync(ct);
        foreach (var offer in due)
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await seats.LockAsync(offer.EventId, ct); // the event row first, as every seat change
            var changed = await db.Registrations.Where(r => r.Id == offer.Id && r.Status == RegistrationStatus.Offered)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, RegistrationStatus.OfferExpired), ct);
            if (changed == 0) { await tx.RollbackAsync(ct); continue; }
            await seats.ReleaseAsync(offer.EventId, 1, ct);
            await tx.CommitAsync(ct);
            await PublicCache.EvictAsync(db, AgendaModule.CacheTag, ct); // the seat was released past SaveChanges
        }
        return due.Count;
    }
}
