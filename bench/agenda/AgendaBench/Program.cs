// Agenda benchmark (docs/performance-history.md, section "Agenda"), run by bench/agenda/run.sh against a running Maillage and
// the plain ADO.NET baseline (bench/agenda/AgendaBaseline) on the same database. Database configuration as for Maillage
// (Database__Provider, ConnectionStrings__Maillage, Maillage__DataDirectory).
//   1. setup     through Maillage's own model (EF Core, MaillageDb): a month of 2 000 published events with registrations,
//                and for each round of the rush 20 + 20 fresh events of 50 seats with a waiting list (Maillage's, baseline's);
//   2. rush      2 000 registrations (distinct e-mails) spread over 20 events, 64 concurrent connections, to Maillage then
//                to the baseline, each round; then read back from the database: no overbooking, every 202 a row, no 5xx/timeout;
//   3. reads     the month's first page, HTML (/agenda?from=&to=) and JSON (/api/v1/events?from=&to=), 32 connections.
// Arguments: --maillage URL --baseline URL [--rounds 3] [--seconds 15] [--warmup 3] [--provider sqlite|postgres]
// Prints Markdown table rows on stdout; exits 1 when a correctness check fails.
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Maillage.Agenda;
using Maillage.Bench;
using Maillage.Network;
using Maillage.Platform;
using Maillage.Platform.Data;
using Microsoft.EntityFrameworkCore;

var options = args.Select((a, i) => (a, i)).Where(x => x.a.StartsWith("--")).ToDictionary(x => x.a[2..], x => args[x.i + 1]);
string Arg(string name, string? fallback = null) => options.TryGetValue(name, out var v) ? v : fallback ?? throw new ArgumentException($"--{name} is required");
var maillageUrl = Arg("maillage").TrimEnd('/');
var baselineUrl = Arg("baseline").TrimEnd('/');
var rounds = int.Parse(Arg("rounds", "3"), CultureInfo.InvariantCulture);
if (Arg("only", "all") == "reads") rounds = 0;
var seconds = double.Parse(Arg("seconds", "15"), CultureInfo.InvariantCulture);
var warmup = double.Parse(Arg("warmup", "5"), CultureInfo.InvariantCulture);
var provider = Arg("provider", "sqlite");
var only = Arg("only", "all"); // all | rush | reads
int? maillagePid = options.TryGetValue("maillage-pid", out var mp) ? int.Parse(mp, CultureInfo.InvariantCulture) : null;
int? baselinePid = options.TryGetValue("baseline-pid", out var bp) ? int.Parse(bp, CultureInfo.InvariantCulture) : null;
double CpuMs(int? pid) => ProcessCpu.Ms(pid);
const int RushEvents = 20, Seats = 50, RushRequests = 2000, RushConnections = 64, ReadConnections = 32, MonthEvents = 2000;

var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production", Args = [] });
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.AddModules();
await using var host = builder.Build();
void Log(string text) => Console.Error.WriteLine($"[agenda-bench {DateTime.Now:HH:mm:ss}] {text}");
string F(double x, string format = "0.0") => x.ToString(format, CultureInfo.InvariantCulture);
var failures = new List<string>();

