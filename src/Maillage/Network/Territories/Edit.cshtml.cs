using Maillage.Platform.Data;
using Maillage.Platform.Identity;
using Maillage.Platform.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Network.Territories;

[Authorize(Policy = Policies.NetworkManagers)]
internal sealed class EditModel(MaillageDb db, StaffAccess access) : TerritoryFormModel(db, access)
{
    public override bool IsNew => false;
    [FromRoute] public int Id { get; set; }
    public string CurrentName { get; private set; } = "";
    [TempData] public string? Notice { get; set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var territory = await Db.Territories.FirstOrDefaultAsync(t => t.Id == Id);
        if (territory is null) return NotFound();
        if (!await Access.CanOnCiteAsync(StaffAccess.NetworkManagers, territory.CiteId)) return Forbid();
        Input = new TerritoryInput { CiteId = territory.CiteId, Kind = territory.Kind, Name = territory.Name, Code = territory.Code, ParentId = territory.ParentId };
        CurrentName = territory.Name;
        await LoadChoicesAsync(territory.CiteId, territory.Id);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var territory = await Db.Territories.FirstOrDefaultAsync(t => t.Id == Id);
        if (territory is null) return NotFound();
        if (!await Access.CanOnCiteAsync(StaffAccess.NetworkManagers, territory.CiteId)) return Forbid();
        CurrentName = territory.Name;
        Input.CiteId = territory.CiteId;
        await LoadChoicesAsync(territory.CiteId, territory.Id);
        if (!await ApplyAsync(territory)) return Page();
        await Db.SaveChangesAsync();
        Notice = Text.T("Modifications enregistrées.", "Changes saved.");
        return Redirect($"/gestion/territoires/{territory.Id}");
    }
}
