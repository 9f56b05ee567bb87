using Maillage.Platform.Localization;
using Maillage.Agenda.Registrations;
using Maillage.Platform.Data;
using Maillage.Platform.Errors;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Agenda.Events;

/// <summary>
/// Edits an event the person manages.
/// An edit of a series occurrence applies to that occurrence only, or to it and the following ones:
/// those keep their own dates but take the fields that changed; a change of time of day shifts each
/// one's time of day; occurrences already cancelled or past are left alone. Registrations are kept;
/// when an event's date, time or place changes its registrants are told through the outbox, in the
/// same transaction as the change.
/// </summary>
internal sealed class EventUpdate(MaillageDb db, TimeProvider clock, Seats seats, AgendaMail mail, EventAccess events, EventFieldRules rules, Rooms.EventRooms rooms)
{
    /// <summary>
    /// Edits an event with every field given; for an occurrence of a series, <paramref name="scope"/>
    /// says whether the following occurrences take the changes too. Nothing is saved if a rule is broken.
    /// </summary>
    public async Task<EditOutcome> UpdateAsync(int eventId, EventFields f, SeriesEditScope scope, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var e = await events.LoadAsync(eventId, ct);
        if (!await events.CanManageAsync(e)) return EditOutcome.Refused;
        var problems = new List<RuleViolation>();
        if (e.Status == EventStatus.Cancelled)
            return EditOutcome.Broken([new("status", new("Cette action est annulée : elle ne se modifie plus.", "This event is cancelled: it can no longer be changed."))]);
        EventFieldRules.Required(f, problems);
        if (f.Status == EventStatus.Cancelled)
            problems.Add(new("status", new("Pour annuler, utilisez « Annuler l'action » : les inscrit·es sont prévenu·es.", "To cancel, use \"Cancel the event\": registrants are told.")));
        if (scope == SeriesEditScope.ThisAndFollowing && e.SeriesId is null)
            problems.Add(new("scope", new("Cette action ne fait pas partie d'une série.", "This event is not part of a series.")));

        var before = EditedFields.Of(e);
        var beforeCite = e.CiteId;
        var beforeWhen = Describe(e);
        var active = await db.Registrations.Where(r => r.EventId == e.Id && (r.Status == RegistrationStatus.Confirmed || r.Status == RegistrationStatus.Waitlisted
                                                          || r.Status == RegistrationStatus.Offered || r.Status == RegistrationStatus.Pending)).CountAsync(ct);
        EventFieldRules.Apply(e, f with { Status = f.Status ?? e.Status });
        var allowed = await rules.PlaceAsync(e, problems, ct);
        EventFieldRules.ReadLocalTimes(e, f, problems);
        if (e.CiteId != beforeCite)
            problems.Add(new("structureId", new("Une action reste dans sa Cité : choisissez un lieu de la même Cité.", "An event stays in its Cité: choose a place of the same Cité.")));
        problems.AddRange(EventFieldRules.Problems(e, problems));
        CheckSeats(e, active, before, problems, null);
        if (f.OrganiserIds is not null) await rules.OrganisersAsync(e, f.OrganiserIds, problems, ct);
        if (f.Questions is not null) EventFieldRules.SetQuestions(e, f.Questions, problems, await AnsweredQuestionsAsync([e.Id], ct));
        var after = EditedFields.Of(e);
        // The person manages this event (checked above); a new place needs their role there too.
        if (after.Place == before.Place) allowed = true;

        var moved = new Dictionary<AgendaEvent, string>();
        if (after.Time != before.Time || after.Place != before.Place)
            moved[e] = beforeWhen;
        var following = scope == SeriesEditScope.ThisAndFollowing && e.SeriesId is not null && problems.Count == 0
            ? await FollowAsync(e, before, after, now, problems, moved, ct)
            : [];
        // A booked room: each event must fit it (seats, hours) and find it free, its own booking aside. The following
        // occurrences of a series are checked too, each refusal naming its date: either all take the room or nothing changes.
        if (problems.Count == 0)
            await CheckRoomsAsync(e, following, problems, ct);
        if (problems.Count > 0)
        {
            db.ChangeTracker.Clear();
            return EditOutcome.Broken(EventFieldRules.Distinct(problems));
        }
        if (!allowed)
        {
            db.ChangeTracker.Clear();
            return EditOutcome.Refused;
        }

        var all = new List<AgendaEvent> { e };
        all.AddRange(following);
        await SaveAsync(all, moved, now, ct);
        return new EditOutcome(e, [], all.Select(x => x.Id).ToList());
    }

