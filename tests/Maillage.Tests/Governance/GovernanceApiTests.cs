using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Maillage.Governance;
using Maillage.Platform.Identity;
using Maillage.Tests.Infrastructure;
using Maillage.Tests.Platform.Documents;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Tests.Governance;

/// <summary>The governance API (issue 22 item 10) on seed 002: bodies, the session's counts and quorum, deliberations and the extract as PDF.</summary>
public sealed class GovernanceApiTests(MaillageApp app) : IClassFixture<MaillageApp>
{
    private async Task<(HttpClient Client, int BodyId, int SessionId, int DeliberationId)> ReferenceAsync()
    {
        var client = await app.TokenClientAsync(await app.CreateStaffAsync(StaffRole.Administrator, "cite:grand-geneve"));
        var d = await app.WithDbAsync(db => db.Set<Deliberation>().IgnoreQueryFilters().Where(x => x.Number == "CS2021-15").Select(x => new { x.Id, x.BodyId, x.SessionId }).SingleAsync());
        return (client, d.BodyId, d.SessionId, d.Id);
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    [Fact]
    public async Task Given_the_Cite_administrator_Then_the_bodies_and_the_seed_002_session_give_counts_and_quorum()
    {
        var (client, bodyId, sessionId, _) = await ReferenceAsync();
        var bodies = await JsonAsync(await client.GetAsync("/api/v1/bodies?cite=grand-geneve"));
        var cs = bodies.EnumerateArray().Single(b => b.GetProperty("id").GetInt32() == bodyId);
        Assert.Equal("comite-syndical", cs.GetProperty("kind").GetString());
        Assert.Equal(2, cs.GetProperty("quorum").GetProperty("denominator").GetInt32());
        Assert.Contains(bodies.EnumerateArray(), b => b.GetProperty("name").GetString() == ReferenceGovernance.CitesLabTechnical);

        var session = await JsonAsync(await client.GetAsync($"/api/v1/sessions/{sessionId}"));
        var counts = session.GetProperty("counts");
        Assert.Equal((44, 31, 26, 5, 4, 35, 17, 1), (counts.GetProperty("inOffice").GetInt32(), counts.GetProperty("present").GetInt32(), counts.GetProperty("titularPresent").GetInt32(),
            counts.GetProperty("substitutes").GetInt32(), counts.GetProperty("represented").GetInt32(), counts.GetProperty("voting").GetInt32(), counts.GetProperty("excused").GetInt32(), counts.GetProperty("absent").GetInt32()));
        var quorum = session.GetProperty("quorum");
        Assert.Equal((23, 31, 4, true), (quorum.GetProperty("required").GetInt32(), quorum.GetProperty("present").GetInt32(), quorum.GetProperty("represented").GetInt32(), quorum.GetProperty("reached").GetBoolean()));
        Assert.Equal("2021-04-22T18:00:00+02:00", session.GetProperty("startsAt").GetString());
        Assert.Contains(session.GetProperty("attendance").EnumerateArray(), a => a.GetProperty("member").GetString() == "Mme Chrystelle BEURRIER"
            && a.GetProperty("status").GetString() == "represented" && a.GetProperty("proxyHolder").GetString() == "M. Christophe ARMINJON");
    }

    [Fact]
    public async Task Given_the_body_and_year_Then_CS2021_15_is_listed_and_read_with_its_vote_and_dates_or_as_the_extract_PDF()
    {
        var (client, bodyId, _, id) = await ReferenceAsync();
        var list = await JsonAsync(await client.GetAsync($"/api/v1/deliberations?body={bodyId}&year=2021"));
        Assert.Contains(list.EnumerateArray(), d => d.GetProperty("number").GetString() == "CS2021-15");
        Assert.Empty((await JsonAsync(await client.GetAsync($"/api/v1/deliberations?body={bodyId}&year=2020"))).EnumerateArray());

        var d = await JsonAsync(await client.GetAsync($"/api/v1/deliberations/{id}"));
        Assert.Equal("CS2021-15", d.GetProperty("number").GetString());
        var vote = d.GetProperty("vote");
        Assert.True(vote.GetProperty("unanimous").GetBoolean());
        Assert.Equal(35, vote.GetProperty("for").GetInt32());
        Assert.Equal("2021-04-22", d.GetProperty("sessionDate").GetString());
        Assert.Equal("2021-04-30", d.GetProperty("transmittedOn").GetString());
        Assert.Equal("2021-04-30", d.GetProperty("publishedOn").GetString());
        Assert.Equal(7, d.GetProperty("articles").GetArrayLength());

        foreach (var (url, accept) in new[] { ($"/api/v1/deliberations/{id}?format=pdf", "application/json"), ($"/api/v1/deliberations/{id}", "application/pdf") })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));
            var response = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
            var text = DocumentPdfTests.Normalised(string.Join("\n", DocumentPdfTests.PageTexts(await response.Content.ReadAsByteArrayAsync())));
            Assert.Contains("Délégués en exercice 44", text);
        }
        Assert.Equal(HttpStatusCode.NotAcceptable, (await client.GetAsync($"/api/v1/deliberations/{id}?format=xlsx")).StatusCode);
    }

    [Theory]
    [InlineData("/api/v1/bodies", "cite", HttpStatusCode.BadRequest)]
    [InlineData("/api/v1/bodies?cite=nulle-part", null, HttpStatusCode.NotFound)]
    [InlineData("/api/v1/deliberations", "body", HttpStatusCode.BadRequest)]
    [InlineData("/api/v1/deliberations?body=abc", "body", HttpStatusCode.BadRequest)]
    [InlineData("/api/v1/deliberations?body=1&year=21", "year", HttpStatusCode.BadRequest)]
    [InlineData("/api/v1/deliberations?body=987654", null, HttpStatusCode.NotFound)]
    [InlineData("/api/v1/sessions/987654", null, HttpStatusCode.NotFound)]
    [InlineData("/api/v1/deliberations/987654", null, HttpStatusCode.NotFound)]
    public async Task Given_bad_input_Then_problem_details_name_the_field(string url, string? field, HttpStatusCode status)
    {
        var (client, _, _, _) = await ReferenceAsync();
        var response = await client.GetAsync(url);
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        if (field is not null) Assert.Contains($"\"{field}\"", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Given_a_coordinator_of_another_Cite_or_a_reception_agent_Then_nothing_is_theirs()
    {
        var (_, bodyId, sessionId, id) = await ReferenceAsync();
        var other = await app.TokenClientAsync(await app.CreateStaffAsync(StaffRole.Coordinator, "cite:marseille-paca"));
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/v1/sessions/{sessionId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/v1/deliberations/{id}?format=pdf")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/v1/deliberations?body={bodyId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync("/api/v1/bodies?cite=grand-geneve")).StatusCode);
        var agent = await app.TokenClientAsync(await app.CreateStaffAsync(StaffRole.ReceptionAgent, "cite:grand-geneve"));
        Assert.Empty((await JsonAsync(await agent.GetAsync("/api/v1/bodies?cite=grand-geneve"))).EnumerateArray());
        Assert.Equal(HttpStatusCode.NotFound, (await agent.GetAsync($"/api/v1/sessions/{sessionId}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync($"/api/v1/sessions/{sessionId}")).StatusCode);
    }

    [Fact]
    public async Task Given_the_OpenAPI_document_Then_the_governance_endpoints_are_described()
    {
        var json = await (await app.CreateClient().GetAsync("/openapi/v1.json")).Content.ReadAsStringAsync();
        foreach (var path in new[] { "/api/v1/bodies", "/api/v1/sessions/{id}", "/api/v1/deliberations", "/api/v1/deliberations/{id}" })
            Assert.Contains($"\"{path}\"", json);
    }
}
