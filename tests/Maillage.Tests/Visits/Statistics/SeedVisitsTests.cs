using Maillage.Platform.Cli;
using Maillage.Platform.Data;
using Maillage.Platform.Errors;
using Maillage.Tests.Infrastructure;
using Maillage.Visits;
using Maillage.Visits.Seeding;
using Maillage.Visits.Statistics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Maillage.Tests.Visits.Statistics;

public sealed class SeedVisitsTests(MaillageApp app) : IClassFixture<MaillageApp>
{
    [Fact]
    public async Task Given_the_Grand_Geneve_network_When_seeding_visits_Then_they_fall_in_opening_hours_mostly_at_the_site_and_the_rollups_agree()
    {
        var seeded = await app.WithScopeAsync2(sp => new VisitSeeder(sp.GetRequiredService<MaillageDb>(), app.Clock).SeedAsync("grand-geneve", 20_000, 2));
        Assert.Equal(20_000, seeded);
        var visits = await app.WithDbAsync(db => db.Visits.IgnoreQueryFilters().Select(v => new { v.Quarter, v.StructureId, v.Kind, v.Needs }).ToListAsync());
        Assert.Equal(20_000, visits.Count);
        var geneve = await app.StructureAsync("grand-geneve", "geneve");
        var gaillard = await app.StructureAsync("grand-geneve", "gaillard");
        var times = visits.Select(v => QuarterHour.ToTime(v.Quarter)).ToList();
        Assert.All(times, t => Assert.True(t <= app.Clock.GetUtcNow() && t >= app.Clock.GetUtcNow().AddYears(-2).AddDays(-1)));
        Assert.DoesNotContain(times, t => t.DayOfWeek == DayOfWeek.Sunday);
        Assert.DoesNotContain(times, t => t.Hour < 6 || t.Hour > 20);
        var bySite = visits.GroupBy(v => v.StructureId).ToDictionary(g => g.Key, g => g.Count());
        Assert.True(bySite[geneve.Id] > visits.Count / 2, "The site draws most visits");
        Assert.True(bySite[geneve.Id] > 5 * bySite.GetValueOrDefault(gaillard.Id));
        // Seasons: August is quieter than October.
        Assert.True(times.Count(t => t.Month == 8) < times.Count(t => t.Month == 10));
        Assert.Contains(visits, v => v.Kind == Maillage.Visits.Categories.VisitKind.Interview);

        var q = new StatsQuery([geneve.CiteId], null, new(2000, 1, 1), new(2030, 12, 31), [StatDimension.Structure, StatDimension.AgeBracket, StatDimension.Gender]);
        var fromRollups = await app.WithScopeAsync2(sp => sp.GetRequiredService<VisitStatistics>().CountAsync(q));
        var fromVisits = await app.WithScopeAsync2(sp => sp.GetRequiredService<VisitStatistics>().CountFromVisitsAsync(q));
        Assert.Equal("rollups", fromRollups.Source);
        Assert.Equal(fromVisits.Rows.Select(r => (string.Join(",", r.Values), r.Count)), fromRollups.Rows.Select(r => (string.Join(",", r.Values), r.Count)));
        Assert.Equal(20_000, fromRollups.Total);

        await Assert.ThrowsAsync<RuleViolation>(() => app.WithScopeAsync2(sp => new VisitSeeder(sp.GetRequiredService<MaillageDb>(), app.Clock).SeedAsync("nowhere", 10, 1)));
    }

    [Fact]
    public async Task Given_the_command_line_When_running_seed_visits_Then_it_adds_the_visits_and_refuses_bad_numbers()
    {
        var connection = TestDatabase.CreateFromTemplate();
        try
        {
            string[] db = [$"--Database:Provider={TestDatabase.ProviderName}", $"--ConnectionStrings:Maillage={connection}"];
            var output = new StringWriter();
            var code = await CommandLine.RunAsync(["seed-visits", "--cite", "marseille-paca", "--count", "3000", "--years", "1", .. db], MaillageModules.AddModules, output, new StringWriter());
            Assert.Equal(0, code);
            Assert.Contains("3000 visits added to marseille-paca", output.ToString());
            var errors = new StringWriter();
            Assert.NotEqual(0, await CommandLine.RunAsync(["seed-visits", "--cite", "marseille-paca", "--count", "lots", "--years", "1", .. db], MaillageModules.AddModules, new StringWriter(), errors));
            Assert.NotEqual(0, await CommandLine.RunAsync(["seed-visits", "--cite", "marseille-paca", "--count", "10", .. db], MaillageModules.AddModules, new StringWriter(), new StringWriter()));
            Assert.Contains("seed-visits", (await Help()));
        }
        finally
        {
            TestDatabase.Drop(connection);
        }
    }

    private static async Task<string> Help()
    {
        var output = new StringWriter();
        await CommandLine.RunAsync(["help"], MaillageModules.AddModules, output, new StringWriter());
        return output.ToString();
    }
}
