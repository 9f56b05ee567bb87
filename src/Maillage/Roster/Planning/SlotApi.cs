using System.Text.Json;
using Maillage.Network;
using Maillage.Platform.Errors;
using Maillage.Platform.Identity;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Roster.Planning;

/// <summary>
/// The staff planning API (issue 20): a structure's duty slots over a period, and a slot planned with the same rules as
/// the planning page (<see cref="DutyPlanning.AddSlotAsync"/>: opening hours, holidays, closures, a pole of the
/// structure, a partner of its Cité, a counsellor of that partner, no counsellor in two places).
/// </summary>
internal static class SlotApi
{
    public const int MaxDays = 366;

    /// <summary>A slot to plan, in the structure's local time: date YYYY-MM-DD, starts and ends HH:mm.</summary>
    public sealed record SlotBody(int? StructureId, int? PoleId, int? PartnerId, string? CounsellorId, DateOnly? Date, TimeOnly? Starts, TimeOnly? Ends, string? Note);

    /// <summary>A recurring duty to plan: a slot's fields from its first date, repeated by an RRULE; <c>skipRefused</c> creates the valid dates when some are refused.</summary>
    public sealed record PatternBody(int? StructureId, int? PoleId, int? PartnerId, string? CounsellorId, DateOnly? FirstDate, TimeOnly? Starts, TimeOnly? Ends,
        string? Recurrence, string? Note, bool SkipRefused = false);

    public sealed record RefusedDto(DateOnly Date, string Reason);
    public sealed record PatternDto(int Id, int StructureId, string Recurrence, DateOnly FirstDate, DateOnly LastDate, TimeOnly Starts, TimeOnly Ends,
        int AlreadyThere, List<RefusedDto> Refused, List<SlotDto> Slots);
    public sealed record ExceptionBody(DateOnly? Date);

    public sealed record NamedDto(int Id, string Name);
    public sealed record CounsellorDto(string Id, string Name);
    public sealed record SlotDto(int Id, int StructureId, NamedDto Pole, NamedDto Partner, CounsellorDto? Counsellor, DateTimeOffset StartsAt, DateTimeOffset EndsAt,
        string Status, string? AbsenceReason, int? ReplacesSlotId, int? PatternId, string? Note);

    public static RouteGroupBuilder MapSlotApi(this RouteGroupBuilder api)
    {
        var slots = api.MapGroup("/roster/slots").WithTags("Roster").RequireAuthorization(Policies.Staff);
        slots.MapGet("/", ListAsync).WithName("RosterSlots")
            .WithSummary($"A structure's duty slots whose time meets from–to (YYYY-MM-DD, local dates; default the current week; at most {MaxDays} days), every status. "
                         + "Its planners (coordinators of the structure, administrators of the Cité) and its staff read them all; a partner's counsellor reads their partner's. "
                         + "The counsellor is named to the planners and to the partner's own counsellors only.");
        slots.MapPost("/", PlanAsync).WithName("PlanRosterSlot")
            .WithSummary("Plans one duty slot {structureId, poleId, partnerId, counsellorId?, date, starts, ends, note?} in the structure's local time, with the planning page's rules: "
                         + "201 with the slot; 422 problem details naming the field (outside opening hours, a holiday or closure, a pole of another structure, a partner of another Cité, "
                         + "a counsellor of another partner or already on duty); 403 when you do not plan that structure; 404 for a structure outside your Cités.");
        var patterns = api.MapGroup("/roster/patterns").WithTags("Roster").RequireAuthorization(Policies.Staff);
        patterns.MapPost("/", PlanPatternAsync).WithName("PlanRosterPattern")
            .WithSummary("Plans a recurring duty {structureId, poleId, partnerId, counsellorId?, firstDate, starts, ends, recurrence (an RFC 5545 RRULE that ends: UNTIL or COUNT, "
                         + "at most two years), note?, skipRefused?} and creates its slots, each date checked with the planning page's rules. When a date is refused and skipRefused "
                         + "is false, nothing is saved: 422 problem details list each refused date under `recurrence`. 201 with the pattern, the slots created and the dates left out.");
        patterns.MapPost("/{id:int}/exceptions", ExceptAsync).WithName("ExceptRosterPatternDate")
            .WithSummary("Leaves a date {date} out of a pattern: its slot, if generated, is cancelled and a later fill does not bring it back. 204; 404 for a pattern outside your Cités.");
        return api;
    }

