using Maillage.Platform.Data;
using Maillage.Platform.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Agenda.Registrations;

/// <summary>
/// Chooses the event to move one person to (same Cité, published, taking registrations, managed by the
/// organiser; the same series first). The form posts to the registrants page, which does the move in one
/// transaction and says what happened.
/// </summary>
[Authorize(Policy = Policies.Staff)]
internal sealed class MoveModel(MaillageDb db, Registrants registrants) : PageModel
{
    [FromRoute] public int Id { get; set; }
    [FromRoute] public long RegistrationId { get; set; }

    public AgendaEvent Event { get; private set; } = null!;
    public Registration Registration { get; private set; } = null!;
    public IReadOnlyList<AgendaEvent> Targets { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var found = await registrants.FindEventAsync(Id, ct);
        if (found is null) return NotFound();
        if (!await registrants.CanManageAsync(found)) return Forbid();
        var registration = await db.Registrations.AsNoTracking().FirstOrDefaultAsync(r => r.Id == RegistrationId && r.EventId == Id, ct);
        if (registration is null) return NotFound();
        Event = await db.Events.AsNoTracking().Include(e => e.Structure).FirstAsync(e => e.Id == Id, ct);
        Registration = registration;
        Targets = await registrants.MoveTargetsAsync(Event, ct);
        return Page();
    }
}