// ---- 1. Setup, through the application's model.
var today = DateTime.UtcNow;
var month = new DateOnly(today.Year, today.Month, 1).AddMonths(2);
var (from, to) = (month.ToString("yyyy-MM-dd"), month.AddMonths(1).AddDays(-1).ToString("yyyy-MM-dd"));
var random = new Random(2026);
List<Structure> rushStructures;
var rushStart = DateTimeOffset.UtcNow.AddDays(20);
await using (var scope = host.Services.CreateAsyncScope())
{
    var db = scope.ServiceProvider.GetRequiredService<MaillageDb>();
    var structures = await db.Structures.AsNoTracking().Where(s => s.Status != StructureStatus.Closed).OrderBy(s => s.Id).ToListAsync();
    var now = DateTimeOffset.UtcNow;
    var watch = Stopwatch.StartNew();
    var existing = await db.Events.CountAsync(e => e.Title.StartsWith("Bench month "));
    if (existing == 0)
    {
        var types = Enum.GetValues<EventType>();
        for (var batch = 0; batch < MonthEvents / 500; batch++)
        {
            var events = new List<AgendaEvent>();
            for (var i = 0; i < 500; i++)
            {
                var n = batch * 500 + i;
                var s = structures[n % structures.Count];
                var type = types[random.Next(types.Length)];
                var start = new DateTimeOffset(month.AddDays(random.Next(28)).ToDateTime(new TimeOnly(7 + random.Next(10), random.Next(4) * 15)), TimeSpan.Zero);
                var capacity = 10 + random.Next(31);
                var mode = (RegistrationMode)(n % 10 == 0 ? 0 : n % 3 == 0 ? 1 : 2);
                var seats = mode == RegistrationMode.None ? 0 : random.Next(capacity + 1);
                var e = new AgendaEvent
                {
                    CiteId = s.CiteId, StructureId = s.Id, Title = $"Bench month {n + 1}: {type} {s.Name}", Type = type,
                    Theme = type == EventType.Workshop ? (EventTheme)random.Next(5) : null, Status = EventStatus.Published,
                    Description = "Découvrir un métier avec des professionnels : échanges, démonstrations, questions.",
                    StartsAt = start, EndsAt = start.AddHours(2), Capacity = mode == RegistrationMode.None ? null : capacity, RegistrationMode = mode,
                    Audience = EventAudience.Everyone, Tags = "bench, métiers", CreatedAt = now, PublishedAt = now, SeatsTaken = seats,
                };
                for (var k = 0; k < seats + (seats == capacity && mode == RegistrationMode.Waitlist ? random.Next(6) : 0); k++)
                {
                    var email = $"month-{n}-{k}@bench.maillage.test";
                    e.Registrations.Add(new Registration
                    {
                        CiteId = s.CiteId, ManageToken = Maillage.Agenda.Registration.NewToken(), Source = RegistrationSource.Online,
                        Status = k < seats ? RegistrationStatus.Confirmed : RegistrationStatus.Waitlisted, CreatedAt = now, ConsentAt = now,
                        ConfirmedAt = k < seats ? now : null, WaitlistedAt = k < seats ? null : now, EmailKey = email,
                        Person = new RegistrantDetails { FirstName = "Camille", LastName = $"Bench {k}", Email = email }, PublicStatus = PublicStatus.JobSeeker,
                    });
                }
                e.Validate();
                events.Add(e);
            }
            db.Events.AddRange(events);
            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();
        }
        Log($"setup: {MonthEvents} published events in {month:yyyy-MM} with {await db.Registrations.CountAsync(r => r.EmailKey!.StartsWith("month-"))} registrations, in {watch.Elapsed.TotalSeconds:0.0} s");
    }
    rushStructures = structures;
}
AgendaEvent RushEvent(string title, Structure s) => new()
{
    CiteId = s.CiteId, StructureId = s.Id, Title = title, Type = EventType.TradeZoom, Status = EventStatus.Published, StartsAt = rushStart, EndsAt = rushStart.AddHours(2),
    Capacity = Seats, RegistrationMode = RegistrationMode.Waitlist, WaitlistPromotion = WaitlistPromotion.Direct, CreatedAt = DateTimeOffset.UtcNow,
    PublishedAt = DateTimeOffset.UtcNow, Audience = EventAudience.Everyone,
};
// A fresh set of 20 events of 50 seats with a waiting list, for one round (or warm-up chunk) of one server.
async Task<int[]> RushSet(string label)
{
    await using var scope = host.Services.CreateAsyncScope();
    var db = scope.ServiceProvider.GetRequiredService<MaillageDb>();
    var set = Enumerable.Range(0, RushEvents).Select(i => RushEvent($"Bench rush {label} {i + 1}", rushStructures[i % rushStructures.Count])).ToList();
    db.Events.AddRange(set);
    await db.SaveChangesAsync();
    return set.Select(e => e.Id).ToArray();
}
var rushMaillage = new int[rounds][];
var rushBaseline = new int[rounds][];
for (var r = 0; r < rounds; r++) { rushMaillage[r] = await RushSet($"M{r + 1}"); rushBaseline[r] = await RushSet($"B{r + 1}"); }

// ---- 2. Registration rush.
HttpClient Client(int connections) => new(new SocketsHttpHandler { MaxConnectionsPerServer = connections, PooledConnectionLifetime = TimeSpan.FromMinutes(30) })
{ Timeout = TimeSpan.FromSeconds(30) };
using var maillage = Client(RushConnections);
using var baseline = Client(RushConnections);

// PostgreSQL's CPU per registration in a round's log line, when the database runs on this machine.
string Db(RushResult r) => double.IsNaN(r.DbCpuMsPerRequest) ? "" : $" + PostgreSQL {F(r.DbCpuMsPerRequest, "0.00")} ms/reg";

