// Governance benchmark (docs/PERFORMANCE.md, section "Governance"), run by bench/governance/run.sh against a running
// Maillage and the plain ADO.NET baseline (bench/governance/GovernanceBaseline) on the same database. Database
// configuration as for Maillage (Database__Provider, ConnectionStrings__Maillage, Maillage__DataDirectory).
//   1. setup    through Maillage's own model and register (GovernanceRegister: the attendance checked as a whole, the
//               numbers taken from the body's sequence): a public comité syndical of the Grand Genève Cité with 80
//               titular delegates and 10 substitutes, 12 sessions held (one a quarter over three years) with 80
//               attendance rows each (50 present, 10 replaced by their substitute, 6 represented, 10 excused, 4
//               absent), 5 deliberations a session (60, published), each with 4 recitals and 5 articles;
//   2. extract  the register extract's PDF of a deliberation of the latest session (80 delegates named) through the
//               API, GET /api/v1/deliberations/{id}?format=pdf with a coordinator's token, one request at a time:
//               5 warm-up requests, then 30 timed (target: each under 500 ms);
//   3. page     the body's public page /instances/{id}, 32 connections, Maillage then the baseline (target: ≥ 0.35× the
//               baseline's requests per second, p99 under 50 ms).
// Arguments: --maillage URL --baseline URL [--seconds 15] [--warmup 10] [--provider sqlite|postgres] [--label text]
//            [--page-only] [--maillage-pid N --baseline-pid N]
// Prints Markdown table rows on stdout; exits 1 when a correctness check or a target fails.
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using Maillage.Bench;
using Maillage.Governance;
using Maillage.Network;
using Maillage.Platform;
using Maillage.Platform.Data;
using Maillage.Platform.Identity;
using Microsoft.EntityFrameworkCore;

var options = new Dictionary<string, string>();
for (var i = 0; i < args.Length; i++)
    if (args[i].StartsWith("--")) options[args[i][2..]] = i + 1 < args.Length && !args[i + 1].StartsWith("--") ? args[i + 1] : "true";
string Arg(string name, string? fallback = null) => options.TryGetValue(name, out var v) ? v : fallback ?? throw new ArgumentException($"--{name} is required");
var maillageUrl = Arg("maillage").TrimEnd('/');
var baselineUrl = Arg("baseline").TrimEnd('/');
var seconds = double.Parse(Arg("seconds", "15"), CultureInfo.InvariantCulture);
var warmup = double.Parse(Arg("warmup", "10"), CultureInfo.InvariantCulture);
var provider = Arg("provider", "sqlite");
var label = Arg("label", "output cache on (as deployed)");
var pageOnly = options.ContainsKey("page-only");
int? maillagePid = options.TryGetValue("maillage-pid", out var mp) ? int.Parse(mp, CultureInfo.InvariantCulture) : null;
int? baselinePid = options.TryGetValue("baseline-pid", out var bp) ? int.Parse(bp, CultureInfo.InvariantCulture) : null;
const int Titular = 80, Substitutes = 10, Sessions = 12, PerSession = 5, Connections = 32, PdfWarmUps = 5, PdfRuns = 30;
const double PdfTargetMs = 500, PageRatioTarget = 0.35, P99TargetMs = 50;
const string BodyName = "Bench comité syndical (80 délégués)";

var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production", Args = [] });
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.AddModules();
await using var host = builder.Build();
void Log(string text) => Console.Error.WriteLine($"[governance-bench {DateTime.Now:HH:mm:ss}] {text}");
string F(double x, string format = "0.0") => x.ToString(format, CultureInfo.InvariantCulture);
var failures = new List<string>();
var rows = new List<string>();
var paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, paris).DateTime);

