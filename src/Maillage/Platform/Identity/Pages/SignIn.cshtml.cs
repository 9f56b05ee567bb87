using System.ComponentModel.DataAnnotations;
using Maillage.Platform.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Maillage.Platform.Identity.Pages;

[AllowAnonymous]
[EnableRateLimiting(PlatformModule.SignInRateLimit)]
internal sealed class SignInModel(SignInManager<StaffUser> signIn, SignInBudget budget, IPasswordHasher<StaffUser> hasher) : PageModel
{
    public sealed class InputModel
    {
        [Required(ErrorMessage = "required")] public string Email { get; set; } = "";
        [Required(ErrorMessage = "required")] public string Password { get; set; } = "";
    }

    [BindProperty] public InputModel Input { get; set; } = new();
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        ModelState.Clear();
        if (string.IsNullOrWhiteSpace(Input.Email))
            ModelState.AddModelError("Input.Email", Text.T("Saisissez votre adresse e-mail.", "Enter your email address."));
        if (string.IsNullOrEmpty(Input.Password))
            ModelState.AddModelError("Input.Password", Text.T("Saisissez votre mot de passe.", "Enter your password."));
        if (!ModelState.IsValid) return Page();

        if (!await budget.TakeAsync(HttpContext.Connection.RemoteIpAddress?.ToString(), Input.Email, HttpContext.RequestAborted))
            return this.TooManyAttempts("Input.Email");
        var user = await signIn.UserManager.FindByNameAsync(Input.Email.Trim());
        // The same work whatever the account: Identity skips the password hash for an unknown or locked account, and the
        // time taken would tell which it is (issue 18). The hash is computed then, and thrown away.
        if (user is null || await signIn.UserManager.IsLockedOutAsync(user))
            hasher.HashPassword(user ?? new StaffUser(), Input.Password);
        var result = user is null
            ? Microsoft.AspNetCore.Identity.SignInResult.Failed
            : await signIn.PasswordSignInAsync(user, Input.Password, isPersistent: false, lockoutOnFailure: true);
        // The bare staff area (its link on the public pages) is no particular wish: the person goes on to their main task.
        var next = Url.IsLocalUrl(ReturnUrl) && ReturnUrl != Modules.Menu.Dashboard ? ReturnUrl! : Web.BackOffice.StartModel.Path;
        if (result.Succeeded) return LocalRedirect(next);
        if (result.RequiresTwoFactor) return RedirectToPage("/Platform/Identity/Pages/SignInCode", new { ReturnUrl = next });
        // A locked account gets the same message as a wrong password: the form tells nothing of an account's state.
        ModelState.AddModelError("Input.Email", Text.T("Adresse ou mot de passe incorrect.", "Wrong email address or password."));
        return Page();
    }

}
