using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Maillage.BrowserTests.Entrepreneurship;

/// <summary>What a coach does in the browser that several CitésLab tests need.</summary>
internal static class HolderJourney
{
    /// <summary>
    /// On the new-holder form: the consent given, the names, « venu·e par » France Travail, whatever <paramref name="more"/>
    /// fills (a scope of the consent, the project…); created, ends on the record. Returns the record's address.
    /// </summary>
    public static async Task<string> CreateAsync(IPage page, string first, string last, Func<IPage, Task>? more = null)
    {
        await page.GotoAsync("/gestion/citeslab/nouveau");
        await page.GetByLabel("La personne a lu ou entendu ce texte et donne son consentement").CheckAsync();
        await page.GetByLabel(new Regex("^Prénom")).FillAsync(first);
        await page.GetByLabel(new Regex(@"^Nom( \*)?$")).FillAsync(last);
        await page.GetByLabel("Venu·e par", new() { Exact = false }).SelectOptionAsync(new SelectOptionValue { Label = "France Travail" });
        if (more is not null) await more(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Créer la fiche", Exact = true }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync($"{first} {last}");
        return page.Url;
    }
}
