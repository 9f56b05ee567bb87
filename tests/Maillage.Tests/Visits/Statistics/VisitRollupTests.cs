using Maillage.Platform.Data;
using Maillage.Tests.Infrastructure;
using Maillage.Tests.Visits;
using Maillage.Visits;
using Maillage.Visits.Statistics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Maillage.Tests.Visits.Statistics;

public sealed class VisitRollupTests(MaillageApp app) : IClassFixture<MaillageApp>
{
    private static readonly StatDimension[][] Questions =
    [
        [], [StatDimension.Needs, StatDimension.PublicStatus], [StatDimension.Structure, StatDimension.AgeBracket, StatDimension.Gender],
        [StatDimension.Month, StatDimension.Channel, StatDimension.FirstVisit], [StatDimension.Services], [StatDimension.Partner, StatDimension.Needs],
        [StatDimension.Residence], [StatDimension.Year, StatDimension.Kind], [StatDimension.Week], [StatDimension.Day, StatDimension.Gender],
        [StatDimension.Gender, StatDimension.Channel], // no rollup holds both: read from the visits
    ];

    private Task<StatsTable> CountAsync(StatsQuery q, bool fromVisits = false) => app.WithScopeAsync2(sp =>
    {
        var statistics = sp.GetRequiredService<VisitStatistics>();
        return fromVisits ? statistics.CountFromVisitsAsync(q) : statistics.CountAsync(q);
    });

    private static void AssertSame(StatsTable expected, StatsTable actual)
    {
        Assert.Equal(expected.Total, actual.Total);
        Assert.Equal(expected.Rows.Select(r => (string.Join(",", r.Values), r.Count)), actual.Rows.Select(r => (string.Join(",", r.Values), r.Count)));
    }

