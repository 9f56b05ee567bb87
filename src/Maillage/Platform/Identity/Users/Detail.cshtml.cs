using Maillage.Network;
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
internal sealed class DetailModel(MaillageDb db, StaffAccess access, StaffDirectory directory) : PageModel
{
    public sealed class GrantInput
    {
        public StaffRole Role { get; set; } = StaffRole.Coordinator;
        public ScopeKind Scope { get; set; } = ScopeKind.Cite;
        public int? CiteId { get; set; }
        public int? StructureId { get; set; }
        public int? PartnerId { get; set; }
    }

    public sealed record Option(int Id, string Name);
    public sealed record RoleRow(int Id, string Role, string Scope, DateTimeOffset GrantedAt);

    [FromRoute] public string Id { get; set; } = "";
    [BindProperty] public GrantInput Grant { get; set; } = new();
    [TempData] public string? Notice { get; set; }
    public StaffUser Person { get; private set; } = null!;
    public AdminScope Scope { get; private set; } = null!;
    public IReadOnlyList<RoleRow> Roles { get; private set; } = [];
    public int RolesElsewhere { get; private set; }
    public IReadOnlyList<Option> Cites { get; private set; } = [];
    public IReadOnlyList<Option> Structures { get; private set; } = [];
    public IReadOnlyList<Option> Partners { get; private set; } = [];
    public IReadOnlyList<StaffRole> GrantableRoles { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ?? Page();

    public async Task<IActionResult> OnPostGrantAsync()
    {
        if (await LoadAsync() is { } refused) return refused;
        ModelState.LocalizeBindingErrors();
        if (!ModelState.IsValid) return Page();
        var g = Grant;
        Maillage.Platform.Identity.Grant? grant = null;
        if (!GrantableRoles.Contains(g.Role))
            ModelState.AddModelError("Grant.Role", Text.T("Vous ne pouvez pas attribuer ce rôle.", "You cannot grant this role."));
        switch (g.Scope)
        {
            case ScopeKind.Platform:
                if (!Scope.PlatformWide)
                    ModelState.AddModelError("Grant.Scope", Text.T("Seul l'exploitant de la plateforme attribue un rôle sur toute la plateforme.", "Only the platform operator grants a role on the whole platform."));
                else grant = new(g.Role, ScopeKind.Platform);
                break;
            case ScopeKind.Cite:
                if (g.CiteId is not { } citeId || !Scope.CiteIds.Contains(citeId))
                    ModelState.AddModelError("Grant.CiteId", Text.T("Choisissez une Cité que vous administrez.", "Choose a Cité you administer."));
                else grant = new(g.Role, ScopeKind.Cite, citeId);
                break;
            case ScopeKind.Structure:
                var structure = g.StructureId is { } sid ? await db.Structures.AsNoTracking().FirstOrDefaultAsync(s => s.Id == sid) : null;
                if (structure is null || !Scope.CiteIds.Contains(structure.CiteId))
                    ModelState.AddModelError("Grant.StructureId", Text.T("Choisissez une structure d'une Cité que vous administrez.", "Choose a structure of a Cité you administer."));
                else grant = new(g.Role, ScopeKind.Structure, structure.CiteId, structure.Id);
                break;
            case ScopeKind.Partner:
                var partner = g.PartnerId is { } pid ? await db.Partners.AsNoTracking().FirstOrDefaultAsync(p => p.Id == pid) : null;
                if (partner is null || !Scope.CiteIds.Contains(partner.CiteId))
                    ModelState.AddModelError("Grant.PartnerId", Text.T("Choisissez un partenaire d'une Cité que vous administrez.", "Choose a partner of a Cité you administer."));
                else grant = new(g.Role, ScopeKind.Partner, partner.CiteId, PartnerId: partner.Id);
                break;
            default:
                ModelState.AddModelError("Grant.Scope", Text.T("Choisissez un périmètre.", "Choose a scope."));
                break;
        }
        if (!ModelState.IsValid || grant is null) return Page();
        try
        {
            await directory.GrantAsync(Person, grant);
        }
        catch (RuleViolation rule)
        {
            ModelState.AddRule(rule, nameof(Grant));
            return Page();
        }
        Notice = Text.T("Rôle attribué.", "Role granted.");
        return Redirect($"/gestion/utilisateurs/{Person.Id}");
    }

    public async Task<IActionResult> OnPostRevokeAsync(int assignmentId)
    {
        if (await LoadAsync() is { } refused) return refused;
        var assignment = await db.RoleAssignments.FirstOrDefaultAsync(a => a.Id == assignmentId && a.UserId == Person.Id);
        if (assignment is null) return NotFound();
        if (!Scope.Covers(assignment)) return Forbid();
        await directory.RevokeAsync(assignment);
        Notice = Text.T("Rôle retiré.", "Role revoked.");
        return Redirect($"/gestion/utilisateurs/{Person.Id}");
    }

    /// <summary>
    /// An administrator sees a person who holds a role in one of their Cités, or who holds no role at all
    /// (an account just created, waiting for its first role); people of other Cités stay invisible.
    /// </summary>
    private async Task<IActionResult?> LoadAsync()
    {
        var person = await db.Users.FirstOrDefaultAsync(u => u.Id == Id);
        if (person is null) return NotFound();
        Scope = await AdminScope.OfAsync(access, db);
        var assignments = await db.RoleAssignments.AsNoTracking().Where(a => a.UserId == person.Id).OrderBy(a => a.Id).ToListAsync();
        if (!Scope.PlatformWide && assignments.Count > 0 && !assignments.Any(Scope.Covers)) return NotFound();
        Person = person;
        var names = await ScopeNames.LoadAsync(db);
        Roles = assignments.Where(Scope.Covers).Select(a => new RoleRow(a.Id, a.Role.Describe(), $"{a.Scope.Describe()} : {names.Describe(a)}", a.GrantedAt)).ToList();
        RolesElsewhere = assignments.Count(a => !Scope.Covers(a));
        var cites = Scope.CiteIds;
        Cites = await db.Cites.AsNoTracking().IgnoreQueryFilters().Where(c => cites.Contains(c.Id)).OrderBy(c => c.Name).Select(c => new Option(c.Id, c.Name)).ToListAsync();
        var citeNames = Cites.ToDictionary(c => c.Id, c => c.Name);
        var many = Cites.Count > 1;
        Structures = (await db.Structures.AsNoTracking().Where(s => cites.Contains(s.CiteId)).OrderBy(s => s.CiteId).ThenBy(s => s.Name).Select(s => new { s.Id, s.Name, s.CiteId }).ToListAsync())
            .Select(s => new Option(s.Id, many ? $"{s.Name} ({citeNames.GetValueOrDefault(s.CiteId)})" : s.Name)).ToList();
        Partners = (await db.Partners.AsNoTracking().Where(p => cites.Contains(p.CiteId)).OrderBy(p => p.CiteId).ThenBy(p => p.Name).Select(p => new { p.Id, p.Name, p.CiteId }).ToListAsync())
            .Select(p => new Option(p.Id, many ? $"{p.Name} ({citeNames.GetValueOrDefault(p.CiteId)})" : p.Name)).ToList();
        GrantableRoles = Enum.GetValues<StaffRole>().Where(r => Scope.PlatformWide || r != StaffRole.PlatformOperator).ToList();
        return null;
    }
}
