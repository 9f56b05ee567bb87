// CitésLab benchmark (docs/PERFORMANCE.md, section "CitésLab"), run by bench/entrepreneurship/run.sh against a running
// Maillage and the plain ADO.NET baseline (bench/entrepreneurship/EntrepreneurshipBaseline) on the same database.
// Database configuration as for Maillage (Database__Provider, ConnectionStrings__Maillage, Maillage__DataDirectory).
//   1. setup       through Maillage's own model (ProjectHolder.AddStep and its rules, MaillageDb): 10 000 holders of the
//                  reference CitésLab programme with 100 000 steps over 5 years, all followed by one bench coach (the
//                  worst case of "my holders"); 1 % have an appointment today;
//   2. workspace   GET /gestion/citeslab signed in as that coach (cookie), N connections, against the baseline's same
//                  rows and HTML (counts per stage, the day's appointments, the overdue follow-ups, 30 holders per stage);
//   3. indicators  GET /api/v1/entrepreneurship/indicators?year= (last year, the fullest), 5 warm-up then 30 timed calls;
//   4. erasure     DELETE /api/v1/entrepreneurship/holders/{id}, 30 holders one after the other (5 more first as warm-up);
//                  the indicators of last year are read before and after and must be identical.
// Arguments: --maillage URL --baseline URL [--seconds 15] [--warmup 10] [--connections 8] [--provider sqlite|postgres]
//            [--maillage-pid N --baseline-pid N] (the servers' processes: the warm-up lasts until their tiered compiler is idle)
// Prints Markdown table rows on stdout; exits 1 when a correctness check fails.
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Maillage.Entrepreneurship;
using Maillage.Platform.Data;
using Maillage.Platform.Identity;
using Microsoft.EntityFrameworkCore;

var options = args.Select((a, i) => (a, i)).Where(x => x.a.StartsWith("--")).ToDictionary(x => x.a[2..], x => args[x.i + 1]);
string Arg(string name, string? fallback = null) => options.TryGetValue(name, out var v) ? v : fallback ?? throw new ArgumentException($"--{name} is required");
var maillageUrl = Arg("maillage").TrimEnd('/');
var baselineUrl = Arg("baseline").TrimEnd('/');
var seconds = double.Parse(Arg("seconds", "15"), CultureInfo.InvariantCulture);
var warmup = double.Parse(Arg("warmup", "10"), CultureInfo.InvariantCulture);
int? maillagePid = Arg("maillage-pid", "") is { Length: > 0 } mp ? int.Parse(mp, CultureInfo.InvariantCulture) : null;
int? baselinePid = Arg("baseline-pid", "") is { Length: > 0 } bp ? int.Parse(bp, CultureInfo.InvariantCulture) : null;
var connections = int.Parse(Arg("connections", "8"), CultureInfo.InvariantCulture);
var provider = Arg("provider", "sqlite");
const int Holders = 10_000, StepsEach = 10, TimedRuns = 30, Erasures = 30;
const double RatioTarget = 0.35, P99TargetMs = 50, IndicatorsTargetMs = 100, ErasureTargetMs = 100;
const string Password = "bench-password-2026-citeslab";

var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production", Args = [] });
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.AddModules();
await using var host = builder.Build();
void Log(string text) => Console.Error.WriteLine($"[citeslab-bench {DateTime.Now:HH:mm:ss}] {text}");
string F(double x, string format = "0.0") => x.ToString(format, CultureInfo.InvariantCulture);
var failures = new List<string>();
var today = DateOnly.FromDateTime(DateTime.UtcNow);