    [Fact]
    public async Task Given_visits_over_two_years_When_counting_by_any_grouping_and_any_period_Then_rollups_and_visits_agree_and_rows_add_up_to_the_total()
    {
        var geneve = await app.StructureAsync("grand-geneve", "geneve");
        var annemasse = await app.StructureAsync("grand-geneve", "annemasse");
        var random = new Random(42);
        var from = new DateTimeOffset(2019, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var to = new DateTimeOffset(2020, 12, 31, 23, 59, 0, TimeSpan.Zero);
        await app.RecordAsync(Enumerable.Range(0, 3000).Select(i => VisitsTestData.RandomVisit(random, i % 3 == 0 ? annemasse : geneve, from, to)));

        var periods = new (DateOnly, DateOnly)[]
        {
            (new(2019, 1, 1), new(2020, 12, 31)), (new(2019, 3, 1), new(2019, 3, 31)), (new(2019, 2, 14), new(2020, 1, 9)), (new(2020, 5, 3), new(2020, 5, 20)),
        };
        long? overall = null;
        foreach (var (start, end) in periods)
        foreach (var groupBy in Questions)
        {
            var q = new StatsQuery([geneve.CiteId], null, start, end, groupBy);
            var expected = await CountAsync(q, fromVisits: true);
            var actual = await CountAsync(q);
            AssertSame(expected, actual);
            Assert.Equal(actual.Total, actual.Rows.Sum(r => r.Count));
            var all = await CountAsync(q with { GroupBy = [] });
            Assert.Equal(all.Total, actual.Total);
            if (start == new DateOnly(2019, 1, 1)) overall = all.Total;
        }
        Assert.Equal(3000, overall);
        // Whole months come from the rollups.
        Assert.Equal("rollups", (await CountAsync(new StatsQuery([geneve.CiteId], null, new(2019, 2, 14), new(2020, 1, 9), [StatDimension.Needs, StatDimension.PublicStatus]))).Source);
        var oneStructure = await CountAsync(new StatsQuery([geneve.CiteId], [annemasse.Id], new(2019, 1, 1), new(2020, 12, 31), [StatDimension.Structure]));
        Assert.Equal(1000, Assert.Single(oneStructure.Rows).Count);
    }

    [Fact]
    public async Task Given_visits_When_some_are_undone_or_changed_Then_the_rollups_follow_in_the_same_transaction()
    {
        var gaillard = await app.StructureAsync("grand-geneve", "gaillard");
        var random = new Random(7);
        var from = new DateTimeOffset(2021, 6, 1, 0, 0, 0, TimeSpan.Zero);
        var ids = await app.RecordAsync(Enumerable.Range(0, 200).Select(_ => VisitsTestData.RandomVisit(random, gaillard, from, from.AddDays(60))));
        await app.WithScopeAsync(async sp =>
        {
            var recorder = sp.GetRequiredService<VisitRecorder>();
            foreach (var id in ids.Take(30)) Assert.True(await recorder.UndoAsync(id, gaillard.Id));
            var db = sp.GetRequiredService<MaillageDb>();
            await db.Visits.Where(v => v.StructureId == gaillard.Id && v.Quarter >= QuarterHour.Of(from)).OrderBy(v => v.Id).Take(20)
                .ExecuteUpdateAsync(s => s.SetProperty(v => v.Gender, Maillage.Visits.Categories.Gender.NotSaid).SetProperty(v => v.Quarter, v => v.Quarter + 96 * 31));
        });
        var q = new StatsQuery([gaillard.CiteId], [gaillard.Id], new(2021, 6, 1), new(2021, 9, 30), [StatDimension.Month, StatDimension.AgeBracket, StatDimension.Gender]);
        var fromRollups = await CountAsync(q);
        Assert.Equal("rollups", fromRollups.Source);
        AssertSame(await CountAsync(q, fromVisits: true), fromRollups);
        Assert.Equal(170, fromRollups.Total);
    }

    [Fact]
    public async Task Given_many_concurrent_batches_and_undos_When_they_touch_the_same_rollup_rows_Then_the_rollups_stay_exact()
    {
        var valserhone = await app.StructureAsync("grand-geneve", "valserhone");
        var from = new DateTimeOffset(2023, 3, 1, 0, 0, 0, TimeSpan.Zero);
        var undone = 0;
        await Task.WhenAll(Enumerable.Range(0, 8).Select(worker => Task.Run(async () =>
        {
            var random = new Random(worker);
            for (var round = 0; round < 4; round++)
            {
                // Few categories, one month: every batch meets the same rollup rows.
                var batch = Enumerable.Range(0, 60).Select(_ =>
                {
                    var v = VisitsTestData.RandomVisit(random, valserhone, from, from.AddDays(27));
                    v.PublicStatus = (Maillage.Visits.Categories.PublicStatus)random.Next(2);
                    return v;
                }).ToList();
                var ids = await app.RecordAsync(batch);
                await app.WithScopeAsync(async sp =>
                {
                    foreach (var id in ids.Take(5))
                        if (await sp.GetRequiredService<VisitRecorder>().UndoAsync(id, valserhone.Id)) Interlocked.Increment(ref undone);
                });
            }
        })));
        Assert.Equal(8 * 4 * 5, undone);
        foreach (var groupBy in Questions.Take(8))
        {
            var q = new StatsQuery([valserhone.CiteId], [valserhone.Id], new(2023, 3, 1), new(2023, 3, 31), groupBy);
            var fromRollups = await CountAsync(q);
            AssertSame(await CountAsync(q, fromVisits: true), fromRollups);
            Assert.Equal(8 * 4 * 55, fromRollups.Total);
        }
        // On PostgreSQL the concurrent writers added to several slots (one per connection), and the sums still agree.
        var slots = await app.WithDbAsync(db => db.VisitRollups.IgnoreQueryFilters().Where(r => r.StructureId == valserhone.Id).Select(r => r.Slot).Distinct().CountAsync());
        if (TestDatabase.IsPostgres) Assert.True(slots > 1, $"{slots} slot(s) used by 8 concurrent writers");
        else Assert.Equal(1, slots);
    }

    [Fact]
    public async Task Given_visits_recorded_before_the_rollups_existed_When_the_application_starts_Then_the_rollups_are_rebuilt_exactly()
    {
        var bonneville = await app.StructureAsync("grand-geneve", "bonneville");
        var random = new Random(3);
        var from = new DateTimeOffset(2022, 2, 1, 0, 0, 0, TimeSpan.Zero);
        await app.RecordAsync(Enumerable.Range(0, 100).Select(_ => VisitsTestData.RandomVisit(random, bonneville, from, from.AddDays(20))));
        var q = new StatsQuery([bonneville.CiteId], [bonneville.Id], new(2022, 2, 1), new(2022, 2, 28), [StatDimension.Needs, StatDimension.PublicStatus]);
        var before = await CountAsync(q);
        await app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<MaillageDb>();
            // An older version: no trigger, rollups wrong.
            foreach (var trigger in new[] { "insert", "delete", "update" })
                await db.Database.ExecuteSqlRawAsync(db.Database.IsNpgsql()
                    ? $"DROP TRIGGER visit_rollups_v{VisitRollupSchema.Version}_{trigger} ON \"Visits\""
                    : $"DROP TRIGGER visit_rollups_v{VisitRollupSchema.Version}_{trigger}");
            await db.Database.ExecuteSqlRawAsync("UPDATE \"VisitRollups\" SET \"Count\" = \"Count\" + 5");
            await VisitRollupSchema.EnsureAsync(db);
        });
        AssertSame(before, await CountAsync(q));
        AssertSame(await CountAsync(q, fromVisits: true), await CountAsync(q));
        await app.RecordAsync([VisitsTestData.RandomVisit(random, bonneville, from, from.AddDays(1))]);
        Assert.Equal(101, (await CountAsync(q)).Total);
    }
}
