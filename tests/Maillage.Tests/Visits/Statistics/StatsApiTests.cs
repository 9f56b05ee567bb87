using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Maillage.Network;
using Maillage.Platform.Identity;
using Maillage.Tests.Infrastructure;
using Maillage.Tests.Visits;
using Maillage.Visits;
using Maillage.Visits.Categories;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Tests.Visits.Statistics;

public sealed class StatsApiTests(MaillageApp app) : IClassFixture<MaillageApp>
{
    private const string Year2018 = "from=2018-01-01&to=2018-12-31";

    private async Task<HttpClient> ClientAsync(StaffRole role, string scope) => await app.TokenClientAsync(await app.CreateStaffAsync(role, scope));

    private async Task<(Structure Geneve, Structure Annemasse)> SeedAsync()
    {
        var geneve = await app.StructureAsync("grand-geneve", "geneve");
        var annemasse = await app.StructureAsync("grand-geneve", "annemasse");
        var random = new Random(5);
        var from = new DateTimeOffset(2018, 1, 1, 0, 0, 0, TimeSpan.Zero);
        if (!await app.SeedYearOnceAsync(random, 2018, 600, geneve, annemasse)) return (geneve, annemasse);
        // Two visits alone in their category: a funder must not see them.
        var rare = VisitsTestData.RandomVisit(random, annemasse, from.AddDays(30), from.AddDays(31));
        rare.PublicStatus = PublicStatus.Professional;
        rare.Needs = Needs.Other | Needs.BusinessCreation | Needs.InternshipApprenticeship;
        await app.RecordAsync([rare]);
        return (geneve, annemasse);
    }

