using System.Data.Common;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Maillage.Entrepreneurship;
using Maillage.Platform.Indicators;
using Maillage.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Maillage.Tests.Entrepreneurship.EntrepreneurshipTestData;

namespace Maillage.Tests.Entrepreneurship;

/// <summary>
/// The indicators (issue 23 item 5: once per stage and year, QPV share over holders, per partner) and privacy (item 6:
/// export, erasure without trace and with the same indicators, the retention purge), each test on its own database.
/// </summary>
public sealed class PrivacyAndIndicatorTests : IAsyncLifetime
{
    private readonly MaillageApp app = new();
    public Task InitializeAsync() => Task.CompletedTask;
    public async Task DisposeAsync() => await app.DisposeAsync();

    private async Task<Dictionary<string, JsonElement>> IndicatorsAsync(HttpClient coach, int year, int? territory = null)
    {
        var json = JsonDocument.Parse(await coach.GetStringAsync($"/api/v1/entrepreneurship/indicators?year={year}{(territory is { } t ? $"&territory={t}" : "")}")).RootElement;
        return json.GetProperty("indicators").EnumerateArray().ToDictionary(i => i.GetProperty("name").GetString()!, i => i.Clone());
    }

    private static decimal Value(Dictionary<string, JsonElement> figures, string name) => figures[name].GetProperty("value").GetDecimal();

    /// <summary>Four people in 2026: one in the QPV through every stage with several sessions, two elsewhere, one sensitised only.</summary>
    private async Task<(HttpClient Coach, int InQpv, int Elsewhere)> YearAsync()
    {
        var coach = await app.CoachAsync();
        var (qpv, _, annemasse) = await app.TerritoriesAsync();
        var a = await coach.CreateHolderAsync(Body("Awa", "Effaceeqz", qpvId: qpv, email: "awa.effaceeqz@exemple.invalid"));
        foreach (var step in new object[]
                 {
                     new { kind = "sensitised", date = "2026-01-12" }, new { kind = "sensitised", date = "2026-02-09" },
                     new { kind = "received", date = "2026-02-16", durationMinutes = 60 },
                     new { kind = "amorcage", date = "2026-03-02" }, new { kind = "amorcage", date = "2026-03-16" }, new { kind = "amorcage", date = "2026-03-30" },
                     new { kind = "referred", date = "2026-04-13", partner = "adie" }, new { kind = "referred", date = "2026-04-20", partner = "rezup" },
                     new { kind = "created", date = "2026-06-01", legalForm = "SAS", siret = "73282932000074" },
                 })
            await coach.StepAsync(a, step);
        var b = await coach.CreateHolderAsync(Body("Bruno", "Horsqpvqz", communeId: annemasse));
        await coach.StepAsync(b, new { kind = "received", date = "2026-05-04" });
        await coach.StepAsync(b, new { kind = "referred", date = "2026-05-11", partner = "adie" });
        var c = await coach.CreateHolderAsync(Body("Chloe", "Horsqpvqz", communeId: annemasse));
        await coach.StepAsync(c, new { kind = "received", date = "2025-12-01" });
        await coach.StepAsync(c, new { kind = "amorcage", date = "2026-01-05" });
        var d = await coach.CreateHolderAsync(Body("Dan", "Sensibiliseqz", qpvId: qpv));
        await coach.StepAsync(d, new { kind = "sensitised", date = "2026-01-12" });
        return (coach, a, b);
    }

