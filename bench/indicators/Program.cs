using System.Data.Common;
using System.Diagnostics;
using Maillage.Agenda;
using Maillage.Bench;
using Maillage.Network;
using Maillage.Visits;
using Maillage.Platform;
using Maillage.Platform.Data;
using Maillage.Platform.Indicators;
using Maillage.Visits.Seeding;
using Microsoft.EntityFrameworkCore;

// Usage: dotnet run -c Release -- VISITS EVENTS RUNS   (configuration as for Maillage: Database__Provider, ConnectionStrings__Maillage, Maillage__DataDirectory)
// Seeds the Grand Genève Cité with VISITS visits over the last year (seed-visits) and EVENTS held events with their
// registrations and walk-ins (skipped when already there), then times, RUNS times each and alternating, the indicators
// of an annual report read through the one door (Indicators.ComputeAsync) and the same figures computed by plain ADO.NET
// queries written by hand over the visits, events, registrations and walk-ins; checks they agree; prints a Markdown table.
var visitCount = args.Length > 0 ? int.Parse(args[0]) : 1_000_000;
var eventCount = args.Length > 1 ? int.Parse(args[1]) : 2_000;
var runs = args.Length > 2 ? int.Parse(args[2]) : 30;

var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.AddModules();
await using var app = builder.Build();
await Startup.PrepareDatabaseAsync(app.Services);
var postgres = (builder.Configuration["Database:Provider"] ?? "Sqlite").Equals("Postgres", StringComparison.OrdinalIgnoreCase);

var now = DateTimeOffset.UtcNow;
var today = DateOnly.FromDateTime(now.UtcDateTime);
// The report's year: the twelve months before today (what the seeder fills), ending yesterday.
var from = today.AddYears(-1);
var to = today.AddDays(-1);
int citeId;
int[] territories;
await using (var scope = app.Services.CreateAsyncScope())
{
    var db = scope.ServiceProvider.GetRequiredService<MaillageDb>();
    citeId = await db.Cites.Where(c => c.Slug == "grand-geneve").Select(c => c.Id).SingleAsync();
    // The territory asked: the Cité's widest territories (its EPCIs and the canton), expanded by the door to every commune and QPV.
    territories = await db.Territories.Where(t => t.CiteId == citeId && t.ParentId == null).Select(t => t.Id).ToArrayAsync();
    var existing = await db.Visits.CountAsync(v => v.CiteId == citeId);
    if (existing < visitCount)
    {
        var watch = Stopwatch.StartNew();
        await new VisitSeeder(db, TimeProvider.System).SeedAsync("grand-geneve", visitCount - existing, 1);
        Console.WriteLine($"Seeded {visitCount - existing:N0} visits in {watch.Elapsed.TotalSeconds:F0} s.");
    }
    var seeded = await db.Events.CountAsync(e => e.CiteId == citeId && e.Title.StartsWith("Bilan bench"));
    if (seeded < eventCount) await AnnualReportData.SeedEventsAsync(db, citeId, eventCount - seeded, from, now);
}

string[] names =
[
    "agenda.actions-held", "agenda.information-days-and-workshops", "agenda.forums", "agenda.participants", "agenda.registrations",
    "agenda.no-shows", "agenda.walk-ins", "visits.visits", "visits.interviews", "visits.publics", "visits.residents",
];

var door = new List<double>();
var baseline = new List<double>();
Dictionary<string, decimal>? a = null, b = null;
for (var i = -3; i < runs; i++)
{
    await using (var scope = app.Services.CreateAsyncScope())
    {
        var indicators = scope.ServiceProvider.GetRequiredService<Indicators>();
        var watch = Stopwatch.StartNew();
        var values = await indicators.ComputeAsync(names, citeId, from, to, null, territories);
        if (i >= 0) door.Add(watch.Elapsed.TotalMilliseconds);
        a = AnnualReportData.Flatten(values);
    }
    await using (var scope = app.Services.CreateAsyncScope())
    {
        var db = scope.ServiceProvider.GetRequiredService<MaillageDb>();
        var watch = Stopwatch.StartNew();
        b = await AnnualReportData.BaselineAsync(db, postgres, citeId, territories, from, to);
        if (i >= 0) baseline.Add(watch.Elapsed.TotalMilliseconds);
    }
}
var disagree = a!.Keys.Union(b!.Keys).Where(k => a.GetValueOrDefault(k) != b.GetValueOrDefault(k)).ToList();
if (disagree.Count > 0)
    throw new InvalidOperationException("The door and the baseline disagree: " + string.Join(", ", disagree.Select(k => $"{k} {a.GetValueOrDefault(k)} vs {b.GetValueOrDefault(k)}")));

double P(List<double> xs, double p) { var s = xs.Order().ToList(); return s[Math.Min(s.Count - 1, (int)Math.Ceiling(p * s.Count) - 1)]; }
var provider = postgres ? "PostgreSQL" : "SQLite";
Console.WriteLine($"Period {from:yyyy-MM-dd} – {to:yyyy-MM-dd}; territory: {territories.Length} widest territories of grand-geneve; {names.Length} indicators; {runs} runs each.");
Console.WriteLine($"Figures: {string.Join(", ", names.Select(n => $"{n} = {a[n]:N0}"))}.");
Console.WriteLine("| database | indicators p50 | indicators p99 | hand-written SQL p50 | hand-written SQL p99 | speed ratio (SQL p50 / indicators p50) | target |");
Console.WriteLine("|---|---|---|---|---|---|---|");
var ratio = P(baseline, .5) / P(door, .5);
Console.WriteLine($"| {provider} | {P(door, .5):F1} ms | {P(door, .99):F1} ms | {P(baseline, .5):F1} ms | {P(baseline, .99):F1} ms | {ratio:F2}× | ≥ 0.5× {(ratio >= 0.5 ? "met" : "MISSED")} |");
