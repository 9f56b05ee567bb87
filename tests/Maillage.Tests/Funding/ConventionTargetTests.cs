using Maillage.Network;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Maillage.Agenda;
using Maillage.Funding;
using Maillage.Funding.Conventions;
using Maillage.Platform.Identity;
using Maillage.Tests.Agenda.Operations;
using Maillage.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Tests.Funding;

/// <summary>
/// Issue 21, item 3: a convention's targets with their figures counted by the platform's indicators on the convention's
/// territory (the CCG), year to date, on both databases. The class owns its database: only its events count.
/// </summary>
public sealed class ConventionTargetTests(MaillageApp app) : IClassFixture<MaillageApp>
{
    private static DateTimeOffset Utc(int year, int month, int day) => new(year, month, day, 10, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// A test convention on the CCG, extended to 2026: in 2022 two information days and workshops wanted, one forum; in 2026
    /// (running on 23 November) one forum wanted; a target whose indicator no module publishes; one followed by hand.
    /// </summary>
    private async Task<int> ConventionWithTargetsAsync()
    {
        var c = await app.ConventionAsync();
        await app.WithDbAsync(async db =>
        {
            var ccg = await db.Territories.IgnoreQueryFilters().Where(t => t.CiteId == c.CiteId && t.Name == "Communauté de Communes du Genevois").Select(t => t.Id).SingleAsync();
            var saved = await db.Set<Convention>().IgnoreQueryFilters().SingleAsync(x => x.Id == c.Id);
            saved.EffectiveTo = new DateOnly(2026, 12, 31);
            saved.ValidUntil = new DateOnly(2027, 2, 28);
            saved.Territories.Add(new ConventionTerritory { TerritoryId = ccg });
            saved.Targets.Add(new ConventionTarget { Year = 2022, Label = "2 journées d'information et ateliers", Indicator = "agenda.information-days-and-workshops", Value = 2 });
            saved.Targets.Add(new ConventionTarget { Year = 2022, Label = "1 forum sur la CCG", Indicator = "agenda.forums", Value = 1 });
            saved.Targets.Add(new ConventionTarget { Year = 2022, Label = "40 personnes accueillies", Indicator = "labels.applications", Value = 40 }); // a name no module publishes yet (entrepreneurship.received is now published, issue 23)
            saved.Targets.Add(new ConventionTarget { Year = 2022, Label = "1 jour par semaine", Indicator = null, Value = 1 });
            saved.Targets.Add(new ConventionTarget { Year = 2026, Label = "2 forums sur la CCG", Indicator = "agenda.forums", Value = 2 });
            return await db.SaveChangesAsync();
        });
        // 2022: an information day at the Saint-Julien relay (CCG), a forum in Saint-Julien; a workshop at Annemasse (outside the CCG) never counts.
        await app.NewEventAsync(Utc(2022, 3, 8), structureSlug: "saint-julien-en-genevois", type: EventType.InformationDay);
        await app.NewEventAsync(Utc(2022, 5, 10), structureSlug: "saint-julien-en-genevois", type: EventType.Forum);
        await app.NewEventAsync(Utc(2022, 6, 14), structureSlug: "annemasse", type: EventType.Workshop);
        // 2026: one forum held in October, one still to come in December.
        await app.NewEventAsync(Utc(2026, 10, 6), structureSlug: "saint-julien-en-genevois", type: EventType.Forum);
        await app.NewEventAsync(Utc(2026, 12, 8), structureSlug: "saint-julien-en-genevois", type: EventType.Forum);
        return c.Id;
    }

    [Fact]
    public async Task Given_events_on_and_off_the_CCG_Then_each_target_shows_its_actual_year_to_date_met_or_not_and_unpublished_indicators_say_so()
    {
        var id = await ConventionWithTargetsAsync();
        var coordinator = await app.SignedInAsAsync(StaffRole.Coordinator, "cite:grand-geneve");
        var c = await coordinator.GetFromJsonAsync<JsonElement>($"/api/v1/conventions/{id}");
        var targets = c.GetProperty("targets").EnumerateArray().ToDictionary(t => t.GetProperty("label").GetString()!);

        var days = targets["2 journées d'information et ateliers"];
        Assert.Equal(1m, days.GetProperty("actual").GetDecimal());
        Assert.Equal("not-met", days.GetProperty("state").GetString());
        Assert.False(days.GetProperty("met").GetBoolean());
        var forum = targets["1 forum sur la CCG"];
        Assert.Equal(1m, forum.GetProperty("actual").GetDecimal());
        Assert.Equal("met", forum.GetProperty("state").GetString());
        Assert.Equal("2022-12-31", forum.GetProperty("to").GetString());

        var unpublished = targets["40 personnes accueillies"];
        Assert.Equal(JsonValueKind.Null, unpublished.GetProperty("actual").ValueKind);
        Assert.Equal("not-published", unpublished.GetProperty("state").GetString());
        Assert.Equal("no-indicator", targets["1 jour par semaine"].GetProperty("state").GetString());

        // 2026 runs: counted up to today (23 November), the December forum is not held yet.
        var running = targets["2 forums sur la CCG"];
        Assert.Equal(1m, running.GetProperty("actual").GetDecimal());
        Assert.Equal("in-progress", running.GetProperty("state").GetString());
        Assert.Equal("2026-11-23", running.GetProperty("to").GetString());
        Assert.Equal(JsonValueKind.Null, running.GetProperty("met").ValueKind);

        var page = await coordinator.GetAsync($"/gestion/conventions/{id}");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync());
        Assert.Contains("non atteint", html);
        Assert.Contains("atteint", html);
        Assert.Contains("en cours", html);
        Assert.Contains("pas encore compté : aucun module ne publie « labels.applications »", html);
        Assert.Contains("au 23 novembre 2026", html);
    }

