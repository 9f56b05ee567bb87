using System.Text;
using Maillage.Platform.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.WebUtilities;

namespace Maillage.Platform.Identity.Pages;

/// <summary>
/// The page of the link sent by <see cref="ForgotPasswordModel"/>: a new password, then the sign-in page. It signs no one
/// in: the sign-in that follows asks the password and, where the account has one, the authenticator code; a locked
/// account stays locked until its lockout ends.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(PlatformModule.SignInRateLimit)]
internal sealed class ResetPasswordModel(UserManager<StaffUser> users) : PageModel
{
    public const string Path = "/gestion/nouveau-mot-de-passe";

    [BindProperty(SupportsGet = true)] public string? Email { get; set; }
    [BindProperty(SupportsGet = true)] public string? Code { get; set; }
    [BindProperty] public string? Password { get; set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        ModelState.Clear();
        if (string.IsNullOrEmpty(Password))
        {
            ModelState.AddModelError(nameof(Password), Text.T("Saisissez un nouveau mot de passe.", "Enter a new password."));
            return Page();
        }
        var user = string.IsNullOrWhiteSpace(Email) ? null : await users.FindByEmailAsync(Email.Trim());
        string? token = null;
        try { token = Code is null ? null : Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(Code)); }
        catch (FormatException) { }
        var result = user is null || token is null ? null : await users.ResetPasswordAsync(user, token, Password);
        if (result is { Succeeded: true })
            return RedirectToPage("/Platform/Identity/Pages/SignIn", new { reset = 1 });
        if (result is not null && result.Errors.Any(e => e.Code.StartsWith("Password", StringComparison.Ordinal)))
        {
            foreach (var error in result.Errors) ModelState.AddModelError(nameof(Password), error.Description);
            return Page();
        }
        // Unknown address, used, expired or altered link: one message, which tells nothing of the account.
        ModelState.AddModelError(nameof(Password), Text.T(
            "Ce lien n'est plus valable (déjà utilisé, expiré ou incomplet). Demandez-en un nouveau.",
            "This link is no longer valid (already used, expired or incomplete). Ask for a new one."));
        return Page();
    }
}
