using Maillage.Platform.Data;
using Maillage.Platform.Errors;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Agenda.Registrations;

/// <summary>Moving a person to another event (the organiser's move page and the staff API).</summary>
internal sealed class Moves(MaillageDb db, TimeProvider clock, AgendaMail mail, Seats seats)
{
    /// <summary>
    /// The organiser moves a person to another event of the same Cité (e.g. the next occurrence), in one
    /// transaction: a seat there, or a waiting place if that event has a waiting list (its approval mode
    /// counts as accepted: the organiser decided), then the registration here is cancelled and the next
    /// person promoted. No room there and no waiting list: refused (409) and nothing changes.
    /// </summary>
    public async Task<RegistrationOutcome> MoveAsync(long registrationId, int targetEventId, CancellationToken ct = default)
    {
        var eventId = await seats.EventOfAsync(registrationId, ct);
        if (eventId == targetEventId)
            throw new RuleViolation("eventId", new("Choisissez une autre action que celle-ci.", "Choose another event than this one."));
        var now = clock.GetUtcNow();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await seats.LockAsync(eventId, targetEventId, ct);
        var target = await db.Events.AsNoTracking().Include(x => x.Structure).FirstOrDefaultAsync(x => x.Id == targetEventId, ct)
                     ?? throw new RuleViolation("eventId", new("Cette action n'existe pas.", "This event does not exist."));
        var r = await db.Registrations.Include(x => x.Event).ThenInclude(x => x.Structure).FirstAsync(x => x.Id == registrationId, ct);
        if (target.CiteId != r.CiteId)
            throw new RuleViolation("eventId", new("On ne peut déplacer une personne que vers une action de la même Cité.", "A person can only be moved to an event of the same Cité."));
        if (!r.IsActive)
            throw new RuleViolation("registration", new("Cette inscription est déjà annulée ou close.", "This registration is already cancelled or closed."), 409);
        if (target.Status != EventStatus.Published || !target.TakesRegistrations || target.EndsAt <= now)
            throw new RuleViolation("eventId", new("Cette action ne prend pas d'inscription (brouillon, annulée, passée ou sans inscription).", "That event takes no registration (draft, cancelled, past or without registration)."), 409);
        if (r.EmailKey is { } key)
        {
            if (await db.Registrations.AnyAsync(x => x.EventId == targetEventId && x.EmailKey == key && Registration.ActiveStatuses.Contains(x.Status), ct))
                throw new RuleViolation("eventId", new($"{r.Person.FullName} est déjà inscrit·e à cette action.", $"{r.Person.FullName} is already registered to that event."), 409);
            await RegistrationDesk.RetireEmailKeyAsync(db, targetEventId, key, ct);
        }
        var moved = new Registration
        {
            CiteId = r.CiteId, EventId = targetEventId, ManageToken = Registration.NewToken(), Source = r.Source, CreatedAt = now,
            Person = new RegistrantDetails { FirstName = r.Person.FirstName, LastName = r.Person.LastName, Email = r.Person.Email, Phone = r.Person.Phone },
            EmailKey = r.EmailKey, PublicStatus = r.PublicStatus, ConsentAt = r.ConsentAt,
        };
        await seats.PlaceAsync(target, moved, staffDecision: true, now, ct, refusal: new(
            $"« {target.Title} » est complète et sans liste d'attente : rien n'a été changé.",
            $"\"{target.Title}\" is full and has no waiting list: nothing was changed."));
        db.Registrations.Add(moved);
        var heldSeat = r.HoldsSeat;
        r.Status = RegistrationStatus.Cancelled;
        r.CancelledAt = now;
        r.CancelledBy = CancelledBy.Organiser;
        await db.SaveChangesAsync(ct);
        int? position = moved.Status == RegistrationStatus.Waitlisted ? await RegistrationDesk.PositionAsync(db, moved, ct) : null;
        mail.Moved(db, r.Event, target, moved, position, now);
        await db.SaveChangesAsync(ct);
        if (heldSeat) await seats.ReleaseAsync(r.EventId, 1, ct);
        await tx.CommitAsync(ct);
        return new RegistrationOutcome(moved, position, false);
    }
}
