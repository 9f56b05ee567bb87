using Maillage.Platform.Data;
using Maillage.Platform.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Platform.Identity.Pages;

// Staff policy: a cookie session with two-factor where required; an API token never opens it, so it cannot mint tokens.
[Authorize(Policy = Policies.Staff)]
internal sealed class AccountModel(UserManager<StaffUser> users, MaillageDb db, AuthorisationCache cache, TimeProvider clock, EndpointDataSource endpoints) : PageModel
{
    public string? Email { get; private set; }
    public bool TwoFactor { get; private set; }
    public IReadOnlyList<ApiToken> Tokens { get; private set; } = [];
    public string? NewSecret { get; private set; }
    [BindProperty] public string? TokenName { get; set; }
    [BindProperty] public List<string> TokenScopes { get; set; } = [];
    /// <summary>The scopes a token can have, each with the API calls it opens.</summary>
    public IReadOnlyList<ApiScopes.Choice> ScopeChoices { get; private set; } = [];
    /// <summary>
    /// Tokens are created only in a session signed in with the second factor (issue 18), whatever RequireTwoFactor says:
    /// a token outlives the session, so a stolen password alone must not be enough to mint one. Revoking needs no more.
    /// </summary>
    public bool CanCreateTokens => User.HasClaim(StaffSessionHandler.MethodClaim, StaffSessionHandler.MultiFactor);

    /// <summary>The language of the messages Maillage sends (fr, en).</summary>
    [BindProperty] public string? MessageLanguage { get; set; }
    public bool LanguageSaved { get; private set; }

    public async Task OnGetAsync() => await LoadAsync();

    /// <summary>Sets the language of the e-mails Maillage sends to this person (coverage alerts and other notices).</summary>
    public async Task<IActionResult> OnPostLanguageAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        if (MessageLanguage is not ("fr" or "en"))
            ModelState.AddModelError(nameof(MessageLanguage), Text.T("Choisissez le français ou l'anglais.", "Choose French or English."));
        else
        {
            user.Language = MessageLanguage == "en" ? "en" : null;
            await users.UpdateAsync(user);
            LanguageSaved = true;
        }
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostCreateTokenAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        var name = TokenName?.Trim() ?? "";
        if (name.Length is 0 or > 100)
            ModelState.AddModelError(nameof(TokenName), Text.T("Donnez au jeton un nom de 1 à 100 caractères.", "Give the token a name of 1 to 100 characters."));
        if (!CanCreateTokens)
            ModelState.AddModelError(nameof(TokenName), Text.T(
                "Pour créer un jeton, activez la double authentification puis reconnectez-vous avec votre code.",
                "To create a token, turn on two-factor authentication, then sign in again with your code."));
        var offered = ApiScopes.Available(endpoints).Select(c => c.Scope).ToHashSet();
        var unknown = TokenScopes.Where(s => !offered.Contains(s)).ToList();
        if (TokenScopes.Count == 0)
            ModelState.AddModelError(nameof(TokenScopes), Text.T("Choisissez au moins une portée : ce que le jeton pourra faire.", "Choose at least one scope: what the token will be able to do."));
        else if (unknown.Count > 0)
            ModelState.AddModelError(nameof(TokenScopes), Text.T($"Portée inconnue : {string.Join(", ", unknown)}.", $"Unknown scope: {string.Join(", ", unknown)}."));
        if (ModelState.IsValid)
        {
            var (token, secret) = ApiToken.Create(user.Id, name, TokenScopes, clock.GetUtcNow());
            db.ApiTokens.Add(token);
            await db.SaveChangesAsync();
            NewSecret = secret;
            TokenName = null;
            TokenScopes = [];
        }
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(int id)
    {
        var userId = users.GetUserId(User);
        var token = await db.ApiTokens.FirstOrDefaultAsync(t => t.Id == id && t.UserId == userId);
        if (token is null) return NotFound();
        token.RevokedAt ??= clock.GetUtcNow();
        await db.SaveChangesAsync();
        cache.ForgetToken(token.Hash);
        return RedirectToPage();
    }

    private async Task LoadAsync()
    {
        var user = await users.GetUserAsync(User);
        Email = user?.Email;
        TwoFactor = user?.TwoFactorEnabled ?? false;
        MessageLanguage ??= user?.MessageLanguage ?? "fr";
        ScopeChoices = ApiScopes.Available(endpoints);
        Tokens = await db.ApiTokens.AsNoTracking().Where(t => t.UserId == user!.Id).OrderByDescending(t => t.Id).ToListAsync();
    }
}
