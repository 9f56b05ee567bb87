using Maillage.Network;
using Maillage.Platform.Data;
using Maillage.Platform.Errors;
using Maillage.Platform.Identity;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Agenda.Events;

/// <summary>Loading an event, who may manage it, and the time zone its times are given in: what the pages, the API and the edits share.</summary>
internal sealed class EventAccess(MaillageDb db, StaffAccess access)
{
    public const string DefaultTimeZone = "Europe/Paris";

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
