using Maillage.Network;
using Maillage.Platform.Data;
using Maillage.Visits.Categories;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace Maillage.Visits.Reception;

/// <summary>What the reception and counsellor screens show about a structure: defaults, today's counts, last entries.</summary>
internal sealed class ReceptionDesk(MaillageDb db, TimeProvider clock, IMemoryCache cache)
{
    public sealed record Defaults(Channel Channel, IReadOnlyList<Needs> PoleThemes);
    public sealed record TodayCounts(int Visits, int Interviews)
    {
        public int Total => Visits + Interviews;
    }
    public sealed record LastEntry(Guid ClientId, DateTimeOffset ReceivedAt, Visit Visit);

    /// <summary>
    /// The structure's usual channel: the most frequent over its last 30 days, else walk-in — shown on the reception
    /// screen, where the agent changes it. No need is assumed (issue 19: a default need fed itself); the needs offered
    /// first are those of the structure's poles.
    /// </summary>
    /// <remarks>Kept ten minutes per structure and instance: a habit, not a count, and the screen reloads after every form post.</remarks>
    public async Task<Defaults> DefaultsAsync(Structure structure, CancellationToken ct = default) =>
        (await cache.GetOrCreateAsync($"visits:defaults:{structure.Id}", entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(10);
            return ComputeDefaultsAsync(structure, ct);
        }))!;

    private async Task<Defaults> ComputeDefaultsAsync(Structure structure, CancellationToken ct)
    {
        var themes = structure.Poles.OrderBy(p => p.Order).Select(CategoryText.ThemeOf).Distinct().ToList();
        var since = QuarterHour.Of(clock.GetUtcNow().AddDays(-30));
        var recent = db.Visits.AsNoTracking().Where(v => v.StructureId == structure.Id && v.Quarter >= since);
        var channel = await recent.GroupBy(v => v.Channel).OrderByDescending(g => g.Count()).Select(g => (Channel?)g.Key).FirstOrDefaultAsync(ct);
        return new Defaults(channel ?? Channel.WalkIn, themes);
    }

    /// <summary>Quarter hour at which the structure's local day began.</summary>
    public int StartOfToday(Structure structure)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(structure.TimeZoneId);
        var local = TimeZoneInfo.ConvertTime(clock.GetUtcNow(), zone);
        var midnight = new DateTimeOffset(local.Date, zone.GetUtcOffset(local.Date));
        return QuarterHour.Of(midnight);
    }

    public async Task<TodayCounts> TodayAsync(Structure structure, CancellationToken ct = default)
    {
        var from = StartOfToday(structure);
        var counts = await db.Visits.AsNoTracking().Where(v => v.StructureId == structure.Id && v.Quarter >= from)
            .GroupBy(v => v.Kind).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        return new TodayCounts(counts.Where(c => c.Key == VisitKind.Visit).Sum(c => c.Count), counts.Where(c => c.Key == VisitKind.Interview).Sum(c => c.Count));
    }

    /// <summary>The last entries recorded today at the structure that can still be undone.</summary>
    public async Task<IReadOnlyList<LastEntry>> LastEntriesAsync(Structure structure, int count = 5, CancellationToken ct = default)
    {
        var dayStart = QuarterHour.ToTime(StartOfToday(structure)).ToUnixTimeMilliseconds();
        var rows = await (from r in db.VisitReceipts.AsNoTracking()
                          join v in db.Visits.AsNoTracking() on r.VisitId equals v.Id
                          where r.StructureId == structure.Id && r.ReceivedAt >= dayStart && r.VisitId > 0
                          orderby r.ReceivedAt descending
                          select new { r.ClientId, r.ReceivedAt, Visit = v }).Take(count).ToListAsync(ct);
        return rows.Select(r => new LastEntry(r.ClientId, DateTimeOffset.FromUnixTimeMilliseconds(r.ReceivedAt), r.Visit)).ToList();
    }
}
