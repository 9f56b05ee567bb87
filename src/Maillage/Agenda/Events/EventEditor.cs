using Maillage.Agenda.Registrations;
using Maillage.Network;
using Maillage.Platform.Data;
using Maillage.Platform.Errors;
using Maillage.Platform.Identity;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Agenda.Events;

/// <summary>Every field of an event as the organiser gives it (form or API); times are instants (UTC or with their offset).</summary>
internal sealed record EventFields
{
    public string? Title { get; init; }
    public EventType? Type { get; init; }
    public EventTheme? Theme { get; init; }
    public string? Description { get; init; }
    public DateTimeOffset? StartsAt { get; init; }
    public DateTimeOffset? EndsAt { get; init; }
    public int? StructureId { get; init; }
    public string? VenueName { get; init; }
    public string? VenueAddress { get; init; }
    public int? VenueTerritoryId { get; init; }
    public string? RoomName { get; init; }
    public string? OnlineUrl { get; init; }
    public int? Capacity { get; init; }
    public RegistrationMode? RegistrationMode { get; init; }
    public WaitlistPromotion? WaitlistPromotion { get; init; }
    public int? OfferHoldHours { get; init; }
    public DateTimeOffset? RegistrationOpensAt { get; init; }
    public DateTimeOffset? RegistrationClosesAt { get; init; }
    public EventAudience Audience { get; init; }
    public string? Tags { get; init; }
    public string? Language { get; init; }
    public string? AccessibilityNotes { get; init; }
    public int? ReminderHours { get; init; }
    /// <summary>The partners organising it; null on an edit keeps them as they are.</summary>
    public IReadOnlyList<int>? OrganiserIds { get; init; }
    /// <summary>The questions asked to registrants; null on an edit keeps them as they are.</summary>
    public IReadOnlyList<QuestionFields>? Questions { get; init; }
    /// <summary>Draft or published; null keeps the current status (published on create).</summary>
    public EventStatus? Status { get; init; }
}

/// <summary>One question of the event; <see cref="Id"/> names an existing question when editing.</summary>
internal sealed record QuestionFields(string? Label, QuestionKind Kind = QuestionKind.Text, string? Choices = null, bool Required = false, int? Id = null);

/// <summary>How to repeat a new event: every <see cref="Interval"/> weeks or months, <see cref="Count"/> times or until a local date.</summary>
internal sealed record SeriesPlan(Recurrence Frequency, int Interval = 1, int? Count = null, DateOnly? Until = null);

/// <summary>What an edit did: the event (null when refused), the rules broken, the ids of the events changed.</summary>
internal sealed record EditOutcome(AgendaEvent? Event, IReadOnlyList<RuleViolation> Problems, IReadOnlyList<int> Changed, bool Forbidden = false)
{
    public bool Succeeded => Event is not null && Problems.Count == 0 && !Forbidden;
    public static EditOutcome Refused => new(null, [], [], Forbidden: true);
    public static EditOutcome Broken(IReadOnlyList<RuleViolation> problems) => new(null, problems, []);

    /// <summary>For the API: every rule broken, as one 422 naming each field.</summary>
    public void ThrowProblems() => RuleViolation.ThrowIfAny(Problems);
}

/// <summary>
/// Creates and edits events and series, checking the person's role on the event's structure or Cité.
/// An edit of a series occurrence applies to that occurrence only, or to it and the following ones:
/// those keep their own dates but take the fields that changed; a change of time of day shifts each
/// one's time of day; occurrences already cancelled or past are left alone. Registrations are kept;
/// when an event's date, time or place changes its registrants are told through the outbox, in the
/// same transaction as the change.
/// </summary>
internal sealed class EventEditor(MaillageDb db, StaffAccess access, TimeProvider clock, Seats seats, Cancellations cancellations, AgendaMail mail)
{
    public const string DefaultTimeZone = "Europe/Paris";

    /// <summary>Null when the person may not create an event there (API: forbids; rules: every one broken, as one 422).</summary>
    internal async Task<AgendaEvent?> CreateAsync(EventApi.CreateEventRequest r, CancellationToken ct)
    {
        var outcome = await CreateAsync(r.ToFields(), r.Repeat, ct);
        if (outcome.Forbidden) return null;
        outcome.ThrowProblems();
        return outcome.Event;
    }

