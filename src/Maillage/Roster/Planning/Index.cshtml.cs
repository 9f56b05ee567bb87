using Maillage.Network;
using Maillage.Platform.Data;
using Maillage.Platform.Errors;
using Maillage.Platform.Identity;
using Maillage.Platform.Localization;
using Maillage.Platform.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Roster.Planning;

/// <summary>
/// The coordinator's planning of a structure (issue 20, item 2): a week (or month) grid of poles × half-days, gaps
/// shown as "Personne", and every action as a plain form — add a slot, mark absent, replace, remove, copy the week,
/// fill from a pattern, decide the swaps proposed. A per-partner list answers "what does this partner hold?".
/// </summary>
[Authorize(Policy = RosterModule.PlanningPolicy)]
internal sealed class IndexModel(MaillageDb db, DutyPlanning planning, RosterAccess access, TimeProvider clock) : PageModel
{
    public sealed class SlotInput
    {
        public int? PoleId { get; set; }
        public string? Date { get; set; }
        public string? Starts { get; set; }
        public string? Ends { get; set; }
        public int? PartnerId { get; set; }
        public string? CounsellorId { get; set; }
        public string? Note { get; set; }
    }

    public sealed class PatternInput
    {
        public int? PoleId { get; set; }
        public int? PartnerId { get; set; }
        public string? CounsellorId { get; set; }
        public string? FirstDate { get; set; }
        public string? Starts { get; set; }
        public string? Ends { get; set; }
        /// <summary>How it repeats, in a coordinator's words: <see cref="RepeatChoices"/>; "rule" reads <see cref="RecurrenceRule"/>.</summary>
        public string? Repeat { get; set; } = "weekly";
        /// <summary>The last date it may repeat on (every choice but "rule").</summary>
        public string? Until { get; set; }
        public string? RecurrenceRule { get; set; }
    }

    /// <summary>The repetitions offered in words; the weekday (and its rank in the month) is the first date's.</summary>
    public static readonly (string Value, Platform.Localization.LocalizedText Label)[] RepeatChoices =
    [
        ("weekly", new("Chaque semaine, le même jour", "Every week, on the same day")),
        ("biweekly", new("Une semaine sur deux, le même jour", "Every other week, on the same day")),
        ("monthly", new("Chaque mois, le même rang du jour (ex. 1er mardi)", "Every month, the same weekday rank (e.g. 1st Tuesday)")),
        ("rule", new("Règle iCalendar (RRULE) saisie", "An iCalendar rule (RRULE) typed in")),
    ];

    /// <summary>The RRULE for a repetition chosen in words, from the first date (its weekday and rank) to the last.</summary>
    internal static string RuleFor(string repeat, DateOnly first, DateOnly until)
    {
        var day = first.DayOfWeek.ToString()[..2].ToUpperInvariant();
        var end = $"UNTIL={until:yyyyMMdd}";
        return repeat switch
        {
            "biweekly" => $"FREQ=WEEKLY;INTERVAL=2;BYDAY={day};{end}",
            "monthly" => $"FREQ=MONTHLY;BYDAY={(first.Day + 6) / 7}{day};{end}",
            _ => $"FREQ=WEEKLY;BYDAY={day};{end}",
        };
    }

    public sealed record Option(string Value, string Label);

    [FromQuery(Name = "structure")] public int? StructureId { get; set; }
    [FromQuery(Name = "week")] public string? WeekText { get; set; }
    [FromQuery(Name = "view")] public string? View { get; set; }
    [FromQuery(Name = "partner")] public int? PartnerFilter { get; set; }
    [FromQuery(Name = "slot")] public int? SlotSelected { get; set; }
    [BindProperty] public SlotInput Input { get; set; } = new();
    [BindProperty] public PatternInput Pattern { get; set; } = new();
    [TempData] public string? Notice { get; set; }

