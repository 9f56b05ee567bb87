using Maillage.Platform.Data;
using Maillage.Platform.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Maillage.Entrepreneurship;

/// <summary>
/// Erases the holders whose last contact is older than <c>Entrepreneurship:RetentionMonths</c> (default 24), one by one
/// through <see cref="HolderErasure"/> so that the years' counts stay. A second run finds nothing left to do.
/// </summary>
internal sealed class HolderRetention(MaillageDb db, HolderErasure erasure, TimeProvider clock, IOptions<EntrepreneurshipOptions> options, ILogger<HolderRetention> logger)
{
    public DateOnly Cutoff => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime).AddMonths(-options.Value.RetentionMonths);

    public async Task<int> RunAsync(CancellationToken ct = default)
    {
        var cutoff = Cutoff;
        var ids = await db.Set<ProjectHolder>().IgnoreQueryFilters().Where(h => h.LastContactOn < cutoff).OrderBy(h => h.Id).Select(h => h.Id).ToListAsync(ct);
        foreach (var id in ids)
        {
            if (ct.IsCancellationRequested) break;
            var holder = await db.Set<ProjectHolder>().IgnoreQueryFilters().Include(h => h.Steps).FirstOrDefaultAsync(h => h.Id == id, ct);
            if (holder is not null && holder.LastContactOn < cutoff) await erasure.EraseAsync(holder, "retention", ct);
        }
        if (ids.Count > 0) logger.LogInformation("Retention: erased {Count} project holders without contact since {Cutoff:yyyy-MM-dd}", ids.Count, cutoff);
        return ids.Count;
    }
}

/// <summary>The scheduled run of <see cref="HolderRetention"/> (every <c>Entrepreneurship:RetentionIntervalHours</c>).</summary>
internal sealed class HolderRetentionJob(HolderRetention retention) : IBackgroundJob
{
    public Task RunAsync(IReadOnlyDictionary<string, string> data, CancellationToken ct) => retention.RunAsync(ct);
}
