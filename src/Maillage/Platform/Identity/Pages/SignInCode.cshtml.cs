using Maillage.Platform.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Maillage.Platform.Identity.Pages;

[AllowAnonymous]
[EnableRateLimiting(PlatformModule.SignInRateLimit)]
internal sealed class SignInCodeModel(SignInManager<StaffUser> signIn, SignInBudget budget) : PageModel
{
    [BindProperty] public string? Code { get; set; }
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    public async Task<IActionResult> OnGetAsync() =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is null ? RedirectToPage("/Platform/Identity/Pages/SignIn") : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null) return RedirectToPage("/Platform/Identity/Pages/SignIn");
        if (!await budget.TakeAsync(HttpContext.Connection.RemoteIpAddress?.ToString(), user.UserName, HttpContext.RequestAborted))
            return this.TooManyAttempts(nameof(Code));
        var code = (Code ?? "").Replace(" ", "").Replace("-", "");
        if (code.Length == 0)
        {
            ModelState.AddModelError(nameof(Code), Text.T("Saisissez le code.", "Enter the code."));
            return Page();
        }
        var result = code.Length == 6 && code.All(char.IsDigit)
            ? await signIn.TwoFactorAuthenticatorSignInAsync(code, isPersistent: false, rememberClient: false)
            : await signIn.TwoFactorRecoveryCodeSignInAsync(code);
        if (result.Succeeded) return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : Web.BackOffice.StartModel.Path);
        ModelState.AddModelError(nameof(Code), result.IsLockedOut
            ? Text.T("Ce compte est verrouillé pendant 15 minutes après plusieurs échecs.", "This account is locked for 15 minutes after several failed attempts.")
            : Text.T("Ce code n'est pas valide. Vérifiez l'heure de votre téléphone et saisissez le code affiché maintenant.", "This code is not valid. Check your phone's clock and enter the code shown now."));
        return Page();
    }

}
