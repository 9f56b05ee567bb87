using Maillage.Network;
using Maillage.Platform.Audit;
using Maillage.Platform.Data;
using Maillage.Platform.Errors;
using Maillage.Platform.Localization;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Entrepreneurship.Permanences;

/// <summary>
/// The days the programme's permanence was held (issue 23 item 5): the roster's duties at the permanence when the roster
/// holds any on a day, else the days recorded here by the programme's staff — a day counted once whatever its sources.
/// The roster is read through its indicator (<c>roster.half-days</c>), never its rows.
/// </summary>
public sealed class PermanenceDays(MaillageDb db, Platform.Indicators.Indicators indicators, IAuditActor actor, TimeProvider clock)
{
    internal const string RosterHalfDays = "roster.half-days";

    public DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    /// <summary>What the permanence held in a period: the roster's days, and the recorded days the roster does not hold.</summary>
    /// <param name="RosterDays">The roster's half-days held at the permanence, in days of two half-days.</param>
    /// <param name="RecordedOnly">The recorded days on which the roster holds no duty there: they are added.</param>
    /// <param name="AlsoInRoster">The recorded days the roster holds too: counted once, by the roster.</param>
    public sealed record Held(decimal RosterDays, IReadOnlyList<DateOnly> RecordedOnly, IReadOnlySet<DateOnly> AlsoInRoster)
    {
        public decimal Days => RosterDays + RecordedOnly.Count;
    }

    /// <summary>
    /// The permanence days held by <paramref name="programme"/> from <paramref name="from"/> to <paramref name="to"/>, in
    /// <paramref name="territories"/> (as asked: the permanence counts when its QPV or commune lies in them).
    /// </summary>
    public async Task<Held> HeldAsync(Programme programme, DateOnly from, DateOnly to, IReadOnlyCollection<int>? territories, CancellationToken ct = default)
    {
        if (programme.StructureId is not { } permanence) return new(0, [], new HashSet<DateOnly>());
        var roster = (await indicators.ComputeAsync([RosterHalfDays], programme.CiteId, from, to, [permanence], territories, ct)).Single().Value / 2;
        var recorded = await db.Set<PermanenceDay>().IgnoreQueryFilters().AsNoTracking()
            .Where(d => d.ProgrammeId == programme.Id && d.Date >= from && d.Date <= to).Select(d => new { d.Date, d.StructureId }).ToListAsync(ct);
        if (recorded.Count > 0 && territories is { Count: > 0 })
        {
            var inside = (await indicators.ExpandAsync(programme.CiteId, territories, ct)).ToArray();
            var ids = recorded.Select(d => d.StructureId).Distinct().ToArray();
            var placed = await db.Structures.IgnoreQueryFilters().AsNoTracking()
                .Where(s => ids.Contains(s.Id) && ((s.QpvId != null && inside.Contains(s.QpvId.Value)) || (s.CommuneId != null && inside.Contains(s.CommuneId.Value))))
                .Select(s => s.Id).ToListAsync(ct);
            recorded = [.. recorded.Where(d => placed.Contains(d.StructureId))];
        }
        var alsoInRoster = new HashSet<DateOnly>();
        // Which recorded days the roster holds: asked day by day, and only when it holds anything in the period
        // (the usual case where this is used at all is a permanence the roster does not plan).
        if (roster > 0)
            foreach (var d in recorded)
                if ((await indicators.ComputeAsync([RosterHalfDays], programme.CiteId, d.Date, d.Date, [d.StructureId], territories, ct)).Single().Value > 0)
                    alsoInRoster.Add(d.Date);
        return new(roster, [.. recorded.Select(d => d.Date).Where(d => !alsoInRoster.Contains(d)).Order()], alsoInRoster);
    }

    /// <summary>The days recorded for a programme in a year, latest first.</summary>
    public async Task<IReadOnlyList<PermanenceDay>> RecordedAsync(int programmeId, int year, CancellationToken ct = default) =>
        await db.Set<PermanenceDay>().IgnoreQueryFilters().AsNoTracking()
            .Where(d => d.ProgrammeId == programmeId && d.Date >= new DateOnly(year, 1, 1) && d.Date <= new DateOnly(year, 12, 31))
            .OrderByDescending(d => d.Date).ToListAsync(ct);

    /// <summary>
    /// Records a day held at the programme's permanence (the caller checked the person is of its staff): a date given,
    /// not in the future, not already recorded (each refusal names <c>date</c>; nothing saved).
    /// </summary>
    public async Task<PermanenceDay> RecordAsync(int programmeId, DateOnly? date, string? note, CancellationToken ct = default)
    {
        var programme = await db.Set<Programme>().IgnoreQueryFilters().AsNoTracking().SingleAsync(p => p.Id == programmeId, ct);
        var problems = new List<RuleViolation>();
        if (programme.StructureId is null)
            problems.Add(new("programme", new("Le programme n'a pas de permanence.", "The programme has no permanence.")));
        if (date is null) problems.Add(new("date", new("Indiquez la date.", "Give the date.")));
        else if (date > Today) problems.Add(new("date", new("La date est dans le futur : on enregistre un jour tenu.", "The date is in the future: a day held is recorded.")));
        else if (await ExistsAsync(programmeId, date.Value, ct)) problems.Add(Duplicate(date.Value));
        if (note?.Trim().Length > PermanenceDay.MaxNote)
            problems.Add(new("note", new($"La note a au plus {PermanenceDay.MaxNote} caractères.", $"The note has at most {PermanenceDay.MaxNote} characters.")));
        RuleViolation.ThrowIfAny(problems);
        var day = new PermanenceDay
        {
            CiteId = programme.CiteId, ProgrammeId = programme.Id, StructureId = programme.StructureId!.Value, Date = date!.Value,
            Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim(), RecordedBy = actor.UserName, RecordedAt = clock.GetUtcNow(),
        };
        db.Add(day);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            db.ChangeTracker.Clear(); // recorded meanwhile by someone else (the unique index)
            throw Duplicate(date.Value);
        }
        return day;
    }

    /// <summary>Removes a day recorded by mistake (audited).</summary>
    public async Task RemoveAsync(int programmeId, int id, CancellationToken ct = default)
    {
        var day = await db.Set<PermanenceDay>().IgnoreQueryFilters().SingleOrDefaultAsync(d => d.Id == id && d.ProgrammeId == programmeId, ct)
                  ?? throw new NotFoundProblem(new($"Aucun jour de permanence n'a le numéro {id}.", $"No permanence day has the id {id}."));
        db.Remove(day);
        await db.SaveChangesAsync(ct);
    }

    private Task<bool> ExistsAsync(int programmeId, DateOnly date, CancellationToken ct) =>
        db.Set<PermanenceDay>().IgnoreQueryFilters().AnyAsync(d => d.ProgrammeId == programmeId && d.Date == date, ct);

    private static RuleViolation Duplicate(DateOnly date) => new("date", new(
        $"Le {HumanDates.Date(date, HumanDates.French)} est déjà enregistré.", $"{HumanDates.Date(date, HumanDates.English)} is already recorded."));
}