    [Fact]
    public async Task Given_a_year_of_steps_Then_each_person_counts_once_per_stage_the_QPV_share_is_over_holders_and_targets_come_with_the_figures()
    {
        var (coach, _, _) = await YearAsync();
        var f = await IndicatorsAsync(coach, 2026);
        Assert.Equal(2, Value(f, "entrepreneurship.sensitised"));
        Assert.Equal(2, Value(f, "entrepreneurship.received"));
        Assert.Equal(2, Value(f, "entrepreneurship.accompanied"));
        Assert.Equal(2, Value(f, "entrepreneurship.referred"));
        Assert.Equal(2, f["entrepreneurship.referred"].GetProperty("parts").GetProperty("adie").GetDecimal());
        Assert.Equal(1, f["entrepreneurship.referred"].GetProperty("parts").GetProperty("rezup").GetDecimal());
        Assert.Equal(1, Value(f, "entrepreneurship.created"));
        // Holders of 2026 (a step beyond sensitisation): Awa (QPV), Bruno, Chloé — 1 in 3, whatever Awa's nine steps.
        Assert.Equal(33.3m, Value(f, "entrepreneurship.qpv-share"));
        Assert.Equal(1, Value(await IndicatorsAsync(coach, 2025), "entrepreneurship.received"));
        var (qpv, _, _) = await app.TerritoriesAsync();
        Assert.Equal(100m, Value(await IndicatorsAsync(coach, 2026, qpv), "entrepreneurship.qpv-share"));

        var y2022 = await IndicatorsAsync(coach, 2022);
        Assert.Equal(100m, y2022["entrepreneurship.sensitised"].GetProperty("target").GetDecimal());
        Assert.Equal(30m, y2022["entrepreneurship.qpv-share"].GetProperty("target").GetDecimal());
        Assert.Equal(JsonValueKind.Null, y2022["entrepreneurship.created"].GetProperty("projection").ValueKind);
        // 23 November 2026 is day 327: 2 people so far project to 2 × 365 / 327 ≈ 2.
        Assert.Equal(2m, f["entrepreneurship.sensitised"].GetProperty("projection").GetDecimal());
    }

