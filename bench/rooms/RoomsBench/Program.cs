// Rooms benchmark (docs/PERFORMANCE.md, section "Rooms"), run by bench/rooms/run.sh against a running Maillage and the plain
// ADO.NET baseline (bench/rooms/RoomsBaseline) on the same database. Database configuration as for Maillage
// (Database__Provider, ConnectionStrings__Maillage, Maillage__DataDirectory).
//   1. setup   through Maillage's own model: for each run 20 fresh rooms at the Marseille site (bookable every day
//              00:00–23:59, 100 seats), a coordinator of the Cité and an API token (Maillage confirms the coordinator's bookings);
//   2. rush    2 000 POST /rooms/{id}/bookings over 20 rooms and 100 overlapping slots (30 minutes every 10 minutes: each
//              overlaps its four neighbours), 64 concurrent connections, to Maillage then to the baseline (a warm-up run each first);
//   3. check   read back from the database: no two active bookings of a room overlap, every 201 is a row, no 5xx/timeout.
// Arguments: --maillage URL --baseline URL [--provider sqlite|postgres] [--warmups 2] [--maillage-pid N --baseline-pid N]
// Warm-up: at least --warmups rushes on each server, then more until its tiered compiler is idle (bench/Shared/WarmUp.cs).
// Prints Markdown table rows on stdout; exits 1 when a check fails or a target is missed.
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Maillage.Bench;
using Maillage.Platform;
using Maillage.Platform.Data;
using Maillage.Platform.Identity;
using Maillage.Network;
using Maillage.Rooms;
using Microsoft.EntityFrameworkCore;

var options = args.Select((a, i) => (a, i)).Where(x => x.a.StartsWith("--")).ToDictionary(x => x.a[2..], x => args[x.i + 1]);
string Arg(string name, string? fallback = null) => options.TryGetValue(name, out var v) ? v : fallback ?? throw new ArgumentException($"--{name} is required");
var maillageUrl = Arg("maillage").TrimEnd('/');
var baselineUrl = Arg("baseline").TrimEnd('/');
var provider = Arg("provider", "sqlite");
var warmups = int.Parse(Arg("warmups", "2"), CultureInfo.InvariantCulture);
int? maillagePid = options.TryGetValue("maillage-pid", out var mp) ? int.Parse(mp, CultureInfo.InvariantCulture) : null;
int? baselinePid = options.TryGetValue("baseline-pid", out var bp) ? int.Parse(bp, CultureInfo.InvariantCulture) : null;
const int Rooms = 20, Slots = 100, Requests = 2000, Connections = 64;
const double ThroughputTarget = 0.5, P99TargetMs = 150;

var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production", Args = [] });
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.AddModules();
await using var host = builder.Build();
void Log(string text) => Console.Error.WriteLine($"[rooms-bench {DateTime.Now:HH:mm:ss}] {text}");
string F(double x, string format = "0.0") => x.ToString(format, CultureInfo.InvariantCulture);
var failures = new List<string>();

// ---- 1. Setup, through the application's model.
string token;
int siteId, citeId;
await using (var scope = host.Services.CreateAsyncScope())
{
    var db = scope.ServiceProvider.GetRequiredService<MaillageDb>();
    var site = await db.Structures.SingleAsync(s => s.Slug == "marseille" && s.Cite.Slug == "marseille-paca");
    (siteId, citeId) = (site.Id, site.CiteId);
    var directory = scope.ServiceProvider.GetRequiredService<StaffDirectory>();
    var user = await directory.CreateUserAsync($"rooms-bench-{Guid.NewGuid():N}@bench.maillage.test", "bench-password-2026-rooms");
    await directory.GrantAsync(user, await directory.ParseAsync(StaffRole.Coordinator, "cite:marseille-paca"));
    var (apiToken, secret) = ApiToken.Create(user.Id, "rooms-bench", [ApiScopes.Read, "rooms"], DateTimeOffset.UtcNow);
    db.ApiTokens.Add(apiToken);
    await db.SaveChangesAsync();
    token = secret;
}

