using Maillage.Network;
using Maillage.Network.Places;
using Maillage.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Roster.Presence;

/// <summary>
/// The public presence (issue 20, item 3): the duties held at a structure — slots still planned; an absent or
/// cancelled slot is simply not there, a replacement is a held slot of its own — with the partner's name only.
/// Serves the place page (<see cref="IPlacePresence"/>), the on-duty API and the iCalendar feed.
/// </summary>
internal sealed class DutyPresence(MaillageDb db) : IPlacePresence
{
    /// <summary>
    /// The longest duty the presence looks back for: a slot is a half-day or a day, so one that overlaps the period
    /// started less than this before it — which lets the (structure, start) index bound the read on both sides.
    /// </summary>
    public static readonly TimeSpan LongestDuty = TimeSpan.FromHours(24);

    public async Task<IReadOnlyList<PlaceDuty>> HeldAsync(int structureId, DateTimeOffset start, DateTimeOffset end, CancellationToken ct = default)
    {
        // PostgreSQL takes instants in UTC only (timestamptz); the bounds may come in the place's offset.
        start = start.ToUniversalTime();
        end = end.ToUniversalTime();
        var earliest = start - LongestDuty;
        return await (from s in db.DutySlots.AsNoTracking()
               join p in db.Partners on s.PartnerId equals p.Id
               where s.StructureId == structureId && s.Status == DutyStatus.Planned && s.StartsAt > earliest && s.StartsAt < end && s.EndsAt > start
               orderby s.StartsAt, s.PoleId, p.Name
               select new PlaceDuty(s.PoleId, p.Name, s.StartsAt, s.EndsAt)).ToListAsync(ct);
    }

    public string FeedUrl(int structureId) => $"/api/v1/structures/{structureId}/on-duty.ics";
}
