// Roster benchmark (docs/PERFORMANCE.md, section "Roster"), run by bench/roster/run.sh against a running Maillage and the
// plain ADO.NET baseline (bench/roster/RosterBaseline) on the same database. Database configuration as for Maillage
// (Database__Provider, ConnectionStrings__Maillage, Maillage__DataDirectory).
//   1. setup          through Maillage's own model (EF Core, MaillageDb): 8 structures of 7 poles in one Cité, 7 partners,
//                     two half-days a day on every pole for 250 weekdays around today = 28 000 duty slots (2 % absent, each
//                     replaced), and yearly commitments;
//   2. contributions  the year's valuation of the Cité (Contributions.BuildAsync: the GROUP BY and what follows), grouped
//                     by partner, then by partner, pole, structure and month: 5 warm-up runs, then 30 timed runs;
//   3. reads          the public place page of the first structure (/lieux/{cite}/{slug}, a year of slots) and
//                     GET /api/v1/structures/{id}/on-duty, 32 connections, against the baseline's same two reads.
// Arguments: --maillage URL --baseline URL [--seconds 15] [--warmup 10] [--provider sqlite|postgres] [--maillage-pid N --baseline-pid N]
// Prints Markdown table rows on stdout; exits 1 when a correctness check fails.
using System.Diagnostics;
using System.Globalization;
using Maillage.Network;
using Maillage.Platform.Data;
using Maillage.Roster;
using Maillage.Roster.Contributions;
using Microsoft.EntityFrameworkCore;

var options = args.Select((a, i) => (a, i)).Where(x => x.a.StartsWith("--")).ToDictionary(x => x.a[2..], x => args[x.i + 1]);
string Arg(string name, string? fallback = null) => options.TryGetValue(name, out var v) ? v : fallback ?? throw new ArgumentException($"--{name} is required");
var maillageUrl = Arg("maillage").TrimEnd('/');
var baselineUrl = Arg("baseline").TrimEnd('/');
var seconds = double.Parse(Arg("seconds", "15"), CultureInfo.InvariantCulture);
var warmup = double.Parse(Arg("warmup", "10"), CultureInfo.InvariantCulture);
var provider = Arg("provider", "sqlite");
int? maillagePid = options.TryGetValue("maillage-pid", out var mp) ? int.Parse(mp, CultureInfo.InvariantCulture) : null;
int? baselinePid = options.TryGetValue("baseline-pid", out var bp) ? int.Parse(bp, CultureInfo.InvariantCulture) : null;
const int Structures = 8, Poles = 7, Days = 250, Connections = 32, TimedRuns = 30;
const double PageRatioTarget = 0.35, ApiRatioTarget = 0.5, P99TargetMs = 50, ContributionsTargetMs = 200;

var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production", Args = [] });
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.AddModules();
await using var host = builder.Build();
void Log(string text) => Console.Error.WriteLine($"[roster-bench {DateTime.Now:HH:mm:ss}] {text}");
string F(double x, string format = "0.0") => x.ToString(format, CultureInfo.InvariantCulture);
var failures = new List<string>();
var paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, paris).DateTime);

