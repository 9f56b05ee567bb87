using Maillage.BrowserTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Maillage.BrowserTests;

/// <summary>
/// The design system's error summary (Platform/Web/_ErrorSummary.cshtml): after a failed post the focus lands on it,
/// so that keyboard and screen-reader users start from the list of problems, and each link leads into its field.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ErrorSummaryTests(BrowserFixture fixture)
{
    [Fact]
    public async Task Given_a_form_posted_empty_Then_the_summary_takes_the_focus_lists_the_errors_in_order_and_its_links_focus_their_fields()
    {
        await using var session = await fixture.NewSessionAsync();
        var page = session.Page;
        await page.GotoAsync("/gestion/connexion");
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter", Exact = true }).ClickAsync();

        var summary = page.Locator(".error-summary");
        await Expect(summary).ToBeFocusedAsync();
        Assert.Equal(["#Input_Email", "#Input_Password"], await summary.Locator("a").EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))"));
        var email = page.GetByLabel("Adresse e-mail", new() { Exact = true });
        await Expect(email).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(email).ToHaveAttributeAsync("aria-describedby", "Input_Email-error");
        await Expect(page.Locator("#Input_Email-error")).ToHaveTextAsync("Saisissez votre adresse e-mail.");
        await page.AssertNoAxeViolationsAsync("sign-in, form errors");

        await summary.GetByRole(AriaRole.Link, new() { Name = "Saisissez votre mot de passe." }).ClickAsync();
        await Expect(page.GetByLabel("Mot de passe", new() { Exact = true })).ToBeFocusedAsync();
    }

    [Fact]
    public async Task Given_no_script_When_a_form_is_posted_empty_Then_autofocus_still_puts_the_focus_on_the_summary()
    {
        await using var session = await fixture.NewSessionAsync(javaScript: false);
        var page = session.Page;
        await page.GotoAsync("/gestion/connexion");
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter", Exact = true }).ClickAsync();

        await Expect(page.Locator(".error-summary")).ToBeFocusedAsync();
        // The fragment link still reaches the field without script: the browser moves there (and focuses the input).
        await page.Locator(".error-summary a[href='#Input_Email']").ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("#Input_Email$"));
    }

    /// <summary>A second form, of another module: the reception screen recorded without its public and age (issue 19 item 7).</summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Given_the_reception_screen_posted_without_public_or_age_Then_the_summary_takes_the_focus(bool javaScript)
    {
        int saintJulien;
        await using (var scope = fixture.App.Services.CreateAsyncScope())
            saintJulien = await scope.ServiceProvider.GetRequiredService<Maillage.Platform.Data.MaillageDb>().Set<Maillage.Network.Structure>()
                .IgnoreQueryFilters().Where(s => s.Slug == "saint-julien-en-genevois").Select(s => s.Id).FirstAsync();
        var agent = await fixture.App.CreateStaffAsync(Maillage.Platform.Identity.StaffRole.ReceptionAgent, $"structure:{saintJulien}");
        await using var session = await fixture.NewSessionAsync(javaScript);
        var page = session.Page;
        await StaffJourney.SignInAndEnrolAsync(page, agent);
        await page.GotoAsync($"/gestion/accueil/{saintJulien}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Femme", Exact = true }).ClickAsync();

        var summary = page.Locator(".error-summary");
        await Expect(summary).ToBeFocusedAsync();
        // Locator assertions only: a page without script cannot evaluate axe-core or any expression.
        await Expect(summary.Locator("a")).ToHaveCountAsync(2);
        await Expect(summary.Locator("a").Nth(0)).ToHaveAttributeAsync("href", "#Input_PublicStatus");
        await Expect(summary.Locator("a").Nth(1)).ToHaveAttributeAsync("href", "#Input_AgeBracket");
        if (javaScript) await page.AssertNoAxeViolationsAsync("reception, form errors");
    }
}
