using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Maillage.Agenda.PublicAgenda;

/// <summary>
/// Where the registration form leads, whatever happened to the address: the status and the personal link are in the
/// e-mail sent to it, so that this page tells nobody whether an address was already registered.
/// </summary>
[AllowAnonymous]
internal sealed class SentModel(EventQueries queries) : PageModel
{
    public AgendaEvent Event { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (await queries.FindAsync(id, ct: ct) is not { } row) return NotFound();
        Event = row.Event;
        return Page();
    }
}
