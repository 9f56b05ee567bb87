// Visits benchmark (docs/performance-history.md, section "Visits"), run by bench/visits/run.sh against a running Maillage:
//   ingest   POST /api/v1/visits in batches of 1 000 (4 clients), then single entries at 16 connections (p50/p99),
//            and the same inserts through plain ADO.NET (Maillage's own statements, no EF Core, no HTTP) for the ratio;
//   storage  inserts N more visits straight into the database and measures the bytes per visit of the Visits
//            table with its indexes (pg_total_relation_size / SQLite dbstat).
// Arguments: --url U --token T --structure ID --cite ID --provider sqlite|postgres --database CS [--seconds S] [--storage N] [--maillage-pid PID]
using System.Collections.Concurrent;
using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Maillage.Bench;
using Maillage.Visits;
using Maillage.Visits.Categories;
using Microsoft.Data.Sqlite;
using Npgsql;

var options = args.Select((a, i) => (a, i)).Where(x => x.a.StartsWith("--")).ToDictionary(x => x.a[2..], x => args[x.i + 1]);
string Arg(string name, string? fallback = null) => options.TryGetValue(name, out var v) ? v : fallback ?? throw new ArgumentException($"--{name} is required");
var url = Arg("url").TrimEnd('/');
var token = Arg("token");
var provider = Arg("provider");
var database = Arg("database");
var slug = Arg("structure", "saint-julien-en-genevois");
var seconds = double.Parse(Arg("seconds", "15"), CultureInfo.InvariantCulture);
var storageRows = int.Parse(Arg("storage", "300000"), CultureInfo.InvariantCulture);
var postgres = provider == "postgres";
int? maillagePid = options.TryGetValue("maillage-pid", out var mp) ? int.Parse(mp, CultureInfo.InvariantCulture) : null;

DbDataSource source = postgres ? NpgsqlDataSource.Create(database) : SqliteFactory.Instance.CreateDataSource(database);
int structureId, citeId;
await using (var connection = await source.OpenConnectionAsync())
await using (var find = connection.CreateCommand())
{
    find.CommandText = $"SELECT \"Id\", \"CiteId\" FROM \"Structures\" WHERE \"Slug\" = '{slug.Replace("'", "''")}'";
    await using var reader = await find.ExecuteReaderAsync();
    if (!await reader.ReadAsync()) throw new InvalidOperationException($"No structure {slug}");
    (structureId, citeId) = (reader.GetInt32(0), reader.GetInt32(1));
}

var random = new Random(42);
var now = DateTimeOffset.UtcNow;
string[] statuses = Enum.GetValues<PublicStatus>().Select(v => CategoryText.ApiName(v)).ToArray();
string[] ages = Enum.GetValues<AgeBracket>().Select(v => CategoryText.ApiName(v)).ToArray();
string[] genders = Enum.GetValues<Gender>().Select(v => CategoryText.ApiName(v)).ToArray();
string[] needs = CategoryText.Each<Needs>().Select(v => CategoryText.ApiName(v)).ToArray();

object Json(Random r) => new Dictionary<string, object>
{
    ["clientId"] = Guid.NewGuid(), ["structureId"] = structureId, ["occurredAt"] = now.AddMinutes(-r.Next(0, 60 * 24 * 20)),
    ["kind"] = "visit", ["channel"] = "walkIn", ["publicStatus"] = statuses[r.Next(statuses.Length)], ["ageBracket"] = ages[r.Next(ages.Length)],
    ["gender"] = genders[r.Next(genders.Length)], ["needs"] = new[] { needs[r.Next(needs.Length)] }, ["services"] = new[] { "informationOnly" },
};

VisitToRecord Row(Random r) => new(Guid.NewGuid(), new Visit
{
    Quarter = QuarterHour.Of(now.AddMinutes(-r.Next(0, 60 * 24 * 365 * 3))), StructureId = structureId, CiteId = citeId,
    PartnerId = r.Next(4) == 0 ? r.Next(1, 40) : 0, ResidenceId = r.Next(-3, 30),
    Needs = (Needs)(1 << r.Next(6)), Services = (Services)(1 << r.Next(5)), Kind = (VisitKind)(r.Next(5) == 0 ? 1 : 0),
    Channel = (Channel)r.Next(4), PublicStatus = (PublicStatus)r.Next(10), AgeBracket = (AgeBracket)r.Next(5), Gender = (Gender)r.Next(4),
    Extra = VisitExtra.Pack(r.Next(3) == 0 ? null : r.Next(2) == 0, DurationBracket.None, null, (DiplomaLevel)r.Next(8), EntrySource.Reception),
});

