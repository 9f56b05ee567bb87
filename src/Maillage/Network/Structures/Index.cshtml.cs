using Maillage.Platform.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Network.Structures;

[Authorize(Policy = Policies.NetworkManagers)]
internal sealed class IndexModel(StaffAccess access) : PageModel
{
    public sealed record Row(int Id, string Name, StructureKind Kind, StructureStatus Status, string Cite, string? Commune, string? City, int Poles)
    {
        public bool TooFewPoles => Kind == StructureKind.Site && Poles < Structure.MinSitePoles;
    }

    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public bool CanCreate { get; private set; }

    public async Task OnGetAsync()
    {
        var structures = await access.ManageableStructuresAsync(StaffAccess.NetworkManagers);
        Rows = await structures.AsNoTracking()
            .OrderBy(s => s.Cite.Name).ThenBy(s => s.Kind).ThenBy(s => s.Name)
            .Select(s => new Row(s.Id, s.Name, s.Kind, s.Status, s.Cite.Name, s.Commune != null ? s.Commune.Name : null, s.City, s.Poles.Count))
            .ToListAsync();
        CanCreate = await (await access.ManageableCitesAsync(StaffAccess.NetworkManagers)).AnyAsync();
    }
}
