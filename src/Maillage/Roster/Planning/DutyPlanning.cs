using Maillage.Network;
using Maillage.Network.OpeningHours;
using Maillage.Platform.Data;
using Maillage.Platform.Errors;
using Maillage.Platform.Localization;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Roster.Planning;

/// <summary>A duty asked for, in the structure's local time.</summary>
internal sealed record DutyRequest(int StructureId, int PoleId, int PartnerId, string? CounsellorId, DateOnly Date, TimeOnly Starts, TimeOnly Ends, string? Note = null);

/// <summary>A recurring duty asked for: <see cref="DutyRequest"/>'s fields from its first date, repeated by an RRULE.</summary>
internal sealed record PatternRequest(int StructureId, int PoleId, int PartnerId, string? CounsellorId, DateOnly FirstDate, TimeOnly Starts, TimeOnly Ends, string RecurrenceRule, string? Note = null);

/// <summary>A date a fill or a copy leaves out, and why.</summary>
internal sealed record RefusedDuty(DateOnly Date, TimeOnly Starts, TimeOnly Ends, int PoleId, int PartnerId, LocalizedText Reason);

/// <summary>
/// What filling a pattern or copying a week would do: the slots it creates and the dates it refuses. When something is
/// refused and the coordinator has not confirmed, nothing is saved (<see cref="Saved"/> false).
/// </summary>
internal sealed record FillPlan(IReadOnlyList<DutySlot> Created, IReadOnlyList<RefusedDuty> Refused, int AlreadyThere, bool Saved);

/// <summary>A structure with what its duties are checked against: poles, hours, closures, time zone.</summary>
internal sealed record PlanningPlace(Structure Structure, OpeningSchedule Schedule)
{
    public TimeZoneInfo Zone => Schedule.Zone;
}

/// <summary>
/// The roster's rules, for every screen and the API: a slot is planned, moved, removed, marked absent, replaced; a pattern
/// is created and filled (idempotent: the unique (PatternId, StartsAt) index and the existing slots are skipped); a week
/// is copied; a swap is proposed and decided. Every change is checked whole and saved in one SaveChanges (one
/// transaction), so nothing is half-saved; the audit trail records it (the entities are <c>IAuditPlaced</c>).
/// </summary>
internal sealed class DutyPlanning(MaillageDb db, RosterAccess access, TimeProvider clock)
{
    public async Task<PlanningPlace> PlaceAsync(int structureId, CancellationToken ct)
    {
        var structure = await db.Structures.Include(s => s.Poles).Include(s => s.WeeklyHours).Include(s => s.Exceptions)
                            .AsSplitQuery().FirstOrDefaultAsync(s => s.Id == structureId, ct)
                        ?? throw new NotFoundProblem(new("Cette structure n'existe pas dans vos Cités.", "This structure does not exist in your Cités."));
        return new PlanningPlace(structure, structure.Schedule());
    }

    /// <summary>The place, once the signed-in person is known to plan it (403 otherwise).</summary>
    public async Task<PlanningPlace> PlannedPlaceAsync(int structureId, CancellationToken ct)
    {
        var place = await PlaceAsync(structureId, ct);
        await access.RequirePlannerAsync(place.Structure);
        return place;
    }

    // ---- One slot -------------------------------------------------------------------------------------------------

    public async Task<DutySlot> AddSlotAsync(DutyRequest request, CancellationToken ct)
    {
        var place = await PlannedPlaceAsync(request.StructureId, ct);
        var slot = await CheckedSlotAsync(place, request, [], [], ct);
        db.DutySlots.Add(slot);
        await db.SaveChangesAsync(ct);
        return slot;
    }