async Task<RushResult> RushAsync(HttpClient client, string url, int[] eventIds, string tag, int requests, int? pid)
{
    var cpu = CpuMs(pid);
    var dbCpu = provider == "postgres" ? ProcessCpu.OfCommandMs("postgres") : double.NaN; // the database's own CPU, when it runs on this machine
    var queue = new ConcurrentQueue<int>(Enumerable.Range(0, requests));
    var latencies = new ConcurrentBag<double>();
    var accepted = new ConcurrentBag<string>();
    var statuses = new ConcurrentDictionary<string, int>();
    var watch = Stopwatch.StartNew();
    await Task.WhenAll(Enumerable.Range(0, RushConnections).Select(async _ =>
    {
        while (queue.TryDequeue(out var i))
        {
            var email = $"{tag}-{i}@bench.maillage.test";
            var body = JsonSerializer.Serialize(new
            {
                firstName = "Camille", lastName = $"Rush {i}", email, phone = "04 50 00 00 00", publicStatus = "jobSeeker", consent = true,
            });
            var started = Stopwatch.GetTimestamp();
            string outcome;
            try
            {
                using var content = new StringContent(body, Encoding.UTF8, "application/json");
                using var response = await client.PostAsync($"{url}/api/v1/events/{eventIds[i % eventIds.Length]}/registrations", content);
                var text = await response.Content.ReadAsStringAsync();
                outcome = ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
                if (response.StatusCode == HttpStatusCode.Accepted) accepted.Add(email);
                else if (statuses.GetValueOrDefault(outcome) == 0) Log($"{tag}: {outcome} {text[..Math.Min(300, text.Length)]}");
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                outcome = ex is TaskCanceledException ? "timeout" : "error";
            }
            latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            statuses.AddOrUpdate(outcome, 1, (_, n) => n + 1);
        }
    }));
    var elapsed = watch.Elapsed.TotalSeconds;
    return new RushResult(requests / elapsed, Percentile(latencies, 0.50), Percentile(latencies, 0.99), Percentile(latencies, 1.0), statuses, accepted.ToHashSet(), (CpuMs(pid) - cpu) / requests)
        { DbCpuMsPerRequest = (ProcessCpu.OfCommandMs("postgres") - dbCpu) / requests };
}

// Reads what the rush left in the database: no event over capacity, every address answered 202 has a row, no other row.
async Task<string> CheckAsync(int[] eventIds, RushResult rush, string what)
{
    await using var scope = host.Services.CreateAsyncScope();
    var db = scope.ServiceProvider.GetRequiredService<MaillageDb>();
    var events = await db.Events.AsNoTracking().Where(e => eventIds.Contains(e.Id)).Select(e => new { e.Id, e.Capacity, e.SeatsTaken }).ToListAsync();
    var rows = await db.Registrations.AsNoTracking().Where(r => eventIds.Contains(r.EventId)).Select(r => new { r.EventId, r.Status, r.EmailKey, r.Id }).ToListAsync();
    var subjects = rows.Select(r => $"registration:{r.Id}").ToList();
    var mails = await db.Outbox.AsNoTracking().CountAsync(m => subjects.Contains(m.Subject!));
    var overbooked = events.Count(e => rows.Count(r => r.EventId == e.Id && r.Status == RegistrationStatus.Confirmed) > e.Capacity || e.SeatsTaken > e.Capacity);
    var confirmed = rows.Count(r => r.Status == RegistrationStatus.Confirmed);
    var waitlisted = rows.Count(r => r.Status == RegistrationStatus.Waitlisted);
    var inDb = rows.Select(r => r.EmailKey).ToHashSet();
    var lost = rush.Accepted.Count(t => !inDb.Contains(t));
    var created = rush.Statuses.GetValueOrDefault("202");
    var unanswered = rush.Statuses.Where(s => s.Key is "timeout" or "error" || s.Key.StartsWith('5')).Sum(s => s.Value);
    var problems = new List<string>();
    if (overbooked > 0) problems.Add($"{overbooked} event(s) overbooked");
    if (lost > 0) problems.Add($"{lost} answered 202 but not in the database");
    if (rows.Count != created) problems.Add($"{rows.Count} rows for {created} answers 202");
    if (unanswered > 0) problems.Add($"{unanswered} requests without an answer (5xx, timeout, error)");
    if (mails != rows.Count) problems.Add($"{mails} e-mails in the outbox for {rows.Count} registrations");
    if (confirmed != eventIds.Length * Seats) problems.Add($"{confirmed} confirmed, expected {eventIds.Length * Seats}");
    failures.AddRange(problems.Select(p => $"{provider} {what}: {p}"));
    var answers = string.Join(", ", rush.Statuses.OrderBy(s => s.Key).Select(s => $"{s.Value}×{s.Key}"));
    return $"{answers}; in the database {rows.Count} rows ({confirmed} confirmed, {waitlisted} waitlisted), max confirmed per event "
           + $"{(events.Count == 0 ? 0 : events.Max(e => rows.Count(r => r.EventId == e.Id && r.Status == RegistrationStatus.Confirmed)))}/{Seats}, "
           + $"{created - lost}/{created} answers 202 found, {mails} outbox e-mails: " + (problems.Count == 0 ? "**ok**" : "**" + string.Join("; ", problems) + "**");
}

