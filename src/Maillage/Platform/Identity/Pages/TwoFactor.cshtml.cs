using System.Text;
using Maillage.Platform.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using QRCoder;

namespace Maillage.Platform.Identity.Pages;

// Reachable before two-factor is set up: every other staff page sends such a session here (StaffSessionRequirement).
[Authorize(Policy = Policies.Enrolment)]
internal sealed class TwoFactorModel(UserManager<StaffUser> users, SignInManager<StaffUser> signIn, IOptionsMonitor<SecurityOptions> security) : PageModel
{
    public string SharedKey { get; private set; } = "";
    public string QrSvg { get; private set; } = "";
    public bool Required => security.CurrentValue.RequireTwoFactor;
    public IReadOnlyList<string>? RecoveryCodes { get; private set; }
    [BindProperty] public string? Code { get; set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        await LoadKeyAsync(user, reset: true);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        var code = (Code ?? "").Replace(" ", "").Replace("-", "");
        var valid = code.Length == 6 && await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code);
        if (!valid)
        {
            ModelState.AddModelError(nameof(Code), Text.T("Ce code n'est pas valide : saisissez les 6 chiffres affichés maintenant par l'application.", "This code is not valid: enter the 6 digits the app shows now."));
            await LoadKeyAsync(user, reset: false);
            return Page();
        }
        await users.SetTwoFactorEnabledAsync(user, true);
        RecoveryCodes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10))?.ToList();
        // The code just entered proves the authenticator: the session now counts as signed in with two factors.
        await signIn.SignInWithClaimsAsync(user, isPersistent: false, [new System.Security.Claims.Claim(StaffSessionHandler.MethodClaim, StaffSessionHandler.MultiFactor)]);
        return Page();
    }

    private async Task LoadKeyAsync(StaffUser user, bool reset)
    {
        // A new key is drawn each time the page is opened until enrolment succeeds.
        if (reset && !user.TwoFactorEnabled || string.IsNullOrEmpty(await users.GetAuthenticatorKeyAsync(user)))
            await users.ResetAuthenticatorKeyAsync(user);
        var key = (await users.GetAuthenticatorKeyAsync(user))!;
        SharedKey = string.Join(" ", Enumerable.Range(0, (key.Length + 3) / 4).Select(i => key.Substring(i * 4, Math.Min(4, key.Length - i * 4)))).ToLowerInvariant();
        var uri = $"otpauth://totp/{Uri.EscapeDataString("Maillage")}:{Uri.EscapeDataString(user.Email!)}?secret={key}&issuer=Maillage&digits=6";
        using var data = QRCodeGenerator.GenerateQrCode(uri, QRCodeGenerator.ECCLevel.M);
        QrSvg = new SvgQRCode(data).GetGraphic(5);
    }
}
