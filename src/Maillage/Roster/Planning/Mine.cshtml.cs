using Maillage.Network;
using Maillage.Platform.Data;
using Maillage.Platform.Errors;
using Maillage.Platform.Localization;
using Maillage.Platform.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Roster.Planning;

/// <summary>
/// A partner's counsellor's duties (issue 20, item 5): the slots they hold by name and those of their partner, for the
/// next eight weeks, and a swap to propose for each — handed over to another partner or counsellor, or exchanged with
/// another duty of the same place. The coordinator decides on the planning page.
/// </summary>
[Authorize(Policy = RosterModule.DutiesPolicy)]
internal sealed class MineModel(MaillageDb db, DutyPlanning planning, RosterAccess access, TimeProvider clock) : PageModel
{
    public const int Weeks = 8;

    public sealed record Row(DutySlot Slot, string Structure, string Pole, string Partner, string? Counsellor, DateOnly Date, TimeOnly Starts, TimeOnly Ends, IReadOnlyList<(int Id, string Label)> Exchangeable);

    [TempData] public string? Notice { get; set; }
    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public IReadOnlyList<(int Id, string Name)> Partners { get; private set; } = [];
    public IReadOnlyList<(DutySwap Swap, string What)> Proposals { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostSwapAsync(int slotId, int? withSlotId, int? toPartnerId, string? message, CancellationToken ct)
    {
        try
        {
            await planning.ProposeSwapAsync(slotId, withSlotId, withSlotId is null ? toPartnerId : null, null, message, ct);
            Notice = Text.T("Échange proposé : la coordination l'approuvera ou le refusera.", "Swap proposed: the coordinator will approve or refuse it.");
            return Redirect("/gestion/planning/mes-permanences");
        }
        catch (RuleViolation rule)
        {
            await LoadAsync(ct);
            ModelState.AddRule(rule, "");
            return Page();
        }
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var me = access.UserId;
        var partners = await access.CounsellorPartnersAsync();
        var now = clock.GetUtcNow();
        var until = now.AddDays(7 * Weeks);
        var slots = await db.DutySlots.AsNoTracking()
            .Where(s => (s.CounsellorId == me || partners.Contains(s.PartnerId)) && s.Status != DutyStatus.Cancelled && s.EndsAt > now && s.StartsAt < until)
            .OrderBy(s => s.StartsAt).Take(300).ToListAsync(ct);
        var structureIds = slots.Select(s => s.StructureId).Distinct().ToArray();
        var structures = await db.Structures.AsNoTracking().Include(s => s.Poles).Where(s => structureIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, ct);
        var cites = structures.Values.Select(s => s.CiteId).Distinct().ToArray();
        var partnerRows = await db.Partners.AsNoTracking().Where(p => cites.Contains(p.CiteId) || partners.Contains(p.Id)).OrderBy(p => p.Name).Select(p => new { p.Id, p.Name }).ToListAsync(ct);
        var partnerNames = partnerRows.ToDictionary(p => p.Id, p => p.Name);
        Partners = partnerRows.Select(p => (p.Id, p.Name)).ToList();
        var counsellorIds = slots.Select(s => s.CounsellorId).OfType<string>().Distinct().ToArray();
        var names = await db.Users.AsNoTracking().Where(u => counsellorIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName ?? u.Email!, ct);
        // Duties of other partners at the same places, to exchange with.
        var others = await db.DutySlots.AsNoTracking()
            .Where(s => structureIds.Contains(s.StructureId) && s.Status == DutyStatus.Planned && s.StartsAt > now && s.StartsAt < until && !partners.Contains(s.PartnerId) && s.CounsellorId != me)
            .OrderBy(s => s.StartsAt).Take(500).ToListAsync(ct);
        string Describe(DutySlot s)
        {
            var st = structures[s.StructureId];
            var zone = TimeZoneInfo.FindSystemTimeZoneById(st.TimeZoneId);
            var (d, a) = DutyRules.ToLocal(s.StartsAt, zone);
            var b = DutyRules.ToLocal(s.EndsAt, zone).Time;
            return $"{HumanDates.Day(d)} {a:HH\\:mm}–{b:HH\\:mm}, {st.Poles.FirstOrDefault(p => p.Id == s.PoleId)?.DisplayName}, {partnerNames.GetValueOrDefault(s.PartnerId, "?")}";
        }
        Rows = slots.Select(s =>
        {
            var st = structures[s.StructureId];
            var zone = TimeZoneInfo.FindSystemTimeZoneById(st.TimeZoneId);
            var (d, a) = DutyRules.ToLocal(s.StartsAt, zone);
            return new Row(s, st.Name, st.Poles.FirstOrDefault(p => p.Id == s.PoleId)?.DisplayName ?? "?", partnerNames.GetValueOrDefault(s.PartnerId, "?"),
                s.CounsellorId is { } c ? names.GetValueOrDefault(c) : null, d, a, DutyRules.ToLocal(s.EndsAt, zone).Time,
                others.Where(o => o.StructureId == s.StructureId).Select(o => (o.Id, Describe(o))).ToList());
        }).ToList();
        var mine = await db.DutySwaps.AsNoTracking().Where(s => s.ProposedById == me).OrderByDescending(s => s.ProposedAt).Take(20).ToListAsync(ct);
        var swapSlotIds = mine.Select(s => s.SlotId).ToArray();
        var swapSlots = await db.DutySlots.AsNoTracking().Where(s => swapSlotIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, ct);
        foreach (var id in swapSlots.Values.Select(s => s.StructureId).Distinct().Where(id => !structures.ContainsKey(id)).ToList())
            structures[id] = await db.Structures.AsNoTracking().Include(s => s.Poles).FirstAsync(s => s.Id == id, ct);
        Proposals = mine.Where(s => swapSlots.ContainsKey(s.SlotId)).Select(s => (s, Describe(swapSlots[s.SlotId]))).ToList();
    }

    public static LocalizedText StatusText(SwapStatus status) => status switch
    {
        SwapStatus.Proposed => new("en attente de la coordination", "waiting for the coordinator"),
        SwapStatus.Approved => new("approuvé", "approved"),
        SwapStatus.Refused => new("refusé", "refused"),
        _ => new("retiré", "withdrawn"),
    };
}
