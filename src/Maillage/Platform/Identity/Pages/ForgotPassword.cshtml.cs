using Maillage.Platform.Data;
using Maillage.Platform.Email;
using Maillage.Platform.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace Maillage.Platform.Identity.Pages;

/// <summary>
/// "Mot de passe oublié ?": a link to choose a new password, sent through the outbox to the address when an account has
/// it. The answer is the same whether or not it has (no account enumeration); attempts share the sign-in rate limit and
/// budget. The link carries Identity's reset token: bound to the account's security stamp, so one use (the reset changes
/// the stamp) and a lifetime of <see cref="IdentitySetup.PasswordResetLifespan"/>.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(PlatformModule.SignInRateLimit)]
internal sealed class ForgotPasswordModel(UserManager<StaffUser> users, MaillageDb db, SignInBudget budget, IOptions<EmailOptions> email, TimeProvider clock) : PageModel
{
    public const string Kind = "platform.password-reset";

    [BindProperty] public string? Email { get; set; }
    public bool Sent { get; private set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        ModelState.Clear();
        if (string.IsNullOrWhiteSpace(Email))
        {
            ModelState.AddModelError(nameof(Email), Text.T("Saisissez votre adresse e-mail.", "Enter your email address."));
            return Page();
        }
        if (!await budget.TakeAsync(HttpContext.Connection.RemoteIpAddress?.ToString(), Email, HttpContext.RequestAborted))
            return this.TooManyAttempts(nameof(Email));
        var user = await users.FindByEmailAsync(Email.Trim());
        if (user?.Email is not null)
        {
            var token = WebEncoders.Base64UrlEncode(System.Text.Encoding.UTF8.GetBytes(await users.GeneratePasswordResetTokenAsync(user)));
            var link = $"{email.Value.PublicBaseUrl.TrimEnd('/')}{ResetPasswordModel.Path}?email={Uri.EscapeDataString(user.Email)}&code={token}";
            var minutes = (int)IdentitySetup.PasswordResetLifespan.TotalMinutes;
            Outbox.Enqueue(db, new EmailMessage(Kind, user.Email, user.DisplayName,
                "Maillage : choisir un nouveau mot de passe / choose a new password",
                $"""
                Bonjour,

                Pour choisir un nouveau mot de passe pour votre compte Maillage, ouvrez ce lien (valable {minutes} minutes, une seule fois) :
                {link}

                Si vous n'avez rien demandé, ignorez ce message : votre mot de passe reste le même.

                ---

                To choose a new password for your Maillage account, open this link (valid for {minutes} minutes, once):
                {link}

                If you did not ask for it, ignore this message: your password stays the same.
                """, About: $"user:{user.Id}"), clock.GetUtcNow());
            await db.SaveChangesAsync(HttpContext.RequestAborted);
        }
        Sent = true;
        return Page();
    }
}
