using Maillage.Network.OpeningHours;
using Maillage.Platform.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Network.Places;

[AllowAnonymous]
internal sealed class IndexModel(PlaceQueries places) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Cite { get; set; }
    [BindProperty(SupportsGet = true)] public StructureKind? Kind { get; set; }
    [BindProperty(SupportsGet = true)] public int? Territory { get; set; }
    [BindProperty(SupportsGet = true)] public bool Open { get; set; }

    public IReadOnlyList<(Structure Structure, OpeningStatus Status)> Places { get; private set; } = [];
    public IReadOnlyList<Cite> CiteOptions { get; private set; } = [];
    public IReadOnlyList<Territory> TerritoryOptions { get; private set; } = [];
    public DateTimeOffset Now => places.Now;

    public async Task OnGetAsync(CancellationToken ct)
    {
        // An invalid filter value (say ?kind=castle) is ignored rather than failing the page.
        if (!ModelState.IsValid) { Kind = null; Territory = null; }
        Places = await places.ListAsync(new PlaceFilter(Cite, Kind, Territory, Open), ct);
        CiteOptions = await places.CitesAsync(ct);
        TerritoryOptions = await places.TerritoriesInUseAsync(ct);
    }
}
