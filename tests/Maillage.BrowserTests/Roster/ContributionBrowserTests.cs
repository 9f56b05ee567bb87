using Maillage.BrowserTests.Infrastructure;
using Maillage.Network;
using Maillage.Platform.Data;
using Maillage.Platform.Identity;
using Maillage.Roster;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Maillage.BrowserTests.Roster;

/// <summary>The valuation of contributions (issue 20, item 4) as a coordinator uses it, in Chromium with axe-core.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ContributionBrowserTests(BrowserFixture fixture)
{
    private static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    [Fact]
    public async Task Given_a_coordinator_Then_the_valuation_page_filters_groups_takes_a_commitment_and_has_no_axe_violation()
    {
        int structureId;
        string partnerName, citeSlug = "grand-geneve", function = "";
        await using (var scope = fixture.App.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MaillageDb>();
            var cite = await db.Cites.SingleAsync(c => c.Slug == "grand-geneve");
            var tag = Guid.NewGuid().ToString("N")[..6];
            var place = new Structure { CiteId = cite.Id, Kind = StructureKind.CentreAssocie, Name = $"Centre valorisé {tag}", Slug = $"valorise-{tag}" };
            db.Structures.Add(place);
            await db.SaveChangesAsync();
            var pole = place.AddPole($"Créer son activité {tag}"); // a function (pole name) of its own: the rate below is this test's
            var partner = new Partner { CiteId = cite.Id, Name = $"Maison de l'Economie {tag}", Type = PartnerType.Association };
            db.Partners.Add(partner);
            await db.SaveChangesAsync();
            for (var week = 0; week < 10; week++)
            {
                var day = new DateOnly(2026, 1, 5).AddDays(7 * week);
                var start = TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(new TimeOnly(13, 30)), Paris);
                db.Set<DutySlot>().Add(new DutySlot
                {
                    CiteId = cite.Id, StructureId = place.Id, PoleId = pole.Id, PartnerId = partner.Id, CreatedAt = DateTimeOffset.UtcNow,
                    StartsAt = new DateTimeOffset(start, TimeSpan.Zero), EndsAt = new DateTimeOffset(start.AddHours(4), TimeSpan.Zero),
                });
            }
            await db.SaveChangesAsync();
            structureId = place.Id;
            partnerName = partner.Name;
            function = pole.Name;
        }
        var coordinator = await fixture.App.CreateStaffAsync(StaffRole.Coordinator, $"structure:{structureId}");
        await using var session = await fixture.NewSessionAsync();
        var page = session.Page;
        await StaffJourney.SignInAndEnrolAsync(page, coordinator);
        var violations = new List<string>();
        foreach (var (width, height) in new[] { (1280, 900), (390, 844) })
        {
            await page.SetViewportSizeAsync(width, height);
            await page.GotoAsync($"/gestion/planning/valorisation?from=2026-01-01&to=2026-12-31");
            var row = page.Locator("table.contributions tbody tr", new() { HasText = partnerName });
            await Expect(row.Locator("td").Nth(1)).ToHaveTextAsync("40,00"); // 10 × 4 h
            violations.AddRange(await page.AxeViolationsAsync($"valuation, {width}×{height}"));
        }

        // Group by partner and month, from the checkboxes.
        await page.SetViewportSizeAsync(1280, 900);
        await page.GetByLabel("Mois", new() { Exact = true }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Afficher", Exact = true }).ClickAsync();
        await Expect(page.Locator("table.contributions thead th").Nth(1)).ToHaveTextAsync("Mois");
        await Expect(page.Locator("table.contributions tbody tr")).ToHaveCountAsync(3); // January, February, March

        // A commitment of 26,5 days: the line compares.
        await page.GotoAsync($"/gestion/planning/valorisation?from=2026-01-01&to=2026-12-31");
        var form = page.GetByRole(AriaRole.Form, new() { Name = "Saisir ou modifier un engagement" });
        await form.GetByLabel("Partenaire", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = partnerName });
        await form.GetByLabel("Jours engagés", new() { Exact = true }).FillAsync("26,5");
        await form.GetByRole(AriaRole.Button, new() { Name = "Enregistrer l'engagement", Exact = true }).ClickAsync();
        await Expect(page.Locator(".notice-success")).ToHaveTextAsync("Engagement enregistré.");
        var line = page.Locator("table.contributions tbody tr", new() { HasText = partnerName });
        await Expect(line.Locator("td").Nth(7)).ToHaveTextAsync("26,50");
        violations.AddRange(await page.AxeViolationsAsync("valuation with a commitment"));

        // The form refuses days and hours together, beside the field.
        await form.GetByLabel("Partenaire", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = partnerName });
        await form.GetByLabel("Jours engagés", new() { Exact = true }).FillAsync("3");
        await form.GetByLabel("ou heures engagées", new() { Exact = true }).FillAsync("21");
        await form.GetByRole(AriaRole.Button, new() { Name = "Enregistrer l'engagement", Exact = true }).ClickAsync();
        await Expect(page.GetByText("Indiquez des jours ou des heures, pas les deux.").First).ToBeVisibleAsync();
        violations.AddRange(await page.AxeViolationsAsync("valuation, refused commitment"));

        // The Cité's administrator sets what an hour of the function is worth: the partner, without a rate of its own, is valued at it.
        var admin = await fixture.App.CreateStaffAsync(StaffRole.Administrator, $"cite:{citeSlug}");
        await using var adminSession = await fixture.NewSessionAsync();
        var adminPage = adminSession.Page;
        await StaffJourney.SignInAndEnrolAsync(adminPage, admin);
        await adminPage.GotoAsync($"/gestion/planning/valorisation?structure={structureId}&from=2026-01-01&to=2026-12-31");
        var rateForm = adminPage.GetByRole(AriaRole.Form, new() { Name = "Saisir, modifier ou retirer un taux" });
        await rateForm.GetByLabel("Fonction (pôle)", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = function });
        await rateForm.GetByLabel("Taux horaire (€)", new() { Exact = true }).FillAsync("-2");
        await rateForm.GetByRole(AriaRole.Button, new() { Name = "Enregistrer le taux", Exact = true }).ClickAsync();
        await Expect(adminPage.GetByText("Indiquez un nombre positif").First).ToBeVisibleAsync();
        violations.AddRange(await adminPage.AxeViolationsAsync("valuation, refused rate"));
        await rateForm.GetByLabel("Fonction (pôle)", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = function });
        await rateForm.GetByLabel("Taux horaire (€)", new() { Exact = true }).FillAsync("30");
        await rateForm.GetByRole(AriaRole.Button, new() { Name = "Enregistrer le taux", Exact = true }).ClickAsync();
        await Expect(adminPage.GetByText("Taux enregistré.")).ToBeVisibleAsync();
        var valued = adminPage.Locator("table.contributions tbody tr", new() { HasText = partnerName });
        await Expect(valued.Locator("td").Nth(5)).ToContainTextAsync("200,00"); // 40 h × 30,00 € = 1 200,00 €
        violations.AddRange(await adminPage.AxeViolationsAsync("valuation with a rate per function"));
        Accessibility.AssertNone(violations, 6);
    }
}
