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
internal sealed record RegistrationRequest(
    string? FirstName, string? LastName, string? Email, string? Phone, PublicStatus? PublicStatus, bool Consent,
    IReadOnlyDictionary<int, string>? Answers = null);

internal sealed record RegistrationOutcome(Registration Registration, int? Position, bool Existing);

/// <summary>
/// Registering: the public form, the API and the organiser's "add a person" (source <see cref="RegistrationSource.Organiser"/>,
/// window not applied). The seat or waiting place comes from <see cref="Seats"/>, in the transaction that writes the
/// registration with plain statements (decision 0009). The other features on registrations have their own class in
/// this folder: <see cref="Cancellations"/>, <see cref="Moves"/>, <see cref="Approvals"/>, <see cref="WaitingList"/>,
/// <see cref="Reminders"/>; capacity changes are <see cref="Seats.ChangeCapacityAsync"/>.
/// </summary>
internal sealed class RegistrationDesk(MaillageDb db, TimeProvider clock, AgendaMail mail, Seats seats, SqliteWriteGate writeGate, RegistrationLimits limits)
{
    /// <summary>The fields of a registration's rules that are about the event, not an input of the form.</summary>
    public static readonly string[] FormLevel = ["event", "answers"];

    public static LocalizedText Full => Seats.Full;

