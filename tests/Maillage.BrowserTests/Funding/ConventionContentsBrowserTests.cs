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
/// Issue 21: the coordinator keeps a convention's contents without SQL (the action form with its days per year, the
/// target form with an indicator of the catalogue), cancels and re-issues a call for funds, and the CCG funder reads the
/// annual report as sent and the calls for funds —
/// in Chromium, zero axe-core violations at 1280×900 and 390×844.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ConventionContentsBrowserTests(BrowserFixture fixture)
{
    private const string CcgScope = "partner:grand-geneve/Communauté de Communes du Genevois";

    /// <summary>A test's own convention, funded by the CCG: one action of 2022–2024, the years' rates and a February schedule.</summary>
    private async Task<int> ConventionAsync()
    {
        await using var scope = fixture.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MaillageDb>();
        var cite = await db.Set<Maillage.Network.Cite>().IgnoreQueryFilters().SingleAsync(c => c.Slug == "grand-geneve");
        var ccg = await db.Set<Maillage.Network.Partner>().IgnoreQueryFilters().FirstAsync(p => p.CiteId == cite.Id && p.Name == "Communauté de Communes du Genevois");
        var c = new Convention
        {
            CiteId = cite.Id, Title = $"Convention navigateur {Guid.NewGuid():N}", Status = ConventionStatus.InForce,
            EffectiveFrom = new DateOnly(2022, 1, 1), EffectiveTo = new DateOnly(2024, 12, 31), ValidUntil = new DateOnly(2025, 2, 28), NoticeMonths = 2,
        };
        var funder = new ConventionParty { PartnerId = ccg.Id, Name = ccg.Name, Role = PartyRole.Funder };
        c.Parties.Add(funder);
        var action = new ConventionAction { Code = "1.1", Title = "Accueil" };
        foreach (var y in new[] { 2022, 2023, 2024 }) action.Days.Add(new ActionDays { Year = y, ForecastDays = 163, FinancedDays = 26.5m });
        c.Actions.Add(action);
        db.Add(c);
        await db.SaveChangesAsync();
        foreach (var y in new[] { 2022, 2023, 2024 }) c.Years.Add(new ConventionYear { Year = y, DayRateExclVat = 583, VatRate = 0.2m, SignedAmount = 18539, PayerPartyId = funder.Id });
        c.PaymentRules.Add(new PaymentRule { Kind = PaymentRuleKind.YearInArrears, Month = 2, RequiresAnnualReport = true, PayerPartyId = funder.Id });
        await db.SaveChangesAsync();
        return c.Id;
    }

    /// <summary>A test's own convention and a browser signed in as a coordinator of the Cité.</summary>
    private async Task<(int Id, BrowserSession Session)> CoordinatorOnAConventionAsync()
    {
        var id = await ConventionAsync();
        var coordinator = await fixture.App.CreateStaffAsync(StaffRole.Coordinator, "cite:grand-geneve");
        var session = await fixture.NewSessionAsync();
        await StaffJourney.SignInAndEnrolAsync(session.Page, coordinator);
        return (id, session);
    }

    private static async Task AxeAtBothSizesAsync(IPage page, string what)
    {
        await page.AssertNoAxeViolationsAsync(what);
        await page.SetViewportSizeAsync(390, 844);
        await page.AssertNoAxeViolationsAsync($"{what} at 390×844");
        await page.SetViewportSizeAsync(1280, 900);
    }

    [Fact]
    public async Task Given_the_coordinator_When_she_adds_an_action_with_its_days_and_a_target_Then_the_forms_refuse_then_save_without_axe_violations()
    {
        var (id, session) = await CoordinatorOnAConventionAsync();
        await using var _ = session;
        var page = session.Page;

        await page.GotoAsync($"/gestion/conventions/{id}");
        await page.GetByRole(AriaRole.Link, new() { Name = "Parties, actions, subventions, règles et objectifs" }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Parties, actions, subventions, règles et objectifs");
        await AxeAtBothSizesAsync(page, "contents page");

        // The action form: more days financed than forecast in 2022 is refused on that year's field.
        await page.GetByLabel("Numéro").FillAsync("1.2");
        await page.GetByLabel("Intitulé").FillAsync("Animer les ateliers");
        await page.GetByLabel("Jours prévus 2022").FillAsync("4");
        await page.GetByLabel("Jours financés 2022").FillAsync("6,5");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer l'action" }).ClickAsync();
        await Expect(page.Locator("#Act_Years_0__FinancedDays-error")).ToContainTextAsync("2022 : Les jours financés ne dépassent pas les jours prévus.");
        await AxeAtBothSizesAsync(page, "action form with errors");
        await ConventionBrowserTests.ScreenshotsAsync(page, "funding-contents-errors");
        await page.GetByLabel("Jours prévus 2022").FillAsync("66");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer l'action" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Enregistré.");
        await Expect(page.GetByRole(AriaRole.Table, new() { Name = "Actions de la convention (jours prévus / financés)" })).ToContainTextAsync("1.2 – Animer les ateliers");

        // The target form: an indicator of the catalogue, the same target every year.
        await page.GetByLabel("Objectif", new() { Exact = true }).FillAsync("Au moins 1 forum par an");
        await page.GetByLabel("Indicateur", new() { Exact = true }).SelectOptionAsync("agenda.forums");
        await page.GetByLabel("Valeur visée").FillAsync("1");
        await page.GetByLabel("Le même objectif pour chaque année de la convention").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer l'objectif" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Enregistré.");
        await Expect(page.GetByRole(AriaRole.Table, new() { Name = "Objectifs par année" }).GetByRole(AriaRole.Row).Filter(new() { HasText = "Au moins 1 forum par an" })).ToHaveCountAsync(3);
        await page.Locator("#objectif-form").ScrollIntoViewIfNeededAsync();
        await AxeAtBothSizesAsync(page, "contents page with an action and targets");
        await ConventionBrowserTests.ScreenshotsAsync(page, "funding-contents");
    }

    /// <summary>Issue 21, item 1: the structures and territory a convention concerns, chosen on its contents page; the report follows.</summary>
    [Fact]
    public async Task Given_the_coordinator_When_she_ticks_the_CCG_and_its_relay_Then_a_foreign_territory_is_refused_the_choice_is_saved_and_the_report_follows_without_axe_violations()
    {
        var (id, session) = await CoordinatorOnAConventionAsync();
        await using var _ = session;
        var page = session.Page;

        await page.GotoAsync($"/gestion/conventions/{id}");
        await page.GetByRole(AriaRole.Link, new() { Name = "Choisir les structures et le territoire concernés" }).ClickAsync();
        var ccg = page.GetByRole(AriaRole.Checkbox, new() { Name = "Communauté de Communes du Genevois", Exact = true });
        await Expect(ccg).Not.ToBeCheckedAsync();
        await AxeAtBothSizesAsync(page, "structures and territory form");

        // A crafted value (a territory that is not the Cité's) is refused on the territory's field, nothing saved.
        var thonon = page.GetByRole(AriaRole.Checkbox, new() { Name = "Thonon Agglomération", Exact = true });
        await thonon.EvaluateAsync("box => box.value = '999999'");
        await thonon.CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer les structures et le territoire" }).ClickAsync();
        await Expect(page.Locator("#Concerns_TerritoryIds-error")).ToContainTextAsync("un territoire choisi n'en fait pas partie");
        await AxeAtBothSizesAsync(page, "structures and territory form with an error");

        await page.GetByRole(AriaRole.Checkbox, new() { Name = "Thonon Agglomération", Exact = true }).UncheckAsync();
        await ccg.CheckAsync();
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "Point relais de Saint-Julien-en-Genevois" }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer les structures et le territoire" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Enregistré.");
        await Expect(ccg).ToBeCheckedAsync();

        await page.GotoAsync($"/gestion/conventions/{id}/bilan/2022");
        await Expect(page.Locator("dl.facts")).ToContainTextAsync("Communauté de Communes du Genevois");
    }

    /// <summary>
    /// Issue 21: the annual report is under disclosure control for its coordinator too — 3 people sensitised on the CCG in
    /// 2022 read « secret », and the page says why in one sentence; zero axe-core violations.
    /// </summary>
    [Fact]
    public async Task Given_3_people_sensitised_When_the_coordinator_previews_the_report_Then_the_figure_reads_secret_with_its_reason()
    {
        var id = await ConventionAsync();
        await using (var scope = fixture.App.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MaillageDb>();
            var cite = await db.Set<Maillage.Network.Cite>().IgnoreQueryFilters().SingleAsync(c => c.Slug == "grand-geneve");
            var territories = await db.Set<Maillage.Network.Territory>().IgnoreQueryFilters().Where(t => t.CiteId == cite.Id).ToListAsync();
            var programme = await db.Set<Maillage.Entrepreneurship.Programme>().IgnoreQueryFilters().FirstAsync(p => p.CiteId == cite.Id);
            var c = await db.Set<Convention>().IgnoreQueryFilters().SingleAsync(x => x.Id == id);
            c.Territories.Add(new ConventionTerritory { TerritoryId = territories.Single(t => t.Name == "Communauté de Communes du Genevois").Id });
            c.Targets.Add(new ConventionTarget { Year = 2022, Label = "100 personnes sensibilisées", Indicator = "entrepreneurship.sensitised", Value = 100 });
            db.Add(new Maillage.Entrepreneurship.AnonymousCount
            {
                CiteId = cite.Id, ProgrammeId = programme.Id, Kind = Maillage.Entrepreneurship.StepKind.Sensitised, Month = new DateOnly(2022, 5, 1),
                CommuneId = territories.Single(t => t.Name == "Saint-Julien-en-Genevois").Id, Count = 3,
            });
            await db.SaveChangesAsync();
        }
        var coordinator = await fixture.App.CreateStaffAsync(StaffRole.Coordinator, "cite:grand-geneve");
        await using var session = await fixture.NewSessionAsync();
        var page = session.Page;
        await StaffJourney.SignInAndEnrolAsync(page, coordinator);
        await page.GotoAsync($"/gestion/conventions/{id}/bilan/2022");
        var targets = page.GetByRole(AriaRole.Table, new() { Name = "Objectifs et réalisé" });
        await Expect(targets.GetByRole(AriaRole.Row).Filter(new() { HasText = "100 personnes sensibilisées" })).ToContainTextAsync("secret");
        await Expect(page.Locator("main")).ToContainTextAsync("un petit nombre de personnes n'est pas publié (secret statistique)");
        await AxeAtBothSizesAsync(page, "annual report with a figure under disclosure control");
    }

    /// <summary>
    /// Issue 21, items 9–11: the coordinator sends the 2022 report, issues the 2022 call for funds, cancels it with its reason
    /// and issues the one replacing it; the CCG funder reads the report as sent (never the live draft) and both calls.
    /// </summary>
    [Fact]
    public async Task Given_the_CCG_funder_When_it_reads_the_annual_report_sent_and_a_cancelled_and_a_replacing_call_Then_all_read_without_axe_violations()
    {
        var id = await ConventionAsync();
        var coordinator = await fixture.App.CreateStaffAsync(StaffRole.Coordinator, "cite:grand-geneve");
        string cancelledUrl, callUrl;
        await using (var issuing = await fixture.NewSessionAsync())
        {
            var p = issuing.Page;
            await StaffJourney.SignInAndEnrolAsync(p, coordinator);
            await p.GotoAsync($"/gestion/conventions/{id}/bilan/2022");
            await p.GetByRole(AriaRole.Button, new() { Name = "Envoyer le bilan 2022" }).ClickAsync();
            await Expect(p.GetByRole(AriaRole.Status)).ToContainTextAsync("version 1 figée");

            await p.GotoAsync($"/gestion/conventions/{id}");
            await p.GetByRole(AriaRole.Button, new() { Name = "Émettre l'appel — année 2022" }).ClickAsync();
            await Expect(p.Locator("h1")).ToContainTextAsync("Appel de fonds n°");
            cancelledUrl = new Uri(p.Url).PathAndQuery;
            // Cancelling without a reason: the field says so.
            await p.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Annuler l'appel n°") }).ClickAsync();
            await Expect(p.Locator("main")).ToContainTextAsync("Indiquez le motif de l'annulation.");
            await AxeAtBothSizesAsync(p, "call for funds, cancel refused without a reason");
            await p.GetByLabel("Motif de l'annulation").FillAsync("Frais réels de la cérémonie saisis après l'émission");
            await p.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Annuler l'appel n°") }).ClickAsync();
            await Expect(p.GetByRole(AriaRole.Status)).ToContainTextAsync("annulé");
            await Expect(p.Locator("h1")).ToContainTextAsync("ANNULÉ");
            await AxeAtBothSizesAsync(p, "cancelled call for funds (coordinator)");
            await p.GetByRole(AriaRole.Button, new() { Name = "Émettre l'appel qui le remplace" }).ClickAsync();
            await Expect(p.Locator("main")).ToContainTextAsync("Cet appel remplace");
            callUrl = new Uri(p.Url).PathAndQuery;
            Assert.NotEqual(cancelledUrl, callUrl);
            await AxeAtBothSizesAsync(p, "call for funds replacing a cancelled one");
        }

        var funder = await fixture.App.CreateStaffAsync(StaffRole.Funder, CcgScope);
        await using var session = await fixture.NewSessionAsync();
        var page = session.Page;
        await StaffJourney.SignInAndEnrolAsync(page, funder);

        await page.GotoAsync($"/gestion/conventions/{id}");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Bilans annuels envoyés" })).ToBeVisibleAsync();
        await AxeAtBothSizesAsync(page, "convention read by the funder");
        await page.GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex("^version 1 du") }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Bilan annuel 2022");
        await Expect(page.GetByRole(AriaRole.Table, new() { Name = "Détail des montants dus" })).ToContainTextAsync("18\u202F539\u00A0€");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Envoyer le bilan 2022" })).ToHaveCountAsync(0);
        await AxeAtBothSizesAsync(page, "annual report as sent, read by the funder");
        var live = await page.GotoAsync($"/gestion/conventions/{id}/bilan/2022");
        Assert.Equal(404, live!.Status);

        await page.GotoAsync(cancelledUrl);
        await Expect(page.Locator("h1")).ToContainTextAsync("ANNULÉ");
        await Expect(page.Locator("main")).ToContainTextAsync("motif : Frais réels de la cérémonie saisis après l'émission");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Émettre l'appel qui le remplace" })).ToHaveCountAsync(0);
        await AxeAtBothSizesAsync(page, "cancelled call for funds read by the funder");
        await page.GotoAsync(callUrl);
        await Expect(page.Locator("h1")).ToContainTextAsync("Appel de fonds n°");
        await Expect(page.Locator("main")).ToContainTextAsync("18\u202F539");
        await AxeAtBothSizesAsync(page, "call for funds read by the funder");
        await ConventionBrowserTests.ScreenshotsAsync(page, "funding-call-funder");
    }
}
