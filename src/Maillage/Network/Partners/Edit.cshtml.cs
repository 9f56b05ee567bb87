using Maillage.Platform.Data;
using Maillage.Platform.Identity;
using Maillage.Platform.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Network.Partners;

[Authorize(Policy = Policies.NetworkManagers)]
internal sealed class EditModel(MaillageDb db, StaffAccess access) : PartnerFormModel(db, access)
{
    public override bool IsNew => false;
    [FromRoute] public int Id { get; set; }
    public string CurrentName { get; private set; } = "";
    [TempData] public string? Notice { get; set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var partner = await FindAsync();
        if (partner is null) return NotFound();
        if (!await Access.CanOnCiteAsync(StaffAccess.NetworkManagers, partner.CiteId)) return Forbid();
        Input = new PartnerInput
        {
            CiteId = partner.CiteId, Name = partner.Name, Type = partner.Type, Roles = partner.Roles.Each().ToList(),
            Publics = partner.Publics, Website = partner.Website, PoleIds = partner.Poles.Select(p => p.PoleId).ToList(),
        };
        CurrentName = partner.Name;
        await LoadChoicesAsync(partner.CiteId);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var partner = await FindAsync();
        if (partner is null) return NotFound();
        if (!await Access.CanOnCiteAsync(StaffAccess.NetworkManagers, partner.CiteId)) return Forbid();
        CurrentName = partner.Name;
        Input.CiteId = partner.CiteId;
        await LoadChoicesAsync(partner.CiteId);
        if (!await ApplyAsync(partner)) return Page();
        try
        {
            await Db.SaveChangesAsync();
        }
        catch (DbUpdateException)
        {
            ModelState.AddModelError("Input.Name", Text.T("Un autre partenaire de ce nom vient d'être enregistré dans cette Cité.", "Another partner with this name was just saved in this Cité."));
            return Page();
        }
        Notice = Text.T("Modifications enregistrées.", "Changes saved.");
        return Redirect($"/gestion/partenaires/{partner.Id}");
    }

    private Task<Partner?> FindAsync() => Db.Partners.Include(p => p.Poles).FirstOrDefaultAsync(p => p.Id == Id);
}
