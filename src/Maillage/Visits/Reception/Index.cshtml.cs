using Maillage.Network;
using Maillage.Platform.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Visits.Reception;

/// <summary>Where the person may log visits; one structure leads straight to its reception screen.</summary>
[Authorize(Policy = Policies.Staff)]
internal sealed class IndexModel(StaffAccess access) : PageModel
{
    public IReadOnlyList<Structure> Structures { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        Structures = await (await access.ManageableStructuresAsync(VisitIntake.Loggers)).AsNoTracking()
            .Where(s => s.Status != StructureStatus.Closed).OrderBy(s => s.CiteId).ThenBy(s => s.Name).ToListAsync();
        if (Structures.Count == 1) return RedirectToPage("/Visits/Reception/Reception", new { id = Structures[0].Id });
        return Page();
    }
}