// ---- 1. Setup, through the application's model.
string email, token, coachId;
int programmeId;
await using (var scope = host.Services.CreateAsyncScope())
{
    var db = scope.ServiceProvider.GetRequiredService<MaillageDb>();
    var programme = await db.Set<Programme>().IgnoreQueryFilters().Include(p => p.Partners).OrderBy(p => p.Id).FirstAsync();
    programmeId = programme.Id;
    var directory = scope.ServiceProvider.GetRequiredService<StaffDirectory>();
    email = $"citeslab-bench-{Guid.NewGuid():N}@bench.maillage.test";
    var user = await directory.CreateUserAsync(email, Password);
    coachId = user.Id;
    await directory.GrantAsync(user, await directory.ParseAsync(StaffRole.EntrepreneurshipCoach, "structure:grand-geneve/citeslab-saint-georges"));
    var (apiToken, secret) = ApiToken.Create(user.Id, "citeslab-bench", [ApiScopes.Read, "entrepreneurship"], DateTimeOffset.UtcNow);
    db.ApiTokens.Add(apiToken);
    await db.SaveChangesAsync();
    token = secret;

    var watch = Stopwatch.StartNew();
    var random = new Random(23);
    var sirets = 0;
    string Siret()
    {
        var stem = $"9{sirets++:00000000}0001";
        for (var key = 0; ; key++) if (Maillage.Entrepreneurship.Siret.Luhn(stem + key)) return stem + key;
    }
    string[] firsts = ["Awa", "Bilal", "Chloé", "Dalila", "Émile", "Fatou", "Gabriel", "Hind", "Inès", "Jules", "Karim", "Léa", "Moussa", "Nora", "Omar", "Pauline"];
    db.ChangeTracker.AutoDetectChangesEnabled = false;
    for (var i = 0; i < Holders; i++)
    {
        var date = today.AddDays(-random.Next(60, 5 * 365));
        var holder = new ProjectHolder
        {
            CiteId = programme.CiteId, ProgrammeId = programme.Id, CoachUserId = coachId, CoachName = "Coach de banc d'essai",
            FirstName = firsts[i % firsts.Length], LastName = $"Banc-{i:00000}", Email = $"porteur{i:00000}@bench.invalid",
            Consent = new Consent { GivenOn = date, TextVersion = "2024-01", Covers = ConsentScope.Coaching },
            Activity = "Activité de banc d'essai", CreatedAt = DateTimeOffset.UtcNow, LastContactOn = date,
            NextAction = i % 2 == 0 ? "Rappeler pour le prochain rendez-vous" : null, NextActionOn = i % 100 == 0 ? today : null,
        };
        DateOnly Next(int max = 12) => date = DateOnly.FromDayNumber(Math.Min(today.DayNumber, date.DayNumber + random.Next(1, max)));
        holder.AddStep(new PipelineStep { Kind = StepKind.Sensitised, Date = date }, today);
        holder.AddStep(new PipelineStep { Kind = StepKind.Received, Date = Next(), DurationMinutes = 60 }, today);
        var path = random.Next(10); // 4 in 10 create a business; 3 are referred after 7 sessions; 3 leave for another outcome
        for (var s = 0; s < (path < 4 ? 3 : 7); s++) holder.AddStep(new PipelineStep { Kind = StepKind.Amorcage, Date = Next(), DurationMinutes = 90 }, today);
        if (path < 7) holder.AddStep(new PipelineStep { Kind = StepKind.Referred, Date = Next(), ReferralPartnerId = programme.Partners[random.Next(programme.Partners.Count)].Id, Answer = ReferralAnswer.TakenOn, AnsweredOn = date }, today);
        if (path < 4)
        {
            holder.AddStep(new PipelineStep { Kind = StepKind.Created, Date = Next(), LegalForm = "Micro-entreprise", Siret = Siret() }, today);
            for (var f = 0; f < 3; f++) holder.AddStep(new PipelineStep { Kind = StepKind.FollowUp, Date = Next(90) }, today);
        }
        else if (path >= 7) holder.AddStep(new PipelineStep { Kind = StepKind.OtherOutcome, Date = Next(), Outcome = OtherOutcome.Employment }, today);
        db.Add(holder);
        if (i % 500 == 499)
        {
            db.ChangeTracker.DetectChanges();
            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();
        }
    }
    var steps = await db.Set<PipelineStep>().IgnoreQueryFilters().CountAsync(s => s.ProgrammeId == programme.Id);
    Log($"setup: {Holders} holders, {steps} steps of the programme in {watch.Elapsed.TotalSeconds:0} s");
    if (steps < Holders * StepsEach) failures.Add($"setup: {steps} steps, not {Holders * StepsEach}");
}

