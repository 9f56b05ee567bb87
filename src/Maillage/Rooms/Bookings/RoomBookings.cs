using System.Security.Claims;
using Maillage.Network;
using Maillage.Network.OpeningHours;
using Maillage.Platform.Data;
using Maillage.Platform.Email;
using Maillage.Platform.Errors;
using Maillage.Platform.Identity;
using Maillage.Platform.Localization;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Rooms.Bookings;

/// <summary>What someone asks for: a room, a time, a title and a number of people.</summary>
public sealed record BookingRequest(DateTimeOffset StartsAt, DateTimeOffset EndsAt, string? Title, int Attendees);

/// <summary>An occurrence of a weekly recurring booking and what stands in its way (nothing when it can be booked).</summary>
public sealed record PlannedOccurrence(DateTimeOffset StartsAt, DateTimeOffset EndsAt, IReadOnlyList<RuleViolation> Problems, RoomBooking? Conflict)
{
    public bool Free => Problems.Count == 0 && Conflict is null;
}

/// <summary>
/// Books rooms: checks the rules (<see cref="BookingRules"/>), who may book and who may approve, and writes the booking.
/// The database itself refuses two active bookings of a room whose held spans overlap (decision 0014): a check before
/// the insert names the conflicting booking, the guard settles races.
/// </summary>
public sealed class RoomBookings(MaillageDb db, StaffAccess access, IHttpContextAccessor http, TimeProvider clock, SqliteWriteGate gate,
    Microsoft.Extensions.Options.IOptions<EmailOptions> email, RoomDefinitions definitions, Platform.Tenancy.TenantContext tenant)
{
    /// <summary>The name of the overlap guard: the exclusion constraint on PostgreSQL, the trigger's message on SQLite (migration RoomsNoOverlap).</summary>
    public const string OverlapGuard = "room_bookings_no_overlap";

    /// <summary>The first key of the rooms' advisory locks on PostgreSQL (the second is the room's id).</summary>
    private const int RoomLockSpace = 20_06;

    public static readonly StaffRole[] Approvers = [StaffRole.Coordinator, StaffRole.Administrator, StaffRole.PlatformOperator];

    /// <summary>
    /// A room (read only: shared, from <see cref="RoomDefinitions"/>) with its structure and schedule, or a 404 naming
    /// it (another Cité's rooms are not seen).
    /// </summary>
    public async Task<(Room Room, Structure Structure, OpeningSchedule Schedule)> RoomAsync(int roomId, CancellationToken ct)
    {
        var definition = await definitions.FindAsync(db, roomId, ct);
        if (definition is null || !tenant.Allows(definition.Room.CiteId))
            throw new NotFoundProblem(new($"Aucune salle n'a le numéro {roomId}.", $"No room has the id {roomId}."));
        return (definition.Room, definition.Structure, definition.Schedule);
    }

    public Task<bool> MayApproveAsync(Room room, Structure structure) => access.CanOnStructureAsync(Approvers, structure.Id, structure.CiteId, structure.ParentId);

    /// <summary>Whether the signed-in person may book <paramref name="room"/>, and for which partner when they book as one.</summary>
    public async Task<(bool May, int? PartnerId)> MayBookAsync(Room room, Structure structure)
    {
        if (await MayApproveAsync(room, structure)) return (true, null);
        var assignments = await access.AssignmentsAsync();
        if (room.CiteStaffMayBook && assignments.Any(a => a.Scope == ScopeKind.Platform || (a.Scope is ScopeKind.Cite or ScopeKind.Structure && a.CiteId == room.CiteId)))
            return (true, null);
        var partner = assignments.FirstOrDefault(a => a.Scope == ScopeKind.Partner && a.PartnerId is { } p && room.Partners.Any(rp => rp.PartnerId == p));
        return partner is null ? (false, null) : (true, partner.PartnerId);
    }

    /// <summary>
    /// Gives the room a new private feed address (issue 20 item 4) and returns its secret, shown once: only its hash is
    /// kept, and the previous address stops answering. The structure's coordinator and the Cité's administrators.
    /// </summary>
    public async Task<string> RenewFeedAsync(int roomId, CancellationToken ct)
    {
        var (room, structure, _) = await RoomAsync(roomId, ct);
        if (!await MayApproveAsync(room, structure))
            throw new RuleViolation("", new("Seule la coordination de la structure ou l'administration de la Cité donne l'adresse privée de l'agenda de la salle.",
                "Only the structure's coordinator or the Cité's administrators give out the room's private calendar address."), StatusCodes.Status403Forbidden);
        var secret = Microsoft.AspNetCore.WebUtilities.WebEncoders.Base64UrlEncode(System.Security.Cryptography.RandomNumberGenerator.GetBytes(FeedSecretBytes));
        var tracked = await db.Rooms.FirstAsync(r => r.Id == roomId, ct);
        tracked.FeedTokenHash = FeedHash(secret);
        await db.SaveChangesAsync(ct);
        return secret;
    }

    private const int FeedSecretBytes = 24;

    /// <summary>The stored form of a feed secret (SHA-256, hex); null for anything that cannot be one.</summary>
    public static string? FeedHash(string? secret) =>
        secret is { Length: > 0 and <= 64 } && secret.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')
            ? Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(secret)))
            : null;

    /// <summary>Books the room: confirmed at once when the person may approve or the room needs no approval, requested otherwise.</summary>
    public async Task<RoomBooking> RequestAsync(int roomId, BookingRequest request, CancellationToken ct)
    {
        var (room, structure, schedule) = await RoomAsync(roomId, ct);
        var (may, partnerId) = await MayBookAsync(room, structure);
        if (!may) throw NotAllowed(room);
        var title = CheckTitle(request.Title);
        RuleViolation.ThrowIfAny(BookingRules.Check(room, schedule, request.StartsAt, request.EndsAt, request.Attendees, clock.GetUtcNow()));
        var confirmed = !room.NeedsApproval || await MayApproveAsync(room, structure);
        var booking = NewBooking(room, request.StartsAt, request.EndsAt, title, request.Attendees, partnerId, confirmed, null);
        await SaveNewAsync(room, schedule.Zone, [booking], ct);
        return booking;
    }

    /// <summary>A confirmed booking made by the platform for another module's need (an agenda event), with no person's rights checked.</summary>
    internal async Task<RoomBooking> BookForEventAsync(int roomId, int eventId, DateTimeOffset startsAt, DateTimeOffset endsAt, string title, int attendees, CancellationToken ct)
    {
        var (room, _, schedule) = await RoomAsync(roomId, ct);
        RuleViolation.ThrowIfAny(BookingRules.Check(room, schedule, startsAt, endsAt, Math.Min(Math.Max(attendees, 1), room.Capacity), null));
        var booking = NewBooking(room, startsAt, endsAt, title.Length > RoomBooking.MaxTitle ? title[..RoomBooking.MaxTitle] : title, Math.Max(attendees, 1), null, confirmed: true, null);
        booking.AgendaEventId = eventId;
        await SaveNewAsync(room, schedule.Zone, [booking], ct);
        return booking;
    }

    /// <summary>Moves the booking an agenda event holds with the event (it stays confirmed: the event's structure holds the room).</summary>
    internal async Task MoveForEventAsync(RoomBooking booking, DateTimeOffset startsAt, DateTimeOffset endsAt, string title, int attendees, CancellationToken ct)
    {
        var (room, _, schedule) = await RoomAsync(booking.RoomId, ct);
        (booking.StartsAt, booking.EndsAt) = (startsAt.ToUniversalTime(), endsAt.ToUniversalTime());
        (booking.HeldFrom, booking.HeldUntil) = BookingRules.Held(room, booking.StartsAt, booking.EndsAt);
        booking.Title = title.Length > RoomBooking.MaxTitle ? title[..RoomBooking.MaxTitle] : title;
        booking.Attendees = Math.Max(attendees, 1);
        await SaveAsync(room, schedule.Zone, booking, ct, except: booking.Id);
    }

    /// <summary>The weekly occurrences from <paramref name="request"/> to <paramref name="until"/> (at most two years), each with its problems and conflict.</summary>
    public async Task<IReadOnlyList<PlannedOccurrence>> PlanSeriesAsync(int roomId, BookingRequest request, DateOnly until, CancellationToken ct)
    {
        var (room, structure, schedule) = await RoomAsync(roomId, ct);
        if (!(await MayBookAsync(room, structure)).May) throw NotAllowed(room);
        var occurrences = Occurrences(request, until, schedule.Zone);
        var now = clock.GetUtcNow();
        var (first, last) = (BookingRules.Held(room, occurrences[0].Start, occurrences[0].End).From, BookingRules.Held(room, occurrences[^1].Start, occurrences[^1].End).Until);
        var active = await ActiveAsync(room.Id, first, last, ct);
        return occurrences.Select(o =>
        {
            var (from, to) = BookingRules.Held(room, o.Start, o.End);
            return new PlannedOccurrence(o.Start, o.End, BookingRules.Check(room, schedule, o.Start, o.End, request.Attendees, now),
                active.FirstOrDefault(b => b.HeldFrom < to && b.HeldUntil > from));
        }).ToList();
    }

    /// <summary>
    /// Books every occurrence but those whose start is in <paramref name="skip"/>, in one transaction: if one of them is
    /// not free, nothing is saved and the problem names its date.
    /// </summary>
    public async Task<IReadOnlyList<RoomBooking>> RequestSeriesAsync(int roomId, BookingRequest request, DateOnly until, IReadOnlySet<DateOnly> skip, CancellationToken ct)
    {
        var plan = await PlanSeriesAsync(roomId, request, until, ct);
        var (room, structure, schedule) = await RoomAsync(roomId, ct);
        var title = CheckTitle(request.Title);
        var kept = plan.Where(o => !skip.Contains(DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(o.StartsAt, schedule.Zone).DateTime))).ToList();
        if (kept.Count == 0)
            throw new RuleViolation("skip", new("Toutes les dates sont écartées : il ne reste rien à réserver.", "Every date is skipped: nothing is left to book."));
        foreach (var o in kept.Where(o => !o.Free))
        {
            var date = HumanDates.Date(TimeZoneInfo.ConvertTime(o.StartsAt, schedule.Zone).DateTime);
            if (o.Problems.Count > 0) throw new RuleViolation(o.Problems[0].Field, new($"{date} : {o.Problems[0].Text.Fr}", $"{date}: {o.Problems[0].Text.En}"));
            throw Conflict(room, o.Conflict!, schedule.Zone);
        }
        var (_, partnerId) = await MayBookAsync(room, structure);
        var confirmed = !room.NeedsApproval || await MayApproveAsync(room, structure);
        var series = Guid.NewGuid();
        var bookings = kept.Select(o => NewBooking(room, o.StartsAt, o.EndsAt, title, request.Attendees, partnerId, confirmed, series)).ToList();
        await SaveNewAsync(room, schedule.Zone, bookings, ct);
        return bookings;
    }

    /// <summary>
    /// The coordinator's decision on a requested booking: approved (confirmed, and locked) or refused with its reason (the
    /// time is freed). The requester is e-mailed the decision (the outbox, in the same transaction). Saved only over the
    /// "requested" status it read: a second coordinator deciding at the same moment is told who decided and when.
    /// </summary>
    public async Task<RoomBooking> DecideAsync(int bookingId, bool approve, string? note, CancellationToken ct)
    {
        var booking = await BookingAsync(bookingId, ct);
        var (room, structure, schedule) = await RoomAsync(booking.RoomId, ct);
        if (!await MayApproveAsync(room, structure))
            throw new RuleViolation("", new("Seul·e la coordination de la structure ou l'administration de la Cité décide des réservations de cette salle.",
                "Only the structure's coordinator or the Cité's administrators decide on this room's bookings."), StatusCodes.Status403Forbidden);
        if (booking.Status != BookingStatus.Requested) throw AlreadyDecided(booking, schedule.Zone);
        if (!approve && string.IsNullOrWhiteSpace(note))
            throw new RuleViolation("note", new("Indiquez le motif du refus : il est envoyé à la personne qui a demandé la salle.",
                "Give the reason for the refusal: it is sent to the person who asked for the room."));
        booking.Status = approve ? BookingStatus.Confirmed : BookingStatus.Refused;
        Decided(booking, note);
        if (await DecisionMailAsync(room, structure, booking, schedule.Zone, ct) is { } mail) Outbox.Enqueue(db, mail, clock.GetUtcNow());
        await SaveAsync(room, schedule.Zone, booking, ct);
        return booking;
    }

    /// <summary>
    /// A booking no longer in the state its reader saw: who changed it and when ("already approved by X at 14:05 on …").
    /// </summary>
    internal static RuleViolation AlreadyDecided(RoomBooking booking, TimeZoneInfo zone)
    {
        var (fr, en) = booking.Status switch
        {
            BookingStatus.Confirmed => ("validée", "approved"),
            BookingStatus.Refused => ("refusée", "refused"),
            BookingStatus.Cancelled => ("annulée", "cancelled"),
            _ => ("remise en demande", "sent back for approval"),
        };
        if (booking.DecidedAt is not { } at || booking.Status == BookingStatus.Requested)
            return new RuleViolation("status", new($"Cette réservation vient d'être {fr}.", $"This booking has just been {en}."), StatusCodes.Status409Conflict);
        var local = TimeZoneInfo.ConvertTime(at, zone);
        var who = booking.DecidedByName ?? "?";
        return new RuleViolation("status", new(
            $"Cette réservation est déjà {fr} par {who} à {local:HH\\:mm} le {HumanDates.Date(local.DateTime)}.",
            $"This booking was already {en} by {who} at {local:HH\\:mm} on {HumanDates.Date(local.DateTime, HumanDates.English)}."),
            StatusCodes.Status409Conflict);
    }

    /// <summary>
    /// The e-mail telling the requester the decision (null when nobody is to be told: no requester, no address, or the
    /// requester decided it themselves): in the language they asked in, French and English when it is not known.
    /// </summary>
    private async Task<EmailMessage?> DecisionMailAsync(Room room, Structure structure, RoomBooking booking, TimeZoneInfo zone, CancellationToken ct)
    {
        if (booking.RequestedById is not { } requester || requester == access.UserId) return null;
        var to = await db.Users.AsNoTracking().Where(u => u.Id == requester).Select(u => new { u.Email, u.DisplayName }).FirstOrDefaultAsync(ct);
        if (string.IsNullOrWhiteSpace(to?.Email)) return null;
        var (title, body) = DecisionText(room, structure.Name, booking, zone, to.DisplayName, email.Value.PublicBaseUrl);
        return new EmailMessage("rooms.decision", to.Email, to.DisplayName, title, body, CiteId: room.CiteId, About: $"room-booking:{booking.Id}:{booking.Status.ApiName()}");
    }

    internal static (string Title, string Body) DecisionText(Room room, string structure, RoomBooking booking, TimeZoneInfo zone, string? name, string baseUrl)
    {
        var (from, to) = (TimeZoneInfo.ConvertTime(booking.StartsAt, zone), TimeZoneInfo.ConvertTime(booking.EndsAt, zone));
        var link = $"{baseUrl.TrimEnd('/')}/gestion/salles/{room.Id}";
        var approved = booking.Status == BookingStatus.Confirmed;
        var note = booking.DecisionNote;
        (string Title, string Body) French()
        {
            var day = HumanDates.Day(from.DateTime, HumanDates.French);
            var text = new System.Text.StringBuilder();
            text.AppendLine($"Bonjour{(string.IsNullOrWhiteSpace(name) ? "" : " " + name)},").AppendLine();
            text.AppendLine($"Votre demande de réservation de la salle {room.Name} ({structure}) pour « {booking.Title} », {day}, {from:HH\\:mm}–{to:HH\\:mm}, {booking.Attendees} personne{(booking.Attendees > 1 ? "s" : "")}, est {(approved ? "validée" : "refusée")} par {booking.DecidedByName}.");
            if (approved && note is not null) text.AppendLine($"Message de la coordination : {note}");
            if (!approved) text.AppendLine($"Motif : {note}").AppendLine("Le créneau est libéré : vous pouvez demander une autre date ou une autre salle.");
            text.AppendLine().AppendLine($"La salle et ses réservations : {link}");
            return ($"Réservation {(approved ? "validée" : "refusée")} : {room.Name}, {day} {from:HH\\:mm}–{to:HH\\:mm} — « {booking.Title} »", text.ToString());
        }
        (string Title, string Body) English()
        {
            var day = HumanDates.Day(from.DateTime, HumanDates.English);
            var text = new System.Text.StringBuilder();
            text.AppendLine($"Hello{(string.IsNullOrWhiteSpace(name) ? "" : " " + name)},").AppendLine();
            text.AppendLine($"Your request to book {room.Name} ({structure}) for \"{booking.Title}\", {day}, {from:HH\\:mm}–{to:HH\\:mm}, {booking.Attendees} {(booking.Attendees > 1 ? "people" : "person")}, was {(approved ? "approved" : "refused")} by {booking.DecidedByName}.");
            if (approved && note is not null) text.AppendLine($"Message from the coordinator: {note}");
            if (!approved) text.AppendLine($"Reason: {note}").AppendLine("The time is free again: you may ask for another date or another room.");
            text.AppendLine().AppendLine($"The room and its bookings: {link}");
            return ($"Booking {(approved ? "approved" : "refused")}: {room.Name}, {day} {from:HH\\:mm}–{to:HH\\:mm} — \"{booking.Title}\"", text.ToString());
        }
        return booking.RequestedLanguage switch
        {
            "en" => English(),
            "fr" => French(),
            // Language not known: French first, then English.
            _ => (French().Title + " / " + English().Title, French().Body + Environment.NewLine + "---" + Environment.NewLine + Environment.NewLine + English().Body),
        };
    }

    /// <summary>Cancels a booking (its requester or an approver): the time is freed.</summary>
    public async Task<RoomBooking> CancelAsync(int bookingId, CancellationToken ct)
    {
        var booking = await BookingAsync(bookingId, ct);
        var (room, structure, schedule) = await RoomAsync(booking.RoomId, ct);
        if (booking.RequestedById != access.UserId && !await MayApproveAsync(room, structure))
            throw new RuleViolation("", new("Seul·e la personne qui a réservé, la coordination de la structure ou l'administration de la Cité peut annuler cette réservation.",
                "Only the person who booked, the structure's coordinator or the Cité's administrators may cancel this booking."), StatusCodes.Status403Forbidden);
        if (!booking.HoldsTime) throw AlreadyDecided(booking, schedule.Zone);
        booking.Status = BookingStatus.Cancelled;
        Decided(booking, null);
        await SaveAsync(room, schedule.Zone, booking, ct);
        return booking;
    }

    /// <summary>
    /// Changes a booking's time or size. An approved booking is locked: changed by someone who may not approve, it goes
    /// back to "requested" and waits for a new decision.
    /// </summary>
    public async Task<RoomBooking> ChangeAsync(int bookingId, BookingRequest request, CancellationToken ct)
    {
        var booking = await BookingAsync(bookingId, ct);
        var (room, structure, schedule) = await RoomAsync(booking.RoomId, ct);
        var approver = await MayApproveAsync(room, structure);
        if (booking.RequestedById != access.UserId && !approver) throw NotAllowed(room);
        if (!booking.HoldsTime)
            throw new RuleViolation("status", new($"Cette réservation est {booking.Status.Describe().Fr.ToLowerInvariant()} : faites une nouvelle demande.", $"This booking is {booking.Status.Describe().En.ToLowerInvariant()}: make a new request."), StatusCodes.Status409Conflict);
        var title = CheckTitle(request.Title);
        RuleViolation.ThrowIfAny(BookingRules.Check(room, schedule, request.StartsAt, request.EndsAt, request.Attendees, clock.GetUtcNow()));
        (booking.StartsAt, booking.EndsAt, booking.Title, booking.Attendees) = (request.StartsAt.ToUniversalTime(), request.EndsAt.ToUniversalTime(), title, request.Attendees);
        (booking.HeldFrom, booking.HeldUntil) = BookingRules.Held(room, booking.StartsAt, booking.EndsAt);
        if (room.NeedsApproval && !approver && booking.Status == BookingStatus.Confirmed)
        {
            booking.Status = BookingStatus.Requested;
            (booking.DecidedById, booking.DecidedByName, booking.DecidedAt, booking.DecisionNote) = (null, null, null, null);
        }
        await SaveAsync(room, schedule.Zone, booking, ct, except: booking.Id);
        return booking;
    }

    /// <summary>The active bookings of a room whose held span meets [from, until).</summary>
    public async Task<List<RoomBooking>> ActiveAsync(int roomId, DateTimeOffset from, DateTimeOffset until, CancellationToken ct)
    {
        var list = new List<RoomBooking>();
        await foreach (var booking in Active(db, roomId, from.ToUniversalTime(), until.ToUniversalTime()).WithCancellation(ct)) list.Add(booking);
        return list;
    }

    /// <summary>Compiled once: every booking request runs it (the conflict check), and the booking rush's profile showed its translation.</summary>
    private static readonly Func<MaillageDb, int, DateTimeOffset, DateTimeOffset, IAsyncEnumerable<RoomBooking>> Active = EF.CompileAsyncQuery<MaillageDb, int, DateTimeOffset, DateTimeOffset, RoomBooking>(
        (db, roomId, from, until) => db.Set<RoomBooking>().AsNoTracking()
            .Where(b => b.RoomId == roomId && (b.Status == BookingStatus.Requested || b.Status == BookingStatus.Confirmed) && b.HeldFrom < until && b.HeldUntil > from)
            .OrderBy(b => b.HeldFrom));

    private async Task<RoomBooking> BookingAsync(int id, CancellationToken ct) =>
        await db.RoomBookings.FirstOrDefaultAsync(b => b.Id == id, ct)
        ?? throw new NotFoundProblem(new($"Aucune réservation n'a le numéro {id}.", $"No booking has the id {id}."));

    private RoomBooking NewBooking(Room room, DateTimeOffset startsAt, DateTimeOffset endsAt, string title, int attendees, int? partnerId, bool confirmed, Guid? series)
    {
        // In UTC: PostgreSQL's timestamptz takes no other offset.
        (startsAt, endsAt) = (startsAt.ToUniversalTime(), endsAt.ToUniversalTime());
        var (from, until) = BookingRules.Held(room, startsAt, endsAt);
        var now = clock.GetUtcNow();
        var booking = new RoomBooking
        {
            CiteId = room.CiteId, RoomId = room.Id, StartsAt = startsAt, EndsAt = endsAt, HeldFrom = from, HeldUntil = until,
            Title = title, Attendees = attendees, PartnerId = partnerId, SeriesId = series, CreatedAt = now,
            Status = confirmed ? BookingStatus.Confirmed : BookingStatus.Requested,
            RequestedById = access.UserId, RequestedByName = UserName,
            // The language of the request (a page's chosen language, an API client's Accept-Language); none for the platform's own bookings.
            RequestedLanguage = http.HttpContext is null ? null : System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en" ? "en" : "fr",
        };
        if (confirmed) Decided(booking, null);
        return booking;
    }

    private void Decided(RoomBooking booking, string? note)
    {
        booking.DecidedById = access.UserId;
        booking.DecidedByName = UserName;
        booking.DecidedAt = clock.GetUtcNow();
        booking.DecisionNote = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
    }

    private string? UserName => http.HttpContext?.User.Identity?.IsAuthenticated == true ? http.HttpContext.User.Identity.Name : "system";

    private static string CheckTitle(string? title)
    {
        if (string.IsNullOrWhiteSpace(title))
            throw new RuleViolation("title", new("Donnez un titre à la réservation (l'objet de la réunion).", "Give the booking a title (what the meeting is)."));
        if (title.Trim().Length > RoomBooking.MaxTitle)
            throw new RuleViolation("title", new($"Le titre compte au plus {RoomBooking.MaxTitle} caractères.", $"The title is at most {RoomBooking.MaxTitle} characters."));
        return title.Trim();
    }

    private static RuleViolation NotAllowed(Room room) => new("", new(
        $"La salle {room.Name} est réservée au personnel de la Cité et aux partenaires qu'elle désigne : vos rôles ne permettent pas de la réserver.",
        $"{room.Name} is for the Cité's staff and the partners it names: your roles do not allow booking it."), StatusCodes.Status403Forbidden);

    internal static RuleViolation Conflict(Room room, RoomBooking other, TimeZoneInfo zone)
    {
        var from = TimeZoneInfo.ConvertTime(other.StartsAt, zone);
        var to = TimeZoneInfo.ConvertTime(other.EndsAt, zone);
        var buffer = room.BufferMinutes > 0 ? new LocalizedText($" (plus {room.BufferMinutes} minutes d'installation et de rangement)", $" (plus {room.BufferMinutes} minutes to set up and clear)") : new LocalizedText("", "");
        return new RuleViolation("startsAt", new(
            $"La salle {room.Name} est déjà prise : « {other.Title} », {HumanDates.Day(from.DateTime, HumanDates.French)}, {from:HH\\:mm}–{to:HH\\:mm}{buffer.Fr} ({other.Status.Describe().Fr.ToLowerInvariant()}).",
            $"{room.Name} is already taken: \"{other.Title}\", {HumanDates.Day(from.DateTime, HumanDates.English)}, {from:HH\\:mm}–{to:HH\\:mm}{buffer.En} ({other.Status.Describe().En.ToLowerInvariant()})."),
            StatusCodes.Status409Conflict);
    }

    /// <summary>
    /// Writes new bookings. A request's own bookings (nothing else pending in the context, no transaction of the caller's)
    /// are written with plain guarded statements — each booking and its audit entry, one transaction (decision 0009,
    /// issue 20's booking rush); bookings saved along with other changes (an agenda event's) go through the context's save.
    /// </summary>
    private async Task SaveNewAsync(Room room, TimeZoneInfo zone, IReadOnlyList<RoomBooking> bookings, CancellationToken ct)
    {
        if (db.ChangeTracker.HasChanges() || db.Database.CurrentTransaction is not null)
        {
            db.RoomBookings.AddRange(bookings);
            await SaveAsync(room, zone, bookings[0], ct, except: null, spans: bookings);
            return;
        }
        // Most refusals are found by a plain read, before queueing for the write: they never wait for a writer's turn.
        if (await FirstConflictAsync(room, bookings, null, ct) is { } seen) throw Conflict(room, seen, zone);
        try
        {
            using (await gate.TurnAsync(db, ct))
            {
                // PostgreSQL: no room lock here — the insert skips a row the exclusion constraint refuses (ON CONFLICT DO
                // NOTHING), and its speculative insertion waits for a concurrent writer instead of deadlocking with it. A
                // single booking is one statement with its audit entry (PlainInsert), atomic alone: no transaction stays
                // open across round trips while a concurrent request for the same time waits on it. A series is written
                // in one transaction, all or nothing; so is everything on SQLite (inside the writers' turn).
                await using var tx = bookings.Count == 1 && !db.OnSqlite ? null : await db.Database.BeginTransactionAsync(ct);
                var written = true;
                foreach (var booking in bookings)
                    if (!(written = await PlainInsert.InsertAuditedAsync(db, booking, ct, skipOnConflict: true))) break;
                if (written)
                {
                    if (tx is not null) await tx.CommitAsync(ct);
                    return;
                }
                if (tx is not null) await tx.RollbackAsync(ct);
                foreach (var booking in bookings) booking.Id = 0;
            }
        }
        catch (DbException e) when (GuardErrors.IsGuard(e, OverlapGuard))
        {
            foreach (var booking in bookings) booking.Id = 0;
        }
        throw await LostRaceAsync(room, zone, bookings, null, ct);
    }

    /// <summary>
    /// PostgreSQL: one writer per room at a time (a transaction-scoped advisory lock, taken late, one room only), so that
    /// concurrent overlapping inserts never deadlock inside the exclusion constraint (two inserts each waiting on the
    /// other's index entry); the constraint stays the guarantee. SQLite has one writer (the gate, the trigger).
    /// </summary>
    private Task LockRoomAsync(Room room, CancellationToken ct) => db.OnSqlite ? Task.CompletedTask
        : db.Database.ExecuteSqlInterpolatedAsync($"SELECT pg_advisory_xact_lock({RoomLockSpace}, {room.Id})", ct);

    /// <summary>The first active booking (other than <paramref name="except"/> and the spans themselves) whose held span meets one of <paramref name="spans"/>.</summary>
    private async Task<RoomBooking?> FirstConflictAsync(Room room, IReadOnlyList<RoomBooking> spans, int? except, CancellationToken ct)
    {
        if (!spans.Any(s => s.HoldsTime)) return null;
        var active = await ActiveAsync(room.Id, spans.Min(s => s.HeldFrom), spans.Max(s => s.HeldUntil), ct);
        return active.FirstOrDefault(a => a.Id != except && !spans.Any(s => s.Id == a.Id && s.Id != 0)
            && spans.Any(s => s.HoldsTime && a.HeldFrom < s.HeldUntil && a.HeldUntil > s.HeldFrom));
    }

    /// <summary>The guard refused a write the check did not foresee: a concurrent request won, and is committed now, so it can be named.</summary>
    private async Task<RuleViolation> LostRaceAsync(Room room, TimeZoneInfo zone, IReadOnlyList<RoomBooking> spans, int? except, CancellationToken ct) =>
        await FirstConflictAsync(room, spans, except, ct) is { } winner
            ? Conflict(room, winner, zone)
            : new RuleViolation("startsAt", new($"La salle {room.Name} vient d'être réservée sur ce créneau.", $"{room.Name} has just been booked at that time."), StatusCodes.Status409Conflict);

    /// <summary>
    /// Saves after looking for a conflict (to name it); the database's guard refuses an overlap that a concurrent request
    /// wrote in between, and that refusal gets the same 409 naming the winner.
    /// </summary>
    private async Task SaveAsync(Room room, TimeZoneInfo zone, RoomBooking booking, CancellationToken ct, int? except = null, IReadOnlyList<RoomBooking>? spans = null)
    {
        spans ??= [booking];
        if (await FirstConflictAsync(room, spans, except, ct) is { } seen)
        {
            Detach(spans);
            throw Conflict(room, seen, zone);
        }
        using (await gate.TurnAsync(db, ct))
        {
            await using var tx = db.OnSqlite || db.Database.CurrentTransaction is not null ? null : await db.Database.BeginTransactionAsync(ct);
            await LockRoomAsync(room, ct);
            // SQLite's trigger refuses an overlap inside the writer's lock (caught below); PostgreSQL checks again under the room's lock.
            if (!db.OnSqlite && await FirstConflictAsync(room, spans, except, ct) is { } early)
            {
                Detach(spans);
                throw Conflict(room, early, zone);
            }
            try
            {
                await db.SaveChangesAsync(ct);
                if (tx is not null) await tx.CommitAsync(ct);
                return;
            }
            catch (DbUpdateConcurrencyException)
            {
                // Someone decided, cancelled or changed it since it was read (its status is the concurrency token): name them.
                Detach(spans);
                throw AlreadyDecided(booking, zone);
            }
            catch (DbUpdateException e) when (GuardErrors.IsGuard(e, OverlapGuard))
            {
                Detach(spans);
            }
        }
        throw await LostRaceAsync(room, zone, spans, except, ct);
    }

    private void Detach(IEnumerable<RoomBooking> bookings)
    {
        foreach (var b in bookings)
        {
            var entry = db.Entry(b);
            if (entry.State == EntityState.Added) entry.State = EntityState.Detached;
            else entry.Reload();
        }
        // The audit entries added by the failed save go with it.
        foreach (var e in db.ChangeTracker.Entries().Where(e => e.State == EntityState.Added).ToList()) e.State = EntityState.Detached;
    }

    /// <summary>Weekly occurrences at the same local times; refuses an end before the start or more than two years of them.</summary>
    private static List<(DateTimeOffset Start, DateTimeOffset End)> Occurrences(BookingRequest request, DateOnly until, TimeZoneInfo zone)
    {
        var localStart = TimeZoneInfo.ConvertTime(request.StartsAt, zone).DateTime;
        var localEnd = TimeZoneInfo.ConvertTime(request.EndsAt, zone).DateTime;
        var first = DateOnly.FromDateTime(localStart);
        if (until < first)
            throw new RuleViolation("until", new("La fin de la répétition vient avant la première date.", "The repetition ends before its first date."));
        if (until > first.AddYears(BookingRules.MaxYearsAhead))
            throw new RuleViolation("until", new($"Une réservation répétée dure au plus {BookingRules.MaxYearsAhead} ans.", $"A repeated booking lasts at most {BookingRules.MaxYearsAhead} years."));
        var list = new List<(DateTimeOffset, DateTimeOffset)>();
        for (var week = 0; DateOnly.FromDateTime(localStart.AddDays(7 * week)) <= until; week++)
        {
            var s = localStart.AddDays(7 * week);
            var e = localEnd.AddDays(7 * week);
            // Same wall-clock time each week: the offset follows summer and winter time.
            list.Add((Resolve(s, zone), Resolve(e, zone)));
        }
        return list;
    }

    private static DateTimeOffset Resolve(DateTime local, TimeZoneInfo zone)
    {
        while (zone.IsInvalidTime(local)) local = local.AddMinutes(15);
        var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset);
    }
}
