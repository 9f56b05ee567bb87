using System.Globalization;
using Maillage.Network;
using Maillage.Platform.Data;
using Maillage.Platform.Errors;
using Maillage.Platform.Identity;
using Maillage.Platform.Localization;
using Maillage.Platform.Web;
using Maillage.Rooms.Bookings;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Rooms.Catalogue;

/// <summary>A room's description, hours and who may book it, entered by the coordinator of its structure (create when no id).</summary>
[Authorize(Policy = Policies.NetworkManagers)]
internal sealed class EditModel(MaillageDb db, StaffAccess access) : PageModel
{
    public static readonly DayOfWeek[] Week = [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday];

    public sealed class RoomInput
    {
        public int StructureId { get; set; }
        public string? Name { get; set; }
        public int? Capacity { get; set; }
        public string? Layout { get; set; }
        public string? Equipment { get; set; }
        public string? Accessibility { get; set; }
        public int? BufferMinutes { get; set; }
        public bool NeedsApproval { get; set; } = true;
        public bool CiteStaffMayBook { get; set; } = true;
        public List<DayOfWeek> Days { get; set; } = [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday];
        public string? Opens { get; set; } = "09:00";
        public string? Closes { get; set; } = "18:00";
        public string? Closures { get; set; }
        public List<int> PartnerIds { get; set; } = [];
        public int? ConventionPartnerId { get; set; }
    }

    [FromRoute] public int? Id { get; set; }
    [FromQuery(Name = "structure")] public int? ForStructure { get; set; }
    [BindProperty] public RoomInput Input { get; set; } = new();
    public IReadOnlyList<(int Id, string Name)> Structures { get; private set; } = [];
    public IReadOnlyList<(int Id, string Name)> Partners { get; private set; } = [];
    public string Heading { get; private set; } = "";

    public static string DayName(DayOfWeek d) => CultureInfo.CurrentUICulture.DateTimeFormat.GetDayName(d) is var n ? char.ToUpper(n[0], CultureInfo.CurrentUICulture) + n[1..] : "";