    [Fact]
    public async Task Given_a_holder_erased_on_request_Then_no_trace_of_the_person_stays_in_any_table_and_the_years_indicators_are_unchanged()
    {
        var (coach, awa, _) = await YearAsync();
        Assert.Equal(HttpStatusCode.OK, (await coach.GetAsync($"/api/v1/entrepreneurship/holders/{awa}")).StatusCode);
        var export = await coach.GetAsync($"/api/v1/entrepreneurship/holders/{awa}/export");
        Assert.Equal("application/json", export.Content.Headers.ContentType?.MediaType);
        var exported = JsonDocument.Parse(await export.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("awa.effaceeqz@exemple.invalid", exported.GetProperty("email").GetString());
        Assert.Equal(9, exported.GetProperty("steps").GetArrayLength());
        Assert.NotEmpty(await TracesAsync("Effaceeqz", "awa.effaceeqz@exemple.invalid"));

        var before = await IndicatorsAsync(coach, 2026);
        var (qpv, _, _) = await app.TerritoriesAsync();
        var beforeQpv = await IndicatorsAsync(coach, 2026, qpv);
        Assert.Equal(HttpStatusCode.NoContent, (await coach.DeleteAsync($"/api/v1/entrepreneurship/holders/{awa}")).StatusCode);

        Assert.Empty(await TracesAsync("Effaceeqz", "awa.effaceeqz@exemple.invalid"));
        await ProblemAsync(await coach.GetAsync($"/api/v1/entrepreneurship/holders/{awa}"), HttpStatusCode.NotFound);
        Assert.Equal(Figures(before), Figures(await IndicatorsAsync(coach, 2026)));
        Assert.Equal(Figures(beforeQpv), Figures(await IndicatorsAsync(coach, 2026, qpv)));
    }

    [Fact]
    public async Task Given_holders_without_contact_for_two_years_Then_the_retention_purge_erases_them_alone_and_the_counts_of_past_years_stay()
    {
        var (coach, _, _) = await YearAsync();
        var before = await IndicatorsAsync(coach, 2026);
        var beforePast = await IndicatorsAsync(coach, 2025);
        // Last contacts: Awa 1 June 2026; Bruno 11 May; Chloé and Dan 2 March (their consent). Two years on, 20 May 2028:
        app.Clock.SetUtcNow(new DateTimeOffset(2028, 5, 20, 9, 0, 0, TimeSpan.Zero));
        Assert.Equal(3, await PurgeAsync());
        Assert.Empty(await TracesAsync("Horsqpvqz", "Sensibiliseqz"));
        Assert.NotEmpty(await TracesAsync("awa.effaceeqz@exemple.invalid"));
        app.Clock.SetUtcNow(new DateTimeOffset(2028, 6, 15, 9, 0, 0, TimeSpan.Zero));
        Assert.Equal(1, await PurgeAsync());
        Assert.Empty(await TracesAsync("Effaceeqz", "awa.effaceeqz@exemple.invalid", "Horsqpvqz", "Sensibiliseqz"));
        coach = await app.CoachAsync();
        Assert.Equal(Figures(before), Figures(await IndicatorsAsync(coach, 2026)));
        Assert.Equal(Figures(beforePast), Figures(await IndicatorsAsync(coach, 2025)));
        Assert.Equal(0, await PurgeAsync());
    }

    [Fact]
    public async Task Given_a_person_refusing_consent_Then_they_are_counted_anonymously_and_no_record_is_made()
    {
        var coach = await app.CoachAsync();
        var (qpv, _, _) = await app.TerritoriesAsync();
        Assert.Equal(HttpStatusCode.NoContent, (await coach.PostAsJsonAsync("/api/v1/entrepreneurship/anonymous-counts", new { kind = "received", date = "2026-09-07", count = 2, qpvId = qpv })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await coach.PostAsJsonAsync("/api/v1/entrepreneurship/anonymous-counts", new { kind = "sensitised", date = "2026-09-07", count = 12 })).StatusCode);
        var f = await IndicatorsAsync(coach, 2026);
        Assert.Equal(12, Value(f, "entrepreneurship.sensitised"));
        Assert.Equal(2, Value(f, "entrepreneurship.received"));
        Assert.Equal(100m, Value(f, "entrepreneurship.qpv-share"));
        var problem = await ProblemAsync(await coach.PostAsJsonAsync("/api/v1/entrepreneurship/anonymous-counts", new { kind = "created", date = "2026-12-07" }), HttpStatusCode.UnprocessableEntity);
        Assert.Equal(["date", "kind"], problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order().ToArray());
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<ProjectHolder>().IgnoreQueryFilters().CountAsync()));
    }

    private static string Figures(Dictionary<string, JsonElement> f) =>
        string.Join("; ", f.OrderBy(x => x.Key).Select(x => $"{x.Key}={x.Value.GetProperty("value")} {Parts(x.Value.GetProperty("parts"))}"));

    private static string Parts(JsonElement parts) => parts.ValueKind == JsonValueKind.Object
        ? string.Join(",", parts.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal).Select(p => $"{p.Name}:{p.Value}")) : "";

    private Task<int> PurgeAsync() => app.WithScopeAsync2(sp => sp.GetRequiredService<HolderRetention>().RunAsync());

    /// <summary>Every cell of every table holding one of <paramref name="needles"/>, as "table: value".</summary>
    private Task<List<string>> TracesAsync(params string[] needles) => app.WithDbAsync(async db =>
    {
        var found = new List<string>();
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        try
        {
            var tables = new List<string>();
            await using (var list = connection.CreateCommand())
            {
                list.CommandText = TestDatabase.IsPostgres
                    ? "SELECT quote_ident(table_schema) || '.' || quote_ident(table_name) FROM information_schema.tables WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')"
                    : "SELECT '\"' || name || '\"' FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'";
                await using var reader = await list.ExecuteReaderAsync();
                while (await reader.ReadAsync()) tables.Add(reader.GetString(0));
            }
            foreach (var table in tables)
            {
                await using var select = connection.CreateCommand();
                select.CommandText = $"SELECT * FROM {table}";
                await using var reader = await select.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                    for (var i = 0; i < reader.FieldCount; i++)
                        if (!reader.IsDBNull(i) && reader.GetValue(i) is var v && (v as string ?? (v is byte[] bytes ? System.Text.Encoding.UTF8.GetString(bytes) : v.ToString())) is { } text
                            && needles.Any(n => text.Contains(n, StringComparison.OrdinalIgnoreCase)))
                            found.Add($"{table}: {text}");
            }
        }
        finally { await db.Database.CloseConnectionAsync(); }
        return found;
    });
}
