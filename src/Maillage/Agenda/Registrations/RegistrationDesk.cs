using System.Data.Common;
using System.Net.Mail;
using Maillage.Platform.Data;
using Maillage.Platform.Email;
using Maillage.Platform.Errors;
using Maillage.Platform.Localization;
using Maillage.Platform.Web;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Agenda.Registrations;

/// <summary>What a person gives to register (page, API, organiser).</summary>
public sealed record RegistrationRequest(
    string? FirstName, string? LastName, string? Email, string? Phone, PublicStatus? PublicStatus, bool Consent,
    IReadOnlyDictionary<int, string>? Answers = null);

public sealed record RegistrationOutcome(Registration Registration, int? Position, bool Existing);

/// <summary>
/// Seats, waiting list and promotions. Concurrency is designed here: a seat is taken only by the
/// conditional statement <c>UPDATE agenda_events SET SeatsTaken = SeatsTaken + 1 WHERE Id = @id AND
/// SeatsTaken &lt; Capacity</c>, inside the transaction that inserts the registration. PostgreSQL locks the
/// row for the rest of the transaction and re-checks the condition after waiting; SQLite runs one
/// writer at a time (BEGIN IMMEDIATE). Either way confirmed seats never exceed the capacity. Every change
/// that frees a seat starts with an UPDATE of the same row, so promotions are serialised per event too.
/// </summary>
public sealed class RegistrationDesk(MaillageDb db, TimeProvider clock, AgendaMail mail, Seats seats, SqliteWriteGate writeGate)
{
    /// <summary>The fields of a registration's rules that are about the event, not an input of the form.</summary>
    public static readonly string[] FormLevel = ["event", "answers"];

    public static LocalizedText Full => Seats.Full;

    /// <summary>The event a person registers to, with its questions and place (tenant filter applied); compiled once, as every registration reads it.</summary>
    private static readonly Func<MaillageDb, int, CancellationToken, Task<AgendaEvent?>> EventToRegister = EF.CompileAsyncQuery(
        (MaillageDb db, int eventId, CancellationToken ct) => db.Events.AsNoTracking().Include(x => x.Questions).Include(x => x.Structure).FirstOrDefault(x => x.Id == eventId));

