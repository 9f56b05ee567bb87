using Maillage.Platform.Data;
using Maillage.Platform.Identity;
using Maillage.Platform.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Network.Structures;

[Authorize(Policy = Policies.NetworkManagers)]
internal sealed class CreateModel(MaillageDb db, StaffAccess access) : StructureFormModel(db)
{
    public override bool IsNew => true;

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await LoadAsync()) return Forbid();
        Input.CiteId = Cites[0].Id;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!await LoadAsync()) return Forbid();
        // Only a coordinator of a whole Cité creates structures in it.
        if (!await access.CanOnCiteAsync(StaffAccess.NetworkManagers, Input.CiteId))
        {
            ModelState.AddModelError("Input.CiteId", Text.T("Choisissez une Cité que vous gérez.", "Choose a Cité you manage."));
            return Page();
        }
        var structure = new Structure { Name = "", Slug = "" };
        if (!await ApplyAsync(structure)) return Page();
        Db.Structures.Add(structure);
        try
        {
            await Db.SaveChangesAsync();
        }
        catch (DbUpdateException)
        {
            ModelState.AddModelError("Input.Name", Text.T("Une structure de ce nom ou de cet identifiant vient d'être créée dans cette Cité.", "A structure with this name or identifier was just created in this Cité."));
            return Page();
        }
        TempData["Notice"] = Text.T($"Structure « {structure.Name} » créée. Ajoutez maintenant ses pôles et ses horaires.", $"Structure \"{structure.Name}\" created. Now add its poles and hours.");
        return Redirect($"/gestion/structures/{structure.Id}");
    }

    private async Task<bool> LoadAsync()
    {
        Cites = await (await access.ManageableCitesAsync(StaffAccess.NetworkManagers)).AsNoTracking()
            .OrderBy(c => c.Name).Select(c => new Choice(c.Id, c.Name, c.Id, c.Name)).ToListAsync();
        if (Cites.Count == 0) return false;
        await LoadChoicesAsync(Cites.Select(c => c.Id).ToArray(), null);
        return true;
    }
}
