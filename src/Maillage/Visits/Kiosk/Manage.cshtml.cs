using Maillage.Network;
using Maillage.Platform.Data;
using Maillage.Platform.Identity;
using Maillage.Platform.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Visits.Kiosk;

/// <summary>
/// A member of staff of the structure opens this tablet as its kiosk (their own session on the tablet then
/// ends, so that visitors cannot reach the back office), or closes a kiosk of the structure.
/// </summary>
[Authorize(Policy = Policies.Staff)]
internal sealed class ManageModel(MaillageDb db, StaffAccess access, SignInManager<StaffUser> signIn, TimeProvider clock) : PageModel
{
    [FromRoute] public int Id { get; set; }

    public IActionResult OnGet() => Redirect($"/gestion/accueil/{Id}");

    public async Task<IActionResult> OnPostStartAsync(string? name)
    {
        var structure = await db.Structures.FirstOrDefaultAsync(s => s.Id == Id);
        if (structure is null) return NotFound();
        if (!await access.CanAsync(VisitIntake.Loggers, structure) || access.UserId is not { } userId) return Forbid();
        name = string.IsNullOrWhiteSpace(name) ? Text.T("Tablette", "Tablet") : name.Trim()[..Math.Min(80, name.Trim().Length)];
        var (device, secret) = KioskDevice.Start(structure, name, userId, clock.GetUtcNow());
        db.KioskDevices.Add(device);
        await db.SaveChangesAsync();
        await signIn.SignOutAsync();
        KioskSession.SetCookie(HttpContext, secret, device.ExpiresAt);
        return Redirect("/kiosque");
    }

    public async Task<IActionResult> OnPostEndAsync(int kioskId)
    {
        var structure = await db.Structures.FirstOrDefaultAsync(s => s.Id == Id);
        if (structure is null) return NotFound();
        if (!await access.CanAsync(VisitIntake.Loggers, structure)) return Forbid();
        var device = await db.KioskDevices.FirstOrDefaultAsync(k => k.Id == kioskId && k.StructureId == Id);
        if (device is null) return NotFound();
        device.EndedAt ??= clock.GetUtcNow();
        await db.SaveChangesAsync();
        TempData["Notice"] = Text.T($"Kiosque « {device.Name} » fermé.", $"Kiosk \"{device.Name}\" closed.");
        return Redirect($"/gestion/accueil/{Id}");
    }
}
