using Maillage.Network;
using Maillage.Platform.Data;
using Maillage.Platform.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Platform.Web.BackOffice;

[Authorize(Policy = Policies.Staff)]
internal sealed class DashboardModel(StaffAccess access, MaillageDb db) : PageModel
{
    public string Name { get; private set; } = "";
    public IReadOnlyList<string> Roles { get; private set; } = [];
    public sealed record CiteLine(string Name, int Structures);
    public IReadOnlyList<CiteLine> Cites { get; private set; } = [];

    public async Task OnGetAsync()
    {
        Name = User.FindFirst("maillage:display-name")?.Value ?? User.Identity?.Name ?? "";
        var assignments = await access.AssignmentsAsync();
        var cites = await db.Cites.AsNoTracking().ToDictionaryAsync(c => c.Id, c => c.Name);
        var structures = await db.Structures.AsNoTracking().ToDictionaryAsync(s => s.Id, s => s.Name);
        Roles = assignments.Select(a => $"{a.Role.Describe()} — {a.Scope switch
        {
            ScopeKind.Platform => Localization.Text.T("toute la plateforme", "the whole platform"),
            ScopeKind.Cite => cites.GetValueOrDefault(a.CiteId!.Value, "?"),
            ScopeKind.Structure => structures.GetValueOrDefault(a.StructureId!.Value, "?"),
            _ => Localization.Text.T($"partenaire n° {a.PartnerId}", $"partner #{a.PartnerId}"),
        }}").ToList();
        // The tenant filter limits both lists to the person's Cités.
        Cites = await db.Cites.AsNoTracking().OrderBy(c => c.Name)
            .Select(c => new CiteLine(c.Name, db.Set<Network.Structure>().Count(s => s.CiteId == c.Id))).ToListAsync();
    }
}
