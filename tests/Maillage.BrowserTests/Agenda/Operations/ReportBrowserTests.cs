using Maillage.Agenda;
using Maillage.Network;
using Maillage.BrowserTests.Infrastructure;
using Maillage.Platform.Data;
using Maillage.Platform.Identity;
using Maillage.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Maillage.BrowserTests.Agenda.Operations;

/// <summary>
/// Issue 19, item 14: the agenda report's wide table shows that it scrolls (a shadow on the side with more columns,
/// which goes once scrolled there), scrolls from the keyboard, and says "not applicable" rather than "0 %" for an
/// event to come; axe-core finds nothing, on a tablet and on a phone.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ReportBrowserTests(BrowserFixture fixture)
{
    private async Task<DateOnly> EventToComeAsync()
    {
        await using var scope = fixture.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MaillageDb>();
        var annemasse = await db.Structures.SingleAsync(s => s.Slug == "annemasse" && s.Cite.Slug == "grand-geneve");
        var starts = DateTimeOffset.UtcNow.AddDays(20);
        var e = new AgendaEvent
        {
            CiteId = annemasse.CiteId, Title = "Zoom métier à venir", Type = EventType.TradeZoom, Status = EventStatus.Published,
            StartsAt = starts, EndsAt = starts.AddHours(2), StructureId = annemasse.Id, Capacity = 20, RegistrationMode = RegistrationMode.Open,
            CreatedAt = starts.AddDays(-30), PublishedAt = starts.AddDays(-30),
        };
        db.Events.Add(e);
        await db.SaveChangesAsync();
        db.Registrations.Add(new Registration
        {
            CiteId = e.CiteId, EventId = e.Id, Status = RegistrationStatus.Confirmed, ManageToken = Registration.NewToken(),
            Person = new RegistrantDetails { FirstName = "Ava", LastName = "Futur", Email = $"ava.{Guid.NewGuid():N}@example.org" },
            PublicStatus = PublicStatus.JobSeeker, ConsentAt = starts.AddDays(-30), CreatedAt = starts.AddDays(-30), ConfirmedAt = starts.AddDays(-30),
        });
        await db.SaveChangesAsync();
        return DateOnly.FromDateTime(starts.UtcDateTime);
    }

    [Theory]
    [InlineData(1024, 690)]
    [InlineData(390, 844)]
    public async Task Given_the_wide_report_table_on_a_tablet_or_a_phone_Then_a_shadow_shows_it_scrolls_the_keyboard_scrolls_it_and_axe_finds_nothing(int width, int height)
    {
        var day = await EventToComeAsync();
        var coordinator = await fixture.App.CreateStaffAsync(StaffRole.Coordinator, "cite:grand-geneve");
        await using var session = await fixture.NewSessionAsync();
        var page = session.Page;
        await StaffJourney.SignInAndEnrolAsync(page, coordinator);
        await page.SetViewportSizeAsync(width, height);
        await page.GotoAsync($"/gestion/agenda/bilans?from={day.AddDays(-1):yyyy-MM-dd}&to={day.AddDays(1):yyyy-MM-dd}");

        var region = page.Locator("div.table-scroll:has(#figures-caption)");
        await Expect(region).ToHaveAttributeAsync("role", "region");
        await Expect(region).ToHaveAttributeAsync("tabindex", "0");
        await Expect(region).ToHaveAccessibleDescriptionAsync(new System.Text.RegularExpressions.Regex("faites-le défiler horizontalement"));
        await Expect(page.Locator("#figures-scroll-note")).ToBeVisibleAsync();
        var geometry = await region.EvaluateAsync<double[]>("r => [r.scrollWidth, r.clientWidth]");
        Assert.True(geometry[0] > geometry[1] + 50, $"the 13 columns are wider than a {width} px screen: {geometry[0]} > {geometry[1]}");

        // The cue: shadows painted on the scroll box, covered where the content has been scrolled to its edge.
        var style = await region.EvaluateAsync<string[]>("r => { const s = getComputedStyle(r); return [s.backgroundImage, s.backgroundAttachment]; }");
        Assert.Equal(2, style[0].Split("radial-gradient").Length - 1);
        Assert.Equal("local, local, scroll, scroll", style[1]);

        // Keyboard users reach the region and scroll it with the arrow keys.
        await region.FocusAsync();
        await page.Keyboard.PressAsync("End");
        await page.Keyboard.PressAsync("ArrowRight");
        await Poll.UntilAsync(() => region.EvaluateAsync<double>("r => r.scrollLeft"), left => left > 0, "the region scrolled from the keyboard");

        // The event is to come: its no-show rate is a dash read as "not applicable", not "0 %".
        var rate = page.Locator("#figures-caption ~ tbody tr", new() { HasText = "Zoom métier à venir" }).First.Locator("td").Nth(9);
        await Expect(rate.Locator("[aria-hidden=true]")).ToHaveTextAsync("—");
        await Expect(rate.Locator(".visually-hidden")).ToContainTextAsync("sans objet");
        await Expect(page.Locator("#publics-empty")).ToBeVisibleAsync();

        Accessibility.AssertNone(await page.AxeViolationsAsync($"agenda report at {width}×{height}"), 1);
    }
}
