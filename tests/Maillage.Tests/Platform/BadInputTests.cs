using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Maillage.Agenda;
using Maillage.Platform.Data;
using Maillage.Platform.Errors;
using Maillage.Platform.Identity;
using Maillage.Tests.Agenda;
using Maillage.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Maillage.Tests.Platform;

/// <summary>
/// Issue 18, item 7: input that used to end in a 500 (a NUL on PostgreSQL, a year 1, an impossible date, a word for a
/// number) is refused with a 400 or 422 naming the parameter — a problem body on the API, the error page elsewhere —
/// and control characters never reach the database, whichever way the row is written.
/// </summary>
public sealed class BadInputTests(MaillageApp app) : IClassFixture<MaillageApp>
{
    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task AssertProblemNamingAsync(HttpResponseMessage response, HttpStatusCode status, string field)
    {
        Assert.Equal(status, response.StatusCode);
        var problem = await ProblemAsync(response);
        Assert.True(problem.TryGetProperty("errors", out var errors) && errors.TryGetProperty(field, out _), $"the problem names {field}: {problem}");
    }

    [Theory]
    [InlineData("/api/v1/structures?cite=%00", "cite")]
    [InlineData("/api/v1/events?type=%00", "type")]
    [InlineData("/api/v1/events?theme=a%E2%80%AEb", "theme")]
    [InlineData("/api/v1/events?from=0001-01-01", "from")]
    [InlineData("/api/v1/events?from=9999-12-31", "from")]
    [InlineData("/api/v1/events?to=2026-02-30", "to")]
    [InlineData("/api/v1/events?page=2147483647", "page")]
    [InlineData("/api/v1/agenda.ics?from=0001-01-01", "from")]
    public async Task Given_a_bad_query_value_on_the_API_Then_a_400_problem_names_it(string url, string field) =>
        await AssertProblemNamingAsync(await app.CreateClient().GetAsync(url), HttpStatusCode.BadRequest, field);