    public IReadOnlyList<Structure> Structures { get; private set; } = [];
    public PlanningPlace? Place { get; private set; }
    public DateOnly From { get; private set; }
    public DateOnly To { get; private set; }
    public IReadOnlyList<DayOfWeek> Weekdays { get; private set; } = [];
    public IReadOnlyList<HalfDayCell> Cells { get; private set; } = [];
    public IReadOnlyDictionary<int, string> PartnerNames { get; private set; } = new Dictionary<int, string>();
    public IReadOnlyDictionary<string, string> CounsellorNames { get; private set; } = new Dictionary<string, string>();
    public IReadOnlyList<Option> PartnerOptions { get; private set; } = [];
    public IReadOnlyList<Option> CounsellorOptions { get; private set; } = [];
    public IReadOnlyList<DutySlot> PartnerSlots { get; private set; } = [];
    public IReadOnlyList<DutySwap> Swaps { get; private set; } = [];
    public IReadOnlyDictionary<int, DutySlot> SwapSlots { get; private set; } = new Dictionary<int, DutySlot>();
    public DutySlot? Selected { get; private set; }
    public FillPlan? Plan { get; private set; }
    public int? PlanPatternId { get; private set; }
    public int? PlanCopyWeeks { get; private set; }
    public bool IsMonth => ViewName == "month";
    public bool IsPartner => ViewName == "partner";

    /// <summary>
    /// The view in the address's English words (<c>view=month</c>, <c>view=partner</c>; none: the week), as <c>week=</c>
    /// and <c>structure=</c> are; the French words of older links (<c>mois</c>, <c>partenaire</c>, <c>semaine</c>) still work.
    /// </summary>
    public string? ViewName => ViewWord(View);