static double Percentile(IEnumerable<double> values, double q)
{
    var sorted = values.OrderBy(x => x).ToArray();
    return sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)(sorted.Length * q))];
}

// Maillage's confirmation e-mails are delivered by its background dispatcher, after the answers. Before the next measured
// phase it waits until the outbox holds no message due now, so that the delivery of one phase's e-mails never runs during
// the next phase (the baseline's round, in particular, sends none). Returns the seconds waited and Maillage's CPU meanwhile.
async Task<(double Seconds, double CpuMs)> DrainAsync()
{
    var watch = Stopwatch.StartNew();
    var cpu = CpuMs(maillagePid);
    while (true)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MaillageDb>();
        var now = DateTimeOffset.UtcNow;
        if (!await db.Outbox.AnyAsync(m => m.State == Maillage.Platform.Email.OutboxState.Pending && m.DueAt <= now)) break;
        if (watch.Elapsed > TimeSpan.FromMinutes(5)) { failures.Add($"{provider}: e-mails still pending 5 minutes after a rush"); break; }
        await Task.Delay(100);
    }
    return (watch.Elapsed.TotalSeconds, CpuMs(maillagePid) - cpu);
}

// How many e-mails the dispatcher delivered since a moment (during a round, it competes with the answers for the CPU).
async Task<int> SentSinceAsync(DateTimeOffset since)
{
    await using var scope = host.Services.CreateAsyncScope();
    var db = scope.ServiceProvider.GetRequiredService<MaillageDb>();
    return await db.Outbox.CountAsync(m => m.State == Maillage.Platform.Email.OutboxState.Sent && m.SentAt >= since);
}

// Rush warm-up: chunks shaped like a measured round (2 000 registrations over 20 fresh events of 50 seats), Maillage's
// followed by the delivery of its e-mails, until each server's tiered compiler is idle (WarmUp.UntilCompiledAsync in bench/Shared/WarmUp.cs).
var warmRegistrations = int.Parse(Arg("warm-registrations", "4000"), CultureInfo.InvariantCulture);
var warmChunks = Math.Max(1, (warmRegistrations + RushRequests - 1) / RushRequests);
var warmNotes = new List<string>();
if (rounds > 0)
{
    Log($"rush warm-up (at least {warmChunks} × {RushRequests} registrations each over 20 events, not measured)");
    var chunkNo = 0;
    warmNotes.Add(await WarmUp.UntilCompiledAsync("Maillage rush", maillagePid, warmChunks, async () =>
    {
        chunkNo++;
        await RushAsync(maillage, maillageUrl, await RushSet($"M-warm-{chunkNo}"), $"warm-m{chunkNo}", RushRequests, maillagePid);
        await DrainAsync();
    }, Log));
    warmNotes.Add(await WarmUp.UntilCompiledAsync("baseline rush", baselinePid, warmChunks, async () =>
    {
        chunkNo++;
        await RushAsync(baseline, baselineUrl, await RushSet($"B-warm-{chunkNo}"), $"warm-b{chunkNo}", RushRequests, baselinePid);
    }, Log));
}
var rushM = new List<(RushResult Result, string Check)>();
var rushB = new List<(RushResult Result, string Check)>();
for (var r = 0; r < rounds; r++)
{
    var roundStart = DateTimeOffset.UtcNow;
    var m = await RushAsync(maillage, maillageUrl, rushMaillage[r], $"m{r}", RushRequests, maillagePid);
    var mailsDuring = await SentSinceAsync(roundStart);
    var (drained, drainCpu) = await DrainAsync();
    m = m with { MailSeconds = drained, MailCpuMs = drainCpu / RushRequests, MailsDuringRound = mailsDuring };
    var b = await RushAsync(baseline, baselineUrl, rushBaseline[r], $"b{r}", RushRequests, baselinePid);
    rushM.Add((m, await CheckAsync(rushMaillage[r], m, $"Maillage round {r + 1}")));
    rushB.Add((b, await CheckAsync(rushBaseline[r], b, $"baseline round {r + 1}")));
    Log($"round {r + 1}: Maillage {F(m.PerSecond, "0")} reg/s p50 {F(m.P50)} p99 {F(m.P99)} ms, CPU {F(m.CpuMsPerRequest, "0.00")} ms/reg{Db(m)}, e-mails out {F(m.MailSeconds)} s later ({F(m.MailCpuMs, "0.00")} ms CPU each, {m.MailsDuringRound} during the round) — baseline {F(b.PerSecond, "0")} reg/s p50 {F(b.P50)} p99 {F(b.P99)} ms, CPU {F(b.CpuMsPerRequest, "0.00")} ms/reg{Db(b)}");
}

