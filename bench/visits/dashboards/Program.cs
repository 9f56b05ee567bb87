using Maillage.Visits;
using System.Diagnostics;
using Maillage.Network;
using Maillage.Platform;
using Maillage.Platform.Data;
using Maillage.Visits.Seeding;
using Maillage.Visits.Statistics;
using Microsoft.EntityFrameworkCore;

// Usage: dotnet run -c Release -- COUNT YEARS RUNS   (configuration as for Maillage: Database__Provider, ConnectionStrings__Maillage, Maillage__DataDirectory)
// Seeds the Grand Genève Cité up to COUNT visits over YEARS years (skipped when already there), then times the two
// dashboards of the issue RUNS times each, from the rollups (the service the API and pages use) and from a plain
// GROUP BY over the visits, alternating, and prints a Markdown table.
var count = args.Length > 0 ? int.Parse(args[0]) : 10_000_000;
var years = args.Length > 1 ? int.Parse(args[1]) : 10;
var runs = args.Length > 2 ? int.Parse(args[2]) : 50;

var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.AddModules();
await using var app = builder.Build();
await Startup.PrepareDatabaseAsync(app.Services);

int citeId;
await using (var scope = app.Services.CreateAsyncScope())
{
    var db = scope.ServiceProvider.GetRequiredService<MaillageDb>();
    citeId = await db.Cites.Where(c => c.Slug == "grand-geneve").Select(c => c.Id).SingleAsync();
    var existing = await db.Visits.CountAsync(v => v.CiteId == citeId);
    if (existing < count)
    {
        var watch = Stopwatch.StartNew();
        await new VisitSeeder(db, TimeProvider.System).SeedAsync("grand-geneve", count - existing, years,
            new Progress<int>(n => Console.Error.WriteLine($"  seeded {n:N0} ({watch.Elapsed.TotalSeconds:F0} s)")));
        Console.WriteLine($"Seeded {count - existing:N0} visits in {watch.Elapsed.TotalSeconds:F0} s ({(count - existing) / watch.Elapsed.TotalSeconds:N0} visits/s).");
    }
}

var today = DateOnly.FromDateTime(DateTime.UtcNow);
var lastYear = today.Year - 1;
var lastMonth = new DateOnly(today.Year, today.Month, 1).AddMonths(-1);
var questions = new (string Name, StatsQuery Query)[]
{
    ($"(a) year {lastYear} by pole × public status", new StatsQuery([citeId], null, new(lastYear, 1, 1), new(lastYear, 12, 31), [StatDimension.Needs, StatDimension.PublicStatus])),
    ($"(b) month {lastMonth:yyyy-MM} by structure × age × gender", new StatsQuery([citeId], null, lastMonth, lastMonth.AddMonths(1).AddDays(-1), [StatDimension.Structure, StatDimension.AgeBracket, StatDimension.Gender])),
};

var provider = builder.Configuration["Database:Provider"] ?? "Sqlite";
Console.WriteLine($"| database | question | rows | total | rollups p50 | rollups p99 | GROUP BY p50 | GROUP BY p99 | ratio (p50) | ratio (GROUP BY p50 / rollups p99) |");
Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|");
foreach (var (name, query) in questions)
{
    var fast = new List<double>();
    var slow = new List<double>();
    StatsTable? a = null, b = null;
    for (var i = -3; i < runs; i++)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var statistics = scope.ServiceProvider.GetRequiredService<VisitStatistics>();
        var watch = Stopwatch.StartNew();
        a = await statistics.CountAsync(query);
        StatsPublication.Show(a, protect: false, 5);
        if (i >= 0) fast.Add(watch.Elapsed.TotalMilliseconds);
        watch.Restart();
        b = await statistics.CountFromVisitsAsync(query);
        if (i >= 0) slow.Add(watch.Elapsed.TotalMilliseconds);
    }
    if (a!.Total != b!.Total || a.Rows.Count != b.Rows.Count) throw new InvalidOperationException($"{name}: rollups and visits disagree ({a.Total} vs {b.Total}).");
    double P(List<double> xs, double p) { var s = xs.Order().ToList(); return s[Math.Min(s.Count - 1, (int)Math.Ceiling(p * s.Count) - 1)]; }
    Console.WriteLine($"| {provider} | {name} | {a.Rows.Count} | {a.Total:N0} | {P(fast, .5):F1} ms | {P(fast, .99):F1} ms | {P(slow, .5):F0} ms | {P(slow, .99):F0} ms | {P(slow, .5) / P(fast, .5):F0}× | {P(slow, .5) / P(fast, .99):F0}× |");
}