// ---- 2. The coach's workspace, Maillage (signed in) then the baseline.
var cookies = new CookieContainer();
HttpClient Client(CookieContainer? jar) => new(new SocketsHttpHandler
{
    MaxConnectionsPerServer = connections, PooledConnectionLifetime = TimeSpan.FromMinutes(30), AllowAutoRedirect = false,
    UseCookies = jar is not null, CookieContainer = jar ?? new CookieContainer(),
}) { Timeout = TimeSpan.FromSeconds(30) };
using var maillage = Client(cookies);
using var baseline = Client(null);
using var api = Client(null);
api.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
{
    var signIn = await maillage.GetStringAsync(maillageUrl + "/gestion/connexion");
    var antiforgery = WebUtility.HtmlDecode(Regex.Match(signIn, "name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"").Groups[1].Value);
    var response = await maillage.PostAsync(maillageUrl + "/gestion/connexion", new FormUrlEncodedContent(new Dictionary<string, string>
        { ["Input.Email"] = email, ["Input.Password"] = Password, ["__RequestVerificationToken"] = antiforgery }));
    if (response.StatusCode != HttpStatusCode.Redirect) throw new InvalidOperationException($"sign-in failed: {(int)response.StatusCode}");
}
var workspace = maillageUrl + "/gestion/citeslab";
var baselinePage = $"{baselineUrl}/gestion/citeslab?coach={Uri.EscapeDataString(coachId)}&programme={programmeId}";

async Task<(double Rps, double P99, int Errors)> LoadAsync(HttpClient http, string url, double duration)
{
    var deadline = Stopwatch.GetTimestamp() + (long)(duration * Stopwatch.Frequency);
    var latencies = new List<double>[connections];
    var errors = 0;
    var started = Stopwatch.GetTimestamp();
    await Task.WhenAll(Enumerable.Range(0, connections).Select(async c =>
    {
        var mine = latencies[c] = [];
        while (Stopwatch.GetTimestamp() < deadline)
        {
            var t = Stopwatch.GetTimestamp();
            try
            {
                using var response = await http.GetAsync(url);
                await response.Content.LoadIntoBufferAsync();
                if (response.StatusCode != HttpStatusCode.OK) Interlocked.Increment(ref errors);
            }
            catch (Exception) { Interlocked.Increment(ref errors); }
            mine.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
        }
    }));
    var elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds;
    var all = latencies.SelectMany(l => l).Order().ToList();
    return (all.Count / elapsed, all[(int)Math.Min(all.Count - 1, Math.Ceiling(all.Count * 0.99) - 1)], errors);
}

// Correctness first: both pages show the coach's 10 000 holders by stage and the same first holder of the "referred" column.
var rows = new List<string>();
foreach (var (http, url) in new[] { (maillage, workspace), (baseline, baselinePage) })
{
    var page = await http.GetStringAsync(url);
    if (!page.Contains($"({Holders})") && !page.Contains($"({Holders:N0})")) failures.Add($"{url}: the board does not count {Holders} holders");
    if (!page.Contains("Banc-")) failures.Add($"{url}: no holder shown");
}
{
    // Warm each server until .NET's tiered compiler is idle (bench/Shared/WarmUp.cs, as the other benchmarks): chunks of
    // --warmup seconds of the same load, at least two.
    await Maillage.Bench.WarmUp.UntilCompiledAsync("Maillage", maillagePid, 2, () => LoadAsync(maillage, workspace, warmup), Log);
    await Maillage.Bench.WarmUp.UntilCompiledAsync("baseline", baselinePid, 2, () => LoadAsync(baseline, baselinePage, warmup), Log);
    var m = await LoadAsync(maillage, workspace, seconds);
    var b = await LoadAsync(baseline, baselinePage, seconds);
    if (m.Errors > 0) failures.Add($"workspace: {m.Errors} errors from Maillage");
    var ratio = m.Rps / b.Rps;
    rows.Add($"| {provider} | coach's workspace /gestion/citeslab ({Holders:N0} holders, {Holders * StepsEach:N0} steps), {connections} connections, {F(seconds, "0")} s after a warm-up until compiled | {F(m.Rps, "0")} req/s, p99 {F(m.P99)} ms | {F(b.Rps, "0")} req/s, p99 {F(b.P99)} ms | {F(ratio, "0.00")}× | ≥ {F(RatioTarget, "0.00")}× {(ratio >= RatioTarget ? "✓" : "✗")}, p99 < {F(P99TargetMs, "0")} ms {(m.P99 < P99TargetMs ? "✓" : "✗")} |");
    Log(rows[^1]);
}

// ---- 3. The indicators of last year.
var year = today.Year - 1;
var indicatorsUrl = $"{maillageUrl}/api/v1/entrepreneurship/indicators?year={year}";
async Task<(List<double> Times, string Body)> TimedAsync(Func<Task<HttpResponseMessage>> call, int warm, int runs, string what)
{
    var times = new List<double>();
    var body = "";
    for (var run = 0; run < warm + runs; run++)
    {
        var t = Stopwatch.GetTimestamp();
        using var response = await call();
        body = await response.Content.ReadAsStringAsync();
        var ms = Stopwatch.GetElapsedTime(t).TotalMilliseconds;
        if (!response.IsSuccessStatusCode) failures.Add($"{what}: {(int)response.StatusCode} {body}");
        if (run >= warm) times.Add(ms);
    }
    times.Sort();
    return (times, body);
}
var (indicatorTimes, before) = await TimedAsync(() => api.GetAsync(indicatorsUrl), 5, TimedRuns, "indicators");
rows.Add($"| {provider} | GET indicators?year={year} (one programme, {Holders * StepsEach:N0} steps over 5 years) | median {F(indicatorTimes[TimedRuns / 2])} ms, max {F(indicatorTimes[^1])} ms of {TimedRuns} | — | — | < {F(IndicatorsTargetMs, "0")} ms {(indicatorTimes[^1] < IndicatorsTargetMs ? "✓" : "✗")} |");
Log(rows[^1]);

// ---- 4. Erasure of one holder at a time (those of the oldest years: their counts move to the anonymous counts).
List<int> victims;
await using (var scope = host.Services.CreateAsyncScope())
{
    var db = scope.ServiceProvider.GetRequiredService<MaillageDb>();
    victims = await db.Set<ProjectHolder>().IgnoreQueryFilters().Where(h => h.CoachUserId == coachId).OrderBy(h => h.Id).Select(h => h.Id).Take(5 + Erasures).ToListAsync();
}
var queue = new Queue<int>(victims);
var (erasureTimes, _) = await TimedAsync(() => api.DeleteAsync($"{maillageUrl}/api/v1/entrepreneurship/holders/{queue.Dequeue()}"), 5, Erasures, "erasure");
var after = await api.GetStringAsync(indicatorsUrl);
static string Figures(string json) => string.Join(";", System.Text.Json.JsonDocument.Parse(json).RootElement.GetProperty("indicators").EnumerateArray()
    .Select(i => $"{i.GetProperty("name").GetString()}={i.GetProperty("value").GetDecimal()}"));
var same = Figures(before) == Figures(after);
if (!same) failures.Add($"erasure changed last year's indicators: {Figures(before)} → {Figures(after)}");
rows.Add($"| {provider} | DELETE holders/{{id}} (erasure of one holder with its 10 steps; last year's indicators identical after: {(same ? "yes" : "NO")}) | median {F(erasureTimes[Erasures / 2])} ms, max {F(erasureTimes[^1])} ms of {Erasures} | — | — | < {F(ErasureTargetMs, "0")} ms {(erasureTimes[^1] < ErasureTargetMs ? "✓" : "✗")} |");
Log(rows[^1]);

foreach (var row in rows) Console.WriteLine(row);
foreach (var failure in failures) Log("FAILED: " + failure);
return failures.Count > 0 ? 1 : 0;