// ---- 1. Setup, through the application's model (idempotent: a second run reuses the body).
int bodyId, extractId;
string token;
List<string> numbers;
await using (var scope = host.Services.CreateAsyncScope())
{
    var db = scope.ServiceProvider.GetRequiredService<MaillageDb>();
    var citeId = await db.Cites.Where(c => c.Slug == "grand-geneve").Select(c => c.Id).SingleAsync();
    var body = await db.Set<Body>().IgnoreQueryFilters().Include(b => b.Members).FirstOrDefaultAsync(b => b.CiteId == citeId && b.Name == BodyName);
    if (body is null)
    {
        var watch = Stopwatch.StartNew();
        var from = new DateOnly(2020, 1, 1);
        body = new Body
        {
            CiteId = citeId, Kind = BodyKind.ComiteSyndical, Name = BodyName, Organisation = "Syndicat mixte du banc d'essai", Seat = "1 place du Banc, 74100 Annemasse",
            District = "Arrondissement de Saint-Julien-en-Genevois", NumberPrefix = "BS", ExpectedSessionsPerYear = 4, Public = true, Source = "bench/governance",
        };
        for (var i = 1; i <= Titular; i++)
            body.Members.Add(new BodyMember { CiteId = citeId, Civility = i % 2 == 0 ? "Mme" : "M.", FirstName = $"Déléguée{i}", LastName = $"Titulaire{i:00}", Email = $"delegue{i}@bench.maillage.test", Organisation = $"Commune {i}", Role = MandateRole.Titular, From = from });
        db.Add(body);
        await db.SaveChangesAsync();
        var titular = body.Members.OrderBy(m => m.Id).ToList();
        for (var i = 1; i <= Substitutes; i++)
            body.Members.Add(new BodyMember { CiteId = citeId, Civility = "M.", FirstName = $"Suppléant{i}", LastName = $"Remplaçant{i:00}", Role = MandateRole.Substitute, SubstituteOfId = titular[i - 1].Id, From = from });
        await db.SaveChangesAsync();
        var substitutes = body.Members.Where(m => m.Role == MandateRole.Substitute).OrderBy(m => m.Id).ToList();
        // 50 present, 10 replaced by their substitute, 6 represented by a present delegate, 10 excused, 4 absent (no row).
        var attendance = new List<AttendanceEntry>();
        for (var i = 0; i < 10; i++) attendance.Add(new(titular[i].Id, AttendanceStatus.Replaced, SubstituteId: substitutes[i].Id));
        for (var i = 10; i < 60; i++) attendance.Add(new(titular[i].Id, AttendanceStatus.Present));
        for (var i = 60; i < 66; i++) attendance.Add(new(titular[i].Id, AttendanceStatus.Represented, ProxyHolderId: titular[i - 50].Id));
        for (var i = 66; i < 76; i++) attendance.Add(new(titular[i].Id, AttendanceStatus.Excused));
        var first = today.AddDays(-30).AddMonths(-3 * (Sessions - 1));
        for (var n = 0; n < Sessions; n++)
        {
            var day = first.AddMonths(3 * n);
            var local = day.ToDateTime(new TimeOnly(18, 0));
            var session = new Session
            {
                CiteId = citeId, BodyId = body.Id, StartsAt = new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(local, paris), TimeSpan.Zero), Videoconference = n % 3 == 0,
                VideoLink = n % 3 == 0 ? "https://visio.example.org/bench" : null, Place = n % 3 == 0 ? null : "Salle du conseil, Annemasse", ConvenedOn = day.AddDays(-8),
                ChairMemberId = titular[10].Id, SecretaryMemberId = titular[11].Id, Source = "bench/governance",
            };
            db.Add(session);
            await db.SaveChangesAsync();
            var register = scope.ServiceProvider.GetRequiredService<GovernanceRegister>();
            await register.RecordAttendanceAsync(session.Id, attendance, CancellationToken.None, ignoreTenant: true);
            for (var k = 1; k <= PerSession; k++)
                await register.RecordDeliberationAsync(session.Id, new DeliberationInput(
                    $"Délibération {k} de la séance du {day:dd/MM/yyyy} : approbation du programme d'actions et de son plan de financement",
                    new Vote(0, 0, 0, 0, Unanimous: true),
                    [
                        (RecitalKind.Vu, "Vu le code général des collectivités territoriales, notamment ses articles L5711-1 et suivants ;"),
                        (RecitalKind.Vu, "Vu les statuts du syndicat mixte ;"),
                        (RecitalKind.Considerant, "Considérant le programme d'actions présenté par le bureau ;"),
                        (RecitalKind.Expose, "Le programme d'actions de l'année prévoit des ateliers, des forums et des journées d'information sur tout le territoire."),
                    ],
                    [.. Enumerable.Range(1, 5).Select(a => $"APPROUVE le point {a} du programme d'actions et autorise le Président à signer tout document s'y rapportant.")],
                    Rapporteur: "M. Déléguée13 TITULAIRE13", BudgetImputation: "budget principal, article 6574", TransmittedTo: "Préfecture de la Haute-Savoie",
                    TransmittedOn: day.AddDays(7), PublishedOn: day.AddDays(8)), CancellationToken.None, ignoreTenant: true);
        }
        Log($"setup: {Titular} delegates and {Substitutes} substitutes, {Sessions} sessions of {Titular} attendance rows, {Sessions * PerSession} deliberations in {watch.Elapsed.TotalSeconds:0} s");
    }
    bodyId = body.Id;
    var deliberations = await db.Set<Deliberation>().IgnoreQueryFilters().Where(d => d.BodyId == bodyId).OrderBy(d => d.Year).ThenBy(d => d.Sequence).ToListAsync();
    numbers = [.. deliberations.Select(d => d.Number)];
    extractId = deliberations[^1].Id;

    var directory = scope.ServiceProvider.GetRequiredService<StaffDirectory>();
    var user = await directory.CreateUserAsync($"governance-bench-{Guid.NewGuid():N}@bench.maillage.test", "bench-password-2026-governance");
    await directory.GrantAsync(user, await directory.ParseAsync(StaffRole.Coordinator, "cite:grand-geneve"));
    var (apiToken, secret) = ApiToken.Create(user.Id, "governance-bench", [ApiScopes.Read], DateTimeOffset.UtcNow);
    db.ApiTokens.Add(apiToken);
    await db.SaveChangesAsync();
    token = secret;
}