    /// <summary>Moves a slot to another date or time (same pole and partner); it leaves its pattern's rhythm, not its pattern.</summary>
    public async Task<DutySlot> MoveSlotAsync(int slotId, DateOnly date, TimeOnly starts, TimeOnly ends, CancellationToken ct)
    {
        var slot = await SlotAsync(slotId, ct);
        var place = await PlannedPlaceAsync(slot.StructureId, ct);
        var moved = await CheckedSlotAsync(place, new(slot.StructureId, slot.PoleId, slot.PartnerId, slot.CounsellorId, date, starts, ends, slot.Note), [slot.Id], [], ct);
        if (slot.PatternId is { } patternId && await db.DutySlots.AnyAsync(s => s.PatternId == patternId && s.StartsAt == moved.StartsAt && s.Id != slot.Id, ct))
            throw new RuleViolation("Date", new("Ce motif a déjà une permanence à ce moment-là.", "This pattern already has a duty at that time."));
        (slot.StartsAt, slot.EndsAt, slot.UpdatedAt) = (moved.StartsAt, moved.EndsAt, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return slot;
    }

    /// <summary>
    /// Removes a slot: one a pattern generated is kept as Cancelled (an exception: filling the pattern again will not bring
    /// it back); one planned by hand is deleted.
    /// </summary>
    public async Task RemoveAsync(int slotId, CancellationToken ct)
    {
        var slot = await SlotAsync(slotId, ct);
        await PlannedPlaceAsync(slot.StructureId, ct);
        if (slot.PatternId is not null)
        {
            slot.Status = DutyStatus.Cancelled;
            slot.UpdatedAt = clock.GetUtcNow();
        }
        else db.DutySlots.Remove(slot);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The counsellor will not come: the slot stops being held; the reason is required.</summary>
    public async Task MarkAbsentAsync(int slotId, string? reason, CancellationToken ct)
    {
        var slot = await SlotAsync(slotId, ct);
        await PlannedPlaceAsync(slot.StructureId, ct);
        if (string.IsNullOrWhiteSpace(reason))
            throw new RuleViolation("AbsenceReason", new("Indiquez le motif de l'absence.", "Give the reason for the absence."));
        if (reason.Length > 500)
            throw new RuleViolation("AbsenceReason", new("Le motif tient en 500 caractères.", "The reason fits in 500 characters."));
        if (slot.Status != DutyStatus.Planned)
            throw new RuleViolation("SlotId", new("Cette permanence n'est plus prévue : elle ne peut pas être marquée absente.", "This duty is no longer planned: it cannot be marked absent."));
        slot.Status = DutyStatus.Absent;
        slot.AbsenceReason = reason.Trim();
        slot.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Someone replaces the absent slot: a new slot, same pole and times, naming the slot it replaces. A slot still
    /// planned is marked absent first with <paramref name="absenceReason"/> — both in one save.
    /// </summary>
    public async Task<DutySlot> ReplaceAsync(int slotId, int partnerId, string? counsellorId, string? absenceReason, CancellationToken ct)
    {
        var absent = await SlotAsync(slotId, ct);
        var place = await PlannedPlaceAsync(absent.StructureId, ct);
        if (absent.Status == DutyStatus.Cancelled)
            throw new RuleViolation("SlotId", new("Cette permanence a été retirée : il n'y a personne à remplacer.", "This duty was removed: there is nobody to replace."));
        if (await db.DutySlots.AnyAsync(s => s.ReplacesSlotId == absent.Id && s.Status == DutyStatus.Planned, ct))
            throw new RuleViolation("SlotId", new("Cette permanence est déjà remplacée.", "This duty is already covered by a replacement."));
        if (absent.Status == DutyStatus.Planned)
        {
            if (string.IsNullOrWhiteSpace(absenceReason))
                throw new RuleViolation("AbsenceReason", new("Indiquez le motif de l'absence de la personne remplacée.", "Give the reason why the person replaced is absent."));
            absent.Status = DutyStatus.Absent;
            absent.AbsenceReason = absenceReason.Trim();
            absent.UpdatedAt = clock.GetUtcNow();
        }
        var (date, starts) = DutyRules.ToLocal(absent.StartsAt, place.Zone);
        var ends = DutyRules.ToLocal(absent.EndsAt, place.Zone).Time;
        var replacement = await CheckedSlotAsync(place, new(absent.StructureId, absent.PoleId, partnerId, counsellorId, date, starts, ends), [absent.Id], [], ct);
        replacement.ReplacesSlotId = absent.Id;
        db.DutySlots.Add(replacement);
        await db.SaveChangesAsync(ct);
        return replacement;
    }

    // ---- Patterns -------------------------------------------------------------------------------------------------

    /// <summary>Checks and saves a pattern (no slot yet: <see cref="FillAsync"/> generates them).</summary>
    public async Task<DutyPattern> CreatePatternAsync(PatternRequest request, CancellationToken ct)
    {
        var place = await PlannedPlaceAsync(request.StructureId, ct);
        var problems = new List<RuleViolation>();
        problems.AddRange(await PartiesAsync(place, request.PoleId, request.PartnerId, request.CounsellorId, ct));
        if (DutyRules.Order(request.Starts, request.Ends) is { } order) problems.Add(order);
        DateInput.Problem(request.FirstDate.Year, "FirstDate")?.Let(problems.Add);
        IReadOnlyList<DateOnly> dates = [];
        try { dates = DutyRules.Occurrences(request.RecurrenceRule ?? "", request.FirstDate); }
        catch (RuleViolation rule) { problems.Add(rule); }
        RuleViolation.ThrowIfAny(problems);
        if (dates.Count == 0)
            throw new RuleViolation("RecurrenceRule", new("Cette récurrence ne donne aucune date.", "This recurrence gives no date."));
        var pattern = new DutyPattern
        {
            CiteId = place.Structure.CiteId, StructureId = place.Structure.Id, PoleId = request.PoleId, PartnerId = request.PartnerId,
            CounsellorId = Blank(request.CounsellorId), FirstDate = request.FirstDate, Starts = request.Starts, Ends = request.Ends,
            RecurrenceRule = request.RecurrenceRule!.Trim() is var r && r.StartsWith("RRULE:", StringComparison.OrdinalIgnoreCase) ? r[6..] : r,
            LastDate = dates[^1], Note = Blank(request.Note), CreatedAt = clock.GetUtcNow(),
        };
        db.DutyPatterns.Add(pattern);
        await db.SaveChangesAsync(ct);
        return pattern;
    }

    /// <summary>
    /// Generates the pattern's slots that are not there yet. Each date is checked (opening hours, holidays, closures,
    /// the counsellor's other duties); a date refused is listed with its reason. With a refusal and no
    /// <paramref name="confirmed"/>, nothing is saved: the coordinator sees the list and confirms to create the valid
    /// ones (the refused dates stay out; they are not made exceptions, so a later fill tries them again).
    /// </summary>
    public async Task<FillPlan> FillAsync(int patternId, bool confirmed, CancellationToken ct)
    {
        var pattern = await db.DutyPatterns.FirstOrDefaultAsync(p => p.Id == patternId, ct)
                      ?? throw new NotFoundProblem(new("Ce motif n'existe pas dans vos Cités.", "This pattern does not exist in your Cités."));
        var place = await PlannedPlaceAsync(pattern.StructureId, ct);
        var excepted = DutyRules.ExceptionDates(pattern.ExceptionDates);
        var existing = (await db.DutySlots.Where(s => s.PatternId == pattern.Id).Select(s => s.StartsAt).ToListAsync(ct))
            .Select(s => DutyRules.ToLocal(s, place.Zone).Date).ToHashSet();
        var wanted = DutyRules.Occurrences(pattern.RecurrenceRule, pattern.FirstDate).Where(d => !excepted.Contains(d)).ToList();
        var requests = wanted.Where(d => !existing.Contains(d))
            .Select(d => new DutyRequest(pattern.StructureId, pattern.PoleId, pattern.PartnerId, pattern.CounsellorId, d, pattern.Starts, pattern.Ends, pattern.Note))
            .ToList();
        return await SaveBatchAsync(place, requests, pattern.Id, wanted.Count - requests.Count, confirmed, ct);
    }

    /// <summary>Leaves a date out of a pattern: added to its exceptions, and its slot (if generated) cancelled.</summary>
    public async Task ExceptAsync(int patternId, DateOnly date, CancellationToken ct)
    {
        var pattern = await db.DutyPatterns.FirstOrDefaultAsync(p => p.Id == patternId, ct)
                      ?? throw new NotFoundProblem(new("Ce motif n'existe pas dans vos Cités.", "This pattern does not exist in your Cités."));
        var place = await PlannedPlaceAsync(pattern.StructureId, ct);
        pattern.ExceptionDates = DutyRules.ExceptionDatesText(DutyRules.ExceptionDates(pattern.ExceptionDates).Append(date));
        foreach (var slot in await db.DutySlots.Where(s => s.PatternId == pattern.Id && s.Status == DutyStatus.Planned).ToListAsync(ct))
            if (DutyRules.ToLocal(slot.StartsAt, place.Zone).Date == date)
            {
                slot.Status = DutyStatus.Cancelled;
                slot.UpdatedAt = clock.GetUtcNow();
            }
        await db.SaveChangesAsync(ct);
    }

    // ---- Copy a week ----------------------------------------------------------------------------------------------

    /// <summary>
    /// Copies the held slots of the week starting <paramref name="monday"/> to each of the next <paramref name="weeks"/>
    /// weeks, same weekday and local times; a copy that would duplicate a slot already there (same pole, partner, start)
    /// is skipped; one that breaks a rule is listed; with a refusal and no <paramref name="confirmed"/>, nothing is saved.
    /// </summary>
    public async Task<FillPlan> CopyWeekAsync(int structureId, DateOnly monday, int weeks, bool confirmed, CancellationToken ct)
    {
        var place = await PlannedPlaceAsync(structureId, ct);
        if (weeks is < 1 or > 12)
            throw new RuleViolation("Weeks", new("Copiez la semaine sur 1 à 12 semaines.", "Copy the week onto 1 to 12 weeks."));
        monday = monday.AddDays(-(((int)monday.DayOfWeek + 6) % 7));
        var from = DutyRules.ToInstant(monday, TimeOnly.MinValue, place.Zone, "Week");
        var to = DutyRules.ToInstant(monday.AddDays(7), TimeOnly.MinValue, place.Zone, "Week");
        var source = await db.DutySlots.AsNoTracking()
            .Where(s => s.StructureId == structureId && s.Status != DutyStatus.Cancelled && s.ReplacesSlotId == null && s.StartsAt >= from && s.StartsAt < to)
            .OrderBy(s => s.StartsAt).ToListAsync(ct);
        var targetFrom = to;
        var targetTo = DutyRules.ToInstant(monday.AddDays(7 * (weeks + 1)), TimeOnly.MinValue, place.Zone, "Week");
        var there = (await db.DutySlots.AsNoTracking()
                .Where(s => s.StructureId == structureId && s.Status != DutyStatus.Cancelled && s.StartsAt >= targetFrom && s.StartsAt < targetTo)
                .Select(s => new { s.PoleId, s.PartnerId, s.StartsAt }).ToListAsync(ct))
            .Select(s => (s.PoleId, s.PartnerId, s.StartsAt.UtcTicks)).ToHashSet();
        var requests = new List<DutyRequest>();
        var skipped = 0;
        for (var w = 1; w <= weeks; w++)
            foreach (var s in source)
            {
                var (date, starts) = DutyRules.ToLocal(s.StartsAt, place.Zone);
                var ends = DutyRules.ToLocal(s.EndsAt, place.Zone).Time;
                var request = new DutyRequest(structureId, s.PoleId, s.PartnerId, s.CounsellorId, date.AddDays(7 * w), starts, ends, s.Note);
                var instant = place.Zone.IsInvalidTime(request.Date.ToDateTime(starts)) ? (DateTimeOffset?)null : DutyRules.ToInstant(request.Date, starts, place.Zone, "Starts");
                if (instant is { } i && there.Contains((s.PoleId, s.PartnerId, i.UtcTicks))) skipped++;
                else requests.Add(request);
            }
        return await SaveBatchAsync(place, requests, null, skipped, confirmed, ct);
    }

    // ---- Swaps ----------------------------------------------------------------------------------------------------

    /// <summary>
    /// Proposes to hand a slot over to another partner or counsellor, or to exchange it with another slot of the same
    /// structure; by the slot's counsellor, a counsellor of its partner, or its coordinator. Checked now, applied when
    /// the coordinator approves.
    /// </summary>
    public async Task<DutySwap> ProposeSwapAsync(int slotId, int? withSlotId, int? toPartnerId, string? toCounsellorId, string? message, CancellationToken ct)
    {
        var slot = await SlotAsync(slotId, ct);
        var place = await PlaceAsync(slot.StructureId, ct);
        if (!await access.CanProposeSwapAsync(slot, place.Structure))
            throw new RuleViolation("SlotId", new("Seul·e un·e conseiller·ère du partenaire qui tient cette permanence, ou la coordination, peut en proposer l'échange.",
                "Only a counsellor of the partner holding this duty, or its coordinator, may propose to swap it."), StatusCodes.Status403Forbidden);
        if (slot.Status != DutyStatus.Planned || slot.StartsAt <= clock.GetUtcNow())
            throw new RuleViolation("SlotId", new("Seule une permanence prévue et à venir peut être échangée.", "Only a planned duty still to come can be swapped."));
        toCounsellorId = Blank(toCounsellorId);
        if (withSlotId is null && toPartnerId is null && toCounsellorId is null)
            throw new RuleViolation("ToPartnerId", new("Dites avec quelle permanence échanger, ou à quel partenaire ou conseiller·ère la céder.",
                "Say which duty to exchange with, or which partner or counsellor to hand it over to."));
        if (message?.Length > 1000)
            throw new RuleViolation("Message", new("Le message tient en 1000 caractères.", "The message fits in 1000 characters."));
        if (withSlotId is { } other)
        {
            var with = await SlotAsync(other, ct);
            if (with.StructureId != slot.StructureId || with.Id == slot.Id || with.Status != DutyStatus.Planned)
                throw new RuleViolation("WithSlotId", new("L'échange se fait avec une autre permanence prévue de la même structure.", "The exchange is with another planned duty of the same structure."));
        }
        else RuleViolation.ThrowIfAny(await PartiesAsync(place, slot.PoleId, toPartnerId ?? slot.PartnerId, toCounsellorId, ct));
        if (await db.DutySwaps.AnyAsync(s => s.SlotId == slot.Id && s.Status == SwapStatus.Proposed, ct))
            throw new RuleViolation("SlotId", new("Un échange de cette permanence attend déjà la décision de la coordination.", "A swap of this duty is already waiting for the coordinator."));
        var swap = new DutySwap
        {
            CiteId = slot.CiteId, StructureId = slot.StructureId, SlotId = slot.Id, WithSlotId = withSlotId,
            ToPartnerId = withSlotId is null ? toPartnerId ?? slot.PartnerId : null, ToCounsellorId = withSlotId is null ? toCounsellorId : null,
            Message = Blank(message), ProposedById = access.UserId ?? "system", ProposedAt = clock.GetUtcNow(),
        };
        db.DutySwaps.Add(swap);
        await db.SaveChangesAsync(ct);
        return swap;
    }

    /// <summary>The coordinator approves (the swap is applied, checked again against the counsellors' other duties) or refuses it.</summary>
    public async Task DecideSwapAsync(int swapId, bool approve, CancellationToken ct)
    {
        var swap = await db.DutySwaps.FirstOrDefaultAsync(s => s.Id == swapId, ct)
                   ?? throw new NotFoundProblem(new("Cet échange n'existe pas dans vos Cités.", "This swap does not exist in your Cités."));
        var place = await PlannedPlaceAsync(swap.StructureId, ct);
        if (swap.Status != SwapStatus.Proposed)
            throw new RuleViolation("SwapId", new("Cet échange a déjà été décidé.", "This swap has already been decided."), StatusCodes.Status409Conflict);
        if (approve)
        {
            var slot = await SlotAsync(swap.SlotId, ct);
            if (slot.Status != DutyStatus.Planned)
                throw new RuleViolation("SwapId", new("La permanence n'est plus prévue : refusez cet échange.", "The duty is no longer planned: refuse this swap."));
            if (swap.WithSlotId is { } withId)
            {
                var with = await SlotAsync(withId, ct);
                if (with.Status != DutyStatus.Planned)
                    throw new RuleViolation("SwapId", new("L'autre permanence n'est plus prévue : refusez cet échange.", "The other duty is no longer planned: refuse this swap."));
                (slot.PartnerId, with.PartnerId) = (with.PartnerId, slot.PartnerId);
                (slot.CounsellorId, with.CounsellorId) = (with.CounsellorId, slot.CounsellorId);
                with.UpdatedAt = clock.GetUtcNow();
                await CheckCounsellorFreeAsync(with, [slot.Id, with.Id], ct);
            }
            else
            {
                slot.PartnerId = swap.ToPartnerId ?? slot.PartnerId;
                slot.CounsellorId = swap.ToCounsellorId;
            }
            slot.UpdatedAt = clock.GetUtcNow();
            await CheckCounsellorFreeAsync(slot, [slot.Id, swap.WithSlotId ?? 0], ct);
        }
        swap.Status = approve ? SwapStatus.Approved : SwapStatus.Refused;
        swap.DecidedById = access.UserId ?? "system";
        swap.DecidedAt = clock.GetUtcNow();
        _ = place;
        await db.SaveChangesAsync(ct);
    }

    // ---- Checks ---------------------------------------------------------------------------------------------------

    private async Task<DutySlot> SlotAsync(int slotId, CancellationToken ct) =>
        await db.DutySlots.FirstOrDefaultAsync(s => s.Id == slotId, ct)
        ?? throw new NotFoundProblem(new("Cette permanence n'existe pas dans vos Cités.", "This duty does not exist in your Cités."));

    /// <summary>
    /// Saves the requests that pass every rule, all in one SaveChanges, unless one is refused and the coordinator has not
    /// confirmed. Requests are checked against each other too (a counsellor twice in one batch).
    /// </summary>
    private async Task<FillPlan> SaveBatchAsync(PlanningPlace place, IReadOnlyList<DutyRequest> requests, int? patternId, int alreadyThere, bool confirmed, CancellationToken ct)
    {
        var created = new List<DutySlot>();
        var refused = new List<RefusedDuty>();
        // The pole, partner and counsellor are checked once per combination, not once per date.
        var parties = new Dictionary<(int, int, string?), IReadOnlyList<RuleViolation>>();
        foreach (var request in requests)
        {
            try
            {
                var key = (request.PoleId, request.PartnerId, Blank(request.CounsellorId));
                if (!parties.TryGetValue(key, out var known))
                    parties[key] = known = await PartiesAsync(place, request.PoleId, request.PartnerId, request.CounsellorId, ct);
                var slot = await CheckedSlotAsync(place, request, [], created, ct, known);
                slot.PatternId = patternId;
                created.Add(slot);
            }
            catch (RuleViolation rule)
            {
                refused.Add(new RefusedDuty(request.Date, request.Starts, request.Ends, request.PoleId, request.PartnerId, rule.Text));
            }
        }
        var save = created.Count > 0 && (refused.Count == 0 || confirmed);
        if (save)
        {
            db.DutySlots.AddRange(created);
            await db.SaveChangesAsync(ct);
        }
        return new FillPlan(created, refused, alreadyThere, save);
    }

    /// <summary>
    /// A slot for the request once every rule holds, or every rule broken at once: the pole is the structure's, the
    /// partner is of its Cité, the counsellor exists and is free, the times exist, follow each other and fall in the
    /// opening hours of that date.
    /// </summary>
    private async Task<DutySlot> CheckedSlotAsync(PlanningPlace place, DutyRequest request, IReadOnlyCollection<int> ignoring,
        IReadOnlyCollection<DutySlot> batch, CancellationToken ct, IReadOnlyList<RuleViolation>? partiesChecked = null)
    {
        var problems = new List<RuleViolation>();
        problems.AddRange(partiesChecked ?? await PartiesAsync(place, request.PoleId, request.PartnerId, request.CounsellorId, ct));
        DateInput.Problem(request.Date.Year, "Date")?.Let(problems.Add);
        RuleViolation.ThrowIfAny(problems);
        if (DutyRules.Order(request.Starts, request.Ends) is { } order) throw order;
        var starts = DutyRules.ToInstant(request.Date, request.Starts, place.Zone, "Starts");
        var ends = DutyRules.ToInstant(request.Date, request.Ends, place.Zone, "Ends");
        if (DutyRules.Opening(place.Structure, place.Schedule, request.Date, request.Starts, request.Ends) is { } closed) throw closed;
        var slot = new DutySlot
        {
            CiteId = place.Structure.CiteId, StructureId = place.Structure.Id, PoleId = request.PoleId, PartnerId = request.PartnerId,
            CounsellorId = Blank(request.CounsellorId), StartsAt = starts, EndsAt = ends, Note = Blank(request.Note), CreatedAt = clock.GetUtcNow(),
        };
        if (slot.CounsellorId is { } c && batch.Any(b => b.CounsellorId == c && b.StartsAt < slot.EndsAt && b.EndsAt > slot.StartsAt))
            throw Busy();
        await CheckCounsellorFreeAsync(slot, ignoring, ct);
        return slot;
    }

    /// <summary>The counsellor named holds no other planned duty (anywhere) overlapping the slot.</summary>
    private async Task CheckCounsellorFreeAsync(DutySlot slot, IReadOnlyCollection<int> ignoring, CancellationToken ct)
    {
        if (slot.CounsellorId is not { } counsellor) return;
        var ids = ignoring.ToArray();
        if (await db.DutySlots.AnyAsync(s => s.CounsellorId == counsellor && s.Status == DutyStatus.Planned && !ids.Contains(s.Id)
                                             && s.StartsAt < slot.EndsAt && s.EndsAt > slot.StartsAt, ct))
            throw Busy();
    }

    private static RuleViolation Busy() => new("CounsellorId", new("Ce·tte conseiller·ère tient déjà une permanence à ce moment-là.", "This counsellor already holds a duty at that time."));

    /// <summary>The pole is the structure's, the partner of its Cité, the counsellor (if named) one of that partner's people (a role on its scope).</summary>
    private async Task<List<RuleViolation>> PartiesAsync(PlanningPlace place, int poleId, int partnerId, string? counsellorId, CancellationToken ct)
    {
        var problems = new List<RuleViolation>();
        var structure = place.Structure;
        if (structure.Poles.All(p => p.Id != poleId))
                problems.Add(new("PoleId", new($"{structure.Name} n'a pas ce pôle : choisissez l'un des siens ({string.Join(", ", structure.Poles.OrderBy(p => p.Order).Select(p => p.Name))}).",
                    $"{structure.Name} has no such pole: choose one of its own ({string.Join(", ", structure.Poles.OrderBy(p => p.Order).Select(p => p.NameEn ?? p.Name))}).")));
        var partnerCite = await db.Partners.AsNoTracking().Where(p => p.Id == partnerId).Select(p => (int?)p.CiteId).FirstOrDefaultAsync(ct);
        if (partnerCite != structure.CiteId)
                problems.Add(new("PartnerId", new($"Ce partenaire n'est pas un partenaire de la Cité de {structure.Name}.",
                    $"This partner is not a partner of {structure.Name}'s Cité.")));
        // A named counsellor is one of the partner's people: a role on that partner's scope (issue 20 item 7).
        if (Blank(counsellorId) is { } c
            && !await db.RoleAssignments.AsNoTracking().AnyAsync(a => a.UserId == c && a.Scope == Platform.Identity.ScopeKind.Partner && a.PartnerId == partnerId, ct))
                    problems.Add(new("CounsellorId", new("Ce·tte conseiller·ère n'appartient pas au partenaire choisi : choisissez une personne de ce partenaire, ou « un·e conseiller·ère du partenaire » si on ne sait pas encore qui.",
                        "This counsellor does not belong to the chosen partner: choose one of the partner's people, or \"a counsellor of the partner\" when it is not known yet.")));
        return problems;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

internal static class NullableLet
{
    public static void Let<T>(this T? value, Action<T> action) where T : class
    {
        if (value is not null) action(value);
    }
}
