using Maillage.Network;
using Maillage.Platform.Data;
using Maillage.Platform.Identity;
using Maillage.Rooms.Bookings;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Rooms.Catalogue;

/// <summary>The rooms of the person's Cités, by structure; coordinators add and edit those of their structures.</summary>
[Authorize(Policy = RoomsModule.BookersPolicy)]
internal sealed class IndexModel(MaillageDb db, StaffAccess access) : PageModel
{
    public sealed record Row(int Id, string Name, int Capacity, string? Layout, string Hours, bool NeedsApproval, int Waiting);
    public sealed record Group(int StructureId, string Structure, bool CanManage, IReadOnlyList<Row> Rooms);
    public IReadOnlyList<Group> Groups { get; private set; } = [];
    public IReadOnlyList<(int Id, string Name)> Manageable { get; private set; } = [];
    public int Waiting { get; private set; }

    public async Task OnGetAsync()
    {
        var rooms = await db.Rooms.AsNoTracking().Include(r => r.Hours).OrderBy(r => r.Name).ToListAsync();
        var structureIds = rooms.Select(r => r.StructureId).Distinct().ToList();
        var structures = await db.Structures.AsNoTracking().Where(s => structureIds.Contains(s.Id)).ToListAsync();
        var waiting = await db.RoomBookings.AsNoTracking().Where(b => b.Status == BookingStatus.Requested).GroupBy(b => b.RoomId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count);
        var groups = new List<Group>();
        foreach (var s in structures.OrderBy(s => s.Name))
        {
            var manage = await access.CanAsync(RoomBookings.Approvers, s);
            groups.Add(new Group(s.Id, s.Name, manage, rooms.Where(r => r.StructureId == s.Id)
                .Select(r => new Row(r.Id, r.Name, r.Capacity, r.Layout, r.DescribeHours(), r.NeedsApproval, manage ? waiting.GetValueOrDefault(r.Id) : 0)).ToList()));
        }
        Groups = groups;
        Waiting = groups.SelectMany(g => g.Rooms).Sum(r => r.Waiting);
        Manageable = (await (await access.ManageableStructuresAsync(RoomBookings.Approvers)).AsNoTracking().OrderBy(s => s.Name).Select(s => new { s.Id, s.Name }).ToListAsync()).Select(x => (x.Id, x.Name)).ToList();
    }
}
