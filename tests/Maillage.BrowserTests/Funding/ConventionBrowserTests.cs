using Maillage.BrowserTests.Infrastructure;
using Maillage.Funding;
using Maillage.Platform.Data;
using Maillage.Platform.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Maillage.BrowserTests.Funding;

/// <summary>
/// Issue 21: the Grand Genève coordinator opens the AA–CCG and CitésLab conventions, reads the figures computed beside
/// the signed ones and the flagged Bpifrance 2021 subsidy, enters days in French decimals — in Chromium, with axe-core
/// on every Funding page (zero violations), at 1280×900 and 1024×690.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ConventionBrowserTests(BrowserFixture fixture)
{
    private async Task<int> ConventionIdAsync(string title)
    {
        await using var scope = fixture.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MaillageDb>();
        return await db.Set<Convention>().IgnoreQueryFilters().Where(c => c.Title == title).Select(c => c.Id).SingleAsync();
    }

    internal static async Task ScreenshotsAsync(IPage page, string name)
    {
        if (Environment.GetEnvironmentVariable("MAILLAGE_SCREENSHOTS") is not { Length: > 0 } folder) return;
        Directory.CreateDirectory(folder);
        foreach (var (w, h) in new[] { (1280, 900), (1024, 690), (390, 844) })
        {
            await page.SetViewportSizeAsync(w, h);
            await page.ScreenshotAsync(new() { Path = Path.Combine(folder, $"{name}-{w}.png"), FullPage = true });
        }
        await page.SetViewportSizeAsync(1280, 900);
    }

    [Fact]
    public async Task Given_the_coordinator_When_she_opens_the_conventions_Then_the_figures_the_flag_and_the_deadlines_read_without_axe_violations()
    {
        var coordinator = await fixture.App.CreateStaffAsync(StaffRole.Coordinator, "cite:grand-geneve");
        var aaCcg = await ConventionIdAsync(ReferenceConventions.AaCcgTitle);
        var citesLab = await ConventionIdAsync(ReferenceConventions.CitesLabTitle);
        await using var session = await fixture.NewSessionAsync();
        var page = session.Page;
        await StaffJourney.SignInAndEnrolAsync(page, coordinator);

        await page.GotoAsync("/gestion/conventions?cite=grand-geneve");
        await page.AssertNoAxeViolationsAsync("conventions list");
        await ScreenshotsAsync(page, "funding-list");
        await page.GetByRole(AriaRole.Link, new() { Name = ReferenceConventions.AaCcgTitle, Exact = true }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync(ReferenceConventions.AaCcgTitle);
        await Expect(page.GetByRole(AriaRole.Table, new() { Name = "Montants calculés et signés" })).ToContainTextAsync("18\u202F539\u00A0€");
        await Expect(page.GetByRole(AriaRole.Table, new() { Name = "Échéances de la convention" })).ToContainTextAsync("28 décembre 2024");
        await page.AssertNoAxeViolationsAsync("AA–CCG convention");
        await ScreenshotsAsync(page, "funding-aa-ccg");
        await page.SetViewportSizeAsync(1024, 690);
        await page.AssertNoAxeViolationsAsync("AA–CCG convention at 1024×690");
        await page.SetViewportSizeAsync(1280, 900);

        await page.GotoAsync($"/gestion/conventions/{citesLab}");
        var subsidies = page.GetByRole(AriaRole.Table, new() { Name = "Subventions calculées et signées" });
        await Expect(subsidies.Locator(".badge-warn")).ToHaveCountAsync(1);
        await Expect(subsidies.GetByRole(AriaRole.Row).Filter(new() { HasText = "2021" })).ToContainTextAsync("écart signalé");
        await page.AssertNoAxeViolationsAsync("CitésLab convention");
        await ScreenshotsAsync(page, "funding-citeslab");

        await page.GotoAsync("/gestion/conventions/echeances?cite=grand-geneve&passees=true");
        await Expect(page.Locator("h1")).ToContainTextAsync("Échéances des conventions");
        await page.AssertNoAxeViolationsAsync("deadlines page");

        await page.GotoAsync($"/gestion/conventions/{aaCcg}/saisie");
        await page.AssertNoAxeViolationsAsync("entries page");
        await page.Locator("#Days_Year").FillAsync("2030");
        await page.Locator("#Days_FinancedDays").FillAsync("-1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer les jours" }).ClickAsync();
        await Expect(page.Locator("#Days_FinancedDays-error")).ToBeVisibleAsync();
        await page.AssertNoAxeViolationsAsync("entries page with errors");
        await ScreenshotsAsync(page, "funding-entries-errors");

        await page.GotoAsync($"/gestion/conventions/fiche/{aaCcg}");
        await page.AssertNoAxeViolationsAsync("terms form");
    }

    /// <summary>Issue 21, item 9: from the convention, « Bilan 2022 »; the commentary written and the report sent; the frozen version shown — zero axe violations.</summary>
    [Fact]
    public async Task Given_the_coordinator_When_she_opens_writes_and_sends_the_2022_report_Then_the_sent_version_shows_without_axe_violations()
    {
        var coordinator = await fixture.App.CreateStaffAsync(StaffRole.Coordinator, "cite:grand-geneve");
        var aaCcg = await ConventionIdAsync(ReferenceConventions.AaCcgTitle);
        await using var session = await fixture.NewSessionAsync();
        var page = session.Page;
        await StaffJourney.SignInAndEnrolAsync(page, coordinator);

        await page.GotoAsync($"/gestion/conventions/{aaCcg}");
        await page.GetByRole(AriaRole.Link, new() { Name = "Bilan 2022", Exact = true }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Bilan annuel 2022");
        await Expect(page.GetByRole(AriaRole.Table, new() { Name = "Objectifs et réalisé" })).ToContainTextAsync("5 journées d'information et d'ateliers");
        await Expect(page.GetByRole(AriaRole.Table, new() { Name = "Détail des montants dus" })).ToContainTextAsync("18\u202F539\u00A0€");
        await page.AssertNoAxeViolationsAsync("annual report");
        await ScreenshotsAsync(page, "funding-report");
        await page.SetViewportSizeAsync(390, 844);
        await page.AssertNoAxeViolationsAsync("annual report at 390×844");
        await page.SetViewportSizeAsync(1280, 900);

        await page.GetByLabel("Bilan qualitatif").FillAsync("Une année de forums bien suivis.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer les commentaires" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Commentaires enregistrés.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Envoyer le bilan 2022" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("version 1 figée");
        await Expect(page.Locator("main")).ToContainTextAsync("Une année de forums bien suivis.");
        await Expect(page.Locator("main")).ToContainTextAsync("Version 1 envoyée le");
        await page.AssertNoAxeViolationsAsync("annual report, version 1 sent");
        await ScreenshotsAsync(page, "funding-report-sent");
    }
}
