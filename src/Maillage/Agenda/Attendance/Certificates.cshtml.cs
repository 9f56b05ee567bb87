using Maillage.Network;
using Maillage.Platform.Data;
using Maillage.Platform.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Agenda.Attendance;

/// <summary>
/// Attendance certificates (<i>attestations de présence</i>), one printed page each, in French with an
/// English translation, issued and signed by the structure that held the event (or by its Cité for an
/// external venue). Only for people ticked present.
/// </summary>
[Authorize(Policy = Policies.Staff)]
internal sealed class CertificatesModel(MaillageDb db, AttendanceDesk desk, EventStaffAccess access, TimeProvider clock) : PageModel
{
    public sealed record Attendee(long Id, string FirstName, string LastName);

    [FromRoute] public int Id { get; set; }
    [FromRoute] public long? RegistrationId { get; set; }

    public AgendaEvent Event { get; private set; } = null!;
    public IReadOnlyList<Attendee> Attendees { get; private set; } = [];
    public string Issuer { get; private set; } = "";
    public string? IssuerAddress { get; private set; }
    public string IssuedIn { get; private set; } = "";
    public DateOnly IssuedOn { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var found = await desk.FindEventAsync(Id, ct);
        if (found is null) return NotFound();
        if (!await access.CanRunAttendanceAsync(found)) return Forbid();
        Event = found;
        var present = db.Registrations.AsNoTracking()
            .Where(r => r.EventId == Id && r.Attendance == AttendanceStatus.Present && r.AnonymisedAt == null);
        if (RegistrationId is { } one) present = present.Where(r => r.Id == one);
        Attendees = (await present.Select(r => new Attendee(r.Id, r.Person.FirstName ?? "", r.Person.LastName ?? "")).ToListAsync(ct))
            .OrderBy(a => a.LastName, StringComparer.CurrentCultureIgnoreCase).ThenBy(a => a.FirstName, StringComparer.CurrentCultureIgnoreCase).ToList();
        if (RegistrationId is not null && Attendees.Count == 0) return NotFound();

        var cite = await db.Cites.AsNoTracking().Where(c => c.Id == found.CiteId).Select(c => c.Name).FirstAsync(ct);
        Issuer = found.Structure?.Name ?? cite;
        IssuerAddress = found.Structure?.FullAddress;
        IssuedIn = found.Structure?.City ?? found.VenueTerritory?.Name ?? "";
        IssuedOn = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), found.TimeZone).DateTime);
        return Page();
    }
}