// ---- 1. Setup, through the application's model (idempotent: a second run reuses the rows).
List<Structure> places;
int slotCount;
await using (var scope = host.Services.CreateAsyncScope())
{
    var db = scope.ServiceProvider.GetRequiredService<MaillageDb>();
    var cite = await db.Cites.SingleAsync(c => c.Slug == "grand-geneve");
    places = await db.Structures.Include(s => s.Poles).Where(s => s.Slug.StartsWith("bench-roster-")).OrderBy(s => s.Id).ToListAsync();
    if (places.Count == 0)
    {
        var watch = Stopwatch.StartNew();
        string[] poleNames = ["Choisir son orientation", "Trouver un emploi", "Changer sa vie professionnelle", "Créer son activité", "Se former", "Travailler à l'international", "Valider ses acquis"];
        for (var n = 1; n <= Structures; n++)
        {
            var s = new Structure { CiteId = cite.Id, Kind = StructureKind.Site, Name = $"Bench roster {n}", Slug = $"bench-roster-{n}" };
            db.Structures.Add(s);
            await db.SaveChangesAsync();
            foreach (var name in poleNames) s.AddPole(name);
            await db.SaveChangesAsync();
            places.Add(s);
        }
        var partners = Enumerable.Range(1, Poles).Select(i => new Partner { CiteId = cite.Id, Name = $"Bench partenaire {i}", Type = PartnerType.Association }).ToList();
        db.Partners.AddRange(partners);
        await db.SaveChangesAsync();
        var days = new List<DateOnly>();
        for (var d = today.AddDays(-170); days.Count < Days; d = d.AddDays(1))
            if (d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)) days.Add(d);
        DateTimeOffset At(DateOnly d, int h, int m) => new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(d.ToDateTime(new TimeOnly(h, m)), paris), TimeSpan.Zero);
        var random = new Random(2026);
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        foreach (var s in places)
        {
            var slots = new List<DutySlot>();
            foreach (var d in days)
                foreach (var (pole, i) in s.Poles.OrderBy(p => p.Order).Select((p, i) => (p, i)))
                    foreach (var (h1, m1, h2, m2) in new[] { (9, 0, 12, 30), (13, 30, 17, 0) })
                        slots.Add(new DutySlot
                        {
                            CiteId = cite.Id, StructureId = s.Id, PoleId = pole.Id, PartnerId = partners[(i + d.DayNumber) % partners.Count].Id,
                            StartsAt = At(d, h1, m1), EndsAt = At(d, h2, m2), CreatedAt = DateTimeOffset.UtcNow,
                            Status = random.Next(50) == 0 ? DutyStatus.Absent : DutyStatus.Planned,
                        });
            db.Set<DutySlot>().AddRange(slots);
            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();
            foreach (var year in days.Select(d => d.Year).Distinct())
                foreach (var p in partners)
                    db.Set<PartnerCommitment>().Add(new PartnerCommitment { CiteId = cite.Id, PartnerId = p.Id, StructureId = s.Id, Year = year, Days = 26.5m, HourlyRate = 38.5m });
            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();
        }
        Log($"setup: {Structures} structures × {Poles} poles × 2 half-days × {Days} days in {watch.Elapsed.TotalSeconds:0} s");
    }
    var ids = places.Select(p => p.Id).ToList();
    slotCount = await db.Set<DutySlot>().CountAsync(s => ids.Contains(s.StructureId));
}

// ---- 2. The year's contributions of the Cité, computed in-process as the page and the API do.
var rows = new List<string>();
var from = today.AddDays(-175);
var to = from.AddYears(1).AddDays(-1);
foreach (var grouping in new[] { "partner", "partner,pole,structure,month" })
{
    var groupBy = ContributionFilter.ParseGrouping([grouping]);
    var times = new List<double>();
    int lines = 0;
    decimal hours = 0;
    for (var run = 0; run < 5 + TimedRuns; run++)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var contributions = scope.ServiceProvider.GetRequiredService<Contributions>();
        var scopeStructures = places.Select(s => new Contributions.ScopeStructure(s.Id, s.Name, s.CiteId, "grand-geneve", "Grand Genève", "Europe/Paris")).ToList();
        var watch = Stopwatch.StartNew();
        var report = await contributions.BuildAsync(scopeStructures, from, to, groupBy, CancellationToken.None);
        watch.Stop();
        if (run >= 5) times.Add(watch.Elapsed.TotalMilliseconds);
        lines = report.Lines.Count;
        hours = report.Total.Hours;
    }
    times.Sort();
    var median = times[times.Count / 2];
    var max = times[^1];
    var expected = slotCount * 3.5m * 0.98m;
    if (hours < expected * 0.95m || hours > slotCount * 3.5m) failures.Add($"contributions: {hours} h held for {slotCount} slots");
    var ok = max < ContributionsTargetMs;
    if (!ok) failures.Add($"contributions by {grouping}: {F(max)} ms ≥ {ContributionsTargetMs} ms");
    rows.Add($"| {provider} | a year of contributions, {slotCount:N0} slots, by {grouping} ({lines} lines, {F((double)hours, "0")} h) | median {F(median)} ms, max {F(max)} ms of {TimedRuns} | — | — | max < {ContributionsTargetMs} ms {(ok ? "✓" : "✗")} |");
    Log(rows[^1]);
}