    /// <summary>The event a person registers to, with its questions and place (tenant filter applied); compiled once, as every registration reads it.</summary>
    private static readonly Func<MaillageDb, int, CancellationToken, Task<AgendaEvent?>> EventToRegister = EF.CompileAsyncQuery(
        (MaillageDb db, int eventId, CancellationToken ct) => db.Set<AgendaEvent>().AsNoTracking().Include(x => x.Questions).Include(x => x.Structure).FirstOrDefault(x => x.Id == eventId));

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
        // A valid request the event takes: only now does it spend the address's budget (RegistrationLimits).
        if (source != RegistrationSource.Organiser) limits.AcquireForEmail(key);

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
                // Full. If this address is already registered (a second click on the last seat), the organiser is
                // answered with that registration; a public request gets "full" like anyone else, and the address is
                // sent its link: the answer must not tell whether an address is registered.
                if ((await PriorAsync(eventId, key, ct)).Existing is { } already)
                {
                    if (source == RegistrationSource.Organiser) return already;
                    await SendLinkAsync(e, already, now, ct);
                }
                throw;
            }
            if (outcome is not null) return outcome;

            // The insert met the e-mail key: that registration stands unchanged (its link is e-mailed to its own address
            // on a public request), or a cancelled one gives up its key and the person tries again.
            var (existing, cancelled) = await PriorAsync(eventId, key, ct);
            if (existing is not null)
            {
                if (source != RegistrationSource.Organiser) await SendLinkAsync(e, existing, now, ct);
                return existing;
            }
            if (attempt == 3) throw new InvalidOperationException("A registration kept colliding with another of the same email.");
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
            await RetireEmailKeyAsync(db, e.Id, registration.EmailKey!, ct);
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

    /// <summary>
    /// A public request met a registration of the same address: it stays as it is, and its address (only it) is sent
    /// its personal link again — at most once per <see cref="LinkResendInterval"/>, so that nobody can flood a
    /// registrant's mailbox by submitting their address.
    /// </summary>
    private async Task SendLinkAsync(AgendaEvent e, RegistrationOutcome existing, DateTimeOffset now, CancellationToken ct)
    {
        var subject = AgendaMail.SubjectOf(existing.Registration);
        var since = now - LinkResendInterval;
        if (await db.Outbox.IgnoreQueryFilters().AnyAsync(m => m.Kind == AgendaMail.LinkKind && m.Subject == subject && m.CreatedAt > since, ct)) return;
        if (mail.Link(e, existing.Registration, existing.Position) is not { } message) return;
        using var turn = await writeGate.TurnAsync(db, ct);
        await Outbox.InsertAsync(db, message, now, ct);
    }

    public static readonly TimeSpan LinkResendInterval = TimeSpan.FromMinutes(15);

    /// <summary>
    /// The one answer to a public registration, whether the address was new or already registered: what happened is
    /// told to the address itself, by e-mail, with the personal link.
    /// </summary>
    public static LocalizedText Received => new(
        "Demande reçue. Un message part vers l'adresse indiquée : il confirme l'inscription (ou la place sur la liste d'attente, ou la demande à valider) et donne le lien pour la consulter ou l'annuler. Si cette adresse était déjà inscrite, son inscription ne change pas et le message lui rappelle son lien.",
        "Request received. A message is on its way to the address given: it confirms the registration (or the place on the waiting list, or the request awaiting approval) and gives the link to view or cancel it. If this address was already registered, its registration is unchanged and the message reminds it of its link.");

    /// <summary>
    /// A person who cancelled (or let an offer expire) and registers again gets a new chance: the old
    /// registration keeps its history and counts as a cancellation, but gives up the e-mail key (unique per
    /// event) to the new one. A declined request keeps its key: the organiser's answer stands.
    /// </summary>
    internal static Task RetireEmailKeyAsync(MaillageDb db, int eventId, string key, CancellationToken ct) =>
        db.Registrations.Where(r => r.EventId == eventId && r.EmailKey == key && (r.Status == RegistrationStatus.Cancelled || r.Status == RegistrationStatus.OfferExpired))
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.EmailKey, (string?)null), ct);

    public Task<Registration> FindAsync(string? manageToken, CancellationToken ct = default) => FindAsync(db, manageToken, ct);

    /// <summary>A registration by its personal link, with its event and answers; 404 when the link is not valid.</summary>
    internal static async Task<Registration> FindAsync(MaillageDb db, string? manageToken, CancellationToken ct) =>
        (Registration.IsToken(manageToken) ? await db.Registrations.Include(r => r.Event).ThenInclude(e => e.Structure).Include(r => r.Answers)
            .FirstOrDefaultAsync(r => r.ManageToken == manageToken, ct) : null)
        ?? throw new NotFoundProblem(InvalidLink);

    public static LocalizedText InvalidLink => new("Ce lien d'inscription n'est pas valable.", "This registration link is not valid.");

    public Task<int> PositionAsync(Registration r, CancellationToken ct = default) => PositionAsync(db, r, ct);

    internal static Task<int> PositionAsync(MaillageDb db, Registration r, CancellationToken ct) => WaitingUpTo(db, r.EventId, r.Id, ct);

    /// <summary>A waiting registration's place in the queue (every waitlisted registration of a rush asks it): compiled once.</summary>
    private static readonly Func<MaillageDb, int, long, CancellationToken, Task<int>> WaitingUpTo = EF.CompileAsyncQuery(
        (MaillageDb db, int eventId, long id, CancellationToken ct) => db.Set<Registration>().Count(x => x.EventId == eventId && x.Status == RegistrationStatus.Waitlisted && x.Id <= id));

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
        // Names are single lines without control characters (they go into e-mails: no line may be added to one).
        void CheckText(string field, string? value, bool multiLine = false) { if (TextInput.Problem(field, value, multiLine) is { } p) problems.Add(p); }
        if (string.IsNullOrWhiteSpace(r.FirstName)) Refuse("firstName", "Indiquez votre prénom.", "Enter your first name.");
        else if (r.FirstName.Trim().Length > 100) Refuse("firstName", "Le prénom compte au plus 100 caractères.", "The first name has at most 100 characters.");
        else CheckText("firstName", r.FirstName.Trim());
        if (string.IsNullOrWhiteSpace(r.LastName)) Refuse("lastName", "Indiquez votre nom.", "Enter your last name.");
        else if (r.LastName.Trim().Length > 100) Refuse("lastName", "Le nom compte au plus 100 caractères.", "The last name has at most 100 characters.");
        else CheckText("lastName", r.LastName.Trim());
        var email = r.Email?.Trim() ?? "";
        if (TextInput.FirstRefused(email, multiLine: false) is not null) CheckText("email", email);
        else if (!IsEmail(email))
            Refuse("email", "Indiquez une adresse e-mail valide, par exemple nom@exemple.fr.", "Enter a valid email address, for example name@example.org.");
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
            else if (TextInput.Problem(field, value, multiLine: true) is { } text) problems.Add(text);
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

}