using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = Connections, PooledConnectionLifetime = TimeSpan.FromMinutes(10) }) { Timeout = TimeSpan.FromSeconds(30) };

// ---- 2. The register extract's PDF of a session with 80 delegates, through the API.
if (!pageOnly)
{
    var url = $"{maillageUrl}/api/v1/deliberations/{extractId}?format=pdf";
    var times = new List<double>();
    var size = 0;
    for (var run = 0; run < PdfWarmUps + PdfRuns; run++)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var watch = Stopwatch.StartNew();
        using var response = await http.SendAsync(request);
        var pdf = await response.Content.ReadAsByteArrayAsync();
        watch.Stop();
        if (!response.IsSuccessStatusCode || response.Content.Headers.ContentType?.MediaType != "application/pdf" || pdf.Length < 5 || pdf[0] != '%' || pdf[1] != 'P')
        {
            failures.Add($"{url}: {(int)response.StatusCode} {response.Content.Headers.ContentType}, not a PDF");
            break;
        }
        if (run >= PdfWarmUps) times.Add(watch.Elapsed.TotalMilliseconds);
        size = pdf.Length;
    }
    if (times.Count > 0)
    {
        times.Sort();
        double At(double q) => times[Math.Min(times.Count - 1, (int)Math.Ceiling(q * times.Count) - 1)];
        var ok = times[^1] < PdfTargetMs;
        if (!ok) failures.Add($"extract PDF: max {F(times[^1])} ms ≥ {PdfTargetMs} ms");
        rows.Add($"| {provider} | register extract PDF, session of {Titular} delegates ({size / 1024.0:0} KB), GET /api/v1/deliberations/{{id}}?format=pdf, one at a time, {PdfRuns} after {PdfWarmUps} warm-up | median {F(At(0.5))} ms, p90 {F(At(0.9))} ms, max {F(times[^1])} ms | — | — | each < {PdfTargetMs:0} ms {(ok ? "✓" : "✗")} |");
        Log(rows[^1]);
    }
}

// ---- 3. The body's public page, Maillage then the baseline.
var path = $"/instances/{bodyId}";
foreach (var baseUrl in new[] { maillageUrl, baselineUrl })
{
    var page = await http.GetStringAsync(baseUrl + path);
    var missing = numbers.Where(n => !page.Contains($"<strong>{n}</strong>")).ToList();
    if (missing.Count > 0) failures.Add($"{baseUrl}{path} lacks {missing.Count} of the {numbers.Count} published deliberations ({missing[0]}…)");
    if (page.Contains("@bench.maillage.test")) failures.Add($"{baseUrl}{path} shows a delegate's e-mail");
}
await HttpLoad.RunAsync(http, maillageUrl + path, Connections, warmup);
await HttpLoad.RunAsync(http, baselineUrl + path, Connections, warmup);
var cpu = ProcessCpu.Ms(maillagePid);
var m = await HttpLoad.RunAsync(http, maillageUrl + path, Connections, seconds);
var mCpu = (ProcessCpu.Ms(maillagePid) - cpu) / m.Requests;
cpu = ProcessCpu.Ms(baselinePid);
var b = await HttpLoad.RunAsync(http, baselineUrl + path, Connections, seconds);
var bCpu = (ProcessCpu.Ms(baselinePid) - cpu) / b.Requests;
if (m.Errors > 0) failures.Add($"{path}: {m.Errors} errors from Maillage");
if (b.Errors > 0) failures.Add($"{path}: {b.Errors} errors from the baseline");
var ratio = m.Rps / b.Rps;
var ratioOk = ratio >= PageRatioTarget;
var p99Ok = m.P99 < P99TargetMs;
if (!ratioOk) failures.Add($"public page: {F(ratio, "0.00")}× < {PageRatioTarget}×");
if (!p99Ok) failures.Add($"public page: p99 {F(m.P99)} ms ≥ {P99TargetMs} ms");
string Cpu(double ms) => double.IsNaN(ms) ? "" : $", {F(ms, "0.00")} ms CPU/req";
rows.Add($"| {provider} | public page /instances/{{id}} ({numbers.Count} deliberations, {Sessions} sessions), {label}, {Connections} connections, {F(seconds, "0")} s after {F(warmup, "0")} s of warm-up | {F(m.Rps, "0")} req/s, p50 {F(m.P50)} ms, p99 {F(m.P99)} ms{Cpu(mCpu)} | {F(b.Rps, "0")} req/s, p50 {F(b.P50)} ms, p99 {F(b.P99)} ms{Cpu(bCpu)} | {F(ratio, "0.00")}× | ≥ {PageRatioTarget:0.00}× {(ratioOk ? "✓" : "✗")}, p99 < {P99TargetMs:0} ms {(p99Ok ? "✓" : "✗")} |");
Log(rows[^1]);

foreach (var row in rows) Console.WriteLine(row);
foreach (var failure in failures) Log("FAILED: " + failure);
return failures.Count > 0 ? 1 : 0;
