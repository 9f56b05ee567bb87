using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Maillage.Funding;
using Maillage.Platform.Identity;
using Maillage.Platform.Modules;
using Maillage.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Maillage.Tests.Funding;

/// <summary>The seed conventions loaded with the reference network, read through the API and the staff pages, on both databases.</summary>
public sealed class ConventionApiTests(MaillageApp app) : IClassFixture<MaillageApp>
{
    private async Task<int> ConventionIdAsync(string title) =>
        await app.WithDbAsync(db => db.Set<Convention>().IgnoreQueryFilters().Where(c => c.Title == title).Select(c => c.Id).SingleAsync());

    private static JsonElement[] Items(JsonElement e, string name) => [.. e.GetProperty(name).EnumerateArray()];

    [Fact]
    public async Task Given_a_started_application_Then_the_three_seed_conventions_are_loaded_once_with_their_parties()
    {
        await app.WithScopeAsync(async sp =>
        {
            foreach (var init in sp.GetServices<IDatabaseInitialiser>()) await init.InitialiseAsync(CancellationToken.None);
        });
        var conventions = await app.WithDbAsync(db => db.Set<Convention>().IgnoreQueryFilters().Include(c => c.Parties).Where(c => c.Source != null).OrderBy(c => c.Id).ToListAsync());
        Assert.Equal([ReferenceConventions.AaCcgTitle, ReferenceConventions.CitesLabTitle, ReferenceConventions.AcademieTitle], conventions.Select(c => c.Title));
        var aaCcg = conventions[0];
        Assert.Equal(["Annemasse Agglomération", "Communauté de Communes du Genevois"], aaCcg.Parties.OrderBy(p => p.Name).Select(p => p.Name));
        Assert.All(aaCcg.Parties, p => Assert.NotNull(p.PartnerId));
        Assert.Contains("583 × 26,5 × 1,20 = 18 539,40", aaCcg.Source);
        Assert.Null(conventions[2].SignedOn);
    }

    [Fact]
    public async Task Given_the_AA_CCG_convention_Then_the_API_gives_18_539_computed_and_signed_each_year_the_February_dues_and_the_last_day_to_give_notice()
    {
        var coordinator = await app.SignedInAsAsync(StaffRole.Coordinator, "cite:grand-geneve");
        var list = await coordinator.GetFromJsonAsync<JsonElement>("/api/v1/conventions?cite=grand-geneve");
        Assert.Contains(list.EnumerateArray(), c => c.GetProperty("title").GetString() == ReferenceConventions.AaCcgTitle);

        var id = await ConventionIdAsync(ReferenceConventions.AaCcgTitle);
        var c = await coordinator.GetFromJsonAsync<JsonElement>($"/api/v1/conventions/{id}");
        var amounts = Items(c, "amounts");
        Assert.Equal([2022, 2023, 2024], amounts.Select(a => a.GetProperty("year").GetInt32()));
        Assert.All(amounts, a =>
        {
            Assert.Equal(26.5m, a.GetProperty("financedDays").GetDecimal());
            Assert.Equal(18539m, a.GetProperty("computed").GetDecimal());
            Assert.Equal(18539m, a.GetProperty("signed").GetDecimal());
            Assert.Equal(0m, a.GetProperty("discrepancy").GetDecimal());
            Assert.False(a.GetProperty("flagged").GetBoolean());
        });
        Assert.Equal(["1.1", "1.2", "1.3"], Items(c, "actions").Select(a => a.GetProperty("code").GetString()));
        Assert.Equal([163m, 66m, 44m], Items(c, "actions").Select(a => a.GetProperty("years")[0].GetProperty("forecastDays").GetDecimal()));
        var sharing = Assert.Single(Items(c, "costSharing"));
        Assert.Equal(50m, sharing.GetProperty("sharePercent").GetDecimal());
        Assert.Equal(1000m, sharing.GetProperty("cap").GetDecimal());
        Assert.Equal(2000m, sharing.GetProperty("budget").GetDecimal());
        var schedule = Items(c, "schedule");
        Assert.Equal(["2023-02-28", "2024-02-29", "2025-02-28"], schedule.Select(s => s.GetProperty("dueOn").GetString()));
        // Nothing received is recorded: on 23 November 2026 every line is more than 60 days late.
        Assert.All(schedule, s => Assert.Equal("over-60", s.GetProperty("ageing").GetString()));
        var deadlines = Items(c, "deadlines");
        var notice = Assert.Single(deadlines, d => d.GetProperty("kind").GetString() == "last-day-to-give-notice");
        Assert.Equal("2024-12-28", notice.GetProperty("date").GetString());
        Assert.Contains(deadlines, d => d.GetProperty("kind").GetString() == "end-of-validity" && d.GetProperty("date").GetString() == "2025-02-28");
        Assert.Contains(deadlines, d => d.GetProperty("kind").GetString() == "report-due" && d.GetProperty("date").GetString() == "2023-02-01");
        Assert.Equal([5m, 1m, 5m, 1m, 5m, 1m], Items(c, "targets").Select(t => t.GetProperty("value").GetDecimal()));
    }