    private static async Task<Ok<List<SlotDto>>> ListAsync([FromQuery] int? structure, [FromQuery] DateOnly? from, [FromQuery] DateOnly? to,
        DutyPlanning planning, RosterAccess access, StaffAccess staff, Platform.Data.MaillageDb db, TimeProvider clock, CancellationToken ct)
    {
        if (structure is not { } structureId) throw new RuleViolation("structure", new("Indiquez la structure (structure=id).", "Give the structure (structure=id)."), StatusCodes.Status400BadRequest);
        var place = await planning.PlaceAsync(structureId, ct);
        var planner = await access.CanPlanAsync(place.Structure);
        var ofStructure = planner || await staff.CanAsync(Enum.GetValues<StaffRole>(), place.Structure);
        var partners = await access.CounsellorPartnersAsync();
        if (!ofStructure && partners.Length == 0)
            throw new RuleViolation("structure", new($"Vous ne lisez pas les permanences de {place.Structure.Name}.", $"You do not read the duties of {place.Structure.Name}."), StatusCodes.Status403Forbidden);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), place.Zone).DateTime);
        var first = from ?? today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
        var last = to ?? first.AddDays(6);
        if (last < first) throw new RuleViolation("to", new("« to » vient avant « from ».", "\"to\" comes before \"from\"."), StatusCodes.Status400BadRequest);
        if (last.DayNumber - first.DayNumber >= MaxDays)
            throw new RuleViolation("to", new($"La période couvre au plus {MaxDays} jours.", $"The period covers at most {MaxDays} days."), StatusCodes.Status400BadRequest);
        var start = place.Schedule.ToInstant(first, TimeOnly.MinValue).ToUniversalTime();
        var end = place.Schedule.ToInstant(last.AddDays(1), TimeOnly.MinValue).ToUniversalTime();
        var query = db.DutySlots.AsNoTracking().Where(s => s.StructureId == structureId && s.StartsAt < end && s.EndsAt > start);
        if (!ofStructure) query = query.Where(s => partners.Contains(s.PartnerId));
        var rows = await query.OrderBy(s => s.StartsAt).ThenBy(s => s.PoleId).ToListAsync(ct);
        var poleIds = rows.Select(r => r.PoleId).Distinct().ToList();
        var partnerIds = rows.Select(r => r.PartnerId).Distinct().ToList();
        var poles = await db.Poles.AsNoTracking().Where(p => poleIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        var partnerNames = await db.Partners.AsNoTracking().Where(p => partnerIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        bool MayName(DutySlot s) => planner || s.CounsellorId == access.UserId || partners.Contains(s.PartnerId);
        var counsellorIds = rows.Where(MayName).Select(r => r.CounsellorId).OfType<string>().Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(u => counsellorIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName ?? u.Email ?? u.Id, ct);
        return TypedResults.Ok(rows.Select(s => new SlotDto(s.Id, s.StructureId,
            new NamedDto(s.PoleId, poles.TryGetValue(s.PoleId, out var pole) ? pole.DisplayName : "?"),
            new NamedDto(s.PartnerId, partnerNames.GetValueOrDefault(s.PartnerId, "?")),
            s.CounsellorId is { } c && MayName(s) ? new CounsellorDto(c, names.GetValueOrDefault(c, c)) : null,
            s.StartsAt, s.EndsAt, JsonNamingPolicy.CamelCase.ConvertName(s.Status.ToString()), s.AbsenceReason, s.ReplacesSlotId, s.PatternId, s.Note)).ToList());
    }

    private static async Task<Created<PatternDto>> PlanPatternAsync(PatternBody body, DutyPlanning planning, Platform.Data.MaillageDb db, CancellationToken ct)
    {
        var missing = new List<RuleViolation>();
        NeedDuty(missing, body.StructureId, body.PoleId, body.PartnerId, body.Starts, body.Ends);
        Need(missing, body.FirstDate, "firstDate", "Indiquez la première date (firstDate, AAAA-MM-JJ).", "Give the first date (firstDate, YYYY-MM-DD).");
        Need(missing, string.IsNullOrWhiteSpace(body.Recurrence) ? null : body.Recurrence, "recurrence",
            "Indiquez la récurrence (recurrence, une règle RRULE qui finit, par exemple FREQ=WEEKLY;BYDAY=TU;UNTIL=20270630).",
            "Give the recurrence (recurrence, an RRULE that ends, for example FREQ=WEEKLY;BYDAY=TU;UNTIL=20270630).");
        RuleViolation.ThrowIfAny(missing);
        // The pattern and its slots are one: a refusal without skipRefused leaves nothing behind, the pattern included.
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        DutyPattern pattern;
        FillPlan plan;
        try
        {
            pattern = await planning.CreatePatternAsync(new PatternRequest(body.StructureId!.Value, body.PoleId!.Value, body.PartnerId!.Value, body.CounsellorId,
                body.FirstDate!.Value, body.Starts!.Value, body.Ends!.Value, body.Recurrence!, body.Note), ct);
            plan = await planning.FillAsync(pattern.Id, body.SkipRefused, ct);
        }
        catch (RuleViolation rule)
        {
            throw ApiNames(rule, ("RecurrenceRule", "recurrence"));
        }
        if (!plan.Saved && plan.Refused.Count > 0)
            throw RuleViolation.Of([.. plan.Refused.Select(r => new RuleViolation("recurrence", new(
                $"{r.Date:yyyy-MM-dd} : {r.Reason.Fr}", $"{r.Date:yyyy-MM-dd}: {r.Reason.En}")))]);
        await tx.CommitAsync(ct);
        var slots = await DtosAsync(db, plan.Created, ct);
        return TypedResults.Created($"/api/v1/roster/slots?structure={pattern.StructureId}&from={pattern.FirstDate:yyyy-MM-dd}&to={pattern.LastDate:yyyy-MM-dd}",
            new PatternDto(pattern.Id, pattern.StructureId, pattern.RecurrenceRule, pattern.FirstDate, pattern.LastDate, pattern.Starts, pattern.Ends, plan.AlreadyThere,
                plan.Refused.Select(r => new RefusedDto(r.Date, r.Reason.ToString())).ToList(), slots));
    }

    private static async Task<NoContent> ExceptAsync(int id, ExceptionBody body, DutyPlanning planning, CancellationToken ct)
    {
        if (body.Date is not { } date)
            throw new RuleViolation("date", new("Indiquez la date à écarter (date, AAAA-MM-JJ).", "Give the date to leave out (date, YYYY-MM-DD)."));
        await planning.ExceptAsync(id, date, ct);
        return TypedResults.NoContent();
    }

    /// <summary>What every duty needs, slot or pattern: where, which pole, which partner, from when to when.</summary>
    private static void NeedDuty(List<RuleViolation> missing, int? structureId, int? poleId, int? partnerId, TimeOnly? starts, TimeOnly? ends)
    {
        Need(missing, structureId, "structureId", "Indiquez la structure (structureId).", "Give the structure (structureId).");
        Need(missing, poleId, "poleId", "Indiquez le pôle (poleId).", "Give the pole (poleId).");
        Need(missing, partnerId, "partnerId", "Indiquez le partenaire (partnerId).", "Give the partner (partnerId).");
        Need(missing, starts, "starts", "Indiquez l'heure de début (starts, HH:mm).", "Give the start time (starts, HH:mm).");
        Need(missing, ends, "ends", "Indiquez l'heure de fin (ends, HH:mm).", "Give the end time (ends, HH:mm).");
    }

    private static void Need(List<RuleViolation> missing, object? value, string field, string fr, string en)
    {
        if (value is null) missing.Add(new RuleViolation(field, new(fr, en)));
    }

    /// <summary>The rules name the page's fields (StructureId, Date…): the API names its body's (structureId, date…), some by another name.</summary>
    private static RuleViolation ApiNames(RuleViolation rule, params (string Page, string Api)[] renamed) =>
        RuleViolation.Of([.. rule.Problems.Select(p => new RuleViolation(
            renamed.FirstOrDefault(r => r.Page == p.Field).Api ?? JsonNamingPolicy.CamelCase.ConvertName(p.Field), p.Text, p.Status))]);

    /// <summary>Slots as the API shows them to their planner (counsellors named).</summary>
    private static async Task<List<SlotDto>> DtosAsync(Platform.Data.MaillageDb db, IReadOnlyList<DutySlot> slots, CancellationToken ct)
    {
        var poleIds = slots.Select(s => s.PoleId).Distinct().ToList();
        var partnerIds = slots.Select(s => s.PartnerId).Distinct().ToList();
        var counsellorIds = slots.Select(s => s.CounsellorId).OfType<string>().Distinct().ToList();
        var poles = await db.Poles.AsNoTracking().Where(p => poleIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.DisplayName, ct);
        var partners = await db.Partners.AsNoTracking().Where(p => partnerIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        var names = await db.Users.AsNoTracking().Where(u => counsellorIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName ?? u.Email ?? u.Id, ct);
        return slots.Select(s => new SlotDto(s.Id, s.StructureId, new NamedDto(s.PoleId, poles.GetValueOrDefault(s.PoleId, "?")),
            new NamedDto(s.PartnerId, partners.GetValueOrDefault(s.PartnerId, "?")),
            s.CounsellorId is { } c ? new CounsellorDto(c, names.GetValueOrDefault(c, c)) : null,
            s.StartsAt, s.EndsAt, JsonNamingPolicy.CamelCase.ConvertName(s.Status.ToString()), s.AbsenceReason, s.ReplacesSlotId, s.PatternId, s.Note)).ToList();
    }

    private static async Task<Created<SlotDto>> PlanAsync(SlotBody body, DutyPlanning planning, Platform.Data.MaillageDb db, CancellationToken ct)
    {
        var missing = new List<RuleViolation>();
        NeedDuty(missing, body.StructureId, body.PoleId, body.PartnerId, body.Starts, body.Ends);
        Need(missing, body.Date, "date", "Indiquez la date (date, AAAA-MM-JJ).", "Give the date (date, YYYY-MM-DD).");
        RuleViolation.ThrowIfAny(missing);
        DutySlot slot;
        try
        {
            slot = await planning.AddSlotAsync(new DutyRequest(body.StructureId!.Value, body.PoleId!.Value, body.PartnerId!.Value, body.CounsellorId,
                body.Date!.Value, body.Starts!.Value, body.Ends!.Value, body.Note), ct);
        }
        catch (RuleViolation rule)
        {
            throw ApiNames(rule);
        }
        return TypedResults.Created($"/api/v1/roster/slots?structure={slot.StructureId}", (await DtosAsync(db, [slot], ct))[0]);
    }
}