async Task<int[]> RoomSet(string label)
{
    await using var scope = host.Services.CreateAsyncScope();
    var db = scope.ServiceProvider.GetRequiredService<MaillageDb>();
    var set = Enumerable.Range(1, Rooms).Select(i =>
    {
        var room = new Room { CiteId = citeId, StructureId = siteId, Name = $"Bench {label} {i}", Capacity = 100, NeedsApproval = true };
        room.ReplaceHours([.. Enum.GetValues<DayOfWeek>().Select(d => (d, new TimeOnly(0, 0), new TimeOnly(23, 59)))]);
        return room;
    }).ToList();
    db.Rooms.AddRange(set);
    await db.SaveChangesAsync();
    return set.Select(r => r.Id).ToArray();
}

// ---- 2. The rush: request i asks for room i % 20 at slot (i / 20) % 100, a day ahead.
var paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, paris).DateTime).AddDays(3);
DateTimeOffset Slot(int k)
{
    var local = day.ToDateTime(new TimeOnly(6, 0)).AddMinutes(10 * k);
    return new DateTimeOffset(local, paris.GetUtcOffset(local));
}
HttpClient Client(bool auth)
{
    var c = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = Connections, PooledConnectionLifetime = TimeSpan.FromMinutes(30) }) { Timeout = TimeSpan.FromSeconds(30) };
    if (auth) c.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
    return c;
}
using var maillage = Client(auth: true);
using var baseline = Client(auth: false);

