using Maillage.Platform.Data;
using Maillage.Platform.Identity;
using Maillage.Platform.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Network.Partners;

[Authorize(Policy = Policies.NetworkManagers)]
internal sealed class CreateModel(MaillageDb db, StaffAccess access) : PartnerFormModel(db, access)
{
    public override bool IsNew => true;

    public async Task<IActionResult> OnGetAsync()
    {
        await LoadChoicesAsync(null);
        if (Cites.Count == 0) return Forbid();
        Input.CiteId = Cites[0].Id;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await LoadChoicesAsync(null);
        if (Cites.Count == 0) return Forbid();
        if (!await Access.CanOnCiteAsync(StaffAccess.NetworkManagers, Input.CiteId))
        {
            ModelState.AddModelError("Input.CiteId", Text.T("Choisissez une Cité que vous gérez.", "Choose a Cité you manage."));
            return Page();
        }
        var partner = new Partner { Name = "" };
        if (!await ApplyAsync(partner)) return Page();
        Db.Partners.Add(partner);
        try
        {
            await Db.SaveChangesAsync();
        }
        catch (DbUpdateException)
        {
            ModelState.AddModelError("Input.Name", Text.T("Un partenaire de ce nom vient d'être créé dans cette Cité.", "A partner with this name was just created in this Cité."));
            return Page();
        }
        TempData["Notice"] = Text.T($"Partenaire « {partner.Name} » créé.", $"Partner \"{partner.Name}\" created.");
        return Redirect($"/gestion/partenaires/{partner.Id}");
    }
}