// ---- 3. Reads: the month's first page.
async Task<ReadResult> LoadAsync(HttpClient client, string target, double duration, int? pid)
{
    var cpu = CpuMs(pid);
    var latencies = new ConcurrentBag<double>();
    long done = 0, errors = 0;
    var watch = Stopwatch.StartNew();
    await Task.WhenAll(Enumerable.Range(0, ReadConnections).Select(async _ =>
    {
        var mine = new List<double>();
        while (watch.Elapsed.TotalSeconds < duration)
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                using var response = await client.GetAsync(target, HttpCompletionOption.ResponseContentRead);
                if (response.StatusCode != HttpStatusCode.OK) Interlocked.Increment(ref errors);
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException) { Interlocked.Increment(ref errors); }
            mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            Interlocked.Increment(ref done);
        }
        foreach (var l in mine) latencies.Add(l);
    }));
    return new ReadResult(done / watch.Elapsed.TotalSeconds, Percentile(latencies, 0.50), Percentile(latencies, 0.99), errors, (CpuMs(pid) - cpu) / Math.Max(1, done));
}

async Task<string> ShapeAsync(HttpClient client, string target, bool json)
{
    var text = await client.GetStringAsync(target);
    if (json)
    {
        using var doc = JsonDocument.Parse(text);
        return $"{doc.RootElement.GetArrayLength()} events, {text.Length / 1024} KB";
    }
    return $"{text.Split("class=\"card\"").Length - 1} events, {text.Length / 1024} KB";
}

using var reader = Client(ReadConnections);
var query = $"from={from}&to={to}";
var reads = new List<string>();
foreach (var (name, path, json) in only == "rush" ? [] : new[] { ("page /agenda", "/agenda", false), ("GET /api/v1/events", "/api/v1/events", true) })
{
    var mTarget = $"{maillageUrl}{path}?{query}";
    var bTarget = $"{baselineUrl}{path}?{query}";
    var mShape = await ShapeAsync(reader, mTarget, json);
    var bShape = await ShapeAsync(reader, bTarget, json);
    Log($"{name}: Maillage {mShape}, baseline {bShape}; warming up");
    warmNotes.Add(await WarmUp.UntilCompiledAsync($"Maillage {name}", maillagePid, 1, () => LoadAsync(reader, mTarget, warmup, maillagePid), Log));
    warmNotes.Add(await WarmUp.UntilCompiledAsync($"baseline {name}", baselinePid, 1, () => LoadAsync(reader, bTarget, warmup, baselinePid), Log));
    var m = await LoadAsync(reader, mTarget, seconds, maillagePid);
    var b = await LoadAsync(reader, bTarget, seconds, baselinePid);
    if (m.Errors > 0) failures.Add($"{provider} {name}: {m.Errors} Maillage errors");
    var ratio = m.PerSecond / b.PerSecond;
    var target = json ? 0.5 : 0.35;
    Log($"{name}: Maillage {F(m.PerSecond, "0")} req/s p99 {F(m.P99)} ms, CPU {F(m.CpuMsPerRequest, "0.00")} ms/req — baseline {F(b.PerSecond, "0")} req/s p99 {F(b.P99)} ms, CPU {F(b.CpuMsPerRequest, "0.00")} ms/req — ratio {F(ratio, "0.00")}");
    reads.Add($"| {provider} | {name} `?{query}` (first page: Maillage {mShape}; baseline {bShape}) | {F(m.PerSecond, "0")} req/s, p50 {F(m.P50)} ms, p99 **{F(m.P99)} ms**, {m.Errors} errors, server CPU {F(m.CpuMsPerRequest, "0.00")} ms/req "
              + $"| {F(b.PerSecond, "0")} req/s, p50 {F(b.P50)} ms, p99 {F(b.P99)} ms, server CPU {F(b.CpuMsPerRequest, "0.00")} ms/req | **{F(ratio, "0.00")}** "
              + $"| ≥ {F(target, "0.00")}×: {(ratio >= target ? "met" : "**not met**")}; p99 < 50 ms: {(m.P99 < 50 && m.Errors == 0 ? "met" : "**not met**")} |");
}