    [Theory]
    [InlineData("/agenda/flux.atom?from=0001-01-01", "from")]
    [InlineData("/agenda/flux.atom?from=2026-02-30", "from")]
    [InlineData("/agenda/flux.atom?type=xyz", "type")]
    [InlineData("/agenda/flux.atom?structure=abc", "structure")]
    [InlineData("/agenda?cite=%00", "cite")]
    [InlineData("/lieux?cite=%00", "cite")]
    public async Task Given_a_bad_query_value_on_a_page_or_feed_Then_the_error_page_says_400_and_names_it(string url, string field)
    {
        var response = await app.CreateClient().GetAsync(url);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(field, await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/agenda?from=0001-01-01")]
    [InlineData("/agenda?from=2026-02-30")]
    public async Task Given_a_bad_date_in_the_public_agenda_filter_Then_the_page_says_so_beside_the_filter(string url)
    {
        var response = await app.CreateClient().GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.TextAsync();
        Assert.Matches("année doit être comprise entre 2000 et 2100|n'est pas une date existante", text);
    }

    [Theory]
    [InlineData("/gestion/agenda/emargement?date=0001-01-01", "date")]
    [InlineData("/gestion/agenda/emargement?date=2026-02-30", "date")]
    [InlineData("/gestion/agenda?du=0001-01-01", "du")]
    [InlineData("/gestion/agenda?au=9999-12-31", "au")]
    public async Task Given_the_year_1_at_the_check_in_desk_Then_the_error_page_names_the_date(string url, string field)
    {
        var client = await app.SignedInAsAsync(StaffRole.Coordinator, "cite:grand-geneve");
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains($"{field} :", await response.TextAsync());
    }

    [Theory]
    [InlineData("Cam\u0000ille", HttpStatusCode.BadRequest)]
    [InlineData("Cam\u202Eille", HttpStatusCode.BadRequest)]
    [InlineData("Camille\r\nBcc: victim@example.org", HttpStatusCode.UnprocessableEntity)]
    public async Task Given_a_control_character_or_a_line_break_in_a_registrants_name_Then_the_API_refuses_it_and_stores_nothing(string firstName, HttpStatusCode status)
    {
        var e = await app.EventAsync();
        var response = await app.CreateClient().PostAsJsonAsync($"/api/v1/events/{e.Id}/registrations", new
        {
            firstName, lastName = "Martin", email = $"{Guid.NewGuid():N}@example.org", consent = true,
        });
        Assert.Equal(status, response.StatusCode);
        var problem = await ProblemAsync(response);
        Assert.True(problem.GetProperty("errors").TryGetProperty("firstName", out _), problem.ToString());
        Assert.Empty(await app.RegistrationsAsync(e.Id));
    }

    [Fact]
    public async Task Given_a_NUL_in_a_row_written_by_a_plain_insert_Then_the_insert_is_refused_naming_the_field()
    {
        var e = await app.EventAsync();
        var rule = await Assert.ThrowsAsync<RuleViolation>(() => app.WithDbAsync(async db =>
        {
            await PlainInsert.InsertAsync(db, new Registration
            {
                CiteId = e.CiteId, EventId = e.Id, ManageToken = Registration.NewToken(), CreatedAt = app.Clock.GetUtcNow(), EmailKey = "x@example.org",
                Person = new RegistrantDetails { FirstName = "A\0", LastName = "B", Email = "x@example.org" },
            });
            return 0;
        }));
        Assert.Equal("firstName", rule.Field);
        Assert.Empty(await app.RegistrationsAsync(e.Id));
    }

    [Theory]
    [InlineData("Zoom\u0000métier", "title")]
    [InlineData("Zoom\u2067métier", "title")]
    [InlineData("Zoom\nmétier", "title")]
    public async Task Given_a_control_character_in_a_saved_entity_Then_SaveChanges_refuses_it_naming_the_property(string title, string field)
    {
        var e = await app.EventAsync();
        var rule = await Assert.ThrowsAsync<RuleViolation>(() => app.WithDbAsync(async db =>
        {
            var tracked = await db.Events.FirstAsync(x => x.Id == e.Id);
            tracked.Title = title;
            return await db.SaveChangesAsync();
        }));
        Assert.Equal(field, rule.Field);
        Assert.Equal(e.Title, (await app.ReloadAsync(e.Id)).Title);
    }

    [Fact]
    public async Task Given_line_breaks_in_a_multi_line_field_Then_they_are_kept()
    {
        var e = await app.EventAsync();
        await app.WithDbAsync(async db =>
        {
            var tracked = await db.Events.FirstAsync(x => x.Id == e.Id);
            tracked.Description = "Première ligne\r\n\tseconde ligne";
            return await db.SaveChangesAsync();
        });
        Assert.Equal("Première ligne\r\n\tseconde ligne", (await app.ReloadAsync(e.Id)).Description);
    }

    [Fact]
    public async Task Given_instants_read_by_the_offset_rule_Then_the_API_document_still_describes_them_as_date_times()
    {
        var doc = await app.CreateClient().GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var schemas = doc.GetProperty("components").GetProperty("schemas");
        var startsAt = schemas.GetProperty("CreateEventRequest").GetProperty("properties").GetProperty("startsAt");
        Assert.Equal("date-time", startsAt.GetProperty("format").GetString());
        Assert.Equal(["null", "string"], startsAt.GetProperty("type").EnumerateArray().Select(t => t.GetString()).Order());
        var shown = schemas.GetProperty("EventDto").GetProperty("properties").GetProperty("startsAt");
        Assert.Equal("string", shown.GetProperty("type").GetString());
    }

    [Theory]
    [InlineData("/api/v1/events", "application/problem+json")]
    [InlineData("/gestion/connexion", "text/plain")]
    public async Task Given_a_refusal_on_the_API_Then_it_is_a_problem_body(string path, string mediaType)
    {
        // The rate limiter's refusal (429) is written by the platform, not by an endpoint.
        using var scope = app.Services.CreateScope();
        var context = new Microsoft.AspNetCore.Http.DefaultHttpContext { RequestServices = scope.ServiceProvider };
        context.Request.Path = path;
        context.Response.Body = new MemoryStream();
        await ProblemHandling.WriteRefusalAsync(context, 429, new("Trop de tentatives.", "Too many attempts."), default);
        Assert.Equal(429, context.Response.StatusCode);
        Assert.StartsWith(mediaType, context.Response.ContentType);
        context.Response.Body.Position = 0;
        Assert.Contains("Trop de tentatives.", await new StreamReader(context.Response.Body).ReadToEndAsync());
    }

    [Fact]
    public async Task Given_an_unknown_API_path_a_wrong_method_or_a_too_long_address_Then_each_answer_is_a_problem_body()
    {
        var client = app.CreateClient();
        Assert.Equal(404, (await ProblemAsync(await client.GetAsync("/api/v1/nothing-here"))).GetProperty("status").GetInt32());
        var wrongMethod = await client.DeleteAsync("/api/v1/events");
        Assert.Equal(HttpStatusCode.MethodNotAllowed, wrongMethod.StatusCode);
        await ProblemAsync(wrongMethod);
        var tooLong = await client.GetAsync("/api/v1/events?theme=" + new string('a', RequestGuard.MaxUrlLength));
        Assert.Equal(HttpStatusCode.RequestUriTooLong, tooLong.StatusCode);
        await ProblemAsync(tooLong);
    }
}
