using Maillage.Platform.Data;
using Maillage.Platform.Identity;
using Maillage.Platform.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Network.Territories;

[Authorize(Policy = Policies.NetworkManagers)]
internal sealed class IndexModel(MaillageDb db, StaffAccess access) : TerritoryFormModel(db, access)
{
    public override bool IsNew => true;
    public sealed record Row(int Id, string Name, TerritoryKind Kind, string? Code, string? Parent, string Cite);
    public IReadOnlyList<Row> Rows { get; private set; } = [];
    [TempData] public string? Notice { get; set; }

    public async Task OnGetAsync()
    {
        await LoadAsync();
        if (Cites.Count > 0) Input.CiteId = Cites[0].Id;
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await LoadAsync();
        if (Cites.Count == 0) return Forbid();
        if (!await Access.CanOnCiteAsync(StaffAccess.NetworkManagers, Input.CiteId))
        {
            ModelState.AddModelError("Input.CiteId", Text.T("Choisissez une Cité que vous gérez.", "Choose a Cité you manage."));
            return Page();
        }
        var territory = new Territory { Name = "" };
        if (!await ApplyAsync(territory)) return Page();
        Db.Territories.Add(territory);
        await Db.SaveChangesAsync();
        Notice = Text.T($"Territoire « {territory.Name} » ajouté.", $"Territory \"{territory.Name}\" added.");
        return Redirect("/gestion/territoires");
    }

    private async Task LoadAsync()
    {
        await LoadChoicesAsync(null, null);
        var ids = Cites.Select(c => c.Id).ToArray();
        var names = Cites.ToDictionary(c => c.Id, c => c.Name);
        Rows = (await Db.Territories.AsNoTracking().Where(t => ids.Contains(t.CiteId))
                .OrderBy(t => t.CiteId).ThenBy(t => t.Kind).ThenBy(t => t.Name)
                .Select(t => new { t.Id, t.Name, t.Kind, t.Code, Parent = t.Parent != null ? t.Parent.Name : null, t.CiteId }).ToListAsync())
            .Select(t => new Row(t.Id, t.Name, t.Kind, t.Code, t.Parent, names[t.CiteId])).ToList();
    }
}