using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64, PooledConnectionLifetime = TimeSpan.FromMinutes(10) }) { BaseAddress = new Uri(url) };
http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

async Task<(double PerSecond, long Rows)> Timed(int workers, Func<Random, Task<int>> step, double? duration = null)
{
    var stop = Stopwatch.StartNew();
    long rows = 0;
    await Task.WhenAll(Enumerable.Range(0, workers).Select(async w =>
    {
        var r = new Random(1000 + w);
        while (stop.Elapsed.TotalSeconds < (duration ?? seconds)) Interlocked.Add(ref rows, await step(r));
    }));
    return (rows / stop.Elapsed.TotalSeconds, rows);
}

async Task<int> PostAsync(object body)
{
    using var content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");
    using var response = await http.PostAsync("/api/v1/visits", content);
    if ((int)response.StatusCode != 201) throw new InvalidOperationException($"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
    return doc.RootElement.GetProperty("recorded").GetInt32();
}

async Task<int> InsertAsync(IReadOnlyList<VisitToRecord> rows)
{
    await using var connection = await source.OpenConnectionAsync();
    if (!postgres) { await using var pragma = connection.CreateCommand(); pragma.CommandText = "PRAGMA busy_timeout=10000; PRAGMA synchronous=NORMAL;"; await pragma.ExecuteNonQueryAsync(); }
    await using var tx = await connection.BeginTransactionAsync();
    var n = postgres
        ? await VisitRecorder.RecordPostgresAsync((NpgsqlConnection)connection, (NpgsqlTransaction)tx, rows, now.ToUnixTimeMilliseconds(), default)
        : await VisitRecorder.RecordSqliteAsync(connection, tx, rows, now.ToUnixTimeMilliseconds(), default);
    await tx.CommitAsync();
    return n.Count;
}

var latencies = new ConcurrentBag<double>();
async Task<int> Measured(Func<Task<int>> action)
{
    var t = Stopwatch.GetTimestamp();
    var n = await action();
    latencies.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
    return n;
}
(double P50, double P99) Percentiles()
{
    var sorted = latencies.OrderBy(x => x).ToArray();
    latencies.Clear();
    return (sorted[(int)(sorted.Length * 0.50)], sorted[Math.Min(sorted.Length - 1, (int)(sorted.Length * 0.99))]);
}

var results = new List<string>();
void Report(string line) { results.Add(line); Console.Error.WriteLine(line); }

// Warm-up: JIT, pools, prepared plans.
await PostAsync(Enumerable.Range(0, 200).Select(_ => Json(random)).ToArray());
for (var i = 0; i < 50; i++) await PostAsync(Json(random));
await InsertAsync(Enumerable.Range(0, 200).Select(_ => Row(random)).ToList());

// Then each measurement is preceded by 5-second chunks of the same load until the server's tiered compiler is idle
// (bench/Shared/WarmUp.cs); the baseline runs in this process, and is warmed by the same rule.
void Log(string text) => Console.Error.WriteLine($"[visits-bench {DateTime.Now:HH:mm:ss}] {text}");
Task Warm(string who, int? pid, Func<Random, Task<int>> step, int workers) => WarmUp.UntilCompiledAsync(who, pid, 1, () => Timed(workers, step, 5), Log);
Func<Random, Task<int>> apiBatchStep = r => PostAsync(Enumerable.Range(0, 1000).Select(_ => Json(r)).ToArray());
Func<Random, Task<int>> adoBatchStep = r => InsertAsync(Enumerable.Range(0, 1000).Select(_ => Row(r)).ToList());
await Warm("Maillage batch", maillagePid, apiBatchStep, 4);
var apiBatch = await Timed(4, apiBatchStep);
await Warm("baseline batch", Environment.ProcessId, adoBatchStep, 4);
var adoBatch = await Timed(4, adoBatchStep);
await Warm("Maillage single entry", maillagePid, r => PostAsync(Json(r)), 16);
var apiSingle = await Timed(16, r => Measured(() => PostAsync(Json(r))));
var apiSingleLatency = Percentiles();
await Warm("baseline single entry", Environment.ProcessId, r => InsertAsync([Row(r)]), 16);
var adoSingle = await Timed(16, r => Measured(() => InsertAsync([Row(r)])));
var adoSingleLatency = Percentiles();

string F(double x) => x.ToString("0.0", CultureInfo.InvariantCulture);
Report($"| {provider} | batch of 1 000, 4 clients | {F(apiBatch.PerSecond)} visits/s | {F(adoBatch.PerSecond)} visits/s | {F(apiBatch.PerSecond / adoBatch.PerSecond)} | ≥ 5 000 visits/s: {(apiBatch.PerSecond >= 5000 ? "met" : "NOT met")} |");
Report($"| {provider} | single entry, 16 connections | {F(apiSingle.PerSecond)} req/s, p50 {F(apiSingleLatency.P50)} ms, p99 {F(apiSingleLatency.P99)} ms | {F(adoSingle.PerSecond)} inserts/s, p50 {F(adoSingleLatency.P50)} ms, p99 {F(adoSingleLatency.P99)} ms | {F(apiSingle.PerSecond / adoSingle.PerSecond)} | p99 < 20 ms: {(apiSingleLatency.P99 < 20 ? "met" : "NOT met")} |");

// Storage: bring the table to at least storageRows visits, then measure; receipts are measured apart (short-lived).
await using (var connection = await source.OpenConnectionAsync())
{
    async Task<long> Scalar(string sql) { await using var c = connection.CreateCommand(); c.CommandText = sql; return Convert.ToInt64(await c.ExecuteScalarAsync(), CultureInfo.InvariantCulture); }
    var count = await Scalar("SELECT COUNT(*) FROM \"Visits\"");
    while (count < storageRows)
    {
        count += await InsertAsync(Enumerable.Range(0, (int)Math.Min(5000, storageRows - count)).Select(_ => Row(random)).ToList());
    }
    if (postgres) { await using var c = connection.CreateCommand(); c.CommandText = "VACUUM ANALYZE \"Visits\""; await c.ExecuteNonQueryAsync(); }
    var visits = postgres ? await Scalar("SELECT pg_total_relation_size('\"Visits\"')") : await SqliteSizeAsync(connection, "Visits");
    var receipts = postgres ? await Scalar("SELECT pg_total_relation_size('\"VisitReceipts\"')") : await SqliteSizeAsync(connection, "VisitReceipts");
    var receiptCount = await Scalar("SELECT COUNT(*) FROM \"VisitReceipts\"");
    Report($"| {provider} | storage | {count:N0} visits: {F(visits / (double)count)} bytes/visit, indexes included | receipts (kept 30 days): {F(receipts / (double)receiptCount)} bytes each | | ≤ 100 bytes: {(visits / (double)count <= 100 ? "met" : "NOT met")} |");
}
Console.WriteLine(string.Join("\n", results));

// The bundled SQLite has no dbstat: copy the table into a fresh attached file with the same schema and indexes,
// and take that file's size (page count × page size) less its size when the table was empty.
static async Task<long> SqliteSizeAsync(DbConnection connection, string table)
{
    var file = Path.Combine(Path.GetTempPath(), $"visits-size-{Guid.NewGuid():N}.db");
    async Task<object?> Run(string sql) { await using var c = connection.CreateCommand(); c.CommandText = sql; return await c.ExecuteScalarAsync(); }
    var ddl = new List<string>();
    await using (var c = connection.CreateCommand())
    {
        c.CommandText = $"SELECT sql FROM main.sqlite_master WHERE tbl_name = '{table}' AND type IN ('table', 'index') AND sql IS NOT NULL ORDER BY type DESC";
        await using var reader = await c.ExecuteReaderAsync();
        while (await reader.ReadAsync()) ddl.Add(reader.GetString(0));
    }
    await Run("PRAGMA foreign_keys=OFF");
    await Run($"ATTACH DATABASE '{file}' AS sizing");
    try
    {
        foreach (var sql in ddl)
            await Run(sql.StartsWith("CREATE TABLE", StringComparison.Ordinal) ? sql.Replace($"CREATE TABLE \"{table}\"", $"CREATE TABLE sizing.\"{table}\"")
                : System.Text.RegularExpressions.Regex.Replace(sql, "^CREATE (UNIQUE )?INDEX \"", "CREATE $1INDEX sizing.\""));
        var pageSize = Convert.ToInt64(await Run("PRAGMA sizing.page_size"), CultureInfo.InvariantCulture);
        var empty = Convert.ToInt64(await Run("PRAGMA sizing.page_count"), CultureInfo.InvariantCulture);
        await Run($"INSERT INTO sizing.\"{table}\" SELECT * FROM main.\"{table}\"");
        var full = Convert.ToInt64(await Run("PRAGMA sizing.page_count"), CultureInfo.InvariantCulture);
        return (full - empty) * pageSize;
    }
    finally
    {
        await Run("DETACH DATABASE sizing");
        File.Delete(file);
    }
}
