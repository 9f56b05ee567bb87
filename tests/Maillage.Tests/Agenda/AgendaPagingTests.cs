using System.Net;
using System.Text.Json;
using AngleSharp.Html.Parser;
using Maillage.Agenda;
using Maillage.Agenda.PublicAgenda;
using Maillage.Tests.Infrastructure;

namespace Maillage.Tests.Agenda;

/// <summary>The public list and GET /api/v1/events come in pages (50 on the page, 100 by default in the API).</summary>
public sealed class AgendaPagingTests(AgendaApp app) : IClassFixture<AgendaApp>
{
    private const int Count = EventQueries.PageSize + 5;

    /// <summary>Count published events on one day far ahead (so that no other test's event falls in it), in date order.</summary>
    private async Task<(string Day, List<int> Ids)> DayOfEventsAsync()
    {
        var s = await app.StructureAsync("grand-geneve", "annemasse");
        var now = app.Clock.GetUtcNow();
        var day = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero).AddDays(300 + Random.Shared.Next(300));
        var ids = await app.WithDbAsync(async db =>
        {
            var events = Enumerable.Range(0, Count).Select(i => new AgendaEvent
            {
                CiteId = s.CiteId, StructureId = s.Id, Title = $"Atelier CV {i:00}", Type = EventType.Workshop, Theme = EventTheme.JobPreparation,
                StartsAt = day.AddHours(8).AddMinutes(i), EndsAt = day.AddHours(10), Capacity = 10, RegistrationMode = RegistrationMode.Open,
                Status = EventStatus.Published, CreatedAt = now, PublishedAt = now,
            }).ToList();
            db.Events.AddRange(events);
            await db.SaveChangesAsync();
            return events.Select(e => e.Id).ToList();
        });
        return (day.ToString("yyyy-MM-dd"), ids);
    }

    [Fact]
    public async Task Given_more_events_than_a_page_Then_the_agenda_shows_the_first_fifty_in_date_order_and_links_to_the_next_page()
    {
        var (day, ids) = await DayOfEventsAsync();
        var client = app.Browser();
        var parser = new HtmlParser();

        var first = await parser.ParseDocumentAsync(await client.GetStringAsync($"/agenda?from={day}&to={day}"));
        var shown = first.QuerySelectorAll(".cards .card h2 a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(ids.Take(EventQueries.PageSize).Select(id => $"/agenda/{id}"), shown);
        Assert.Contains($"{Count} actions · page 1 sur 2", first.QuerySelector("p[role=status]")!.TextContent);
        var next = first.QuerySelector("nav.pagination a[rel=next]")!.GetAttribute("href")!;
        Assert.Null(first.QuerySelector("nav.pagination a[rel=prev]"));
        Assert.Contains($"from={day}", next);

        var second = await parser.ParseDocumentAsync(await client.GetStringAsync(next));
        Assert.Equal(ids.Skip(EventQueries.PageSize).Select(id => $"/agenda/{id}"), second.QuerySelectorAll(".cards .card h2 a").Select(a => a.GetAttribute("href")));
        Assert.NotNull(second.QuerySelector("nav.pagination a[rel=prev]"));
        Assert.Null(second.QuerySelector("nav.pagination a[rel=next]"));
        // The feeds offered on a later page still carry the whole filter, not the page.
        Assert.DoesNotContain("page=", second.QuerySelector("link[type='text/calendar']")!.GetAttribute("href"));

        // A page past the end is empty, not an error.
        var beyond = await parser.ParseDocumentAsync(await client.GetStringAsync($"/agenda?from={day}&to={day}&page=9"));
        Assert.Empty(beyond.QuerySelectorAll(".cards .card"));
    }

    [Fact]
    public async Task Given_the_API_Then_events_come_in_pages_with_the_total_and_links_and_a_bad_page_size_is_a_400_naming_it()
    {
        var (day, ids) = await DayOfEventsAsync();
        var client = app.Browser();

        var all = await client.GetAsync($"/api/v1/events?from={day}&to={day}");
        Assert.Equal(Count, JsonDocument.Parse(await all.Content.ReadAsStringAsync()).RootElement.GetArrayLength()); // under the default of 100
        Assert.Equal(Count.ToString(), all.Headers.GetValues("X-Total-Count").Single());
        Assert.False(all.Headers.Contains("Link"));

        var third = await client.GetAsync($"/api/v1/events?from={day}&to={day}&pageSize=20&page=3");
        var rows = JsonDocument.Parse(await third.Content.ReadAsStringAsync()).RootElement.EnumerateArray().Select(e => e.GetProperty("id").GetInt32()).ToList();
        Assert.Equal(ids.Skip(40), rows);
        var link = third.Headers.GetValues("Link").Single();
        Assert.Contains($"</api/v1/events?from={day}&to={day}&pageSize=20&page=2>; rel=\"prev\"", link);
        Assert.DoesNotContain("rel=\"next\"", link);

        var bad = await client.GetAsync($"/api/v1/events?from={day}&pageSize={EventQueries.MaxApiPageSize + 1}");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("pageSize", await bad.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync($"/api/v1/events?from={day}&page=0")).StatusCode);
    }
}
