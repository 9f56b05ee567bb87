using Maillage.Platform.Identity;
using Microsoft.Playwright;
using OtpNet;
using static Microsoft.Playwright.Assertions;

namespace Maillage.BrowserTests.Infrastructure;

/// <summary>What a member of staff does in the browser: sign in, enrol an authenticator, enter a code.</summary>
public static class StaffJourney
{
    public const string EnrolPath = "/gestion/compte/double-authentification";

    /// <summary>Fills and submits the French sign-in form (the browser asks for French).</summary>
    public static async Task SubmitSignInAsync(IPage page, StaffUser user, string password = BrowserApp.Password)
    {
        await page.GotoAsync("/gestion/connexion");
        await page.GetByLabel("Adresse e-mail", new() { Exact = true }).FillAsync(user.Email!);
        await page.GetByLabel("Mot de passe", new() { Exact = true }).FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter", Exact = true }).ClickAsync();
    }

    /// <summary>The key shown in text under the QR code, as the authenticator app would read it.</summary>
    public static async Task<string> SharedKeyAsync(IPage page)
    {
        var shown = await page.Locator("#shared-key").InnerTextAsync();
        var key = string.Concat(shown.Where(c => !char.IsWhiteSpace(c))).ToUpperInvariant();
        Assert.Matches("^[A-Z2-7]{16,}$", key);
        return key;
    }

    public static string CodeFor(string key) => new Totp(Base32Encoding.ToBytes(key)).ComputeTotp();

    /// <summary>On the enrolment page: types the current code and submits; returns the shared key.</summary>
    public static async Task<string> EnrolAsync(IPage page)
    {
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(System.Text.RegularExpressions.Regex.Escape(EnrolPath) + @"(\?.*)?$"));
        var key = await SharedKeyAsync(page);
        await page.GetByLabel("Code de vérification", new() { Exact = true }).FillAsync(CodeFor(key));
        await page.GetByRole(AriaRole.Button, new() { Name = "Activer", Exact = true }).ClickAsync();
        await Expect(page.Locator(".notice-success li code")).ToHaveCountAsync(10);
        return key;
    }

    /// <summary>
    /// First sign-in of a new account with two-factor required: password, then enrolment; ends where the person's role
    /// lands (the dashboard, or their main task: reception, agenda, figures, a funder's conventions, a CitésLab coach's holders).
    /// </summary>
    public static async Task<string> SignInAndEnrolAsync(IPage page, StaffUser user)
    {
        await SubmitSignInAsync(page, user);
        var key = await EnrolAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "Continuer", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(@"/gestion(/accueil(/\d+|\?reprendre=1)?|/agenda|/statistiques|/conventions|/citeslab)?$"));
        return key;
    }
}
