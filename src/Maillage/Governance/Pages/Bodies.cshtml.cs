using Maillage.Platform.Data;
using Maillage.Platform.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Governance.Pages;

/// <summary>The bodies of the person's Cités that they manage: kind, members in office, sessions held this year against the expected number.</summary>
[Authorize(Policy = Policies.Staff)]
internal sealed class BodiesModel(MaillageDb db, GovernanceAccess access, StaffAccess staff, TimeProvider clock) : PageModel
{
    public sealed record Row(Body Body, int InOffice, int HeldThisYear, int Planned, Session? Last);

    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public int Year { get; private set; }
    public bool MayCreate { get; private set; }

    public async Task OnGetAsync()
    {
        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        Year = today.Year;
        var yearStart = new DateTimeOffset(Year, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var bodies = await db.Set<Body>().Include(b => b.Members).AsSplitQuery().OrderBy(b => b.Name).ToListAsync();
        var sessions = await db.Set<Session>().Where(s => s.StartsAt >= yearStart && s.StartsAt < yearStart.AddYears(1))
            .Select(s => new { s.BodyId, s.StartsAt }).ToListAsync();
        var last = (await db.Set<Session>().Select(s => new { s.Id, s.BodyId, s.StartsAt, s.TimeZone }).ToListAsync())
            .GroupBy(s => s.BodyId).ToDictionary(g => g.Key, g => g.MaxBy(s => s.StartsAt)!);
        var rows = new List<Row>();
        foreach (var b in bodies)
        {
            if (!await access.MayManageAsync(b)) continue;
            rows.Add(new Row(b, b.InOffice(today).Count(), sessions.Count(s => s.BodyId == b.Id && s.StartsAt <= now), sessions.Count(s => s.BodyId == b.Id && s.StartsAt > now),
                last.TryGetValue(b.Id, out var l) ? new Session { Id = l.Id, BodyId = l.BodyId, StartsAt = l.StartsAt, TimeZone = l.TimeZone } : null));
        }
        Rows = rows;
        MayCreate = await staff.HasRoleAsync(GovernanceModule.Managers);
    }
}
