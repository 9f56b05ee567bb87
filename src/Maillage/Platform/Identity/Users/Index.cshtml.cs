using Maillage.Network;
using System.Text.RegularExpressions;
using Maillage.Platform.Data;
using Maillage.Platform.Errors;
using Maillage.Platform.Localization;
using Maillage.Platform.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Platform.Identity.Users;

[Authorize(Policy = Policies.Administrators)]
internal sealed class IndexModel(MaillageDb db, StaffAccess access, StaffDirectory directory) : PageModel
{
    public sealed class NewUserInput
    {
        public string? Email { get; set; }
        public string? DisplayName { get; set; }
        public string? Password { get; set; }
    }

    public sealed record Row(string Id, string Email, string? DisplayName, IReadOnlyList<string> Roles);

    [BindProperty] public NewUserInput Input { get; set; } = new();
    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        ModelState.LocalizeBindingErrors();
        var email = Input.Email?.Trim() ?? "";
        if (email.Length == 0)
            ModelState.AddModelError("Input.Email", Text.T("Indiquez l'adresse e-mail de la personne.", "Enter the person's email address."));
        else if (!Regex.IsMatch(email, @"^[^@\s]+@[^@\s]+\.[^@\s.]+$"))
            ModelState.AddModelError("Input.Email", Text.T("Écrivez l'adresse e-mail sous la forme nom@exemple.fr.", "Write the email address as name@example.com."));
        if (string.IsNullOrEmpty(Input.Password))
            ModelState.AddModelError("Input.Password", Text.T("Choisissez un mot de passe provisoire d'au moins 12 caractères.", "Choose a temporary password of at least 12 characters."));
        if (!ModelState.IsValid)
        {
            await LoadAsync();
            return Page();
        }
        StaffUser user;
        try
        {
            user = await directory.CreateUserAsync(email, Input.Password!, string.IsNullOrWhiteSpace(Input.DisplayName) ? null : Input.DisplayName.Trim());
        }
        catch (RuleViolation rule)
        {
            ModelState.AddRule(rule);
            await LoadAsync();
            return Page();
        }
        TempData["Notice"] = Text.T($"Compte de {user.Email} créé. Attribuez-lui maintenant un rôle.", $"Account of {user.Email} created. Now grant them a role.");
        return Redirect($"/gestion/utilisateurs/{user.Id}");
    }

    private async Task LoadAsync()
    {
        var scope = await AdminScope.OfAsync(access, db);
        var assignments = await db.RoleAssignments.AsNoTracking()
            .Where(a => scope.PlatformWide || a.CiteId != null && scope.CiteIds.Contains(a.CiteId.Value)).ToListAsync();
        var userIds = assignments.Select(a => a.UserId).Distinct().ToList();
        var users = await db.Users.AsNoTracking().Where(u => scope.PlatformWide || userIds.Contains(u.Id)).OrderBy(u => u.Email).ToListAsync();
        var names = await ScopeNames.LoadAsync(db);
        Rows = users.Select(u => new Row(u.Id, u.Email ?? u.UserName ?? "", u.DisplayName,
            assignments.Where(a => a.UserId == u.Id).Select(a => $"{a.Role.Describe()} — {names.Describe(a)}").ToList())).ToList();
    }
}

/// <summary>Names of the scopes roles are granted on, for display.</summary>
internal sealed class ScopeNames(Dictionary<int, string> cites, Dictionary<int, string> structures, Dictionary<int, string> partners)
{
    public static async Task<ScopeNames> LoadAsync(MaillageDb db) => new(
        await db.Cites.AsNoTracking().ToDictionaryAsync(c => c.Id, c => c.Name),
        await db.Structures.AsNoTracking().ToDictionaryAsync(s => s.Id, s => s.Name),
        await db.Partners.AsNoTracking().ToDictionaryAsync(p => p.Id, p => p.Name));

    public string Describe(RoleAssignment a) => a.Scope switch
    {
        ScopeKind.Platform => Text.T("toute la plateforme", "the whole platform"),
        ScopeKind.Cite => cites.GetValueOrDefault(a.CiteId ?? 0, "?"),
        ScopeKind.Structure => structures.GetValueOrDefault(a.StructureId ?? 0, "?"),
        _ => partners.GetValueOrDefault(a.PartnerId ?? 0, "?"),
    };
}