// ---- 3. Reads: the place page and the on-duty API, Maillage then the baseline.
var place = places[0];
var pagePath = $"/lieux/grand-geneve/{place.Slug}";
var apiPath = $"/api/v1/structures/{place.Id}/on-duty";
using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = Connections, PooledConnectionLifetime = TimeSpan.FromMinutes(10) }) { Timeout = TimeSpan.FromSeconds(30) };

async Task<(double Rps, double P99, int Errors)> LoadAsync(string url, double duration)
{
    var deadline = Stopwatch.GetTimestamp() + (long)(duration * Stopwatch.Frequency);
    var latencies = new List<double>[Connections];
    var errors = 0;
    var started = Stopwatch.GetTimestamp();
    await Task.WhenAll(Enumerable.Range(0, Connections).Select(async c =>
    {
        var mine = latencies[c] = [];
        while (Stopwatch.GetTimestamp() < deadline)
        {
            var t = Stopwatch.GetTimestamp();
            try
            {
                using var response = await http.GetAsync(url);
                await response.Content.LoadIntoBufferAsync();
                if (!response.IsSuccessStatusCode) Interlocked.Increment(ref errors);
            }
            catch (Exception) { Interlocked.Increment(ref errors); }
            mine.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
        }
    }));
    var elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds;
    var all = latencies.SelectMany(l => l).Order().ToList();
    return (all.Count / elapsed, all[(int)Math.Min(all.Count - 1, Math.Ceiling(all.Count * 0.99) - 1)], errors);
}

// Correctness first: both answer, name the partners on duty, and Maillage's page names no staff member.
foreach (var baseUrl in new[] { maillageUrl, baselineUrl })
{
    var page = await http.GetStringAsync(baseUrl + pagePath);
    if (!page.Contains("Bench partenaire")) failures.Add($"{baseUrl}{pagePath} names no partner on duty");
    var ten = today.ToDateTime(new TimeOnly(10, 0));
    var api = await http.GetStringAsync(baseUrl + apiPath + "?at=" + Uri.EscapeDataString(new DateTimeOffset(ten, paris.GetUtcOffset(ten)).ToString("o")));
    if (today.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !api.Contains("Bench partenaire")) failures.Add($"{baseUrl}{apiPath} names no partner at 10:00 today");
}

foreach (var (what, path, ratioTarget, p99Target) in new[] { ("place page with presence (HTML)", pagePath, PageRatioTarget, P99TargetMs), ("GET on-duty (JSON)", apiPath, ApiRatioTarget, double.NaN) })
{
    // A fixed warm-up (--warmup seconds, each server): bench/Shared/WarmUp's "until the tiered compiler is idle" can take
    // five minutes per server on a busy machine; the table says how long the warm-up was.
    await LoadAsync(maillageUrl + path, warmup);
    await LoadAsync(baselineUrl + path, warmup);
    var m = await LoadAsync(maillageUrl + path, seconds);
    var b = await LoadAsync(baselineUrl + path, seconds);
    if (m.Errors > 0) failures.Add($"{path}: {m.Errors} errors from Maillage");
    var ratio = m.Rps / b.Rps;
    var ratioOk = ratio >= ratioTarget;
    var p99Ok = double.IsNaN(p99Target) || m.P99 < p99Target;
    var p99Text = double.IsNaN(p99Target) ? "" : ", p99 < " + F(p99Target, "0") + " ms " + (p99Ok ? "✓" : "✗");
    var ratioText = "≥ " + F(ratioTarget, "0.00") + "× " + (ratioOk ? "✓" : "✗");
    rows.Add($"| {provider} | {what}, {Connections} connections, {F(seconds, "0")} s after {F(warmup, "0")} s of warm-up | {F(m.Rps, "0")} req/s, p99 {F(m.P99)} ms | {F(b.Rps, "0")} req/s, p99 {F(b.P99)} ms | {F(ratio, "0.00")}× | {ratioText}{p99Text} |");
    Log(rows[^1]);
}

foreach (var row in rows) Console.WriteLine(row);
foreach (var failure in failures) Log("FAILED: " + failure);
return failures.Any(f => !f.Contains(" ms ≥ ")) ? 1 : 0;