    public async Task<RegistrationOutcome> RegisterAsync(int eventId, RegistrationRequest request, RegistrationSource source = RegistrationSource.Online, CancellationToken ct = default)
    {
        // One connection for the read, the seat's transaction and any second attempt: on SQLite each opening of a
        // pooled connection registers EF Core's SQL functions again, and each closing removes them.
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            return await RegisterOnOpenConnectionAsync(eventId, request, source, ct);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private async Task<RegistrationOutcome> RegisterOnOpenConnectionAsync(int eventId, RegistrationRequest request, RegistrationSource source, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var e = await EventToRegister(db, eventId, ct) ?? throw new NotFoundProblem(new("Cette action n'existe pas.", "This event does not exist."));
        var email = Validate(request, e);
        var key = Registration.NormaliseEmail(email);
        if (e.Status != EventStatus.Published)
            throw new RuleViolation("event", e.Status == EventStatus.Cancelled ? new("Cette action est annulée.", "This event is cancelled.") : new("Cette action n'est pas publiée.", "This event is not published."), 409);
        if (!e.TakesRegistrations)
            throw new RuleViolation("event", new("Cette action est sans inscription : venez directement.", "This event takes no registration: just come."), 409);
        if (source != RegistrationSource.Organiser && !e.WindowOpen(now))
            throw new RuleViolation("event", now < (e.RegistrationOpensAt ?? now) ? new("Les inscriptions ne sont pas encore ouvertes.", "Registration is not open yet.") : new("Les inscriptions sont closes.", "Registration is closed."), 409);

        // The unique index (event, e-mail key) answers "already registered?" inside the transaction; the prior
        // registration is read only when the insert meets it (then, a cancelled one gives up its key and the
        // person gets a new chance). No read before the seat is taken: the rush pays for none.
        var retire = false;
        for (var attempt = 1; ; attempt++)
        {
            var registration = new Registration
            {
                CiteId = e.CiteId, EventId = e.Id, ManageToken = Registration.NewToken(), Source = source, CreatedAt = now,
                Person = new RegistrantDetails { FirstName = request.FirstName!.Trim(), LastName = request.LastName!.Trim(), Email = email, Phone = Clean(request.Phone) },
                EmailKey = key, PublicStatus = request.PublicStatus, ConsentAt = request.Consent ? now : null,
            };
            foreach (var (questionId, value) in request.Answers ?? new Dictionary<int, string>())
                if (!string.IsNullOrWhiteSpace(value)) registration.Answers.Add(new RegistrationAnswer { CiteId = e.CiteId, QuestionId = questionId, Value = value.Trim() });
            RegistrationOutcome? outcome;
            try
            {
                outcome = await TryRegisterAsync(e, registration, retire, source, now, ct);
            }
            catch (RuleViolation) when (!retire)
            {
                // Full; but if this person is already registered (a second click on the last seat), answer with theirs.
                if ((await PriorAsync(eventId, key, ct)).Existing is { } already) return already;
                throw;
            }
            if (outcome is not null) return outcome;

            // The insert met the e-mail key: answer with that registration, or retire a cancelled one and try again.
            var (existing, cancelled) = await PriorAsync(eventId, key, ct);
            if (existing is not null) return existing;
            if (attempt == 3) throw new InvalidOperationException("A registration kept colliding with another of the same e-mail.");
            retire = cancelled;
        }
    }

    /// <summary>
    /// One attempt, in one transaction: the seat (or waiting place), the registration, its answers and its e-mail.
    /// Null when the e-mail key is already taken for this event (nothing saved). The rows are written with plain
    /// statements (<see cref="PlainInsert"/>): none of them is audited or needs tracking, and a rush pays for no
    /// save pipeline — the seat, the registration and the e-mail stay one transaction.
    /// </summary>
    private async Task<RegistrationOutcome?> TryRegisterAsync(AgendaEvent e, Registration registration, bool retire, RegistrationSource source, DateTimeOffset now, CancellationToken ct)
    {
        // On SQLite, writers of this process queue at the gate rather than in SQLite's sleeping busy handler (decision 0006).
        using var turn = await writeGate.TurnAsync(db, ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // Only for someone coming back after a cancellation. The event row is locked first, as every registration
        // does when it takes its seat: retiring the old key first would hold that row while waiting for the event's,
        // and a concurrent registration of the same e-mail, holding the event's while its insert waits on the old
        // key, would deadlock with it (PostgreSQL; SQLite has one writer).
        if (retire)
        {
            await seats.LockAsync(e.Id, ct);
            await RetireEmailKeyAsync(e.Id, registration.EmailKey!, ct);
        }
        await seats.PlaceAsync(e, registration, staffDecision: source == RegistrationSource.Organiser, now, ct);
        try
        {
            await PlainInsert.InsertAsync(db, registration, ct);
        }
        catch (DbException conflict) when (DbErrors.IsUniqueViolation(conflict))
        {
            // The same e-mail registered before or at the same moment (unique index): nothing of this attempt stays.
            await tx.RollbackAsync(ct);
            return null;
        }
        foreach (var answer in registration.Answers)
        {
            answer.RegistrationId = registration.Id;
            await PlainInsert.InsertAsync(db, answer, ct);
        }
        int? position = registration.Status == RegistrationStatus.Waitlisted ? await PositionAsync(registration, ct) : null;
        if (mail.Acknowledgement(e, registration, position) is { } message) await Outbox.InsertAsync(db, message, now, ct);
        await tx.CommitAsync(ct);
        // Written past SaveChanges: the lists' seats and counts are stale.
        await PublicCache.EvictAsync(db, AgendaModule.CacheTag, ct);
        return new RegistrationOutcome(registration, position, false);
    }

    /// <summary>Cancels by the personal link (or API token); frees the seat and promotes. Cancelling twice is harmless.</summary>
    public async Task<Registration> CancelAsync(string manageToken, CancelledBy by = CancelledBy.Registrant, CancellationToken ct = default)
    {
        var eventId = await db.Registrations.Where(r => r.ManageToken == manageToken).Select(r => (int?)r.EventId).FirstOrDefaultAsync(ct)
                      ?? throw new NotFoundProblem(new("Ce lien d'inscription n'est pas valable.", "This registration link is not valid."));
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await seats.LockAsync(eventId, ct);
        var r = await FindAsync(manageToken, ct);
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
        StaffActionAsync(registrationId, ct, async (r, _) =>
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

    /// <summary>
    /// The organiser moves a person to another event of the same Cité (e.g. the next occurrence), in one
    /// transaction: a seat there, or a waiting place if that event has a waiting list (its approval mode
    /// counts as accepted: the organiser decided), then the registration here is cancelled and the next
    /// person promoted. No room there and no waiting list: refused (409) and nothing changes.
    /// </summary>
    public async Task<RegistrationOutcome> MoveAsync(long registrationId, int targetEventId, CancellationToken ct = default)
    {
        var eventId = await EventOfAsync(registrationId, ct);
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
            if (await db.Registrations.AnyAsync(x => x.EventId == targetEventId && x.EmailKey == key && ActiveStatuses.Contains(x.Status), ct))
                throw new RuleViolation("eventId", new($"{r.Person.FullName} est déjà inscrit·e à cette action.", $"{r.Person.FullName} is already registered to that event."), 409);
            await RetireEmailKeyAsync(targetEventId, key, ct);
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
        int? position = moved.Status == RegistrationStatus.Waitlisted ? await PositionAsync(moved, ct) : null;
        mail.Moved(db, r.Event, target, moved, position, now);
        await db.SaveChangesAsync(ct);
        if (heldSeat) await seats.ReleaseAsync(r.EventId, 1, ct);
        await tx.CommitAsync(ct);
        return new RegistrationOutcome(moved, position, false);
    }

    /// <summary>The person takes the seat held for them, before the offer expires.</summary>
    public async Task<Registration> AcceptOfferAsync(string manageToken, CancellationToken ct = default)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var r = await FindAsync(manageToken, ct);
        var now = clock.GetUtcNow();
        if (r.Status != RegistrationStatus.Offered)
            throw new RuleViolation("registration", new("Aucune place ne vous est proposée pour cette action.", "No seat is offered to you for this event."), 409);
        if (r.OfferExpiresAt <= now)
            throw new RuleViolation("registration", new("Le délai pour confirmer cette place est passé.", "The time to confirm this seat has passed."), 409);
        r.Status = RegistrationStatus.Confirmed;
        r.ConfirmedAt = now;
        mail.Confirmed(db, r.Event, r, now, promoted: true);
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

    /// <summary>Approval mode: the organiser accepts (a seat if one is free, else the waiting list or a refusal) or declines.</summary>
    public Task<Registration> DecideAsync(long registrationId, bool accept, CancellationToken ct = default) =>
        StaffActionAsync(registrationId, ct, async (r, now) =>
        {
            if (r.Status != RegistrationStatus.Pending)
                throw new RuleViolation("registration", new("Cette demande a déjà reçu une réponse.", "This request has already been answered."), 409);
            r.DecidedAt = now;
            if (!accept)
            {
                r.Status = RegistrationStatus.Declined;
                mail.Declined(db, r.Event, r, now);
            }
            else if (await seats.TryTakeAsync(r.EventId, ct))
            {
                r.Status = RegistrationStatus.Confirmed;
                r.ConfirmedAt = now;
                mail.Confirmed(db, r.Event, r, now);
            }
            else
                throw new RuleViolation("registration", new("L'action est complète : augmentez la capacité pour accepter cette demande.", "The event is full: raise the capacity to accept this request."), 409);
        });

    /// <summary>The organiser confirms someone from the waiting list now (a seat must be free).</summary>
    public Task<Registration> PromoteNowAsync(long registrationId, CancellationToken ct = default) =>
        StaffActionAsync(registrationId, ct, async (r, now) =>
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

    /// <summary>Raises or lowers the capacity (<see cref="Seats.ChangeCapacityAsync"/>).</summary>
    public Task<AgendaEvent> ChangeCapacityAsync(int eventId, int capacity, CancellationToken ct = default) => seats.ChangeCapacityAsync(eventId, capacity, ct);

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
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>Sends the reminders due now (run by a recurring job); each registration is reminded once.</summary>
    public async Task<int> SendRemindersAsync(int defaultHours, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var horizon = now.AddDays(15);
        var candidates = await db.Registrations.Include(r => r.Event).ThenInclude(e => e.Structure)
            .Where(r => r.Status == RegistrationStatus.Confirmed && r.ReminderSentAt == null && r.Event.Status == EventStatus.Published
                        && r.Event.StartsAt > now && r.Event.StartsAt <= horizon)
            .ToListAsync(ct);
        var due = candidates.Where(r => r.Event.StartsAt.AddHours(-(r.Event.ReminderHours ?? defaultHours)) <= now && r.CreatedAt < r.Event.StartsAt.AddHours(-(r.Event.ReminderHours ?? defaultHours))).ToList();
        foreach (var r in due)
        {
            r.ReminderSentAt = now;
            mail.Reminder(db, r.Event, r, now);
        }
        await db.SaveChangesAsync(ct);
        return due.Count;
    }

    private static readonly RegistrationStatus[] ActiveStatuses =
        [RegistrationStatus.Pending, RegistrationStatus.Confirmed, RegistrationStatus.Waitlisted, RegistrationStatus.Offered];

    /// <summary>
    /// A person who cancelled (or let an offer expire) and registers again gets a new chance: the old
    /// registration keeps its history and counts as a cancellation, but gives up the e-mail key (unique per
    /// event) to the new one. A declined request keeps its key: the organiser's answer stands.
    /// </summary>
    private Task RetireEmailKeyAsync(int eventId, string key, CancellationToken ct) =>
        db.Registrations.Where(r => r.EventId == eventId && r.EmailKey == key && (r.Status == RegistrationStatus.Cancelled || r.Status == RegistrationStatus.OfferExpired))
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.EmailKey, (string?)null), ct);

    private async Task<int> EventOfAsync(long registrationId, CancellationToken ct) =>
        await db.Registrations.Where(r => r.Id == registrationId).Select(r => (int?)r.EventId).FirstOrDefaultAsync(ct)
        ?? throw new NotFoundProblem(new("Cette inscription n'existe pas.", "This registration does not exist."));

    /// <summary>
    /// One staff action on one registration, in one transaction that locks the event row first: two
    /// actions on the same event (two organisers, a double click) run one after the other, and the second
    /// sees what the first did (a seat is never released or taken twice for one person).
    /// </summary>
    private async Task<Registration> StaffActionAsync(long registrationId, CancellationToken ct, Func<Registration, DateTimeOffset, Task> change)
    {
        var eventId = await EventOfAsync(registrationId, ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await seats.LockAsync(eventId, ct);
        var r = await db.Registrations.Include(x => x.Event).ThenInclude(x => x.Structure).FirstAsync(x => x.Id == registrationId, ct);
        await change(r, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return r;
    }

    public async Task<Registration> FindAsync(string manageToken, CancellationToken ct = default) =>
        await db.Registrations.Include(r => r.Event).ThenInclude(e => e.Structure).Include(r => r.Answers)
            .FirstOrDefaultAsync(r => r.ManageToken == manageToken, ct)
        ?? throw new NotFoundProblem(new("Ce lien d'inscription n'est pas valable.", "This registration link is not valid."));

    public Task<int> PositionAsync(Registration r, CancellationToken ct = default) => WaitingUpTo(db, r.EventId, r.Id, ct);

    /// <summary>A waiting registration's place in the queue (every waitlisted registration of a rush asks it): compiled once.</summary>
    private static readonly Func<MaillageDb, int, long, CancellationToken, Task<int>> WaitingUpTo = EF.CompileAsyncQuery(
        (MaillageDb db, int eventId, long id, CancellationToken ct) => db.Registrations.Count(x => x.EventId == eventId && x.Status == RegistrationStatus.Waitlisted && x.Id <= id));

    /// <summary>The registration this e-mail already has, if active or declined; or whether a cancelled one must give up its key.</summary>
    private async Task<(RegistrationOutcome? Existing, bool Retire)> PriorAsync(int eventId, string key, CancellationToken ct)
    {
        var prior = await db.Registrations.AsNoTracking().FirstOrDefaultAsync(r => r.EventId == eventId && r.EmailKey == key, ct);
        if (prior is null) return (null, false);
        if (prior.Status is RegistrationStatus.Cancelled or RegistrationStatus.OfferExpired) return (null, true);
        int? position = prior.Status == RegistrationStatus.Waitlisted ? await PositionAsync(prior, ct) : null;
        return (new RegistrationOutcome(prior, position, true), false);
    }

    /// <summary>Every problem of the request at once (so that a person corrects them all in one go); the e-mail, trimmed, when there is none.</summary>
    private static string Validate(RegistrationRequest r, AgendaEvent e)
    {
        var problems = new List<RuleViolation>();
        void Refuse(string field, string fr, string en) => problems.Add(new RuleViolation(field, new(fr, en)));
        if (string.IsNullOrWhiteSpace(r.FirstName)) Refuse("firstName", "Indiquez votre prénom.", "Enter your first name.");
        else if (r.FirstName.Trim().Length > 100) Refuse("firstName", "Le prénom compte au plus 100 caractères.", "The first name has at most 100 characters.");
        if (string.IsNullOrWhiteSpace(r.LastName)) Refuse("lastName", "Indiquez votre nom.", "Enter your last name.");
        else if (r.LastName.Trim().Length > 100) Refuse("lastName", "Le nom compte au plus 100 caractères.", "The last name has at most 100 characters.");
        var email = r.Email?.Trim() ?? "";
        if (!IsEmail(email))
            Refuse("email", "Indiquez une adresse e-mail valide, par exemple nom@exemple.fr.", "Enter a valid e-mail address, for example name@example.org.");
        if (r.Phone is { Length: > 0 } phone && (phone.Trim().Length > 30 || phone.Any(c => !(char.IsDigit(c) || c is ' ' or '+' or '.' or '-' or '(' or ')'))))
            Refuse("phone", "Indiquez un numéro de téléphone en chiffres, par exemple 04 50 00 00 00.", "Enter a phone number in digits, for example +33 4 50 00 00 00.");
        if (r.PublicStatus is { } status && !Enum.IsDefined(status))
            Refuse("publicStatus", "Choisissez votre situation dans la liste.", "Choose your situation from the list.");
        var answers = r.Answers ?? new Dictionary<int, string>();
        foreach (var q in e.Questions)
        {
            answers.TryGetValue(q.Id, out var value);
            var field = $"answers[{q.Id}]";
            if (q.Required && string.IsNullOrWhiteSpace(value))
                Refuse(field, $"Répondez à la question « {q.Label} ».", $"Answer the question \"{q.Label}\".");
            else if (value is { Length: > 1000 })
                Refuse(field, "Une réponse compte au plus 1 000 caractères.", "An answer has at most 1,000 characters.");
            else if (q.Kind == QuestionKind.Choice && !string.IsNullOrWhiteSpace(value) && !q.ChoiceList.Contains(value.Trim()))
                Refuse(field, $"Choisissez une réponse proposée à « {q.Label} ».", $"Choose one of the answers offered to \"{q.Label}\".");
        }
        if (answers.Keys.Any(k => e.Questions.All(q => q.Id != k)))
            Refuse("answers", "Une réponse ne correspond à aucune question de cette action.", "An answer matches no question of this event.");
        // Last, as on the form: the consent box comes after the fields it covers.
        if (!r.Consent) Refuse("consent", "Cochez la case de consentement pour vous inscrire.", "Tick the consent box to register.");
        RuleViolation.ThrowIfAny(problems);
        return email;
    }

    public static bool IsEmail(string email) =>
        email.Length is > 3 and <= 254 && !email.Any(char.IsWhiteSpace) && MailAddress.TryCreate(email, out var parsed)
        && parsed.Address == email && email.IndexOf('@') > 0 && email[(email.IndexOf('@') + 1)..].Contains('.');

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>Kept for callers outside the module's folders; the one way is <see cref="Registration.NewToken"/>.</summary>
    public static string NewToken() => Registration.NewToken();
}
