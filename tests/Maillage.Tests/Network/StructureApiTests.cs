using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Maillage.Tests.Infrastructure;

namespace Maillage.Tests.Network;

public sealed class StructureApiTests(MaillageApp app) : IClassFixture<MaillageApp>
{
    private async Task<JsonElement> GetJson(string url)
    {
        var response = await app.CreateClient().GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Fact]
    public async Task Given_the_reference_network_When_listing_structures_Then_each_has_kind_address_territory_poles_and_hours()
    {
        var list = await GetJson("/api/v1/structures");
        var annemasse = list.EnumerateArray().Single(s => s.GetProperty("name").GetString() == "Centre associé d'Annemasse");
        Assert.Equal("centreAssocie", annemasse.GetProperty("kind").GetString());
        Assert.Equal("Annemasse", annemasse.GetProperty("address").GetProperty("city").GetString());
        Assert.Equal("Annemasse Agglomération", annemasse.GetProperty("territory").GetProperty("epci").GetString());
        Assert.True(annemasse.GetProperty("poles").GetArrayLength() >= 3);
        var weekly = annemasse.GetProperty("openingHours").GetProperty("weekly");
        Assert.Contains(weekly.EnumerateArray(), r => r.GetProperty("day").GetString() == "monday" && r.GetProperty("opens").GetString() == "13:30");
        Assert.Equal("Europe/Paris", annemasse.GetProperty("openingHours").GetProperty("timeZone").GetString());
        var kinds = list.EnumerateArray().Select(s => s.GetProperty("kind").GetString()).ToHashSet();
        Assert.Superset(new HashSet<string?> { "site", "centreAssocie", "pointRelais", "permanence" }, kinds);
    }

    [Fact]
    public async Task Given_Monday_10_00_in_Paris_Then_Marseille_is_open_until_18_00_and_Saint_Julien_opens_Tuesday()
    {
        app.Clock.SetUtcNow(MaillageApp.DefaultNow);
        var list = await GetJson("/api/v1/structures?cite=marseille-paca");
        var marseille = Assert.Single(list.EnumerateArray(), s => s.GetProperty("name").GetString() == "Cité des métiers de Marseille");
        Assert.True(marseille.GetProperty("openNow").GetProperty("isOpen").GetBoolean());
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 18, 0, 0, TimeSpan.FromHours(1)), marseille.GetProperty("openNow").GetProperty("closesAt").GetDateTimeOffset());
        Assert.DoesNotContain(list.EnumerateArray(), s => s.GetProperty("cite").GetString() != "marseille-paca");

        var relais = (await GetJson("/api/v1/structures?kind=pointRelais")).EnumerateArray()
            .Single(s => s.GetProperty("name").GetString() == "Point relais de Saint-Julien-en-Genevois");
        Assert.False(relais.GetProperty("openNow").GetProperty("isOpen").GetBoolean());
        Assert.Equal(new DateTimeOffset(2026, 11, 24, 9, 0, 0, TimeSpan.FromHours(1)), relais.GetProperty("openNow").GetProperty("nextOpensAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task Open_now_filter_keeps_only_open_places()
    {
        app.Clock.SetUtcNow(MaillageApp.DefaultNow);
        var open = await GetJson("/api/v1/structures?openNow=true");
        Assert.NotEmpty(open.EnumerateArray());
        Assert.All(open.EnumerateArray(), s => Assert.True(s.GetProperty("openNow").GetProperty("isOpen").GetBoolean()));
        // Sunday: nothing of the reference network is open.
        app.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 22, 11, 0, 0, TimeSpan.Zero));
        Assert.Empty((await GetJson("/api/v1/structures?openNow=true")).EnumerateArray());
        app.Clock.SetUtcNow(MaillageApp.DefaultNow);
    }

    [Fact]
    public async Task One_structure_by_id_and_an_unknown_id_is_a_problem()
    {
        var geneve = await app.StructureAsync("grand-geneve", "geneve");
        var one = await GetJson($"/api/v1/structures/{geneve.Id}");
        Assert.Equal("site", one.GetProperty("kind").GetString());
        Assert.Equal("Europe/Zurich", one.GetProperty("openingHours").GetProperty("timeZone").GetString());
        Assert.Equal("geneva", one.GetProperty("openingHours").GetProperty("publicHolidays").GetString());

        var missing = await app.CreateClient().GetAsync("/api/v1/structures/999999");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);
        var problem = await missing.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(404, problem.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task An_unknown_kind_is_a_problem_naming_the_parameter()
    {
        var response = await app.CreateClient().GetAsync("/api/v1/structures?kind=castle");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("kind", await response.Content.ReadAsStringAsync());
    }
}