    private static string? ViewWord(string? view) => view?.Trim().ToLowerInvariant() switch
    {
        "month" or "mois" => "month",
        "partner" or "partenaire" => "partner",
        _ => null,
    };

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (Place is not null && Input.PoleId is null)
        {
            // A cell's "add" link fills the form: ?pole=&date=&half=
            if (int.TryParse(Request.Query["pole"], out var pole)) Input.PoleId = pole;
            if (DateInput.Parse(Request.Query["date"], "date") is { } date) Input.Date = date.ToString("yyyy-MM-dd");
            // half=morning|afternoon; the French words of older links (matin, apres-midi) still work.
            HalfDay? asked = Request.Query["half"].ToString() switch { "morning" or "matin" => HalfDay.Morning, "afternoon" or "apres-midi" => HalfDay.Afternoon, _ => null };
            if (asked is { } half)
            {
                var (f, t) = Coverage.Bounds(half);
                var ranges = DateOnly.TryParse(Input.Date, out var d) ? DutyRules.Merged(Place.Schedule.On(d).Ranges).Where(r => r.Opens < t && r.Closes > f).ToList() : [];
                if (ranges.Count > 0)
                {
                    Input.Starts = (ranges[0].Opens > f ? ranges[0].Opens : f).ToString("HH:mm");
                    Input.Ends = (ranges[0].Closes < t ? ranges[0].Closes : t).ToString("HH:mm");
                }
            }
        }
        return Page();
    }

    public Task<IActionResult> OnPostAddAsync(CancellationToken ct) => ActAsync("Input", async () =>
    {
        var request = ReadSlot();
        await planning.AddSlotAsync(request, ct);
        return T("Permanence ajoutée.", "Duty added.");
    }, ct);

    public Task<IActionResult> OnPostAbsentAsync(int slotId, string? reason, CancellationToken ct) => ActAsync("", async () =>
    {
        await planning.MarkAbsentAsync(slotId, reason, ct);
        return T("Absence enregistrée : la demi-journée apparaît sans personne tant que personne ne remplace.", "Absence recorded: the half-day shows uncovered unless someone replaces.");
    }, ct);

    public Task<IActionResult> OnPostReplaceAsync(int slotId, int? partnerId, string? counsellorId, string? reason, CancellationToken ct) => ActAsync("", async () =>
    {
        if (partnerId is null) throw new RuleViolation("PartnerId", new("Choisissez le partenaire qui remplace.", "Choose the partner who replaces."));
        await planning.ReplaceAsync(slotId, partnerId.Value, counsellorId, reason, ct);
        return T("Remplacement enregistré.", "Replacement recorded.");
    }, ct);

    public Task<IActionResult> OnPostRemoveAsync(int slotId, CancellationToken ct) => ActAsync("", async () =>
    {
        await planning.RemoveAsync(slotId, ct);
        return T("Permanence retirée.", "Duty removed.");
    }, ct);

    public Task<IActionResult> OnPostSwapAsync(int swapId, bool approve, CancellationToken ct) => ActAsync("", async () =>
    {
        await planning.DecideSwapAsync(swapId, approve, ct);
        return approve ? T("Échange approuvé et appliqué.", "Swap approved and applied.") : T("Échange refusé.", "Swap refused.");
    }, ct);

    public async Task<IActionResult> OnPostCopyAsync(int weeks, bool confirmed, CancellationToken ct)
    {
        await LoadAsync(ct);
        if (Place is null) return Page();
        try
        {
            var plan = await planning.CopyWeekAsync(Place.Structure.Id, From, weeks, confirmed, ct);
            if (plan.Saved || (plan.Refused.Count == 0 && plan.Created.Count == 0))
            {
                Notice = Text.T($"Semaine copiée : {plan.Created.Count} permanence(s) créée(s), {plan.AlreadyThere} déjà en place, {plan.Refused.Count} refusée(s).",
                    $"Week copied: {plan.Created.Count} duty(ies) created, {plan.AlreadyThere} already there, {plan.Refused.Count} refused.");
                return Redirect(Here());
            }
            (Plan, PlanCopyWeeks) = (plan, weeks);
        }
        catch (RuleViolation rule) { ModelState.AddRule(rule, ""); }
        return Page();
    }

    public async Task<IActionResult> OnPostPatternAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (Place is null) return Page();
        try
        {
            var p = Pattern;
            var problems = new List<RuleViolation>();
            if (p.PoleId is null) problems.Add(new("PoleId", new("Choisissez le pôle.", "Choose the pole.")));
            if (p.PartnerId is null) problems.Add(new("PartnerId", new("Choisissez le partenaire.", "Choose the partner.")));
            var first = Date(p.FirstDate, "FirstDate", problems);
            var starts = Time(p.Starts, "Starts", problems);
            var ends = Time(p.Ends, "Ends", problems);
            var repeat = p.Repeat ?? "weekly";
            DateOnly? until = null;
            if (!RepeatChoices.Any(c => c.Value == repeat)) problems.Add(new("Repeat", new("Choisissez comment la permanence se répète.", "Choose how the duty repeats.")));
            else if (repeat == "rule")
            {
                if (string.IsNullOrWhiteSpace(p.RecurrenceRule)) problems.Add(new("RecurrenceRule", new("Donnez la règle de récurrence.", "Give the recurrence rule.")));
            }
            else if (string.IsNullOrWhiteSpace(p.Until)) problems.Add(new("Until", new("Donnez la dernière date (au plus deux ans après la première).", "Give the last date (at most two years after the first).")));
            else until = Date(p.Until, "Until", problems);
            if (first is { } f && until is { } u && u < f) problems.Add(new("Until", new("La dernière date précède la première.", "The last date is before the first.")));
            RuleViolation.ThrowIfAny(problems);
            var rule = repeat == "rule" ? p.RecurrenceRule!.Trim() : RuleFor(repeat, first!.Value, until!.Value);
            var pattern = await planning.CreatePatternAsync(new(Place.Structure.Id, p.PoleId!.Value, p.PartnerId!.Value, p.CounsellorId, first!.Value, starts!.Value, ends!.Value, rule), ct);
            return await FillAsync(pattern.Id, false, ct);
        }
        catch (RuleViolation rule) { ModelState.AddRule(rule, "Pattern"); }
        return Page();
    }

    public async Task<IActionResult> OnPostFillAsync(int patternId, CancellationToken ct)
    {
        await LoadAsync(ct);
        if (Place is null) return Page();
        try { return await FillAsync(patternId, true, ct); }
        catch (RuleViolation rule) { ModelState.AddRule(rule, ""); }
        return Page();
    }

    private async Task<IActionResult> FillAsync(int patternId, bool confirmed, CancellationToken ct)
    {
        var plan = await planning.FillAsync(patternId, confirmed, ct);
        if (plan.Saved || plan.Refused.Count == 0)
        {
            Notice = Text.T($"Motif appliqué : {plan.Created.Count} permanence(s) créée(s), {plan.AlreadyThere} déjà en place, {plan.Refused.Count} date(s) écartée(s).",
                $"Pattern applied: {plan.Created.Count} duty(ies) created, {plan.AlreadyThere} already there, {plan.Refused.Count} date(s) left out.");
            return Redirect(Here());
        }
        (Plan, PlanPatternId) = (plan, patternId);
        return Page();
    }

    /// <summary>Runs one action; a broken rule shows on the page beside its field (or in the summary), else back to the grid with a notice.</summary>
    private async Task<IActionResult> ActAsync(string prefix, Func<Task<string>> action, CancellationToken ct)
    {
        await LoadAsync(ct);
        if (Place is null) return Page();
        try
        {
            Notice = await action();
            return Redirect(Here());
        }
        catch (RuleViolation rule) when (rule.Status != StatusCodes.Status403Forbidden)
        {
            await LoadAsync(ct);
            ModelState.AddRule(rule, prefix);
            return Page();
        }
    }

    public string Here(string? view = null, DateOnly? week = null, int? slot = null, string? anchor = null) =>
        $"/gestion/planning?structure={Place?.Structure.Id ?? StructureId}&week={(week ?? From):yyyy-MM-dd}"
        + (ViewWord(view ?? View) is { } v ? $"&view={v}" : "") + (PartnerFilter is { } pf && ViewWord(view ?? View) == "partner" ? $"&partner={pf}" : "")
        + (slot is { } s ? $"&slot={s}" : "") + (anchor is null ? "" : $"#{anchor}");

    /// <summary>A form's action: this view, and the handler.</summary>
    public string Post(string handler, int? slot = null) => Here(slot: slot) + $"&handler={handler}";

    private DutyRequest ReadSlot()
    {
        var problems = new List<RuleViolation>();
        if (Input.PoleId is null) problems.Add(new("PoleId", new("Choisissez le pôle.", "Choose the pole.")));
        if (Input.PartnerId is null) problems.Add(new("PartnerId", new("Choisissez le partenaire.", "Choose the partner.")));
        var date = Date(Input.Date, "Date", problems);
        var starts = Time(Input.Starts, "Starts", problems);
        var ends = Time(Input.Ends, "Ends", problems);
        RuleViolation.ThrowIfAny(problems);
        return new(Place!.Structure.Id, Input.PoleId!.Value, Input.PartnerId!.Value, Input.CounsellorId, date!.Value, starts!.Value, ends!.Value, Input.Note);
    }

    private static DateOnly? Date(string? text, string field, List<RuleViolation> problems)
    {
        try
        {
            var d = DateInput.Parse(text, field, 422);
            if (d is null) problems.Add(new(field, new("Indiquez la date.", "Give the date.")));
            return d;
        }
        catch (RuleViolation rule) { problems.Add(rule); return null; }
    }

    private static TimeOnly? Time(string? text, string field, List<RuleViolation> problems)
    {
        if (FormErrors.TryParseTime(text, out var t)) return t;
        problems.Add(new(field, new("Indiquez l'heure, par exemple 13:30.", "Give the time, for example 13:30.")));
        return null;
    }

    private static string T(string fr, string en) => Text.T(fr, en);

    private async Task LoadAsync(CancellationToken ct)
    {
        Structures = await (await access.PlannedStructuresAsync()).AsNoTracking().OrderBy(s => s.Name).ToListAsync(ct);
        var chosen = StructureId is { } id ? Structures.FirstOrDefault(s => s.Id == id) : Structures.FirstOrDefault();
        if (StructureId is not null && chosen is null)
            throw new RuleViolation("structure", new("Vous ne planifiez pas les permanences de cette structure.", "You do not plan this structure's duties."), StatusCodes.Status403Forbidden);
        if (chosen is null) return;
        Place = await planning.PlaceAsync(chosen.Id, ct);
        StructureId = chosen.Id;
        var today = DutyRules.ToLocal(clock.GetUtcNow(), Place.Zone).Date;
        var asked = DateInput.Parse(WeekText, "week") ?? today;
        if (IsMonth)
        {
            From = new DateOnly(asked.Year, asked.Month, 1);
            To = From.AddMonths(1);
        }
        else
        {
            From = Coverage.MondayOf(asked);
            To = From.AddDays(7);
        }
        Weekdays = Coverage.OpenWeekdays(Place);
        var slots = await Coverage.SlotsAsync(db, Place, From, To, ct);
        Cells = Coverage.Cells(Place, slots, From, To);
        var cite = Place.Structure.CiteId;
        var partners = await db.Partners.AsNoTracking().Where(p => p.CiteId == cite).OrderBy(p => p.Name).Select(p => new { p.Id, p.Name }).ToListAsync(ct);
        PartnerNames = partners.ToDictionary(p => p.Id, p => p.Name);
        PartnerOptions = partners.Select(p => new Option(p.Id.ToString(), p.Name)).ToList();
        var counsellors = await db.RoleAssignments.AsNoTracking()
            .Where(a => a.Role == StaffRole.Counsellor && a.CiteId == cite)
            .Join(db.Users, a => a.UserId, u => u.Id, (a, u) => new { u.Id, Name = u.DisplayName ?? u.Email!, a.PartnerId })
            .ToListAsync(ct);
        var named = slots.Select(s => s.CounsellorId).OfType<string>().Distinct().ToArray();
        var others = await db.Users.AsNoTracking().Where(u => named.Contains(u.Id)).Select(u => new { u.Id, Name = u.DisplayName ?? u.Email! }).ToListAsync(ct);
        CounsellorNames = counsellors.Select(c => (c.Id, c.Name)).Concat(others.Select(o => (o.Id, o.Name))).DistinctBy(c => c.Id).ToDictionary(c => c.Id, c => c.Name);
        CounsellorOptions = counsellors.DistinctBy(c => c.Id).OrderBy(c => c.Name)
            .Select(c => new Option(c.Id, c.PartnerId is { } p && PartnerNames.TryGetValue(p, out var pn) ? $"{c.Name} ({pn})" : c.Name)).ToList();
        if (IsPartner && PartnerFilter is { } partner)
            PartnerSlots = slots.Where(s => s.PartnerId == partner).ToList();
        Swaps = await db.DutySwaps.AsNoTracking().Where(s => s.StructureId == Place.Structure.Id && s.Status == SwapStatus.Proposed).OrderBy(s => s.ProposedAt).ToListAsync(ct);
        var swapSlotIds = Swaps.SelectMany(s => new[] { s.SlotId, s.WithSlotId ?? 0 }).Distinct().ToArray();
        SwapSlots = await db.DutySlots.AsNoTracking().Where(s => swapSlotIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, ct);
        if (SlotSelected is { } selected)
            Selected = await db.DutySlots.AsNoTracking().FirstOrDefaultAsync(s => s.Id == selected && s.StructureId == Place.Structure.Id, ct);
    }

    public string PoleName(int poleId) => Place?.Structure.Poles.FirstOrDefault(p => p.Id == poleId)?.DisplayName ?? "?";

    public (DateOnly Date, TimeOnly Starts, TimeOnly Ends) Local(DutySlot slot) =>
        (DutyRules.ToLocal(slot.StartsAt, Place!.Zone).Date, DutyRules.ToLocal(slot.StartsAt, Place.Zone).Time, DutyRules.ToLocal(slot.EndsAt, Place.Zone).Time);

    /// <summary>"Maison de l'Economie Développement (Alex Martin), 13:30–17:30".</summary>
    public string Holder(DutySlot slot)
    {
        var (_, starts, ends) = Local(slot);
        var who = PartnerNames.GetValueOrDefault(slot.PartnerId, "?");
        if (slot.CounsellorId is { } c && CounsellorNames.TryGetValue(c, out var name)) who += $" ({name})";
        return $"{who}, {starts:HH\\:mm}–{ends:HH\\:mm}";
    }
}