// ---- Report: the median round of the rush (by registrations per second), every round listed.
if (rounds > 0)
{
var order = Enumerable.Range(0, rounds).OrderBy(i => rushM[i].Result.PerSecond).ToList();
var median = order[rounds / 2];
var (mm, bm) = (rushM[median].Result, rushB[median].Result);
var rushRatio = mm.PerSecond / bm.PerSecond;
Console.WriteLine($"| {provider} | registration rush, median of {rounds} rounds (round {median + 1}): {RushRequests} registrations, {RushEvents} events × {Seats} seats + waiting list, {RushConnections} connections "
                  + $"| {F(mm.PerSecond, "0")} reg/s, p50 {F(mm.P50)} ms, p99 **{F(mm.P99)} ms**, max {F(mm.Max)} ms, server CPU {F(mm.CpuMsPerRequest, "0.00")} ms/reg | {F(bm.PerSecond, "0")} reg/s, p50 {F(bm.P50)} ms, p99 {F(bm.P99)} ms, server CPU {F(bm.CpuMsPerRequest, "0.00")} ms/reg | **{F(rushRatio, "0.00")}** "
                  + $"| ≥ 1 000 reg/s: {(mm.PerSecond >= 1000 ? "met" : "**not met**")}; p99 < 150 ms: {(mm.P99 < 150 ? "met" : "**not met**")}; ≥ 0.50×: {(rushRatio >= 0.5 ? "met" : "**not met**")} |");
for (var r = 0; r < rounds; r++)
    Console.WriteLine($"| {provider} | rush round {r + 1} | {F(rushM[r].Result.PerSecond, "0")} reg/s, p50 {F(rushM[r].Result.P50)} ms, p99 {F(rushM[r].Result.P99)} ms; {rushM[r].Check}; "
                      + $"e-mails all delivered {F(rushM[r].Result.MailSeconds)} s after the last answer ({F(rushM[r].Result.MailCpuMs, "0.00")} ms CPU each; {rushM[r].Result.MailsDuringRound} during the round) "
                      + $"| {F(rushB[r].Result.PerSecond, "0")} reg/s, p50 {F(rushB[r].Result.P50)} ms, p99 {F(rushB[r].Result.P99)} ms; {rushB[r].Check} | {F(rushM[r].Result.PerSecond / rushB[r].Result.PerSecond, "0.00")} | |");
}
foreach (var line in reads) Console.WriteLine(line);
Console.WriteLine($"| {provider} | warm-up | {string.Join("; ", warmNotes)} | | | |");
foreach (var failure in failures) Log($"CHECK FAILED: {failure}");
return failures.Count == 0 ? 0 : 1;

sealed record RushResult(double PerSecond, double P50, double P99, double Max, ConcurrentDictionary<string, int> Statuses, HashSet<string> Accepted, double CpuMsPerRequest)
{
    /// <summary>Maillage only: seconds from the last answer until every e-mail of the round was delivered, and the CPU meanwhile per registration.</summary>
    public double MailSeconds { get; init; }
    public double MailCpuMs { get; init; }
    /// <summary>Maillage only: e-mails the dispatcher delivered while the round's requests were being answered.</summary>
    public int MailsDuringRound { get; init; }
    /// <summary>PostgreSQL's CPU (all its processes on this machine) during the round, per registration; NaN on SQLite.</summary>
    public double DbCpuMsPerRequest { get; init; } = double.NaN;
}
sealed record ReadResult(double PerSecond, double P50, double P99, long Errors, double CpuMsPerRequest);