    [Fact]
    public async Task The_seed_targets_name_indicators_of_the_catalogue_or_ones_no_module_publishes_yet_and_never_show_0_for_these()
    {
        var coordinator = await app.SignedInAsAsync(StaffRole.Coordinator, "cite:grand-geneve");
        var catalogue = (await coordinator.GetFromJsonAsync<JsonElement>("/api/v1/indicators/catalogue")).EnumerateArray().Select(d => d.GetProperty("name").GetString()).ToHashSet();
        var ids = await app.WithDbAsync(db => db.Set<Convention>().IgnoreQueryFilters()
            .Where(c => c.Title == ReferenceConventions.AaCcgTitle || c.Title == ReferenceConventions.CitesLabTitle).Select(c => c.Id).ToListAsync());
        foreach (var id in ids)
        {
            var c = await coordinator.GetFromJsonAsync<JsonElement>($"/api/v1/conventions/{id}");
            foreach (var t in c.GetProperty("targets").EnumerateArray())
            {
                var indicator = t.GetProperty("indicator").GetString();
                var state = t.GetProperty("state").GetString();
                if (indicator is not null && catalogue.Contains(TargetProgress.IndicatorOf(indicator).Name))
                    Assert.Contains(state, new[] { "met", "not-met", "in-progress", "not-started" });
                else
                {
                    Assert.Equal(indicator is null ? "no-indicator" : "not-published", state);
                    Assert.Equal(JsonValueKind.Null, t.GetProperty("actual").ValueKind);
                }
            }
        }
        var aaCcg = await coordinator.GetFromJsonAsync<JsonElement>($"/api/v1/conventions/{ids.Min()}");
        Assert.All(aaCcg.GetProperty("targets").EnumerateArray(), t => Assert.Contains(t.GetProperty("indicator").GetString(), catalogue));
    }

    [Fact]
    public async Task Given_technical_committees_held_Then_the_CitesLab_target_of_3_a_year_counts_that_part_of_the_sessions_held_only()
    {
        // « 3 comités techniques » names a part of governance.sessions-held: a steering committee does not count toward it.
        var citeId = await app.CiteIdAsync("grand-geneve");
        await app.WithDbAsync(db =>
        {
            var committee = new Maillage.Governance.Body { CiteId = citeId, Kind = Maillage.Governance.BodyKind.TechnicalCommittee, Name = $"CT {Guid.NewGuid():N}"[..20], NumberPrefix = "CT", ExpectedSessionsPerYear = 3 };
            var steering = new Maillage.Governance.Body { CiteId = citeId, Kind = Maillage.Governance.BodyKind.SteeringCommittee, Name = $"Copil {Guid.NewGuid():N}"[..20], NumberPrefix = "CP", ExpectedSessionsPerYear = 1 };
            db.AddRange(committee, steering);
            db.SaveChanges();
            Maillage.Governance.Session At(Maillage.Governance.Body b, int month) =>
                new() { CiteId = citeId, BodyId = b.Id, StartsAt = new DateTimeOffset(2022, month, 15, 13, 0, 0, TimeSpan.Zero), TimeZone = "Europe/Paris" };
            db.AddRange(At(committee, 3), At(committee, 10), At(steering, 6), At(steering, 11));
            return db.SaveChangesAsync();
        });
        var coordinator = await app.SignedInAsAsync(StaffRole.Coordinator, "cite:grand-geneve");
        var id = await app.WithDbAsync(db => db.Set<Convention>().IgnoreQueryFilters().Where(c => c.Title == ReferenceConventions.CitesLabTitle).Select(c => c.Id).SingleAsync());
        var convention = await coordinator.GetFromJsonAsync<JsonElement>($"/api/v1/conventions/{id}");
        var target = convention.GetProperty("targets").EnumerateArray()
            .Single(t => t.GetProperty("year").GetInt32() == 2022 && t.GetProperty("indicator").GetString() == "governance.sessions-held/technical-committee");
        Assert.Equal(2, target.GetProperty("actual").GetDecimal());
        Assert.Equal("not-met", target.GetProperty("state").GetString());
    }
}
