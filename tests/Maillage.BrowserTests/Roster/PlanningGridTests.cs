using System.Text.RegularExpressions;
using Maillage.BrowserTests.Infrastructure;
using Maillage.Network;
using Maillage.Platform.Data;
using Maillage.Platform.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Maillage.BrowserTests.Roster;

/// <summary>
/// Issue 20, items 2 and 5: the coordinator plans Annemasse in the week grid — adds a duty in a gap, sees the gap go,
/// copies the week — in Chromium with axe-core at 1280×900 and 1024×690.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PlanningGridTests(BrowserFixture fixture)
{
    [Fact]
    public async Task The_coordinator_fills_a_gap_from_its_cell_and_copies_the_week_with_no_axe_violation()
    {
        int annemasse;
        await using (var scope = fixture.App.Services.CreateAsyncScope())
            annemasse = await scope.ServiceProvider.GetRequiredService<MaillageDb>().Structures.Where(s => s.Slug == "annemasse").Select(s => s.Id).SingleAsync();
        var coordinator = await fixture.App.CreateStaffAsync(StaffRole.Coordinator, "structure:grand-geneve/annemasse");
        await using var session = await fixture.NewSessionAsync();
        var page = session.Page;
        await StaffJourney.SignInAndEnrolAsync(page, coordinator);

        // A week of its own, far ahead (the browser tests share one application): Monday 7 June 2027.
        await page.GotoAsync($"gestion/planning?structure={annemasse}&week=2027-06-07");
        var gaps = page.Locator(".notice-warning").First;
        await Expect(gaps).ToContainTextAsync("demi-journées ouvertes sans personne");
        var before = int.Parse(Regex.Match(await gaps.InnerTextAsync(), @"\d+").Value);
        await page.AssertNoAxeViolationsAsync("planning, week, 1280×900");

        await page.GetByRole(AriaRole.Link, new() { Name = "Ajouter : Créer son activité, mar. 8 juin, Après-midi" }).ClickAsync();
        await Expect(page.Locator("#Input_Starts")).ToHaveValueAsync("13:30");
        await Expect(page.Locator("#Input_Ends")).ToHaveValueAsync("17:30");
        await page.Locator("#Input_PartnerId").SelectOptionAsync(new SelectOptionValue { Label = "Maison de l'Economie Développement" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Ajouter la permanence" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Permanence ajoutée.");
        await Expect(page.Locator(".notice-warning").First).ToContainTextAsync($"{before - 1} demi-journée");
        await Expect(page.Locator("table.planning-grid")).ToContainTextAsync("Maison de l'Economie Développement, 13:30–17:30");

        await page.SetViewportSizeAsync(1024, 690);
        await page.AssertNoAxeViolationsAsync("planning, week, 1024×690");
        await page.Locator("#Weeks").FillAsync("1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Copier la semaine" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Semaine copiée : 1 permanence(s) créée(s)");
        await page.GotoAsync($"gestion/planning?structure={annemasse}&week=2027-06-14");
        await Expect(page.Locator("table.planning-grid")).ToContainTextAsync("Maison de l'Economie Développement, 13:30–17:30");
        await page.GotoAsync($"gestion/planning?structure={annemasse}&week=2027-06-07&view=month");
        await page.AssertNoAxeViolationsAsync("planning, month, 1024×690");
    }
}
