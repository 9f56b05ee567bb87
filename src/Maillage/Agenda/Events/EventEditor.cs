using Maillage.Platform.Data;
using Maillage.Platform.Errors;
using Maillage.Platform.Identity;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Agenda.Events;

/// <summary>Creates and edits events, checking the person's role on the event's structure or Cité.</summary>
public sealed class EventEditor(MaillageDb db, StaffAccess access, TimeProvider clock)
{
    /// <summary>Null when the person may not create an event there.</summary>
    internal async Task<AgendaEvent?> CreateAsync(EventApi.CreateEventRequest r, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (r.Type is null) throw new RuleViolation("type", new("Choisissez le type d'action.", "Choose the type of event."));
        if (r.StartsAt is null) throw new RuleViolation("startsAt", new("Indiquez le début (date et heure).", "Give the start (date and time)."));
        if (r.EndsAt is null) throw new RuleViolation("endsAt", new("Indiquez la fin (date et heure).", "Give the end (date and time)."));
        var e = new AgendaEvent
        {
            Title = r.Title?.Trim() ?? "", Type = r.Type.Value, Theme = r.Theme, Description = r.Description?.Trim(),
            StartsAt = r.StartsAt.Value.ToUniversalTime(), EndsAt = r.EndsAt.Value.ToUniversalTime(),
            StructureId = r.StructureId, VenueName = Clean(r.VenueName), VenueAddress = Clean(r.VenueAddress), VenueTerritoryId = r.VenueTerritoryId,
            RoomName = Clean(r.RoomName), OnlineUrl = Clean(r.OnlineUrl), Tags = Clean(r.Tags), Language = Clean(r.Language)?.ToLowerInvariant() ?? "fr",
            AccessibilityNotes = Clean(r.AccessibilityNotes), Capacity = r.Capacity,
            RegistrationMode = r.RegistrationMode ?? RegistrationMode.Open, WaitlistPromotion = r.WaitlistPromotion ?? WaitlistPromotion.Direct,
            RegistrationOpensAt = r.RegistrationOpensAt?.ToUniversalTime(), RegistrationClosesAt = r.RegistrationClosesAt?.ToUniversalTime(),
            OfferHoldHours = r.OfferHoldHours ?? 24, ReminderHours = r.ReminderHours, CreatedAt = now,
            Audience = (r.Audience ?? []).Aggregate(EventAudience.None, (a, b) => a | b),
        };
        if (e.RegistrationMode == RegistrationMode.None && e.Capacity is null) e.Capacity = null;
        e.Validate();
        if (!await PlaceAsync(e, ct)) return null;
        foreach (var partnerId in (r.OrganiserIds ?? []).Distinct())
        {
            if (!await db.Partners.AnyAsync(p => p.Id == partnerId && p.CiteId == e.CiteId, ct))
                throw new RuleViolation("organiserIds", new($"Le partenaire {partnerId} n'est pas un partenaire de cette Cité.", $"Partner {partnerId} is not a partner of this Cité."));
            e.Organisers.Add(new EventOrganiser { CiteId = e.CiteId, PartnerId = partnerId });
        }
        if (r.Status == EventStatus.Cancelled)
            throw new RuleViolation("status", new("Une action se crée en brouillon ou publiée.", "An event is created as a draft or published."));
        e.Status = r.Status ?? EventStatus.Published;
        if (e.Status == EventStatus.Published) e.PublishedAt = now;
        db.Events.Add(e);
        await db.SaveChangesAsync(ct);
        return e;
    }

    /// <summary>Sets the Cité from the structure or the venue's territory and checks the person's scope there.</summary>
    internal async Task<bool> PlaceAsync(AgendaEvent e, CancellationToken ct)
    {
        if (e.StructureId is { } sid)
        {
            var structure = await db.Structures.FirstOrDefaultAsync(s => s.Id == sid, ct)
                ?? throw new RuleViolation("structureId", new($"Aucune structure n'a le numéro {sid}.", $"No structure has the id {sid}."));
            e.CiteId = structure.CiteId;
            if (e.VenueTerritoryId is not null)
                throw new RuleViolation("venueTerritoryId", new("Le territoire d'une action dans une structure est celui de la structure.", "An event at a structure takes the structure's territory."));
            return await access.CanAsync(EventApi.Organisers, structure);
        }
        if (e.VenueTerritoryId is { } tid)
        {
            var territory = await db.Territories.FirstOrDefaultAsync(t => t.Id == tid, ct)
                ?? throw new RuleViolation("venueTerritoryId", new($"Aucun territoire n'a le numéro {tid}.", $"No territory has the id {tid}."));
            e.CiteId = territory.CiteId;
            return await access.CanOnCiteAsync(EventApi.Organisers, territory.CiteId);
        }
        // Online only: the person's single Cité.
        var cites = await access.CiteIdsAsync();
        if (cites is not { Length: 1 })
            throw new RuleViolation("venueTerritoryId", new("Pour une action en ligne, indiquez le territoire de rattachement.", "For an online event, give the territory it belongs to."));
        e.CiteId = cites[0];
        return await access.CanOnCiteAsync(EventApi.Organisers, e.CiteId);
    }

    public async Task<bool> CanManageAsync(int eventId, CancellationToken ct)
    {
        var e = await db.Events.Include(x => x.Structure).FirstOrDefaultAsync(x => x.Id == eventId, ct)
                ?? throw new NotFoundProblem(new("Cette action n'existe pas dans vos Cités.", "This event does not exist in your Cités."));
        return e.Structure is { } s ? await access.CanAsync(EventApi.Organisers, s) : await access.CanOnCiteAsync(EventApi.Organisers, e.CiteId);
    }

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
