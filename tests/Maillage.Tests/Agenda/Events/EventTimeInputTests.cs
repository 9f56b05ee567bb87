using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Maillage.Agenda;
using Maillage.Platform.Identity;
using Maillage.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Tests.Agenda.Events;

/// <summary>
/// Issue 18, items 11 and 12: times are never shifted silently — an API time without its offset, a form time the clocks
/// skip at the place, a year outside 2000–2100 are refused naming the field — and an online link is https.
/// </summary>
public sealed class EventTimeInputTests(MaillageApp app) : IClassFixture<MaillageApp>
{
    private async Task<(HttpClient Client, int StructureId)> OrganiserAsync()
    {
        var s = await app.StructureAsync("grand-geneve", "annemasse");
        return (await app.TokenClientAsync(await app.CreateStaffAsync(StaffRole.EventOrganiser, "structure:grand-geneve/annemasse")), s.Id);
    }

    private static object Body(int structureId, object startsAt, object endsAt, string? onlineUrl = null) => new
    {
        title = "Atelier CV", type = onlineUrl is null ? "tradeZoom" : "webinar", structureId = onlineUrl is null ? structureId : (int?)null,
        venueTerritoryId = (int?)null, onlineUrl, startsAt, endsAt, capacity = 10, registrationMode = "waitlist",
    };

