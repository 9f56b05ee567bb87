using System.Text.RegularExpressions;
using Maillage.Agenda;
using Maillage.Network;
using Maillage.BrowserTests.Infrastructure;
using Maillage.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Maillage.BrowserTests.Agenda;

/// <summary>
/// The public agenda's month grid, its Cité filter and its folded filters on a phone (issue 19, item 11), in Chromium
/// with axe-core.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class AgendaCalendarTests(BrowserFixture fixture)
{
    private static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    private async Task<AgendaEvent> EventAsync(string cite, string slug, string title, DateTime localStart)
    {
        await using var scope = fixture.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MaillageDb>();
        var place = await db.Structures.SingleAsync(s => s.Slug == slug && s.Cite.Slug == cite);
        var start = new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(localStart, Paris), TimeSpan.Zero);
        var e = new AgendaEvent
        {
            CiteId = place.CiteId, StructureId = place.Id, Title = title, Type = EventType.Workshop, Status = EventStatus.Published,
            StartsAt = start, EndsAt = start.AddHours(2), Capacity = 10, RegistrationMode = RegistrationMode.Open,
            CreatedAt = DateTimeOffset.UtcNow, PublishedAt = DateTimeOffset.UtcNow,
        };
        db.Events.Add(e);
        await db.SaveChangesAsync();
        return e;
    }

    [Fact]
    public async Task Given_the_calendar_view_Then_it_is_a_month_grid_with_the_events_on_their_days_navigation_today_and_the_Cite_filter()
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, Paris).DateTime);
        var next = new DateOnly(today.Year, today.Month, 1).AddMonths(1);
        var tag = Guid.NewGuid().ToString("N")[..6];
        var geneva = await EventAsync("grand-geneve", "annemasse", $"Atelier grille {tag}", next.AddDays(14).ToDateTime(new TimeOnly(10, 0)));
        var marseille = await EventAsync("marseille-paca", "marseille", $"Forum grille {tag}", next.AddDays(14).ToDateTime(new TimeOnly(9, 0)));

        await using var session = await fixture.NewSessionAsync();
        var page = session.Page;
        await page.SetViewportSizeAsync(1280, 900);
        await page.GotoAsync($"/agenda?vue=calendrier&mois={next:yyyy-MM}");
        var grid = page.Locator("table.month-grid");
        var monthName = next.ToDateTime(TimeOnly.MinValue).ToString("MMMM yyyy", new System.Globalization.CultureInfo("fr-FR"));
        await Expect(grid.Locator("caption")).ToHaveTextAsync($"Calendrier des actions, {monthName}");
        await Expect(grid.Locator("thead th")).ToHaveCountAsync(7);
        await Expect(grid.Locator("thead th").First).ToHaveAttributeAsync("abbr", "lundi");
        await Expect(grid.Locator("thead th").First).ToHaveAttributeAsync("scope", "col");
        // Each event on its day, as a link; the 1st of the month under its weekday.
        var day15 = grid.Locator("td").Filter(new() { Has = page.Locator($"time[datetime='{next.AddDays(14):yyyy-MM-dd}']") });
        await Expect(day15.GetByRole(AriaRole.Link, new() { Name = geneva.Title })).ToHaveAttributeAsync("href", $"/agenda/{geneva.Id}");
        await Expect(day15.GetByRole(AriaRole.Link, new() { Name = marseille.Title })).ToBeVisibleAsync();
        var firstColumn = await grid.Locator($"td:has(time[datetime='{next:yyyy-MM-dd}'])").EvaluateAsync<int>("td => td.cellIndex");
        Assert.Equal(((int)next.DayOfWeek + 6) % 7, firstColumn);
        var violations = new List<string>(await page.AxeViolationsAsync("calendar, next month"));

        // Back to this month: today is marked.
        await page.GetByRole(AriaRole.Link, new() { Name = $"← {next.AddMonths(-1).ToDateTime(TimeOnly.MinValue).ToString("MMMM yyyy", new System.Globalization.CultureInfo("fr-FR"))}" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"mois={today:yyyy-MM}"));
        var todayCell = page.Locator("td[aria-current='date']");
        await Expect(todayCell).ToHaveCountAsync(1);
        await Expect(todayCell.Locator("span.day > time")).ToHaveAttributeAsync("datetime", today.ToString("yyyy-MM-dd"));
        violations.AddRange(await page.AxeViolationsAsync("calendar, this month"));

        // The Cité filter: open on a wide screen, remembered in the address and across months.
        await page.GetByLabel("Cité des métiers", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Value = "grand-geneve" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Filtrer", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/agenda\?(?=.*\bcite=grand-geneve\b)(?=.*\bvue=calendrier\b)"));
        await page.GetByRole(AriaRole.Link, new() { Name = $"{monthName} →" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($@"(?=.*\bcite=grand-geneve\b)(?=.*\bmois={next:yyyy-MM}\b)"));
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = geneva.Title })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = marseille.Title })).ToHaveCountAsync(0);
        await Expect(page.Locator("details.filters-box")).ToHaveAttributeAsync("open", new Regex(".*"));
        violations.AddRange(await page.AxeViolationsAsync("calendar, one Cité"));
        Accessibility.AssertNone(violations, 3);
    }

    [Fact]
    public async Task Given_a_phone_Then_the_filters_are_folded_behind_one_control_that_works_without_script_and_open_when_a_filter_is_set()
    {
        var soon = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, Paris).Date.AddDays(2).AddHours(10);
        await EventAsync("grand-geneve", "annemasse", $"Atelier téléphone {Guid.NewGuid().ToString("N")[..6]}", soon);
        await using var session = await fixture.NewSessionAsync(javaScript: false);
        var page = session.Page;
        await page.SetViewportSizeAsync(390, 844);
        await page.GotoAsync("/agenda");
        var summary = page.Locator("details.filters-box > summary");
        await Expect(summary).ToBeVisibleAsync();
        await Expect(page.GetByLabel("Cité des métiers", new() { Exact = true })).ToBeHiddenAsync();
        // The first event is within the first screen, not pushed below it by the filters.
        var firstCard = await page.Locator("li.card").First.BoundingBoxAsync();
        Assert.NotNull(firstCard);
        Assert.True(firstCard.Y < 844, $"The first event starts at y = {firstCard.Y}, below the first screen.");
        await summary.ClickAsync();
        await Expect(page.GetByLabel("Cité des métiers", new() { Exact = true })).ToBeVisibleAsync();

        await page.GotoAsync("/agenda?cite=grand-geneve");
        await Expect(page.GetByLabel("Cité des métiers", new() { Exact = true })).ToBeVisibleAsync();
        await Expect(summary).ToContainTextAsync("filtres actifs");
        // The calendar on a phone: the days that have events, each with its full date.
        await page.GotoAsync("/agenda?vue=calendrier");
        await Expect(page.Locator("table.month-grid thead")).ToBeHiddenAsync();

        // axe runs as a script: in a session with script (a page without script never answers an evaluation), same size.
        await using var scripted = await fixture.NewSessionAsync();
        await scripted.Page.SetViewportSizeAsync(390, 844);
        await scripted.Page.GotoAsync("/agenda");
        if (await scripted.Page.Locator("details.filters-box").GetAttributeAsync("open") is null)
            await scripted.Page.Locator("details.filters-box > summary").ClickAsync();
        await Expect(scripted.Page.GetByLabel("Cité des métiers", new() { Exact = true })).ToBeVisibleAsync();
        var violations = new List<string>(await scripted.Page.AxeViolationsAsync("phone, filters opened"));
        await scripted.Page.GotoAsync("/agenda?vue=calendrier");
        await Expect(scripted.Page.Locator("table.month-grid thead")).ToBeHiddenAsync();
        violations.AddRange(await scripted.Page.AxeViolationsAsync("phone, calendar"));
        Accessibility.AssertNone(violations, 2);
    }
}