    [Fact]
    public async Task Given_the_CitesLab_convention_Then_exactly_one_subsidy_figure_is_flagged_Bpifrance_2021_and_2021_is_called_with_2022()
    {
        var coordinator = await app.SignedInAsAsync(StaffRole.Coordinator, "cite:grand-geneve");
        var c = await coordinator.GetFromJsonAsync<JsonElement>($"/api/v1/conventions/{await ConventionIdAsync(ReferenceConventions.CitesLabTitle)}");
        var subsidies = Items(c, "subsidies");
        Assert.Equal(9, subsidies.Length);
        var flagged = Assert.Single(subsidies, s => s.GetProperty("flagged").GetBoolean());
        Assert.Equal(2021, flagged.GetProperty("year").GetInt32());
        Assert.Equal("Bpifrance", flagged.GetProperty("funder").GetString());
        Assert.Equal(1304m, flagged.GetProperty("computed").GetDecimal());
        Assert.Equal(1323m, flagged.GetProperty("signed").GetDecimal());
        Assert.Equal(122, flagged.GetProperty("daysCounted").GetInt32());
        Assert.All(subsidies.Where(s => s.GetProperty("year").GetInt32() == 2023), s => Assert.Equal(128, s.GetProperty("daysCounted").GetInt32()));
        var schedule = Items(c, "schedule");
        Assert.Equal([2021, 2022], schedule[0].GetProperty("years").EnumerateArray().Select(y => y.GetInt32()));
        Assert.Equal(15150m, schedule[0].GetProperty("amount").GetDecimal());
        Assert.Equal("2022-01-31", schedule[0].GetProperty("dueOn").GetString());
        Assert.Equal(3991m, schedule[1].GetProperty("amount").GetDecimal());
        Assert.Contains("FR76 1810 6000 3030 1813 8005 080", c.GetRawText());
    }

    [Fact]
    public async Task Given_the_Academie_convention_without_a_signature_date_Then_its_deadlines_say_they_cannot_be_computed()
    {
        var coordinator = await app.SignedInAsAsync(StaffRole.Coordinator, "cite:marseille-paca");
        var c = await coordinator.GetFromJsonAsync<JsonElement>($"/api/v1/conventions/{await ConventionIdAsync(ReferenceConventions.AcademieTitle)}");
        var deadlines = Items(c, "deadlines");
        Assert.Equal(2, deadlines.Length);
        Assert.All(deadlines, d =>
        {
            Assert.Equal(JsonValueKind.Null, d.GetProperty("date").ValueKind);
            Assert.Contains("date de signature n'est pas connue", d.GetProperty("why").GetString());
        });
        Assert.Equal(3, c.GetProperty("noticeMonths").GetInt32());
        Assert.Equal("courrier recommandé avec accusé de réception", c.GetProperty("noticeForm").GetString());
    }

    [Fact]
    public async Task Given_a_coordinator_of_another_Cite_or_a_counsellor_Then_conventions_are_refused()
    {
        var marseille = await app.SignedInAsAsync(StaffRole.Coordinator, "cite:marseille-paca");
        // Another Cité reads as an unknown one: nothing tells it exists.
        Assert.Equal(HttpStatusCode.NotFound, (await marseille.GetAsync("/api/v1/conventions?cite=grand-geneve")).StatusCode);
        var notFound = await marseille.GetAsync($"/api/v1/conventions/{await ConventionIdAsync(ReferenceConventions.AaCcgTitle)}");
        Assert.Equal(HttpStatusCode.NotFound, notFound.StatusCode);
        Assert.Equal("application/problem+json", notFound.Content.Headers.ContentType?.MediaType);
        var counsellor = await app.SignedInAsAsync(StaffRole.Counsellor, "cite:grand-geneve");
        Assert.Equal(HttpStatusCode.Forbidden, (await counsellor.GetAsync("/api/v1/conventions?cite=grand-geneve")).StatusCode);
        var missing = await marseille.GetAsync("/api/v1/conventions");
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Contains("cite", await missing.Content.ReadAsStringAsync());
    }
}
