using Maillage.Network;
using Maillage.Platform.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Visits.Reception;

/// <summary>
/// Where the person may log visits; one structure leads straight to its reception screen. Signing in as a reception
/// agent lands on <see cref="Resume"/>: the reception screen last used on this device (a cookie the reception screen
/// sets), when the person may still log visits there.
/// </summary>
[Authorize(Policy = Policies.Staff)]
internal sealed class IndexModel(StaffAccess access) : PageModel
{
    /// <summary>The landing of reception agents (VisitsModule): this page, resuming the last reception screen.</summary>
    public const string Resume = "/gestion/accueil?reprendre=1";
    /// <summary>The structure of the reception screen last opened on this device: a functional cookie, no tracking.</summary>
    public const string LastStructureCookie = ".Maillage.Reception";

    public IReadOnlyList<Structure> Structures { get; private set; } = [];
    public int? LastUsed { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var resume = Request.Query.ContainsKey("reprendre");
        Structures = await (await access.ManageableStructuresAsync(VisitIntake.Loggers)).AsNoTracking()
            .Where(s => s.Status != StructureStatus.Closed).OrderBy(s => s.CiteId).ThenBy(s => s.Name).ToListAsync();
        if (Structures.Count == 1) return RedirectToPage("/Visits/Reception/Reception", new { id = Structures[0].Id });
        LastUsed = int.TryParse(Request.Cookies[LastStructureCookie], out var id) && Structures.Any(s => s.Id == id) ? id : null;
        if (resume && (LastUsed ?? await OwnStructureAsync()) is { } last) return RedirectToPage("/Visits/Reception/Reception", new { id = last });
        // The structure used last comes first in the list.
        if (LastUsed is { } first) Structures = [.. Structures.Where(s => s.Id == first), .. Structures.Where(s => s.Id != first)];
        return Page();
    }

    /// <summary>
    /// Before any reception screen was used on this device: the one structure the person's role names (an agent of a
    /// place whose antennas it may also serve), if it is one.
    /// </summary>
    private async Task<int?> OwnStructureAsync()
    {
        var own = (await access.AssignmentsAsync())
            .Where(a => a.Scope == ScopeKind.Structure && VisitIntake.Loggers.Contains(a.Role)).Select(a => a.StructureId!.Value).Distinct().ToList();
        return own.Count == 1 && Structures.Any(s => s.Id == own[0]) ? own[0] : null;
    }

    /// <summary>Remembers the reception screen opened (by <see cref="ReceptionModel"/>) for a year, on this device.</summary>
    public static void Remember(HttpResponse response, int structureId) =>
        response.Cookies.Append(LastStructureCookie, structureId.ToString(System.Globalization.CultureInfo.InvariantCulture), new CookieOptions
        {
            Path = "/gestion/accueil", HttpOnly = true, IsEssential = true, SameSite = SameSiteMode.Lax,
            Secure = response.HttpContext.Request.IsHttps, MaxAge = TimeSpan.FromDays(365),
        });
}
