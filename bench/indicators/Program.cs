using System.Data.Common;
using System.Diagnostics;
using Maillage.Agenda;
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
    if (seeded < eventCount) await SeedEventsAsync(db, citeId, eventCount - seeded, from, now);
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
        a = Flatten(values);
    }
    await using (var scope = app.Services.CreateAsyncScope())
    {
        var db = scope.ServiceProvider.GetRequiredService<MaillageDb>();
        var watch = Stopwatch.StartNew();
        b = await BaselineAsync(db, postgres, citeId, territories, from, to);
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
return;

static Dictionary<string, decimal> Flatten(IReadOnlyList<IndicatorValue> values)
{
    var result = new Dictionary<string, decimal>();
    foreach (var v in values)
    {
        result[v.Name] = v.Value;
        foreach (var (key, value) in v.Parts ?? new Dictionary<string, decimal>())
            if (value != 0) result[$"{v.Name}/{key}"] = value;
    }
    return result;
}

// 2 000 events over the year at the Cité's structures placed in a commune, each with 12 registrations of every kind and a walk-in count.
static async Task SeedEventsAsync(MaillageDb db, int citeId, int count, DateOnly from, DateTimeOffset now)
{
    var watch = Stopwatch.StartNew();
    var structures = await db.Structures.Where(s => s.CiteId == citeId && s.CommuneId != null).Select(s => s.Id).ToArrayAsync();
    var random = new Random(2026);
    var types = Enum.GetValues<EventType>();
    var publics = Enum.GetValues<Maillage.Agenda.PublicStatus>();
    var start = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
    var span = (now.AddDays(-2) - start).TotalMinutes;
    for (var done = 0; done < count; done += 200)
    {
        var batch = new List<AgendaEvent>();
        for (var i = done; i < Math.Min(count, done + 200); i++)
        {
            var at = start.AddMinutes(Math.Floor(random.NextDouble() * span / 15) * 15);
            var e = new AgendaEvent
            {
                CiteId = citeId, StructureId = structures[random.Next(structures.Length)], Title = $"Bilan bench {i}", Type = types[random.Next(types.Length)],
                Status = random.Next(20) == 0 ? EventStatus.Cancelled : EventStatus.Published, StartsAt = at, EndsAt = at.AddHours(2), Capacity = 30,
                RegistrationMode = RegistrationMode.Open, CreatedAt = at.AddDays(-30), PublishedAt = at.AddDays(-30),
            };
            batch.Add(e);
        }
        db.Events.AddRange(batch);
        await db.SaveChangesAsync();
        foreach (var e in batch)
        {
            for (var r = 0; r < 12; r++)
            {
                var walkIn = r == 11;
                var registration = new Registration
                {
                    CiteId = citeId, EventId = e.Id, ManageToken = Registration.NewToken(),
                    Status = walkIn ? RegistrationStatus.Confirmed : (RegistrationStatus)random.Next(1, 5),
                    Source = walkIn ? RegistrationSource.WalkIn : RegistrationSource.Online,
                    Attendance = walkIn ? AttendanceStatus.Present : (AttendanceStatus)random.Next(0, 4),
                    PublicStatus = random.Next(8) == 0 ? null : publics[random.Next(publics.Length)],
                    Person = new RegistrantDetails { FirstName = "Bench", LastName = $"{e.Id}-{r}", Email = $"bench.{e.Id}.{r}@example.org" },
                    ConsentAt = e.CreatedAt, CreatedAt = e.CreatedAt,
                };
                registration.EmailKey = Registration.NormaliseEmail(registration.Person.Email!);
                db.Registrations.Add(registration);
            }
            if (random.Next(3) > 0)
                db.EventWalkIns.Add(new EventWalkIn { CiteId = citeId, EventId = e.Id, PublicStatus = publics[random.Next(publics.Length)], Count = random.Next(1, 6) });
        }
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
    }
    Console.WriteLine($"Seeded {count:N0} events with their registrations in {watch.Elapsed.TotalSeconds:F0} s.");
}

// The same figures by hand: one query for the events, one for their registrations and walk-ins, two over the visits.
static async Task<Dictionary<string, decimal>> BaselineAsync(MaillageDb db, bool postgres, int citeId, int[] territories, DateOnly from, DateOnly to)
{
    var paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
    DateTimeOffset Midnight(DateOnly d) { var local = d.ToDateTime(TimeOnly.MinValue); return new DateTimeOffset(local, paris.GetUtcOffset(local)).ToUniversalTime(); }
    object Time(DateTimeOffset t) => postgres ? t : t.UtcTicks;
    var result = new Dictionary<string, decimal>();
    void Add(string key, long value) { if (value != 0) result[key] = result.GetValueOrDefault(key) + value; }
    var connection = db.Database.GetDbConnection();
    await db.Database.OpenConnectionAsync();
    var ids = string.Join(", ", territories);
    var tree = $"""
        WITH RECURSIVE t(id) AS (SELECT "Id" FROM "Territories" WHERE "CiteId" = {citeId} AND "Id" IN ({ids})
            UNION SELECT x."Id" FROM "Territories" x JOIN t ON x."ParentId" = t.id)
        """;
    var events = $"""
        {tree},
        ev AS (SELECT e."Id", e."Type" FROM agenda_events e LEFT JOIN "Structures" s ON s."Id" = e."StructureId"
               WHERE e."CiteId" = {citeId} AND e."Status" = 1 AND e."StartsAt" >= @from AND e."StartsAt" < @to AND e."EndsAt" <= @now
                 AND COALESCE(e."VenueTerritoryId", s."QpvId", s."CommuneId") IN (SELECT id FROM t))
        """;
    async Task ReadAsync(string sql, Action<DbDataReader> row)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in new[] { ("from", Time(Midnight(from))), ("to", Time(Midnight(to.AddDays(1)))), ("now", Time(DateTimeOffset.UtcNow)) })
        {
            var p = command.CreateParameter();
            p.ParameterName = name;
            p.Value = value;
            command.Parameters.Add(p);
        }
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) row(reader);
    }
    string TypeName(int t) => JsonName(((EventType)t).ToString());
    await ReadAsync($"{events} SELECT \"Type\", COUNT(*) FROM ev GROUP BY \"Type\"", r =>
    {
        var type = (EventType)r.GetInt32(0);
        var n = r.GetInt64(1);
        Add("agenda.actions-held", n);
        Add($"agenda.actions-held/{TypeName(r.GetInt32(0))}", n);
        if (type is EventType.InformationDay or EventType.Workshop) { Add("agenda.information-days-and-workshops", n); Add($"agenda.information-days-and-workshops/{TypeName(r.GetInt32(0))}", n); }
        if (type == EventType.Forum) Add("agenda.forums", n);
    });
    // Registrations: walk-in source 4; attendance 0 unknown, 1 present, 2 absent; status 1 confirmed. An event's attendance is
    // taken when someone is ticked (present, absent or excused) or walk-ins were counted.
    await ReadAsync($"""
        {events},
        taken AS (SELECT ev."Id" FROM ev WHERE EXISTS (SELECT 1 FROM agenda_registrations x WHERE x."EventId" = ev."Id" AND x."Attendance" <> 0)
                                          OR EXISTS (SELECT 1 FROM agenda_walk_ins w WHERE w."EventId" = ev."Id" AND w."Count" > 0))
        SELECT r."PublicStatus",
               SUM(CASE WHEN r."Source" <> 4 THEN 1 ELSE 0 END),
               SUM(CASE WHEN r."Attendance" = 1 THEN 1 ELSE 0 END),
               SUM(CASE WHEN r."Source" = 4 AND r."Attendance" = 1 THEN 1 ELSE 0 END),
               SUM(CASE WHEN r."Source" <> 4 AND r."Status" = 1 AND (r."Attendance" = 2 OR (r."Attendance" = 0 AND r."EventId" IN (SELECT "Id" FROM taken))) THEN 1 ELSE 0 END)
        FROM agenda_registrations r WHERE r."EventId" IN (SELECT "Id" FROM ev) GROUP BY r."PublicStatus"
        """, r =>
    {
        var key = r.IsDBNull(0) ? "notGiven" : JsonName(((Maillage.Agenda.PublicStatus)r.GetInt32(0)).ToString());
        Add("agenda.registrations", r.GetInt64(1));
        Add("agenda.participants", r.GetInt64(2));
        Add($"agenda.participants/{key}", r.GetInt64(2));
        Add("agenda.walk-ins", r.GetInt64(3));
        Add("agenda.no-shows", r.GetInt64(4));
    });
    await ReadAsync($"{events} SELECT w.\"PublicStatus\", SUM(w.\"Count\") FROM agenda_walk_ins w WHERE w.\"EventId\" IN (SELECT \"Id\" FROM ev) AND w.\"Count\" > 0 GROUP BY w.\"PublicStatus\"", r =>
    {
        var n = r.GetInt64(1);
        Add("agenda.participants", n);
        Add($"agenda.participants/{JsonName(((Maillage.Agenda.PublicStatus)r.GetInt32(0)).ToString())}", n);
        Add("agenda.walk-ins", n);
    });
    // Visits: a quarter-hour is seconds since 1970 / 900 (UTC days, as every visit statistic).
    long Quarter(DateOnly d) => new DateTimeOffset(d.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).ToUnixTimeSeconds() / 900;
    var visits = $"\"CiteId\" = {citeId} AND \"Quarter\" >= {Quarter(from)} AND \"Quarter\" < {Quarter(to.AddDays(1))}";
    await ReadAsync($"""
        {tree}
        SELECT "Kind", "PublicStatus", COUNT(*) FROM "Visits"
        WHERE {visits} AND "StructureId" IN (SELECT "Id" FROM "Structures" WHERE "CiteId" = {citeId} AND ("QpvId" IN (SELECT id FROM t) OR "CommuneId" IN (SELECT id FROM t)))
        GROUP BY "Kind", "PublicStatus"
        """, r =>
    {
        var n = r.GetInt64(2);
        Add(r.GetInt32(0) == 0 ? "visits.visits" : "visits.interviews", n);
        Add("visits.publics", n);
        Add($"visits.publics/{JsonName(((Maillage.Visits.Categories.PublicStatus)r.GetInt32(1)).ToString())}", n);
    });
    await ReadAsync($"{tree} SELECT COUNT(*) FROM \"Visits\" WHERE {visits} AND \"ResidenceId\" IN (SELECT id FROM t)", r => Add("visits.residents", r.GetInt64(0)));
    await db.Database.CloseConnectionAsync();
    return result;
}

static string JsonName(string name) => char.ToLowerInvariant(name[0]) + name[1..];