    /// <summary>
    /// The following occurrences (not cancelled, not past) take the fields that changed on the edited one; their
    /// broken rules are added, naming the occurrence, and those whose time or place moved are added to <paramref name="moved"/>.
    /// </summary>
    private async Task<List<AgendaEvent>> FollowAsync(AgendaEvent e, EditedFields before, EditedFields after, DateTimeOffset now,
        List<RuleViolation> problems, Dictionary<AgendaEvent, string> moved, CancellationToken ct)
    {
        var seriesId = e.SeriesId!.Value;
        var following = await db.Events.Include(x => x.Structure).Include(x => x.Organisers).Include(x => x.Questions)
            .Where(x => x.SeriesId == seriesId && x.Id != e.Id && x.SeriesIndex > e.SeriesIndex && x.Status != EventStatus.Cancelled && x.StartsAt > now)
            .OrderBy(x => x.SeriesIndex).AsSplitQuery().ToListAsync(ct);
        var followingAnswered = await AnsweredQuestionsAsync(following.Select(x => x.Id).ToArray(), ct);
        var taken = await db.Registrations.Where(r => following.Select(x => x.Id).Contains(r.EventId) && (r.Status == RegistrationStatus.Confirmed
                        || r.Status == RegistrationStatus.Waitlisted || r.Status == RegistrationStatus.Offered || r.Status == RegistrationStatus.Pending))
            .GroupBy(r => r.EventId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        foreach (var other in following)
        {
            var otherBefore = EditedFields.Of(other);
            var otherWhen = Describe(other);
            Follow(e, before, after, other);
            var broken = other.Problems().ToList();
            foreach (var rule in broken)
                problems.Add(new(rule.Field, OccurrencePrefix(other.LocalStart) + rule.Text));
            CheckSeats(other, taken.GetValueOrDefault(other.Id), otherBefore, problems, other.LocalStart);
            if (after.Organisers != before.Organisers)
                CopyOrganisers(e, other);
            if (after.Questions != before.Questions)
                EventFieldRules.SetQuestions(other, e.Questions.OrderBy(q => q.Order).Select(q => new QuestionFields(q.Label, q.Kind, q.Choices, q.Required)).ToList(), problems, followingAnswered, byOrder: true);
            var otherAfter = EditedFields.Of(other);
            if (otherAfter.Time != otherBefore.Time || otherAfter.Place != otherBefore.Place)
                moved[other] = otherWhen;
        }
        return following;
    }

    /// <summary>
    /// The room each event holds after the edit (issue 20: a room change on "this and following" carries to the later
    /// occurrences): seats, bookable hours and the room free at that time. The later occurrences' refusals name their date.
    /// </summary>
    private async Task CheckRoomsAsync(AgendaEvent edited, List<AgendaEvent> following, List<RuleViolation> problems, CancellationToken ct)
    {
        if (edited.RoomId is { } roomId)
            problems.AddRange(await rooms.CheckAsync(roomId, edited.StructureId, edited.StartsAt, edited.EndsAt, edited.Capacity, edited.Id, ct));
        foreach (var other in following)
        {
            if (other.RoomId is not { } otherRoom) continue;
            foreach (var rule in await rooms.CheckAsync(otherRoom, other.StructureId, other.StartsAt, other.EndsAt, other.Capacity, other.Id, ct))
                problems.Add(new(rule.Field, OccurrencePrefix(other.LocalStart) + rule.Text));
        }
    }

    private static Platform.Localization.LocalizedText OccurrencePrefix(DateTime occurrence) =>
        new($"Séance du {occurrence:dd/MM/yyyy} : ", $"Occurrence of {occurrence:yyyy-MM-dd}: ");

    /// <summary>
    /// Saves the edited events in one transaction with the e-mails to the registrants of those moved (outbox);
    /// a capacity change goes through <see cref="Seats"/> inside it.
    /// </summary>
    private async Task SaveAsync(List<AgendaEvent> all, Dictionary<AgendaEvent, string> moved, DateTimeOffset now, CancellationToken ct)
    {
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
        // Rooms (issue 20 item 8): the booked room follows the event; a room taken away is freed.
        foreach (var x in all)
        {
            if (x.RoomId is { } roomId) await rooms.BookAsync(x.Id, roomId, x.StartsAt, x.EndsAt, x.Title, x.Capacity ?? newCapacity.GetValueOrDefault(x.Id), ct);
            else await rooms.ReleaseAsync(x.Id, ct);
        }
        await db.SaveChangesAsync(ct);
        foreach (var (id, capacity) in newCapacity)
        {
            if (capacity is { } c) await seats.ChangeCapacityAsync(id, c, ct);
            else await db.Events.Where(x => x.Id == id).ExecuteUpdateAsync(s => s.SetProperty(x => x.Capacity, (int?)null), ct);
        }
        await tx.CommitAsync(ct); // evicts the public lists once more (PublicCache.EvictionOnCommit)
    }

    /// <summary>Capacity not below the seats taken; no switch to "no registration" or back to draft while people are registered.</summary>
    private static void CheckSeats(AgendaEvent e, int active, EditedFields before, List<RuleViolation> problems, DateTime? occurrence)
    {
        var prefix = occurrence is { } d ? OccurrencePrefix(d) : new("", "");
        if (e.Capacity is { } c && !Seats.CapacityFits(c, before.Capacity, e.SeatsTaken))
        {
            var refusal = Seats.CapacityBelowSeats(e.SeatsTaken);
            problems.Add(new("capacity", new($"{prefix.Fr}{refusal.Fr}", $"{prefix.En}{refusal.En}")));
        }
        if (active > 0 && e.RegistrationMode == RegistrationMode.None)
            problems.Add(new("registrationMode", prefix + Plural.Of(active, "{n} personne est inscrite : les inscriptions ne peuvent pas être supprimées.", "{n} personnes sont inscrites : les inscriptions ne peuvent pas être supprimées.", "{n} person is registered: registration cannot be removed.", "{n} people are registered: registration cannot be removed.")));
        if (active > 0 && e.Status == EventStatus.Draft && before.Status == EventStatus.Published)
            problems.Add(new("status", prefix + Plural.Of(active, "{n} personne est inscrite : l'action ne peut pas repasser en brouillon. Annulez-la si elle n'a pas lieu.", "{n} personnes sont inscrites : l'action ne peut pas repasser en brouillon. Annulez-la si elle n'a pas lieu.", "{n} person is registered: the event cannot go back to draft. Cancel it if it does not take place.", "{n} people are registered: the event cannot go back to draft. Cancel it if it does not take place.")));
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
    /// The fields an edit of "this and following" copies, compared before and after the edit: times of day in the
    /// place's zone, the place, the room booked, the window as offsets from the start, organisers and questions as text.
    /// </summary>
    private sealed record EditedFields(
        (DateTime Start, DateTime End) Time,
        (int? StructureId, string? VenueName, string? VenueAddress, int? VenueTerritoryId, string? RoomName, string? OnlineUrl) Place,
        int? RoomId, EventStatus Status, string Organisers, string Questions, int? Capacity, (TimeSpan? Opens, TimeSpan? Closes) Window,
        string Title, EventType Type, EventTheme? Theme, string? Description, RegistrationMode RegistrationMode, WaitlistPromotion WaitlistPromotion,
        int OfferHoldHours, bool ConfirmByEmail, EventAudience Audience, string? Tags, string Language, string? AccessibilityNotes, int? ReminderHours)
    {
        public static EditedFields Of(AgendaEvent e) => new(
            (e.LocalStart, e.LocalEnd), (e.StructureId, e.VenueName, e.VenueAddress, e.VenueTerritoryId, e.RoomName, e.OnlineUrl), e.RoomId, e.Status,
            string.Join(',', e.Organisers.Select(o => o.PartnerId).Order()),
            string.Join('|', e.Questions.OrderBy(q => q.Order).Select(q => $"{q.Label}/{q.Kind}/{q.Choices}/{q.Required}")),
            e.Capacity, (e.RegistrationOpensAt - e.StartsAt, e.RegistrationClosesAt - e.StartsAt),
            e.Title, e.Type, e.Theme, e.Description, e.RegistrationMode, e.WaitlistPromotion, e.OfferHoldHours, e.ConfirmByEmail,
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
        if (after.RoomId != before.RoomId) other.RoomId = edited.RoomId; // the room booked moves with them (checked, then booked on save)
        if (after.Status != before.Status) other.Status = edited.Status;
        if (after.Capacity != before.Capacity) other.Capacity = edited.Capacity;
        if (after.Title != before.Title) other.Title = edited.Title;
        if (after.Type != before.Type) other.Type = edited.Type;
        if (after.Theme != before.Theme) other.Theme = edited.Theme;
        if (after.Description != before.Description) other.Description = edited.Description;
        if (after.RegistrationMode != before.RegistrationMode) other.RegistrationMode = edited.RegistrationMode;
        if (after.WaitlistPromotion != before.WaitlistPromotion) other.WaitlistPromotion = edited.WaitlistPromotion;
        if (after.OfferHoldHours != before.OfferHoldHours) other.OfferHoldHours = edited.OfferHoldHours;
        if (after.ConfirmByEmail != before.ConfirmByEmail) other.ConfirmByEmail = edited.ConfirmByEmail;
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
}