    public async Task<IActionResult> OnGetAsync()
    {
        if (Id is { } id)
        {
            var room = await FindAsync(id);
            if (room is null) return NotFound();
            if (!await MayManageAsync(room.StructureId)) return Forbid();
            var hours = room.Hours.OrderBy(h => h.Opens).ToList();
            Input = new RoomInput
            {
                StructureId = room.StructureId, Name = room.Name, Capacity = room.Capacity, Layout = room.Layout, Equipment = room.Equipment,
                Accessibility = room.Accessibility, BufferMinutes = room.BufferMinutes, NeedsApproval = room.NeedsApproval, CiteStaffMayBook = room.CiteStaffMayBook,
                Days = hours.Select(h => h.Day).Distinct().ToList(), Opens = hours.FirstOrDefault()?.Opens.ToString("HH:mm"), Closes = hours.FirstOrDefault()?.Closes.ToString("HH:mm"),
                Closures = string.Join("\n", room.Closures.OrderBy(c => c.Date).Select(c => $"{c.Date:yyyy-MM-dd} {c.Reason}".TrimEnd())),
                PartnerIds = room.Partners.Where(p => !p.Convention).Select(p => p.PartnerId).ToList(),
                ConventionPartnerId = room.Partners.FirstOrDefault(p => p.Convention)?.PartnerId,
            };
            Heading = room.Name;
        }
        else if (ForStructure is { } s) Input.StructureId = s;
        await LoadChoicesAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        ModelState.LocalizeBindingErrors();
        Room room;
        if (Id is { } id)
        {
            room = (await FindAsync(id))!;
            if (room is null) return NotFound();
            if (!await MayManageAsync(room.StructureId)) return Forbid();
            Heading = room.Name;
            Input.StructureId = room.StructureId;
        }
        else
        {
            if (!await MayManageAsync(Input.StructureId))
            {
                await LoadChoicesAsync();
                ModelState.AddModelError("Input.StructureId", Text.T("Choisissez une structure dont vous coordonnez les salles.", "Choose a structure whose rooms you coordinate."));
                return Page();
            }
            var structure = await db.Structures.AsNoTracking().FirstAsync(s => s.Id == Input.StructureId);
            room = new Room { CiteId = structure.CiteId, StructureId = structure.Id, Name = "" };
        }
        await LoadChoicesAsync();
        try
        {
            Apply(room);
        }
        catch (RuleViolation rule)
        {
            ModelState.AddRule(rule);
        }
        if (!ModelState.IsValid) return Page();
        if (room.Id == 0) db.Rooms.Add(room);
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            ModelState.AddModelError("Input.Name", Text.T("Une autre salle de cette structure porte déjà ce nom.", "Another room of this structure already has this name."));
            return Page();
        }
        TempData["Notice"] = Text.T("Salle enregistrée.", "Room saved.");
        return Redirect($"/gestion/salles/{room.Id}");
    }

    private void Apply(Room room)
    {
        var problems = new List<RuleViolation>();
        try { Room.Validate(Input.Name, Input.Capacity ?? 0, Input.BufferMinutes ?? 0); }
        catch (RuleViolation rule) { problems.AddRange(rule.Problems); }
        TimeOnly opens = default, closes = default;
        if (Input.Days.Count > 0 && (!FormErrors.TryParseTime(Input.Opens, out opens) || !FormErrors.TryParseTime(Input.Closes, out closes)))
            problems.Add(new("opens", new("Indiquez l'heure de début et de fin des réservations (09:00, 18:00).", "Give the time bookings may start and must end (09:00, 18:00).")));
        else if (Input.Days.Count > 0 && closes <= opens)
            problems.Add(new("closes", new("La fin des réservations vient après leur début.", "The end of the bookable hours comes after their start.")));
        var closures = new List<RoomClosure>();
        var lineNumber = 0;
        foreach (var line in (Input.Closures ?? "").Split('\n', StringSplitOptions.TrimEntries))
        {
            lineNumber++;
            if (line.Length == 0) continue;
            var parts = line.Split(' ', 2, StringSplitOptions.TrimEntries);
            if (!Platform.Errors.DateInput.TryParseForm(parts[0], out var date))
            {
                problems.Add(new("closures", new($"Ligne {lineNumber} : « {parts[0]} » n'est pas une date (écrivez 24/12/2026 ou 2026-12-24, puis le motif).", $"Line {lineNumber}: \"{parts[0]}\" is not a date (write 2026-12-24 or 24/12/2026, then the reason).")));
                continue;
            }
            closures.Add(new RoomClosure { RoomId = room.Id, Date = date, Reason = parts.Length > 1 && parts[1].Length > 0 ? parts[1][..Math.Min(parts[1].Length, 300)] : null });
        }
        var partnerIds = Partners.Select(p => p.Id).ToHashSet();
        if (Input.PartnerIds.Concat(Input.ConventionPartnerId is { } c ? [c] : []).Any(p => !partnerIds.Contains(p)))
            problems.Add(new("partnerIds", new("Un partenaire choisi n'est pas de la Cité de cette salle.", "A chosen partner is not of this room's Cité.")));
        RuleViolation.ThrowIfAny(problems);

        room.Name = Input.Name!.Trim();
        room.Capacity = Input.Capacity!.Value;
        room.Layout = Blank(Input.Layout);
        room.Equipment = Blank(Input.Equipment);
        room.Accessibility = Blank(Input.Accessibility);
        room.BufferMinutes = Input.BufferMinutes ?? 0;
        room.NeedsApproval = Input.NeedsApproval;
        room.CiteStaffMayBook = Input.CiteStaffMayBook;
        room.ReplaceHours([.. Input.Days.Distinct().Select(d => (d, opens, closes))]);
        room.Closures.Clear();
        room.Closures.AddRange(closures.GroupBy(x => x.Date).Select(g => g.First()));
        room.Partners.Clear();
        foreach (var p in Input.PartnerIds.Distinct().Where(p => p != Input.ConventionPartnerId))
            room.Partners.Add(new RoomPartner { PartnerId = p });
        if (Input.ConventionPartnerId is { } convention) room.Partners.Add(new RoomPartner { PartnerId = convention, Convention = true });
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private Task<Room?> FindAsync(int id) =>
        db.Rooms.Include(r => r.Hours).Include(r => r.Closures).Include(r => r.Partners).AsSplitQuery().FirstOrDefaultAsync(r => r.Id == id);

    private async Task<bool> MayManageAsync(int structureId) =>
        await db.Structures.AsNoTracking().FirstOrDefaultAsync(s => s.Id == structureId) is { } s && await access.CanAsync(RoomBookings.Approvers, s);

    private async Task LoadChoicesAsync()
    {
        Structures = (await (await access.ManageableStructuresAsync(RoomBookings.Approvers)).AsNoTracking().OrderBy(s => s.Name).Select(s => new { s.Id, s.Name }).ToListAsync()).Select(x => (x.Id, x.Name)).ToList();
        var citeId = await db.Structures.AsNoTracking().Where(s => s.Id == (Input.StructureId == 0 && Structures.Count > 0 ? Structures[0].Id : Input.StructureId)).Select(s => (int?)s.CiteId).FirstOrDefaultAsync();
        Partners = (await db.Partners.AsNoTracking().Where(p => p.CiteId == citeId).OrderBy(p => p.Name).Select(p => new { p.Id, p.Name }).ToListAsync()).Select(x => (x.Id, x.Name)).ToList();
    }
}
