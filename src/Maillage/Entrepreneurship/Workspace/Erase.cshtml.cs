using Maillage.Platform.Errors;
using Maillage.Platform.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Maillage.Entrepreneurship.Workspace;

/// <summary>
/// Erases a holder on request — or when the person withdraws their consent to the coaching — after a confirmation:
/// the existing erasure (<see cref="HolderErasure"/>, as <c>DELETE /api/v1/entrepreneurship/holders/{id}</c>).
/// </summary>
[Authorize(Policy = EntrepreneurshipModule.StaffPolicy)]
internal sealed class EraseModel(ProgrammeAccess access, HolderErasure erasure) : PageModel
{
    [FromRoute] public int Id { get; set; }
    [BindProperty] public bool Confirm { get; set; }
    [TempData] public string? Notice { get; set; }
    public ProjectHolder Holder { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        try { Holder = await access.HolderAsync(Id, ct); }
        catch (NotFoundProblem) { return NotFound(); }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        try { Holder = await access.HolderAsync(Id, ct); }
        catch (NotFoundProblem) { return NotFound(); }
        if (!Confirm)
        {
            ModelState.AddModelError(nameof(Confirm), Text.T("Cochez la case pour confirmer l'effacement.", "Tick the box to confirm the erasure."));
            return Page();
        }
        var name = Holder.DisplayName;
        await erasure.EraseAsync(Holder, "request", ct);
        Notice = Text.T($"La fiche de {name} est effacée.", $"The record of {name} is erased.");
        return Redirect("/gestion/citeslab");
    }
}
