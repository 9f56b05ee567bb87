using Maillage.Agenda.Registrations;
using Maillage.Network;
using Maillage.Platform.Data;
using Maillage.Platform.Errors;
using Maillage.Platform.Identity;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Agenda.Events;

/// <summary>
/// Puts <see cref="EventFields"/> on an event and checks them, for a new event as for an edit: the place (which sets
/// the Cité and time zone, and says whether the person has a role there), the organisers, the questions, the form's rules.
/// </summary>
internal sealed class EventFieldRules(MaillageDb db, StaffAccess access)
{
    /// <summary>A start, an end and a type: without them an event cannot be checked further.</summary>
    public static void Required(EventFields f, List<RuleViolation> problems)
    {
        if (f.StartsAt is null) problems.Add(new("startsAt", new("Indiquez le début (date et heure).", "Give the start (date and time).")));
        if (f.EndsAt is null) problems.Add(new("endsAt", new("Indiquez la fin (date et heure).", "Give the end (date and time).")));
        if (f.Type is null) problems.Add(new("type", new("Choisissez le type d'action.", "Choose the type of event.")));
    }

    public static void Apply(AgendaEvent e, EventFields f)
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
        e.RoomId = f.RoomId;
        e.OnlineUrl = Clean(f.OnlineUrl);
        e.RegistrationMode = f.RegistrationMode ?? RegistrationMode.Open;
        e.Capacity = f.Capacity;
        e.WaitlistPromotion = f.WaitlistPromotion ?? WaitlistPromotion.Direct;
        e.OfferHoldHours = f.OfferHoldHours ?? 24;
        e.ConfirmByEmail = f.ConfirmByEmail ?? false;
        e.RegistrationOpensAt = f.RegistrationOpensAt?.ToUniversalTime();
        e.RegistrationClosesAt = f.RegistrationClosesAt?.ToUniversalTime();
        e.Audience = (f.Audience ?? []).Aggregate(EventAudience.None, (a, b) => a | b);
        e.Tags = Clean(f.Tags);
        e.Language = Clean(f.Language)?.ToLowerInvariant() ?? "fr";
        e.AccessibilityNotes = Clean(f.AccessibilityNotes);
        e.ReminderHours = f.ReminderHours;
        if (f.Status is { } status) e.Status = status;
    }

    /// <summary>The rules of <see cref="AgendaEvent.Problems"/> plus those of the organiser's form: one place, a window that closes before the start.</summary>
    public static IEnumerable<RuleViolation> Problems(AgendaEvent e, IReadOnlyList<RuleViolation> already)
    {
        // A missing time or type is reported once: the rules that read it would only repeat it falsely.
        var timesMissing = already.Any(a => a.Field is "startsAt" or "endsAt");
        var typeMissing = already.Any(a => a.Field == "type");
        foreach (var p in e.Problems())
            if (!already.Any(a => a.Field == p.Field) && !(timesMissing && p.Field == "endsAt") && !(typeMissing && p.Field is "theme" or "onlineUrl")) yield return p;
        // Years outside 2000–2100 are typing errors (and overflow the arithmetic of periods and series).
        if (!timesMissing && DateInput.Problem(e.StartsAt.Year, "startsAt") is { } startYear) yield return startYear;
        if (!timesMissing && DateInput.Problem(e.EndsAt.Year, "endsAt") is { } endYear) yield return endYear;
        if (e.RegistrationOpensAt is { } opensAt && DateInput.Problem(opensAt.Year, "registrationOpensAt") is { } opensYear) yield return opensYear;
        if (e.RegistrationClosesAt is { } closesAt && DateInput.Problem(closesAt.Year, "registrationClosesAt") is { } closesYear) yield return closesYear;
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

    /// <summary>
    /// Reads the times given without offset in the event's zone (set by <see cref="PlaceAsync"/>); a time the clocks skip
    /// there (spring forward) is refused naming its field rather than moved.
    /// </summary>
    public static void ReadLocalTimes(AgendaEvent e, EventFields f, List<RuleViolation> problems)
    {
        if (f.LocalTimes.Count == 0) return;
        var zone = e.TimeZone;
        DateTimeOffset? Read(string field, DateTimeOffset? value)
        {
            if (value is not { } v || !f.LocalTimes.Contains(field)) return value;
            var wall = DateTime.SpecifyKind(v.DateTime, DateTimeKind.Unspecified);
            if (!zone.IsInvalidTime(wall)) return Zoned.ToUtc(wall, zone);
            problems.Add(new(field, new($"{wall:HH:mm} n'existe pas le {wall:dd/MM/yyyy} à {zone.Id} (passage à l'heure d'été) : choisissez une autre heure.",
                $"{wall:HH:mm} does not exist on {wall:yyyy-MM-dd} in {zone.Id} (clocks go forward): choose another time.")));
            return value;
        }
        e.StartsAt = Read("startsAt", e.StartsAt)!.Value;
        e.EndsAt = Read("endsAt", e.EndsAt)!.Value;
        e.RegistrationOpensAt = Read("registrationOpensAt", e.RegistrationOpensAt);
        e.RegistrationClosesAt = Read("registrationClosesAt", e.RegistrationClosesAt);
    }

    /// <summary>Sets the Cité and the time zone from the structure or the venue's territory; false when the person has no role there.</summary>
    public async Task<bool> PlaceAsync(AgendaEvent e, List<RuleViolation> problems, CancellationToken ct)
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
        e.TimeZoneId = EventAccess.DefaultTimeZone;
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

    public async Task OrganisersAsync(AgendaEvent e, IReadOnlyList<int> partnerIds, List<RuleViolation> problems, CancellationToken ct)
    {
        var ids = partnerIds.Distinct().ToArray();
        var known = await db.Partners.Where(p => ids.Contains(p.Id) && p.CiteId == e.CiteId).Select(p => p.Id).ToListAsync(ct);
        foreach (var missing in ids.Except(known))
            problems.Add(new("organiserIds", new($"Le partenaire {missing} n'est pas un partenaire de cette Cité.", $"Partner {missing} is not a partner of this Cité.")));
        e.Organisers.RemoveAll(o => !ids.Contains(o.PartnerId));
        foreach (var id in known.Where(id => e.Organisers.All(o => o.PartnerId != id)))
            e.Organisers.Add(new EventOrganiser { CiteId = e.CiteId, PartnerId = id });
    }

    /// <summary>
    /// Replaces the questions: existing ones (by id, or by rank for a following occurrence) are updated,
    /// new ones added, removed ones deleted — unless someone already answered them (their answers would be lost).
    /// </summary>
    public static void SetQuestions(AgendaEvent e, IReadOnlyList<QuestionFields> questions, List<RuleViolation> problems, HashSet<int> answered, bool byOrder = false)
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

    public static List<RuleViolation> Distinct(List<RuleViolation> problems) =>
        problems.GroupBy(p => (p.Field, p.Text.Fr)).Select(g => g.First()).ToList();

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