    private static async Task<JsonElement> ErrorsAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
    }

    [Theory]
    [InlineData("1999-12-03T14:00:00+01:00", "startsAt")]
    [InlineData("1999-12-03T14:00:00", "startsAt")]
    [InlineData("2101-01-01T14:00:00Z", "startsAt")]
    public async Task Given_an_API_time_without_offset_or_out_of_range_Then_a_400_names_the_field_and_nothing_is_created(string startsAt, string field)
    {
        var (client, structureId) = await OrganiserAsync();
        var response = await client.PostAsJsonAsync("/api/v1/events", Body(structureId, startsAt, "2026-12-03T16:00:00+01:00"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await ErrorsAsync(response)).TryGetProperty(field, out _));
    }

    [Fact]
    public async Task Given_an_API_time_with_its_offset_Then_it_is_the_instant_given()
    {
        var (client, structureId) = await OrganiserAsync();
        var response = await client.PostAsJsonAsync("/api/v1/events", Body(structureId, "2026-12-03T14:00:00+01:00", "2026-12-03T16:00:00+01:00"));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var startsAt = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("startsAt").GetDateTimeOffset();
        Assert.Equal(new DateTimeOffset(2026, 12, 3, 13, 0, 0, TimeSpan.Zero), startsAt.ToUniversalTime());
    }

    [Fact]
    public async Task Given_API_times_without_offset_Then_they_are_read_in_the_structures_zone_not_the_servers()
    {
        var (client, structureId) = await OrganiserAsync();
        // Annemasse is in Europe/Paris: 14:00 on 3 December is 13:00 UTC, 14:00 on 3 July 12:00 UTC.
        var winter = await client.PostAsJsonAsync("/api/v1/events", Body(structureId, "2026-12-03T14:00:00", "2026-12-03T16:00"));
        Assert.Equal(HttpStatusCode.Created, winter.StatusCode);
        var created = await winter.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(new DateTimeOffset(2026, 12, 3, 13, 0, 0, TimeSpan.Zero), created.GetProperty("startsAt").GetDateTimeOffset().ToUniversalTime());
        Assert.Equal(new DateTimeOffset(2026, 12, 3, 15, 0, 0, TimeSpan.Zero), created.GetProperty("endsAt").GetDateTimeOffset().ToUniversalTime());
        var id = created.GetProperty("id").GetInt32();
        var summer = await client.PutAsJsonAsync($"/api/v1/events/{id}", Body(structureId, "2027-07-03T14:00:00", "2027-07-03T16:00:00"));
        Assert.Equal(HttpStatusCode.OK, summer.StatusCode);
        var e = await app.WithDbAsync(db => db.Events.AsNoTracking().FirstAsync(x => x.Id == id));
        Assert.Equal(new DateTimeOffset(2027, 7, 3, 12, 0, 0, TimeSpan.Zero), e.StartsAt.ToUniversalTime());
    }

    [Fact]
    public async Task Given_an_API_time_without_offset_in_the_spring_gap_Then_a_422_names_the_field()
    {
        var (client, structureId) = await OrganiserAsync();
        // 28 March 2027, 02:30 does not exist in Europe/Paris.
        var response = await client.PostAsJsonAsync("/api/v1/events", Body(structureId, "2027-03-28T02:30:00", "2027-03-28T04:00:00"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.True((await ErrorsAsync(response)).TryGetProperty("startsAt", out _));
    }

    [Fact]
    public async Task Given_a_time_without_offset_where_no_place_gives_a_zone_Then_it_is_refused_not_read_in_the_servers_zone()
    {
        var s = await app.StructureAsync("grand-geneve", "annemasse");
        var client = await app.TokenClientAsync(await app.CreateStaffAsync(StaffRole.ReceptionAgent, "structure:grand-geneve/annemasse"));
        var visit = Visits.VisitsTestData.AVisit(s.Id);
        visit["occurredAt"] = "2026-11-23T10:00:00";
        var response = await client.PostAsJsonAsync("/api/v1/visits", visit);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode); // the visits API's status for a value it cannot read
        Assert.True((await ErrorsAsync(response)).TryGetProperty("occurredAt", out _));
    }

    [Fact]
    public async Task Given_an_http_online_link_Then_it_is_refused_and_https_is_taken()
    {
        var (client, structureId) = await OrganiserAsync();
        var refused = await client.PostAsJsonAsync("/api/v1/events", Body(structureId, "2026-12-03T14:00:00+01:00", "2026-12-03T16:00:00+01:00", "http://visio.example.org/atelier"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.True((await ErrorsAsync(refused)).TryGetProperty("onlineUrl", out _));
    }

    [Fact]
    public async Task Given_a_form_time_in_the_spring_gap_or_year_1_Then_the_form_says_so_beside_the_field_and_saves_nothing()
    {
        var client = await app.SignedInAsync(await app.CreateStaffAsync(StaffRole.EventOrganiser, "structure:grand-geneve/annemasse"));
        var s = await app.StructureAsync("grand-geneve", "annemasse");
        var title = $"Atelier {Guid.NewGuid():N}"[..24];
        Dictionary<string, string> Form(string start, string end) => new()
        {
            ["Input.Title"] = title, ["Input.Type"] = "TradeZoom", ["Input.StartsAt"] = start, ["Input.EndsAt"] = end,
            ["Input.StructureId"] = s.Id.ToString(), ["Input.Capacity"] = "20", ["Input.RegistrationMode"] = "Waitlist",
            ["Input.WaitlistPromotion"] = "Direct", ["Input.OfferHoldHours"] = "24", ["Input.Language"] = "fr", ["intent"] = "publish",
        };
        // 28 March 2027, 02:30 does not exist in Europe/Paris (clocks go from 02:00 to 03:00).
        var gap = await client.PostFormAsync("/gestion/agenda/nouveau", Form("2027-03-28T02:30", "2027-03-28T04:00"));
        var page = WebUtility.HtmlDecode(await gap.Content.ReadAsStringAsync());
        Assert.Contains("n'existe pas le 28/03/2027 à cet endroit", page);
        var year = await client.PostFormAsync("/gestion/agenda/nouveau", Form("0001-01-01T10:00", "0001-01-01T12:00"));
        Assert.Contains("L'année doit être comprise entre 2000 et 2100", WebUtility.HtmlDecode(await year.Content.ReadAsStringAsync()));
        Assert.False(await app.WithDbAsync(db => db.Events.AnyAsync(e => e.Title == title)));
    }
}