async Task<Rush> RushAsync(HttpClient client, string url, int[] rooms, string tag, int? pid)
{
    var cpu = ProcessCpu.Ms(pid);
    var queue = new ConcurrentQueue<int>(Enumerable.Range(0, Requests));
    var latencies = new ConcurrentBag<double>();
    var created = new ConcurrentBag<int>();
    var statuses = new ConcurrentDictionary<string, int>();
    var watch = Stopwatch.StartNew();
    await Task.WhenAll(Enumerable.Range(0, Connections).Select(async _ =>
    {
        while (queue.TryDequeue(out var i))
        {
            var start = Slot(i / Rooms % Slots);
            var body = JsonSerializer.Serialize(new { startsAt = start, endsAt = start.AddMinutes(30), title = $"{tag} {i}", attendees = 12 });
            var started = Stopwatch.GetTimestamp();
            string outcome;
            try
            {
                using var content = new StringContent(body, Encoding.UTF8, "application/json");
                using var response = await client.PostAsync($"{url}/api/v1/rooms/{rooms[i % Rooms]}/bookings", content);
                var text = await response.Content.ReadAsStringAsync();
                outcome = ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
                if (response.StatusCode == HttpStatusCode.Created) created.Add(JsonDocument.Parse(text).RootElement.GetProperty("id").GetInt32());
                else if (response.StatusCode != HttpStatusCode.Conflict && statuses.GetValueOrDefault(outcome) == 0) Log($"{tag}: {outcome} {text[..Math.Min(300, text.Length)]}");
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
    var sorted = latencies.Order().ToArray();
    double P(double q) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];
    return new Rush(Requests / elapsed, P(0.50), P(0.99), statuses, created.ToHashSet(), (ProcessCpu.Ms(pid) - cpu) / Requests);
}

// ---- 3. The database's own account: no two active bookings of a room overlap, every 201 a row, nothing else.
async Task CheckAsync(int[] rooms, Rush rush, string what)
{
    await using var scope = host.Services.CreateAsyncScope();
    var db = scope.ServiceProvider.GetRequiredService<MaillageDb>();
    var rows = await db.RoomBookings.AsNoTracking().Where(b => rooms.Contains(b.RoomId)).ToListAsync();
    var active = rows.Where(b => b.Status is BookingStatus.Requested or BookingStatus.Confirmed).ToList();
    var doubles = active.GroupBy(b => b.RoomId).Sum(g =>
    {
        var ordered = g.OrderBy(b => b.HeldFrom).ToList();
        return ordered.Zip(ordered.Skip(1)).Count(p => p.Second.HeldFrom < p.First.HeldUntil);
    });
    var problems = new List<string>();
    if (doubles > 0) problems.Add($"{doubles} double booking(s)");
    if (rows.Count != rush.Created.Count) problems.Add($"{rows.Count} rows for {rush.Created.Count} answers 201");
    if (rush.Created.Any(id => rows.All(r => r.Id != id))) problems.Add("a 201 without its row");
    var other = rush.Statuses.Where(s => s.Key is not ("201" or "409")).Sum(s => s.Value);
    if (other > 0) problems.Add($"{other} answers neither 201 nor 409 ({string.Join(", ", rush.Statuses.Select(s => $"{s.Key}: {s.Value}"))})");
    failures.AddRange(problems.Select(p => $"{provider} {what}: {p}"));
    Log($"{what}: {rush.Created.Count} × 201, {rush.Statuses.GetValueOrDefault("409")} × 409, {rows.Count} rows, {doubles} double bookings{(problems.Count > 0 ? " — " + string.Join("; ", problems) : "")}");
}

var warm = 0;
var warmNotes = new List<string>
{
    await WarmUp.UntilCompiledAsync("Maillage", maillagePid, warmups, async () => await RushAsync(maillage, maillageUrl, await RoomSet($"warm M{++warm}"), "warm-up", maillagePid), Log),
    await WarmUp.UntilCompiledAsync("baseline", baselinePid, warmups, async () => await RushAsync(baseline, baselineUrl, await RoomSet($"warm B{++warm}"), "warm-up", baselinePid), Log),
};
var mRooms = await RoomSet("M");
var m = await RushAsync(maillage, maillageUrl, mRooms, "Maillage", maillagePid);
await CheckAsync(mRooms, m, "Maillage");
var bRooms = await RoomSet("B");
var b = await RushAsync(baseline, baselineUrl, bRooms, "baseline", baselinePid);
await CheckAsync(bRooms, b, "baseline");
Log($"Maillage {F(m.PerSecond)} req/s p50 {F(m.P50)} p99 {F(m.P99)} ms, server CPU {F(m.CpuMs, "0.00")} ms/req; baseline {F(b.PerSecond)} req/s p50 {F(b.P50)} p99 {F(b.P99)} ms, server CPU {F(b.CpuMs, "0.00")} ms/req");

var ratio = m.PerSecond / b.PerSecond;
if (ratio < ThroughputTarget) failures.Add($"{provider}: throughput {F(ratio, "0.00")}× the baseline, target {ThroughputTarget}×");
if (m.P99 >= P99TargetMs) failures.Add($"{provider}: p99 {F(m.P99)} ms, target under {P99TargetMs} ms");
var checks = failures.Any(f => f.StartsWith($"{provider} Maillage:", StringComparison.Ordinal)) ? "**failed**" : "0 double bookings, every 201 a row";
Console.WriteLine($"| {provider} | booking rush: requests/s | {F(m.PerSecond, "0")} | {F(b.PerSecond, "0")} | {F(ratio, "0.00")}× | ≥ 0.5× {(ratio >= ThroughputTarget ? "✓" : "✗")} |");
Console.WriteLine($"| {provider} | booking rush: p50 / p99 (ms) | {F(m.P50)} / {F(m.P99)} | {F(b.P50)} / {F(b.P99)} | | p99 < 150 ms {(m.P99 < P99TargetMs ? "✓" : "✗")} |");
Console.WriteLine($"| {provider} | booking rush: server CPU per request (ms) | {F(m.CpuMs, "0.00")} | {F(b.CpuMs, "0.00")} | | |");
Console.WriteLine($"| {provider} | warm-up | {warmNotes[0]} | {warmNotes[1]} | | |");
Console.WriteLine($"| {provider} | booking rush: 201 / 409, database check | {m.Created.Count} / {m.Statuses.GetValueOrDefault("409")}, {checks} | {b.Created.Count} / {b.Statuses.GetValueOrDefault("409")} | | no double booking, every 201 a row |");
foreach (var f in failures) Log($"MISSED: {f}");
return failures.Count == 0 ? 0 : 1;

/// <summary>A rush's figures; <see cref="CpuMs"/> is the server's CPU time per request (NaN when its pid is not known).</summary>
internal sealed record Rush(double PerSecond, double P50, double P99, ConcurrentDictionary<string, int> Statuses, HashSet<int> Created, double CpuMs);
