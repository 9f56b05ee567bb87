using Maillage.Platform.Data;
using Maillage.Platform.Identity;
using Maillage.Platform.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Network.Structures;

[Authorize(Policy = Policies.NetworkManagers)]
internal sealed class EditModel(MaillageDb db, StaffAccess access) : StructureFormModel(db)
{
    public override bool IsNew => false;
    [FromRoute] public int Id { get; set; }
    public string CiteName { get; private set; } = "";
    public string CurrentName { get; private set; } = "";
    public int PoleCount { get; private set; }
    public LocalizedText? PoleWarning { get; private set; }
    [TempData] public string? Notice { get; set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var structure = await FindAsync();
        if (structure is null) return NotFound();
        if (!await access.CanAsync(StaffAccess.NetworkManagers, structure)) return Forbid();
        Input = StructureInput.From(structure);
        await LoadAsync(structure);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var structure = await FindAsync();
        if (structure is null) return NotFound();
        if (!await access.CanAsync(StaffAccess.NetworkManagers, structure)) return Forbid();
        Input.CiteId = structure.CiteId; // a structure does not move between Cités
        await LoadAsync(structure);
        if (!await ApplyAsync(structure)) return Page();
        try
        {
            await Db.SaveChangesAsync();
        }
        catch (DbUpdateException)
        {
            ModelState.AddModelError("Input.Name", Text.T("Une autre structure de ce nom ou de cet identifiant vient d'être enregistrée dans cette Cité.", "Another structure with this name or identifier was just saved in this Cité."));
            return Page();
        }
        Notice = Text.T("Modifications enregistrées.", "Changes saved.");
        return Redirect($"/gestion/structures/{structure.Id}");
    }

    private Task<Structure?> FindAsync() =>
        Db.Structures.Include(s => s.Cite).Include(s => s.Poles).FirstOrDefaultAsync(s => s.Id == Id);

    private async Task LoadAsync(Structure structure)
    {
        CiteName = structure.Cite.Name;
        CurrentName = structure.Name;
        PoleCount = structure.Poles.Count;
        PoleWarning = structure.PoleWarning;
        Cites = [new Choice(structure.CiteId, structure.Cite.Name, structure.CiteId, structure.Cite.Name)];
        await LoadChoicesAsync([structure.CiteId], structure.Id);
    }
}
