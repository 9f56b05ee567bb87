using System.Net.Mail;
using Maillage.Agenda.Registrations;
using Maillage.Platform.Data;
using Maillage.Platform.Errors;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Agenda.Attendance;

/// <summary>
/// The check-in desk: ticks registrants present, absent or excused, and adds walk-ins. Each change is
/// one statement on one row (or one conditional increment), so that two tablets at the same door never
/// overwrite each other's counts. Walk-ins take their seats through <see cref="Seats"/> (its rule: someone who
/// came in holds a seat, even in a full room), in the same transaction as the row that counts them.
/// </summary>
internal sealed class AttendanceDesk(MaillageDb db, TimeProvider clock, Seats seats)
{
    public const int MaxWalkInsAtOnce = 500;

    /// <summary>The event with what access checks and the check-in page need, or null.</summary>
    public Task<AgendaEvent?> FindEventAsync(int id, CancellationToken ct = default) =>
        db.Events.AsNoTracking().Include(e => e.Structure).Include(e => e.VenueTerritory).Include(e => e.Organisers).ThenInclude(o => o.Partner)
            .AsSplitQuery().FirstOrDefaultAsync(e => e.Id == id, ct);

    /// <summary>Records one registrant's attendance; false when the registration is not one of this event's.</summary>
    public async Task<bool> MarkAsync(AgendaEvent agendaEvent, long registrationId, AttendanceStatus attendance, CancellationToken ct = default)
    {
        if (!Enum.IsDefined(attendance))
            throw new RuleViolation("attendance", new("Choisissez présent, absent ou excusé.", "Choose present, absent or excused."));
        var now = clock.GetUtcNow();
        DateTimeOffset? attendedAt = attendance == AttendanceStatus.Present ? now : null;
        var changed = await db.Registrations
            .Where(r => r.Id == registrationId && r.EventId == agendaEvent.Id && r.AnonymisedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Attendance, attendance).SetProperty(r => r.AttendedAt, attendedAt), ct);
        return changed == 1;
    }

    /// <summary>Adds (or, with a negative number, takes back) anonymous walk-ins of one public; never below zero.</summary>
    public async Task AddAnonymousWalkInsAsync(AgendaEvent agendaEvent, PublicStatus publicStatus, int count, CancellationToken ct = default)
    {
        if (!Enum.IsDefined(publicStatus))
            throw new RuleViolation("publicStatus", new("Choisissez un public.", "Choose a public."));
        if (count == 0 || Math.Abs(count) > MaxWalkInsAtOnce)
            throw new RuleViolation("count", new($"Indiquez un nombre de personnes entre 1 et {MaxWalkInsAtOnce}.", $"Give a number of people between 1 and {MaxWalkInsAtOnce}."));
        var row = db.EventWalkIns.Where(w => w.EventId == agendaEvent.Id && w.PublicStatus == publicStatus);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // The event row first, as every seat change: tablets counting at once take turns, so the count row is
        // created once (no unique-index race to retry) and its seats follow it exactly.
        await seats.LockAsync(agendaEvent.Id, ct);
        if (count < 0)
        {
            var taken = await row.Where(w => w.Count >= -count).ExecuteUpdateAsync(s => s.SetProperty(w => w.Count, w => w.Count + count), ct);
            if (taken == 0)
                throw new RuleViolation("count", new("Il n'y a pas autant de personnes sans inscription à retirer pour ce public.", "There are not that many walk-ins of this public to take back."));
            await seats.ReleaseAsync(agendaEvent.Id, -count, ct);
        }
        else
        {
            if (await row.ExecuteUpdateAsync(s => s.SetProperty(w => w.Count, w => w.Count + count), ct) == 0)
            {
                db.EventWalkIns.Add(new EventWalkIn { CiteId = agendaEvent.CiteId, EventId = agendaEvent.Id, PublicStatus = publicStatus, Count = count });
                await db.SaveChangesAsync(ct);
            }
            await seats.TakeAtTheDoorAsync(agendaEvent, count, ct);
        }
        await tx.CommitAsync(ct);
    }

    public sealed record WalkInResult(long RegistrationId, bool WasRegistered);

    /// <summary>
    /// Adds a person who came without registering and gives their name, ticked present. If their e-mail
    /// is already registered to the event, that registration is ticked present instead of a duplicate.
    /// </summary>
    public async Task<WalkInResult> AddNamedWalkInAsync(AgendaEvent agendaEvent, string? firstName, string? lastName, string? email,
        PublicStatus? publicStatus, bool consent, CancellationToken ct = default)
    {
        firstName = firstName?.Trim();
        lastName = lastName?.Trim();
        email = string.IsNullOrWhiteSpace(email) ? null : email.Trim();
        if (string.IsNullOrEmpty(firstName) || firstName.Length > 100)
            throw new RuleViolation("firstName", new("Indiquez le prénom (100 caractères au plus).", "Give the first name (at most 100 characters)."));
        if (string.IsNullOrEmpty(lastName) || lastName.Length > 100)
            throw new RuleViolation("lastName", new("Indiquez le nom (100 caractères au plus).", "Give the last name (at most 100 characters)."));
        if (email is not null && (email.Length > 254 || !MailAddress.TryCreate(email, out var parsed) || parsed.Address != email || !email.Contains('.')))
            throw new RuleViolation("email", new("Cette adresse e-mail n'est pas valide.", "This email address is not valid."));
        if (publicStatus is { } p && !Enum.IsDefined(p))
            throw new RuleViolation("publicStatus", new("Choisissez un public.", "Choose a public."));
        if (!consent)
            throw new RuleViolation("consent", new("La personne doit accepter l'enregistrement de son nom.", "The person must agree to their name being recorded."));

        var key = email is null ? null : Registration.NormaliseEmail(email);
        if (key is not null && await ExistingAsync(agendaEvent.Id, key, ct) is { } existing)
        {
            await MarkAsync(agendaEvent, existing, AttendanceStatus.Present, ct);
            return new WalkInResult(existing, true);
        }
        var now = clock.GetUtcNow();
        var registration = new Registration
        {
            CiteId = agendaEvent.CiteId, EventId = agendaEvent.Id, Status = RegistrationStatus.Confirmed, Source = RegistrationSource.WalkIn,
            ManageToken = Registration.NewToken(), Person = new RegistrantDetails { FirstName = firstName, LastName = lastName, Email = email },
            EmailKey = key, PublicStatus = publicStatus, ConsentAt = now, CreatedAt = now, ConfirmedAt = now,
            Attendance = AttendanceStatus.Present, AttendedAt = now,
        };
        db.Registrations.Add(registration);
        try
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await seats.TakeAtTheDoorAsync(agendaEvent, 1, ct);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return new WalkInResult(registration.Id, false);
        }
        catch (DbUpdateException) when (key is not null)
        {
            // The same e-mail registered a moment ago (unique event + e-mail): nothing of this one stays (its seat
            // neither); tick that registration.
            db.ChangeTracker.Clear();
            var id = await ExistingAsync(agendaEvent.Id, key, ct) ?? throw new InvalidOperationException("Registration vanished.");
            await MarkAsync(agendaEvent, id, AttendanceStatus.Present, ct);
            return new WalkInResult(id, true);
        }
    }

    private Task<long?> ExistingAsync(int eventId, string key, CancellationToken ct) =>
        db.Registrations.Where(r => r.EventId == eventId && r.EmailKey == key).Select(r => (long?)r.Id).FirstOrDefaultAsync(ct);
}