    /// <summary>Creates an event, or a series of occurrences when <paramref name="repeat"/> is given.</summary>
    public async Task<EditOutcome> CreateAsync(EventFields f, SeriesPlan? repeat, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var e = new AgendaEvent { Title = "", CreatedAt = now };
        Apply(e, f);
        var problems = new List<RuleViolation>();
        if (f.StartsAt is null) problems.Add(new("startsAt", new("Indiquez le début (date et heure).", "Give the start (date and time).")));
        if (f.EndsAt is null) problems.Add(new("endsAt", new("Indiquez la fin (date et heure).", "Give the end (date and time).")));
        if (f.Type is null) problems.Add(new("type", new("Choisissez le type d'action.", "Choose the type of event.")));
        if (f.Status == EventStatus.Cancelled)
            problems.Add(new("status", new("Une action se crée en brouillon ou publiée.", "An event is created as a draft or published.")));
        var allowed = await PlaceAsync(e, problems, ct);
        problems.AddRange(Problems(e, problems));
        await OrganisersAsync(e, f.OrganiserIds ?? [], problems, ct);
        SetQuestions(e, f.Questions ?? [], problems, answered: []);
        var dates = repeat is null ? null : SeriesDates(e, repeat, problems);
        if (problems.Count > 0) return EditOutcome.Broken(Distinct(problems));
        if (!allowed) return EditOutcome.Refused;

        e.Status = f.Status ?? EventStatus.Published;
        if (e.Status == EventStatus.Published) e.PublishedAt = now;
        var created = new List<AgendaEvent> { e };
        if (dates is not null)
        {
            var series = new EventSeries { CiteId = e.CiteId, Title = e.Title, Frequency = repeat!.Frequency, Interval = repeat.Interval, Occurrences = dates.Count, CreatedAt = now };
            db.EventSeries.Add(series);
            e.Series = series;
            e.SeriesIndex = 1;
            var duration = e.EndsAt - e.StartsAt;
            for (var i = 1; i < dates.Count; i++)
            {
                var next = new AgendaEvent { Title = "", CreatedAt = now };
                Apply(next, f);
                next.CiteId = e.CiteId;
                next.TimeZoneId = e.TimeZoneId;
                next.Status = e.Status;
                next.PublishedAt = e.PublishedAt;
                var shift = Zoned.ToUtc(dates[i], e.TimeZone) - e.StartsAt;
                next.StartsAt = e.StartsAt + shift;
                next.EndsAt = next.StartsAt + duration;
                next.RegistrationOpensAt = e.RegistrationOpensAt + shift;
                next.RegistrationClosesAt = e.RegistrationClosesAt + shift;
                next.Series = series;
                next.SeriesIndex = i + 1;
                next.Organisers.AddRange(e.Organisers.Select(o => new EventOrganiser { CiteId = e.CiteId, PartnerId = o.PartnerId }));
                next.Questions.AddRange(e.Questions.Select(q => new EventQuestion { CiteId = e.CiteId, Order = q.Order, Label = q.Label, Kind = q.Kind, Choices = q.Choices, Required = q.Required }));
                created.Add(next);
            }
        }
        db.Events.AddRange(created);
        await db.SaveChangesAsync(ct);
        return new EditOutcome(e, [], created.Select(x => x.Id).ToList());
    }

