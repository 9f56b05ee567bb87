using Maillage.Network;
using Maillage.Platform.Data;
using Maillage.Platform.Errors;
using Maillage.Platform.Identity;
using Maillage.Platform.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Rooms.Bookings;

/// <summary>The coordinator's list of booking requests of the rooms they decide on, each approved or refused with an optional note.</summary>
[Authorize(Policy = Policies.NetworkManagers)]
internal sealed class RequestsModel(MaillageDb db, RoomBookings bookings, StaffAccess access, TimeProvider clock) : PageModel
{
    public sealed record Row(int Id, int RoomId, string Room, int Capacity, string Structure, DateTimeOffset StartsAt, DateTimeOffset EndsAt, TimeZoneInfo Zone,
        string Title, int Attendees, string? RequestedBy, string? Partner, DateTimeOffset CreatedAt)
    {
        /// <summary>Who asked, with their organisation when it adds something: a name that is the partner's own is shown once.</summary>
        public string Requester => (RequestedBy?.Trim(), Partner?.Trim()) switch
        {
            (null or "", null or "") => "—",
            (null or "", { } partner) => partner,
            ({ } by, null or "") => by,
            ({ } by, { } partner) when string.Equals(by, partner, StringComparison.OrdinalIgnoreCase) => by,
            ({ } by, { } partner) => $"{by} ({partner})",
        };
    }

    public IReadOnlyList<Row> Rows { get; private set; } = [];
    [TempData] public string? Notice { get; set; }
    [TempData] public string? Problem { get; set; }

    public async Task OnGetAsync()
    {
        var now = clock.GetUtcNow();
        var requested = await db.RoomBookings.AsNoTracking().Where(b => b.Status == BookingStatus.Requested && b.EndsAt > now)
            .Join(db.Set<Room>(), b => b.RoomId, r => r.Id, (b, r) => new { b, r })
            .Join(db.Set<Structure>(), x => x.r.StructureId, s => s.Id, (x, s) => new { x.b, x.r, s })
            .OrderBy(x => x.b.StartsAt).ToListAsync();
        var partnerIds = requested.Where(x => x.b.PartnerId != null).Select(x => x.b.PartnerId!.Value).Distinct().ToList();
        var partners = await db.Partners.AsNoTracking().Where(p => partnerIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name);
        var rows = new List<Row>();
        foreach (var x in requested)
        {
            if (!await access.CanAsync(RoomBookings.Approvers, x.s)) continue;
            rows.Add(new Row(x.b.Id, x.r.Id, x.r.Name, x.r.Capacity, x.s.Name, x.b.StartsAt, x.b.EndsAt, TimeZoneInfo.FindSystemTimeZoneById(x.s.TimeZoneId),
                x.b.Title, x.b.Attendees, x.b.RequestedByName, x.b.PartnerId is { } p ? partners.GetValueOrDefault(p) : null, x.b.CreatedAt));
        }
        Rows = rows;
    }

    public async Task<IActionResult> OnPostAsync(int bookingId, string? decision, string? note)
    {
        try
        {
            var booking = await bookings.DecideAsync(bookingId, decision == "approve", note, HttpContext.RequestAborted);
            Notice = booking.Status == BookingStatus.Confirmed
                ? Text.T($"« {booking.Title} » est confirmée.", $"\"{booking.Title}\" is confirmed.")
                : Text.T($"« {booking.Title} » est refusée : le créneau est libéré.", $"\"{booking.Title}\" is refused: the time is free again.");
        }
        catch (RuleViolation rule)
        {
            Problem = rule.Text;
        }
        catch (NotFoundProblem missing)
        {
            Problem = missing.Text;
        }
        return Redirect("/gestion/salles/demandes");
    }
}
