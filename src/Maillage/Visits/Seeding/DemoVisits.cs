using Microsoft.Extensions.Options;
using Maillage.Network;
using Maillage.Platform.Data;
using Maillage.Platform.Modules;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Visits.Seeding;

/// <summary>
/// Three years of synthetic visits for each reference Cité (the same generator as <c>seed-visits</c>), so that the
/// dashboards and the public key figures (last full year against the one before) show something on a first start in
/// Development; only into a database with no visit at all, so that nothing typed in is ever mixed with them.
/// <c>Maillage:SeedDemoVisits=false</c> skips them.
/// </summary>
internal sealed class DemoVisits(MaillageDb db, TimeProvider clock, IOptions<DemoVisitsOptions> options, ILogger<DemoVisits> logger) : IDevelopmentSeeder
{
    /// <summary>How many demo visits each reference Cité gets, over <see cref="Years"/> years.</summary>
    public static readonly (string Cite, int Count)[] PerCite = [("grand-geneve", 75_000), ("marseille-paca", 30_000)];

    public const int Years = 3;

    public async Task SeedAsync(CancellationToken ct)
    {
        if (!options.Value.SeedDemoVisits || await db.Visits.AnyAsync(ct)) return;
        foreach (var (cite, count) in PerCite)
        {
            if (!await db.Cites.AnyAsync(c => c.Slug == cite, ct)) continue;
            var written = await new VisitSeeder(db, clock).SeedAsync(cite, count, years: Years, ct: ct);
            logger.LogInformation("Demo visits: {Count} over {Years} years for {Cite}", written, Years, cite);
        }
    }
}