    /// <summary>
    /// Edits an event with every field given; for an occurrence of a series, <paramref name="scope"/>
    /// says whether the following occurrences take the changes too. Nothing is saved if a rule is broken.
    /// </summary>
    public async Task<EditOutcome> UpdateAsync(int eventId, EventFields f, SeriesEditScope scope, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var e = await LoadAsync(eventId, ct);
        if (!await CanManageAsync(e)) return EditOutcome.Refused;
        var problems = new List<RuleViolation>();
        if (e.Status == EventStatus.Cancelled)
            return EditOutcome.Broken([new("status", new("Cette action est annulée : elle ne se modifie plus.", "This event is cancelled: it can no longer be changed."))]);
        if (f.StartsAt is null) problems.Add(new("startsAt", new("Indiquez le début (date et heure).", "Give the start (date and time).")));
        if (f.EndsAt is null) problems.Add(new("endsAt", new("Indiquez la fin (date et heure).", "Give the end (date and time).")));
        if (f.Type is null) problems.Add(new("type", new("Choisissez le type d'action.", "Choose the type of event.")));
        if (f.Status == EventStatus.Cancelled)
            problems.Add(new("status", new("Pour annuler, utilisez « Annuler l'action » : les inscrit·es sont prévenu·es.", "To cancel, use \"Cancel the event\": registrants are told.")));
        if (scope == SeriesEditScope.ThisAndFollowing && e.SeriesId is null)
            problems.Add(new("scope", new("Cette action ne fait pas partie d'une série.", "This event is not part of a series.")));

        var before = EditedFields.Of(e);
        var beforeCite = e.CiteId;
        var beforeWhen = Describe(e);
        var active = await db.Registrations.Where(r => r.EventId == e.Id && (r.Status == RegistrationStatus.Confirmed || r.Status == RegistrationStatus.Waitlisted
                                                          || r.Status == RegistrationStatus.Offered || r.Status == RegistrationStatus.Pending)).CountAsync(ct);
        Apply(e, f with { Status = f.Status ?? e.Status });
        var allowed = await PlaceAsync(e, problems, ct);
        if (e.CiteId != beforeCite)
            problems.Add(new("structureId", new("Une action reste dans sa Cité : choisissez un lieu de la même Cité.", "An event stays in its Cité: choose a place of the same Cité.")));
        problems.AddRange(Problems(e, problems));
        CheckSeats(e, active, before, problems, null);
        if (f.OrganiserIds is not null) await OrganisersAsync(e, f.OrganiserIds, problems, ct);
        if (f.Questions is not null) SetQuestions(e, f.Questions, problems, await AnsweredQuestionsAsync([e.Id], ct));
        var after = EditedFields.Of(e);
        // The person manages this event (checked above); a new place needs their role there too.
        if (after.Place == before.Place) allowed = true;

        // The following occurrences: not cancelled, not past.
        var following = new List<AgendaEvent>();
        var moved = new Dictionary<AgendaEvent, string>();
        if (after.Time != before.Time || after.Place != before.Place)
            moved[e] = beforeWhen;
        if (scope == SeriesEditScope.ThisAndFollowing && e.SeriesId is { } seriesId && problems.Count == 0)
        {
            following = await db.Events.Include(x => x.Structure).Include(x => x.Organisers).Include(x => x.Questions)
                .Where(x => x.SeriesId == seriesId && x.Id != e.Id && x.SeriesIndex > e.SeriesIndex && x.Status != EventStatus.Cancelled && x.StartsAt > now)
                .OrderBy(x => x.SeriesIndex).AsSplitQuery().ToListAsync(ct);
            var followingAnswered = await AnsweredQuestionsAsync(following.Select(x => x.Id).ToArray(), ct);
            var seats = await db.Registrations.Where(r => following.Select(x => x.Id).Contains(r.EventId) && (r.Status == RegistrationStatus.Confirmed
                            || r.Status == RegistrationStatus.Waitlisted || r.Status == RegistrationStatus.Offered || r.Status == RegistrationStatus.Pending))
                .GroupBy(r => r.EventId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
            foreach (var other in following)
            {
                var otherBefore = EditedFields.Of(other);
                var otherWhen = Describe(other);
                Follow(e, before, after, other);
                var rules = other.Problems().ToList();
                foreach (var rule in rules)
                    problems.Add(new(rule.Field, new($"Séance du {other.LocalStart:dd/MM/yyyy} : {rule.Text.Fr}", $"Occurrence of {other.LocalStart:yyyy-MM-dd}: {rule.Text.En}")));
                CheckSeats(other, seats.GetValueOrDefault(other.Id), otherBefore, problems, other.LocalStart);
                if (after.Organisers != before.Organisers)
                    CopyOrganisers(e, other);
                if (after.Questions != before.Questions)
                    SetQuestions(other, e.Questions.OrderBy(q => q.Order).Select(q => new QuestionFields(q.Label, q.Kind, q.Choices, q.Required)).ToList(), problems, followingAnswered, byOrder: true);
                var otherAfter = EditedFields.Of(other);
                if (otherAfter.Time != otherBefore.Time || otherAfter.Place != otherBefore.Place)
                    moved[other] = otherWhen;
            }
        }
        if (problems.Count > 0)
        {
            db.ChangeTracker.Clear();
            return EditOutcome.Broken(Distinct(problems));
        }
        if (!allowed)
        {
            db.ChangeTracker.Clear();
            return EditOutcome.Refused;
        }

        var all = new List<AgendaEvent> { e };
        all.AddRange(following);
        foreach (var x in all.Where(x => x.Status == EventStatus.Published && x.PublishedAt is null)) x.PublishedAt = now;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (moved.Count > 0)
        {
            var ids = moved.Keys.Select(x => x.Id).ToArray();
            var registrants = await db.Registrations.Where(r => ids.Contains(r.EventId) && (r.Status == RegistrationStatus.Confirmed || r.Status == RegistrationStatus.Waitlisted
                                                                  || r.Status == RegistrationStatus.Offered || r.Status == RegistrationStatus.Pending)).ToListAsync(ct);
            foreach (var r in registrants)
            {
                var x = moved.Keys.First(m => m.Id == r.EventId);
                mail.Changed(db, x, r, moved[x], now);
            }
        }
        // Capacity goes through Seats: never below the seats taken (checked again under the row lock), raising promotes.
        var newCapacity = new Dictionary<int, int?>();
        foreach (var x in all)
        {
            var entry = db.Entry(x).Property(p => p.Capacity);
            if (entry.IsModified && !Equals(entry.OriginalValue, entry.CurrentValue))
            {
                newCapacity[x.Id] = x.Capacity;
                x.Capacity = entry.OriginalValue;
                entry.IsModified = false;
            }
        }
        await db.SaveChangesAsync(ct);
        foreach (var (id, capacity) in newCapacity)
        {
            if (capacity is { } c) await seats.ChangeCapacityAsync(id, c, ct);
            else await db.Events.Where(x => x.Id == id).ExecuteUpdateAsync(s => s.SetProperty(x => x.Capacity, (int?)null), ct);
        }
        await tx.CommitAsync(ct); // evicts the public lists once more (PublicCache.EvictionOnCommit)
        return new EditOutcome(e, [], all.Select(x => x.Id).ToList());
    }

    /// <summary>Publishes a draft (no other change).</summary>
    public async Task<EditOutcome> PublishAsync(int eventId, CancellationToken ct)
    {
        var e = await LoadAsync(eventId, ct);
        if (!await CanManageAsync(e)) return EditOutcome.Refused;
        if (e.Status == EventStatus.Cancelled)
            return EditOutcome.Broken([new("status", new("Cette action est annulée : elle ne peut plus être publiée.", "This event is cancelled: it can no longer be published."))]);
        var problems = e.Problems().ToList();
        if (problems.Count > 0) return EditOutcome.Broken(problems);
        if (e.Status == EventStatus.Draft)
        {
            e.Status = EventStatus.Published;
            e.PublishedAt = clock.GetUtcNow();
            await db.SaveChangesAsync(ct);
        }
        return new EditOutcome(e, [], [e.Id]);
    }

    /// <summary>Cancels the event with its reason; every registrant is told by e-mail (Cancellations).</summary>
    public async Task<EditOutcome> CancelAsync(int eventId, string? reason, CancellationToken ct)
    {
        var e = await LoadAsync(eventId, ct);
        if (!await CanManageAsync(e)) return EditOutcome.Refused;
        reason = reason?.Trim();
        if (string.IsNullOrEmpty(reason))
            return EditOutcome.Broken([new("reason", new("Indiquez le motif de l'annulation : il est écrit aux inscrit·es.", "Give the reason for cancelling: it is sent to the registrants."))]);
        if (reason.Length > 1000)
            return EditOutcome.Broken([new("reason", new("Le motif compte au plus 1 000 caractères.", "The reason has at most 1,000 characters."))]);
        db.ChangeTracker.Clear();
        await cancellations.CancelEventAsync(eventId, reason, ct);
        return new EditOutcome(e, [], [e.Id]);
    }

    /// <summary>The event with its place, organisers and questions (tenancy applies: another Cité's event is not found).</summary>
    public async Task<AgendaEvent> LoadAsync(int eventId, CancellationToken ct) =>
        await db.Events.Include(x => x.Structure).Include(x => x.Organisers).Include(x => x.Questions).Include(x => x.Series)
            .AsSplitQuery().FirstOrDefaultAsync(x => x.Id == eventId, ct)
        ?? throw new NotFoundProblem(new("Cette action n'existe pas dans vos Cités.", "This event does not exist in your Cités."));

    public async Task<bool> CanManageAsync(int eventId, CancellationToken ct)
    {
        var e = await db.Events.AsNoTracking().Include(x => x.Structure).Include(x => x.Organisers).FirstOrDefaultAsync(x => x.Id == eventId, ct)
                ?? throw new NotFoundProblem(new("Cette action n'existe pas dans vos Cités.", "This event does not exist in your Cités."));
        return await CanManageAsync(e);
    }

    /// <summary>
    /// Organisers, coordinators and administrators of the event's structure (or its parent) or of its Cité,
    /// and organisers of a partner that co-organises it (with <see cref="AgendaEvent.Organisers"/> loaded).
    /// </summary>
    public async Task<bool> CanManageAsync(AgendaEvent e)
    {
        if (e.Structure is { } s ? await access.CanAsync(EventApi.Organisers, s) : await access.CanOnCiteAsync(EventApi.Organisers, e.CiteId)) return true;
        var partners = e.Organisers.Select(o => o.PartnerId).ToHashSet();
        return partners.Count > 0 && (await access.AssignmentsAsync()).Any(a =>
            a.Role == StaffRole.EventOrganiser && a.Scope == ScopeKind.Partner && a.PartnerId is { } p && partners.Contains(p));
    }

    /// <summary>The time zone times are given in for a place: the structure's, else the default.</summary>
    public async Task<TimeZoneInfo> ZoneAsync(int? structureId, CancellationToken ct)
    {
        var id = structureId is { } sid ? await db.Structures.Where(s => s.Id == sid).Select(s => s.TimeZoneId).FirstOrDefaultAsync(ct) : null;
        return TimeZoneInfo.FindSystemTimeZoneById(id ?? DefaultTimeZone);
    }

    private static void Apply(AgendaEvent e, EventFields f)
    {
        e.Title = f.Title?.Trim() ?? "";
        e.Type = f.Type ?? e.Type;
        e.Theme = f.Theme;
        e.Description = Clean(f.Description);
        if (f.StartsAt is { } start) e.StartsAt = start.ToUniversalTime();
        if (f.EndsAt is { } end) e.EndsAt = end.ToUniversalTime();
        e.StructureId = f.StructureId;
        e.VenueName = Clean(f.VenueName);
        e.VenueAddress = Clean(f.VenueAddress);
        e.VenueTerritoryId = f.VenueTerritoryId;
        e.RoomName = Clean(f.RoomName);
        e.OnlineUrl = Clean(f.OnlineUrl);
        e.RegistrationMode = f.RegistrationMode ?? RegistrationMode.Open;
        e.Capacity = f.Capacity;
        e.WaitlistPromotion = f.WaitlistPromotion ?? WaitlistPromotion.Direct;
        e.OfferHoldHours = f.OfferHoldHours ?? 24;
        e.RegistrationOpensAt = f.RegistrationOpensAt?.ToUniversalTime();
        e.RegistrationClosesAt = f.RegistrationClosesAt?.ToUniversalTime();
        e.Audience = f.Audience;
        e.Tags = Clean(f.Tags);
        e.Language = Clean(f.Language)?.ToLowerInvariant() ?? "fr";
        e.AccessibilityNotes = Clean(f.AccessibilityNotes);
        e.ReminderHours = f.ReminderHours;
        if (f.Status is { } status) e.Status = status;
    }

    /// <summary>The rules of <see cref="AgendaEvent.Problems"/> plus those of the organiser's form: one place, a window that closes before the start.</summary>
    private static IEnumerable<RuleViolation> Problems(AgendaEvent e, IReadOnlyList<RuleViolation> already)
    {
        // A missing time or type is reported once: the rules that read it would only repeat it falsely.
        var timesMissing = already.Any(a => a.Field is "startsAt" or "endsAt");
        var typeMissing = already.Any(a => a.Field == "type");
        foreach (var p in e.Problems())
            if (!already.Any(a => a.Field == p.Field) && !(timesMissing && p.Field == "endsAt") && !(typeMissing && p.Field is "theme" or "onlineUrl")) yield return p;
        if (e.StructureId is not null && e.VenueName is not null)
            yield return new("venueName", new("Choisissez une structure du réseau ou un lieu extérieur, pas les deux.", "Choose a structure of the network or an external venue, not both."));
        if (e.VenueName is null && e.VenueAddress is not null)
            yield return new("venueName", new("Indiquez le nom du lieu extérieur dont vous donnez l'adresse.", "Give the name of the external venue whose address you give."));
        if (!typeMissing && e.Type == EventType.Webinar && e.OnlineUrl is null)
            yield return new("onlineUrl", new("Un webinaire a un lien en ligne.", "A webinar has an online link."));
        if (!timesMissing && e.RegistrationClosesAt is { } closes && closes > e.StartsAt)
            yield return new("registrationClosesAt", new("Les inscriptions doivent fermer au plus tard au début de l'action.", "Registration must close at the latest when the event starts."));
        if (!timesMissing && e.RegistrationOpensAt is { } opens && opens >= e.StartsAt)
            yield return new("registrationOpensAt", new("Les inscriptions doivent ouvrir avant le début de l'action.", "Registration must open before the event starts."));
        if (e.RegistrationMode == RegistrationMode.None && e.Capacity is null && (e.RegistrationOpensAt ?? e.RegistrationClosesAt) is not null)
            yield return new("registrationMode", new("Une fenêtre d'inscription suppose que les inscriptions sont ouvertes.", "A registration window needs registration to be open."));
        if (e.Description is { Length: > 8000 })
            yield return new("description", new("La description compte au plus 8 000 caractères.", "The description has at most 8,000 characters."));
        if (e.AccessibilityNotes is { Length: > 2000 })
            yield return new("accessibilityNotes", new("Les informations d'accessibilité comptent au plus 2 000 caractères.", "The accessibility notes have at most 2,000 characters."));
        if (e.Tags is { Length: > 400 })
            yield return new("tags", new("Les mots-clés comptent au plus 400 caractères.", "The tags have at most 400 characters."));
        if (e.RoomName is { Length: > 200 } || e.VenueName is { Length: > 200 } || e.VenueAddress is { Length: > 400 })
            yield return new("venueName", new("Le nom du lieu ou de la salle compte au plus 200 caractères, l'adresse 400.", "The venue or room name has at most 200 characters, the address 400."));
    }

    /// <summary>Capacity not below the seats taken; no switch to "no registration" or back to draft while people are registered.</summary>
    private static void CheckSeats(AgendaEvent e, int active, EditedFields before, List<RuleViolation> problems, DateTime? occurrence)
    {
        var prefix = occurrence is { } d ? new Platform.Localization.LocalizedText($"Séance du {d:dd/MM/yyyy} : ", $"Occurrence of {d:yyyy-MM-dd}: ") : new("", "");
        if (e.Capacity is { } c && !Seats.CapacityFits(c, before.Capacity, e.SeatsTaken))
        {
            var refusal = Seats.CapacityBelowSeats(e.SeatsTaken);
            problems.Add(new("capacity", new($"{prefix.Fr}{refusal.Fr}", $"{prefix.En}{refusal.En}")));
        }
        if (active > 0 && e.RegistrationMode == RegistrationMode.None)
            problems.Add(new("registrationMode", new($"{prefix.Fr}{active} personne(s) sont inscrites : les inscriptions ne peuvent pas être supprimées.", $"{prefix.En}{active} people are registered: registration cannot be removed.")));
        if (active > 0 && e.Status == EventStatus.Draft && before.Status == EventStatus.Published)
            problems.Add(new("status", new($"{prefix.Fr}{active} personne(s) sont inscrites : l'action ne peut pas repasser en brouillon. Annulez-la si elle n'a pas lieu.", $"{prefix.En}{active} people are registered: the event cannot go back to draft. Cancel it if it does not take place.")));
    }

    /// <summary>Sets the Cité and the time zone from the structure or the venue's territory; false when the person has no role there.</summary>
    private async Task<bool> PlaceAsync(AgendaEvent e, List<RuleViolation> problems, CancellationToken ct)
    {
        if (e.StructureId is { } sid)
        {
            var structure = await db.Structures.FirstOrDefaultAsync(s => s.Id == sid, ct);
            if (structure is null)
            {
                problems.Add(new("structureId", new($"Aucune structure n'a le numéro {sid}.", $"No structure has the id {sid}.")));
                return true;
            }
            e.Structure = structure;
            e.CiteId = structure.CiteId;
            e.TimeZoneId = structure.TimeZoneId;
            if (e.VenueTerritoryId is not null)
                problems.Add(new("venueTerritoryId", new("Le territoire d'une action dans une structure est celui de la structure : laissez ce choix vide.", "An event at a structure takes the structure's territory: leave this choice empty.")));
            return await access.CanAsync(EventApi.Organisers, structure);
        }
        e.Structure = null;
        e.TimeZoneId = DefaultTimeZone;
        if (e.VenueTerritoryId is { } tid)
        {
            var territory = await db.Territories.FirstOrDefaultAsync(t => t.Id == tid, ct);
            if (territory is null)
            {
                problems.Add(new("venueTerritoryId", new($"Aucun territoire n'a le numéro {tid}.", $"No territory has the id {tid}.")));
                return true;
            }
            e.CiteId = territory.CiteId;
            return await access.CanOnCiteAsync(EventApi.Organisers, territory.CiteId);
        }
        if (e.Id != 0) return await access.CanOnCiteAsync(EventApi.Organisers, e.CiteId); // an existing online event stays in its Cité
        var cites = await access.CiteIdsAsync();
        if (cites is not { Length: 1 })
        {
            if (e.VenueName is null && e.OnlineUrl is not null)
                problems.Add(new("venueTerritoryId", new("Pour une action en ligne, indiquez le territoire de rattachement.", "For an online event, give the territory it belongs to.")));
            return true;
        }
        e.CiteId = cites[0];
        return await access.CanOnCiteAsync(EventApi.Organisers, e.CiteId);
    }

    private async Task OrganisersAsync(AgendaEvent e, IReadOnlyList<int> partnerIds, List<RuleViolation> problems, CancellationToken ct)
    {
        var ids = partnerIds.Distinct().ToArray();
        var known = await db.Partners.Where(p => ids.Contains(p.Id) && p.CiteId == e.CiteId).Select(p => p.Id).ToListAsync(ct);
        foreach (var missing in ids.Except(known))
            problems.Add(new("organiserIds", new($"Le partenaire {missing} n'est pas un partenaire de cette Cité.", $"Partner {missing} is not a partner of this Cité.")));
        e.Organisers.RemoveAll(o => !ids.Contains(o.PartnerId));
        foreach (var id in known.Where(id => e.Organisers.All(o => o.PartnerId != id)))
            e.Organisers.Add(new EventOrganiser { CiteId = e.CiteId, PartnerId = id });
    }

    private static void CopyOrganisers(AgendaEvent from, AgendaEvent to)
    {
        var ids = from.Organisers.Select(o => o.PartnerId).ToHashSet();
        to.Organisers.RemoveAll(o => !ids.Contains(o.PartnerId));
        foreach (var id in ids.Where(id => to.Organisers.All(o => o.PartnerId != id)))
            to.Organisers.Add(new EventOrganiser { CiteId = to.CiteId, PartnerId = id });
    }

    private async Task<HashSet<int>> AnsweredQuestionsAsync(int[] eventIds, CancellationToken ct) =>
        (await db.RegistrationAnswers.Where(a => db.Set<EventQuestion>().Any(q => q.Id == a.QuestionId && eventIds.Contains(q.EventId)))
            .Select(a => a.QuestionId).Distinct().ToListAsync(ct)).ToHashSet();

    /// <summary>
    /// Replaces the questions: existing ones (by id, or by rank for a following occurrence) are updated,
    /// new ones added, removed ones deleted — unless someone already answered them (their answers would be lost).
    /// </summary>
    private static void SetQuestions(AgendaEvent e, IReadOnlyList<QuestionFields> questions, List<RuleViolation> problems, HashSet<int> answered, bool byOrder = false)
    {
        var kept = new List<EventQuestion>();
        var order = 0;
        var existing = e.Questions.OrderBy(q => q.Order).ToList();
        foreach (var q in questions.Where(q => !string.IsNullOrWhiteSpace(q.Label)))
        {
            var label = q.Label!.Trim();
            var choices = string.Join('\n', (q.Choices ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            if (label.Length > 300)
                problems.Add(new("questions", new("Une question compte au plus 300 caractères.", "A question has at most 300 characters.")));
            if (!Enum.IsDefined(q.Kind))
                problems.Add(new("questions", new("Choisissez le genre de chaque question.", "Choose the kind of each question.")));
            if (q.Kind == QuestionKind.Choice && choices.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length < 2)
                problems.Add(new("questions", new($"La question « {label} » propose au moins deux choix, un par ligne.", $"The question \"{label}\" offers at least two choices, one per line.")));
            var target = byOrder ? existing.ElementAtOrDefault(order) : existing.FirstOrDefault(x => q.Id is { } id && x.Id == id);
            if (target is null)
            {
                target = new EventQuestion { CiteId = e.CiteId, Label = label };
                e.Questions.Add(target);
            }
            target.Order = ++order;
            target.Label = label;
            target.Kind = q.Kind;
            target.Choices = q.Kind == QuestionKind.Choice ? choices : null;
            target.Required = q.Required;
            kept.Add(target);
        }
        foreach (var gone in existing.Where(x => !kept.Contains(x)))
        {
            if (answered.Contains(gone.Id))
                problems.Add(new("questions", new($"Des personnes ont déjà répondu à « {gone.Label} » : elle ne peut plus être retirée.", $"People already answered \"{gone.Label}\": it can no longer be removed.")));
            e.Questions.Remove(gone);
        }
        if (order > 20)
            problems.Add(new("questions", new("Une action pose au plus 20 questions.", "An event asks at most 20 questions.")));
    }

    private static List<DateTime>? SeriesDates(AgendaEvent first, SeriesPlan plan, List<RuleViolation> problems)
    {
        if (!Enum.IsDefined(plan.Frequency))
        {
            problems.Add(new("repeatFrequency", new("Choisissez la fréquence de la série.", "Choose how often the series repeats.")));
            return null;
        }
        if (plan.Count is null == plan.Until is null)
        {
            problems.Add(new("repeatCount", new("Indiquez soit le nombre de séances, soit la date de la dernière.", "Give either the number of occurrences or the date of the last one.")));
            return null;
        }
        try
        {
            var local = first.LocalStart;
            if (plan.Count is { } count) return [.. EventSeries.Dates(local, plan.Frequency, plan.Interval, count)];
            var until = plan.Until!.Value;
            if (until < DateOnly.FromDateTime(local))
            {
                problems.Add(new("repeatUntil", new("La dernière séance ne peut pas précéder la première.", "The last occurrence cannot be before the first.")));
                return null;
            }
            var dates = EventSeries.Dates(local, plan.Frequency, plan.Interval, EventSeries.MaxOccurrences);
            if (DateOnly.FromDateTime(dates[^1]) < until)
            {
                problems.Add(new("repeatUntil", new($"Une série compte au plus {EventSeries.MaxOccurrences} séances : choisissez une date plus proche.", $"A series has at most {EventSeries.MaxOccurrences} occurrences: choose an earlier date.")));
                return null;
            }
            return dates.Where(d => DateOnly.FromDateTime(d) <= until).ToList();
        }
        catch (RuleViolation rule)
        {
            problems.Add(new(rule.Field == "occurrences" ? "repeatCount" : "repeatInterval", rule.Text));
            return null;
        }
    }

    /// <summary>
    /// The fields an edit of "this and following" copies, compared before and after the edit: times of day in the
    /// place's zone, the place, the window as offsets from the start, organisers and questions as text.
    /// </summary>
    private sealed record EditedFields(
        (DateTime Start, DateTime End) Time,
        (int? StructureId, string? VenueName, string? VenueAddress, int? VenueTerritoryId, string? RoomName, string? OnlineUrl) Place,
        EventStatus Status, string Organisers, string Questions, int? Capacity, (TimeSpan? Opens, TimeSpan? Closes) Window,
        string Title, EventType Type, EventTheme? Theme, string? Description, RegistrationMode RegistrationMode, WaitlistPromotion WaitlistPromotion,
        int OfferHoldHours, EventAudience Audience, string? Tags, string Language, string? AccessibilityNotes, int? ReminderHours)
    {
        public static EditedFields Of(AgendaEvent e) => new(
            (e.LocalStart, e.LocalEnd), (e.StructureId, e.VenueName, e.VenueAddress, e.VenueTerritoryId, e.RoomName, e.OnlineUrl), e.Status,
            string.Join(',', e.Organisers.Select(o => o.PartnerId).Order()),
            string.Join('|', e.Questions.OrderBy(q => q.Order).Select(q => $"{q.Label}/{q.Kind}/{q.Choices}/{q.Required}")),
            e.Capacity, (e.RegistrationOpensAt - e.StartsAt, e.RegistrationClosesAt - e.StartsAt),
            e.Title, e.Type, e.Theme, e.Description, e.RegistrationMode, e.WaitlistPromotion, e.OfferHoldHours,
            e.Audience, e.Tags, e.Language, e.AccessibilityNotes, e.ReminderHours);
    }

    /// <summary>A following occurrence takes the fields that changed on the edited one; a change of time of day or length shifts its own times.</summary>
    private static void Follow(AgendaEvent edited, EditedFields before, EditedFields after, AgendaEvent other)
    {
        var otherStart = other.LocalStart;
        var otherEnd = other.LocalEnd;
        if (after.Place != before.Place)
        {
            other.StructureId = edited.StructureId; other.Structure = edited.Structure; other.TimeZoneId = edited.TimeZoneId;
            other.VenueName = edited.VenueName; other.VenueAddress = edited.VenueAddress; other.VenueTerritoryId = edited.VenueTerritoryId;
            other.RoomName = edited.RoomName; other.OnlineUrl = edited.OnlineUrl;
        }
        if (after.Status != before.Status) other.Status = edited.Status;
        if (after.Capacity != before.Capacity) other.Capacity = edited.Capacity;
        if (after.Title != before.Title) other.Title = edited.Title;
        if (after.Type != before.Type) other.Type = edited.Type;
        if (after.Theme != before.Theme) other.Theme = edited.Theme;
        if (after.Description != before.Description) other.Description = edited.Description;
        if (after.RegistrationMode != before.RegistrationMode) other.RegistrationMode = edited.RegistrationMode;
        if (after.WaitlistPromotion != before.WaitlistPromotion) other.WaitlistPromotion = edited.WaitlistPromotion;
        if (after.OfferHoldHours != before.OfferHoldHours) other.OfferHoldHours = edited.OfferHoldHours;
        if (after.Audience != before.Audience) other.Audience = edited.Audience;
        if (after.Tags != before.Tags) other.Tags = edited.Tags;
        if (after.Language != before.Language) other.Language = edited.Language;
        if (after.AccessibilityNotes != before.AccessibilityNotes) other.AccessibilityNotes = edited.AccessibilityNotes;
        if (after.ReminderHours != before.ReminderHours) other.ReminderHours = edited.ReminderHours;
        if (after.Time != before.Time || after.Place != before.Place)
        {
            // Each keeps its own date; the time of day moves as the edited one's did, and the length changes as its did.
            var (oldStart, oldEnd) = before.Time;
            var newStart = edited.LocalStart;
            var shift = newStart.TimeOfDay - oldStart.TimeOfDay;
            var length = (otherEnd - otherStart) + ((edited.LocalEnd - newStart) - (oldEnd - oldStart));
            var start = otherStart + shift;
            other.StartsAt = Zoned.ToUtc(start, other.TimeZone);
            other.EndsAt = Zoned.ToUtc(start + length, other.TimeZone);
        }
        if (after.Window != before.Window || after.Time != before.Time)
        {
            other.RegistrationOpensAt = edited.RegistrationOpensAt is { } o ? other.StartsAt + (o - edited.StartsAt) : null;
            other.RegistrationClosesAt = edited.RegistrationClosesAt is { } c ? other.StartsAt + (c - edited.StartsAt) : null;
        }
    }

    private static string Describe(AgendaEvent e) =>
        $"{e.LocalStart:dd/MM/yyyy HH:mm}–{e.LocalEnd:HH:mm}, {AgendaText.Place(e)}";

    private static List<RuleViolation> Distinct(List<RuleViolation> problems) =>
        problems.GroupBy(p => (p.Field, p.Text.Fr)).Select(g => g.First()).ToList();

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

/// <summary>Local wall-clock times of a place to instants, whatever the daylight-saving changes.</summary>
internal static class Zoned
{
    public static DateTimeOffset ToUtc(DateTime local, TimeZoneInfo zone)
    {
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(local)) local = local.AddMinutes(15); // the hour skipped in spring
        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(local, zone), TimeSpan.Zero);
    }
}
