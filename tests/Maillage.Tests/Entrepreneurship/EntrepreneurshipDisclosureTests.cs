using Maillage.Network;
using System.Net;
using System.Text.Json;
using Maillage.Entrepreneurship;
using Maillage.Funding;
using Maillage.Funding.Conventions;
using Maillage.Platform.Identity;
using Maillage.Platform.Indicators;
using Maillage.Tests.Funding;
using Maillage.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Maillage.Tests.Entrepreneurship.EntrepreneurshipTestData;

namespace Maillage.Tests.Entrepreneurship;

/// <summary>
/// Issue 23, item 5: the CitésLab figures published to funders go through the platform's disclosure control
/// (docs/disclosure-control.md); the programme's staff read them exactly. The class owns its database: only its 2024 counts.
/// </summary>
public sealed class EntrepreneurshipDisclosureTests : IAsyncLifetime
{
    private readonly MaillageApp app = new();
    private int citeId;

    /// <summary>
    /// 2024 in Saint-Julien (in the CCG): three people with records, received in March (one in the QPV), two of them referred
    /// to Rez'Up; counted without a record: 12 people sensitised, 29 more referred (20 to the ADIE, 9 to France Active).
    /// </summary>
    public async Task InitializeAsync()
    {
        citeId = await app.CiteIdAsync("grand-geneve");
        var coach = await app.CoachAsync();
        var (qpv, saintJulien, _) = await app.TerritoriesAsync();
        var a = await coach.CreateHolderAsync(Body("Amina", "Secretqz", qpvId: qpv));
        var b = await coach.CreateHolderAsync(Body("Basile", "Secretqz", communeId: saintJulien));
        var c = await coach.CreateHolderAsync(Body("Cyril", "Secretqz", communeId: saintJulien));
        foreach (var h in new[] { a, b, c }) await coach.StepAsync(h, new { kind = "received", date = "2024-03-04" });
        foreach (var h in new[] { a, b }) await coach.StepAsync(h, new { kind = "referred", date = "2024-04-08", partner = "rezup" });

        var programme = await app.ProgrammeIdAsync();
        await app.WithDbAsync(async db =>
        {
            var partners = await db.Set<ReferralPartner>().IgnoreQueryFilters().Where(p => p.ProgrammeId == programme).ToDictionaryAsync(p => p.Key, p => p.Id);
            AnonymousCount Count(StepKind kind, int count, string? partner = null) => new()
            {
                CiteId = citeId, ProgrammeId = programme, Kind = kind, Month = new DateOnly(2024, 5, 1), CommuneId = saintJulien, Count = count,
                ReferralPartnerId = partner is null ? null : partners[partner],
            };
            db.AddRange(Count(StepKind.Sensitised, 12), Count(StepKind.Referred, 29), Count(StepKind.Referred, 20, "adie"), Count(StepKind.Referred, 9, "france-active"));
            return await db.SaveChangesAsync();
        });
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    private Task<Dictionary<string, IndicatorValue>> ComputeAsync(bool disclosureControl) => app.WithScopeAsync2(async sp =>
        (await sp.GetRequiredService<Indicators>().ComputeAsync(
            [EntrepreneurshipIndicators.Sensitised, EntrepreneurshipIndicators.Received, EntrepreneurshipIndicators.Referred, EntrepreneurshipIndicators.QpvShare],
            citeId, new DateOnly(2024, 1, 1), new DateOnly(2024, 12, 31), disclosureControl: disclosureControl)).ToDictionary(v => v.Name));

    [Fact]
    public async Task Given_a_funder_reading_Then_a_count_of_3_people_is_hidden_12_is_exact_and_a_small_partner_hides_a_second_one()
    {
        var f = await ComputeAsync(disclosureControl: true);

        Assert.True(f[EntrepreneurshipIndicators.Received].Suppressed);
        Assert.Equal(0, f[EntrepreneurshipIndicators.Received].Value);
        Assert.False(f[EntrepreneurshipIndicators.Sensitised].Suppressed);
        Assert.Equal(12, f[EntrepreneurshipIndicators.Sensitised].Value);

        var referred = f[EntrepreneurshipIndicators.Referred];
        Assert.False(referred.Suppressed);
        Assert.Equal(31, referred.Value);
        // Rez'Up's 2 is hidden, and so is France Active's 9: otherwise 31 − 20 − 9 would give it back.
        Assert.Equal(["france-active", "rezup"], referred.SuppressedParts!.Order());
        Assert.Equal(0, referred.Parts!["rezup"]);
        Assert.Equal(0, referred.Parts["france-active"]);
        Assert.Equal(20, referred.Parts["adie"]);

        // Three holders in the year (one from the QPV): too few for a share.
        Assert.True(f[EntrepreneurshipIndicators.QpvShare].Suppressed);
        Assert.Equal(0, f[EntrepreneurshipIndicators.QpvShare].Value);
    }

    [Fact]
    public async Task Given_the_programme_staff_Then_they_read_every_count_exactly()
    {
        var f = await ComputeAsync(disclosureControl: false);

        Assert.Equal(3, f[EntrepreneurshipIndicators.Received].Value);
        Assert.Equal(12, f[EntrepreneurshipIndicators.Sensitised].Value);
        var referred = f[EntrepreneurshipIndicators.Referred];
        Assert.Equal(31, referred.Value);
        Assert.Null(referred.SuppressedParts);
        Assert.Equal(2, referred.Parts!["rezup"]);
        Assert.Equal(9, referred.Parts["france-active"]);
        Assert.Equal(33.3m, f[EntrepreneurshipIndicators.QpvShare].Value);
        Assert.DoesNotContain(f.Values, v => v.Suppressed);

        // Through the API, a coordinator of the Cité reads the same exact figures.
        var coordinator = await app.TokenClientAsync(await app.CreateStaffAsync(StaffRole.Coordinator, "cite:grand-geneve"));
        var api = await IndicatorsApiAsync(coordinator);
        Assert.Equal(3, api[EntrepreneurshipIndicators.Received].GetProperty("value").GetDecimal());
    }

    private static async Task<Dictionary<string, JsonElement>> IndicatorsApiAsync(HttpClient client, string period = "from=2024-01-01&to=2024-12-31")
    {
        var response = await client.GetAsync($"/api/v1/indicators?cite=grand-geneve&{period}&names=entrepreneurship.received,entrepreneurship.sensitised,entrepreneurship.referred");
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.EnumerateArray().ToDictionary(i => i.GetProperty("name").GetString()!, i => i.Clone());
    }

    [Fact]
    public async Task Given_a_funder_of_a_convention_on_the_CCG_Then_the_API_and_its_targets_show_the_small_CitesLab_figures_as_secret_never_0()
    {
        var convention = await app.ConventionAsync();
        await app.WithDbAsync(async db =>
        {
            var ccg = await db.Territories.IgnoreQueryFilters().Where(t => t.CiteId == citeId && t.Name == "Communauté de Communes du Genevois").Select(t => t.Id).SingleAsync();
            var saved = await db.Set<Convention>().IgnoreQueryFilters().SingleAsync(x => x.Id == convention.Id);
            saved.Territories.Add(new ConventionTerritory { TerritoryId = ccg });
            saved.Targets.Add(new ConventionTarget { Year = 2024, Label = "40 personnes reçues", Indicator = EntrepreneurshipIndicators.Received, Value = 40 });
            saved.Targets.Add(new ConventionTarget { Year = 2024, Label = "100 personnes sensibilisées", Indicator = EntrepreneurshipIndicators.Sensitised, Value = 100 });
            saved.Targets.Add(new ConventionTarget { Year = 2024, Label = "5 orientations vers Rez'Up", Indicator = EntrepreneurshipIndicators.Referred + "/rezup", Value = 5 });
            return await db.SaveChangesAsync();
        });

        var funder = await app.TokenClientAsync(await app.CreateStaffAsync(StaffRole.Funder, "partner:grand-geneve/Communauté de Communes du Genevois"));
        var api = await IndicatorsApiAsync(funder);
        Assert.Equal(JsonValueKind.Null, api[EntrepreneurshipIndicators.Received].GetProperty("value").ValueKind);
        Assert.True(api[EntrepreneurshipIndicators.Received].GetProperty("suppressed").GetBoolean());
        Assert.Equal(12, api[EntrepreneurshipIndicators.Sensitised].GetProperty("value").GetDecimal());
        var parts = api[EntrepreneurshipIndicators.Referred].GetProperty("parts").EnumerateArray().ToDictionary(p => p.GetProperty("key").GetString()!);
        Assert.True(parts["rezup"].GetProperty("suppressed").GetBoolean());
        Assert.Equal(JsonValueKind.Null, parts["rezup"].GetProperty("value").ValueKind);
        Assert.Equal(20, parts["adie"].GetProperty("value").GetDecimal());
        // Under disclosure control a period is whole months: a hidden figure cannot come back as a difference of days.
        var days = await funder.GetAsync("/api/v1/indicators?cite=grand-geneve&from=2024-01-01&to=2024-03-03&names=entrepreneurship.received");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, days.StatusCode);
        Assert.Contains("\"to\"", await days.Content.ReadAsStringAsync());

        // The convention's targets computed for a funder: the small figure is "secret", not 0 and not "not met".
        var targets = await app.WithScopeAsync2(async sp =>
        {
            var db = sp.GetRequiredService<Maillage.Platform.Data.MaillageDb>();
            var c = await db.Set<Convention>().IgnoreQueryFilters().Include(x => x.Targets).Include(x => x.Territories).SingleAsync(x => x.Id == convention.Id);
            return await sp.GetRequiredService<TargetProgress>().ComputeAsync(c, [2024], asOf: new DateOnly(2026, 11, 23), disclosureControl: true);
        });
        var received = targets.Single(t => t.Target.Label == "40 personnes reçues");
        Assert.Equal(TargetState.Secret, received.State);
        Assert.Null(received.Actual);
        Assert.Equal("secret", received.ApiState);
        var rezup = targets.Single(t => t.Target.Label == "5 orientations vers Rez'Up");
        Assert.Equal(TargetState.Secret, rezup.State);
        Assert.Null(rezup.Actual);
        var sensitised = targets.Single(t => t.Target.Label == "100 personnes sensibilisées");
        Assert.Equal(TargetState.NotMet, sensitised.State);
        Assert.Equal(12, sensitised.Actual);
    }
}