    private static async Task<JsonElement> OkAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement;
    }

    private static long SumOfRows(JsonElement result) => result.GetProperty("rows").EnumerateArray().Sum(r => r.GetProperty("count").GetInt64());

    [Fact]
    public async Task Given_a_coordinator_of_the_Cite_When_counting_by_any_grouping_Then_rows_add_up_to_the_total_with_camelCase_values()
    {
        await SeedAsync();
        var client = await ClientAsync(StaffRole.Coordinator, "cite:grand-geneve");
        var all = await OkAsync(await client.GetAsync($"/api/v1/stats/visits?{Year2018}"));
        Assert.Equal(601, all.GetProperty("total").GetInt64());
        foreach (var groupBy in new[] { "pole,publicStatus", "structure,ageBracket,gender", "needs", "services", "channel,firstVisit", "partner", "residence", "month", "week", "day,kind", "gender,channel" })
        {
            var result = await OkAsync(await client.GetAsync($"/api/v1/stats/visits?{Year2018}&groupBy={groupBy}"));
            Assert.Equal(601, result.GetProperty("total").GetInt64());
            Assert.Equal(601, SumOfRows(result));
            Assert.False(result.GetProperty("protected").GetBoolean());
        }
        var byPole = await OkAsync(await client.GetAsync($"/api/v1/stats/visits?{Year2018}&groupBy=pole,publicStatus"));
        var row = byPole.GetProperty("rows").EnumerateArray().First(r => r.GetProperty("publicStatus").GetString() == "professional" && r.GetProperty("pole").GetArrayLength() == 3);
        Assert.Equal("businessCreation,internshipApprenticeship,other", string.Join(",", row.GetProperty("pole").EnumerateArray().Select(n => n.GetString())));
        Assert.Equal(1, row.GetProperty("count").GetInt64());
        var months = await OkAsync(await client.GetAsync($"/api/v1/stats/visits?{Year2018}&groupBy=month"));
        Assert.All(months.GetProperty("rows").EnumerateArray(), r => Assert.Matches(@"^2018-\d\d$", r.GetProperty("month").GetString()));
        var ages = await OkAsync(await client.GetAsync($"/api/v1/stats/visits?{Year2018}&groupBy=ageBracket"));
        Assert.Contains(ages.GetProperty("rows").EnumerateArray(), r => r.GetProperty("ageBracket").GetString() == "26-44");
    }

    [Theory]
    [InlineData("groupBy=pole,shoeSize", "groupBy")]
    [InlineData("groupBy=pole,needs", "groupBy")]
    [InlineData("from=2018-13-01", "from")]
    [InlineData("from=yesterday", "from")]
    [InlineData("from=2018-05-01&to=2018-04-01", "to")]
    [InlineData("kind=meeting", "kind")]
    public async Task Given_bad_parameters_When_counting_Then_422_problem_details_name_the_parameter(string query, string field)
    {
        var client = await ClientAsync(StaffRole.Coordinator, "cite:grand-geneve");
        var response = await client.GetAsync($"/api/v1/stats/visits?{query}");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Fact]
    public async Task Given_the_coordinator_of_the_Centre_associe_d_Annemasse_When_counting_Then_only_Annemasse_is_counted_and_Geneva_is_refused()
    {
        var (geneve, annemasse) = await SeedAsync();
        var client = await ClientAsync(StaffRole.Coordinator, $"structure:{annemasse.Id}");
        var result = await OkAsync(await client.GetAsync($"/api/v1/stats/visits?{Year2018}&groupBy=structure"));
        var row = Assert.Single(result.GetProperty("rows").EnumerateArray());
        Assert.Equal(annemasse.Id, row.GetProperty("structure").GetInt32());
        Assert.Equal(151, result.GetProperty("total").GetInt64());
        Assert.False(result.GetProperty("protected").GetBoolean()); // staff of the structure: exact counts, the 1 included
        var pole = await OkAsync(await client.GetAsync($"/api/v1/stats/visits?{Year2018}&groupBy=pole,publicStatus&structure={annemasse.Id}"));
        Assert.DoesNotContain(pole.GetProperty("rows").EnumerateArray(), r => r.GetProperty("count").ValueKind == JsonValueKind.Null);

        var refused = await client.GetAsync($"/api/v1/stats/visits?{Year2018}&structure={geneve.Id}");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Given_a_coordinator_of_Marseille_When_counting_Then_nothing_of_Grand_Geneve_is_seen()
    {
        var (geneve, _) = await SeedAsync();
        var client = await ClientAsync(StaffRole.Coordinator, "cite:marseille-paca");
        var result = await OkAsync(await client.GetAsync($"/api/v1/stats/visits?{Year2018}&groupBy=structure"));
        Assert.Equal(0, result.GetProperty("total").GetInt64());
        Assert.Empty(result.GetProperty("rows").EnumerateArray());
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/api/v1/stats/visits?{Year2018}&structure={geneve.Id}")).StatusCode);
    }

    [Fact]
    public async Task Given_a_funder_of_the_Cite_When_counting_Then_small_cells_and_their_complements_are_suppressed()
    {
        await SeedAsync();
        var funder = await ClientAsync(StaffRole.Funder, "cite:grand-geneve");
        var result = await OkAsync(await funder.GetAsync($"/api/v1/stats/visits?{Year2018}&groupBy=pole,publicStatus"));
        Assert.True(result.GetProperty("protected").GetBoolean());
        Assert.Equal(601, result.GetProperty("total").GetInt64());
        var rows = result.GetProperty("rows").EnumerateArray().ToList();
        Assert.All(rows.Where(r => r.GetProperty("count").ValueKind == JsonValueKind.Number), r => Assert.True(r.GetProperty("count").GetInt64() >= 5));
        var hidden = rows.Count(r => r.GetProperty("count").ValueKind == JsonValueKind.Null);
        Assert.True(hidden >= 2);
        Assert.Equal(hidden, result.GetProperty("suppressed").GetInt32());
        // The shown rows never reach the total: what is hidden cannot be taken back by a subtraction of one cell.
        var shown = rows.Where(r => r.GetProperty("count").ValueKind == JsonValueKind.Number).Sum(r => r.GetProperty("count").GetInt64());
        Assert.True(601 - shown >= 5 || hidden >= 2);
        var oneWay = await OkAsync(await funder.GetAsync($"/api/v1/stats/visits?{Year2018}&groupBy=publicStatus"));
        Assert.NotEqual(1, oneWay.GetProperty("suppressed").GetInt32());
    }
}
