using Microsoft.EntityFrameworkCore;

namespace Maillage.Entrepreneurship.Holders;

/// <summary>One line of a coach's list: who, where they are in the pipeline, and when the next follow-up is due.</summary>
public sealed record HolderLine(int Id, string Name, StepKind? Stage, DateOnly LastContactOn, string? Coach, string? CoachUserId, bool FromQpv, DateOnly? FollowUpDue, bool Overdue,
    string? NextAction = null, DateOnly? NextActionOn = null);

/// <summary>
/// The coach's board: the day's appointments, the overdue follow-ups and, per stage, its number of holders and the first
/// of them by name (<see cref="HolderList.BoardAsync"/>). Each list says how many there are in all.
/// </summary>
public sealed record HolderBoard(
    IReadOnlyList<HolderLine> Appointments, int AppointmentCount,
    IReadOnlyList<HolderLine> Overdue, int OverdueCount,
    IReadOnlyList<(StepKind? Stage, int Count, IReadOnlyList<HolderLine> Holders)> Columns, int Total);

/// <summary>
/// The holders of the signed-in person's programmes, by stage (the coach's board, the API's list). Both read only the
/// holder's row — the stage, last contact, next action and next follow-up due are stored on it
/// (<see cref="ProjectHolder.Refresh"/>) — never the steps.
/// </summary>
public sealed class HolderList(ProgrammeAccess access, TimeProvider clock)
{
    private DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    /// <summary>
    /// The holders the person may see (<see cref="ProgrammeAccess.VisibleAsync"/>): a coach's own; a manager's whole
    /// programme, or only those she follows herself when <paramref name="onlyMine"/>.
    /// </summary>
    private async Task<IQueryable<ProjectHolder>> VisibleAsync(bool onlyMine, CancellationToken ct)
    {
        var me = access.UserId;
        var visible = (await access.VisibleAsync(ct)).AsNoTracking();
        // A coach who manages no programme already sees only the holders she follows: no second filter on her id.
        return onlyMine && (await access.ManagedIdsAsync(ct)).Count > 0 ? visible.Where(h => h.CoachUserId == me) : visible;
    }

    private static IQueryable<HolderLine> Lines(IQueryable<ProjectHolder> holders, DateOnly today) => holders
        .Select(h => new HolderLine(h.Id, h.FirstName + " " + h.LastName, h.CurrentStage, h.LastContactOn, h.CoachName, h.CoachUserId, h.QpvId != null,
            h.FollowUpDueOn, h.FollowUpDueOn < today, h.NextAction, h.NextActionOn));

    private static IQueryable<ProjectHolder> ByName(IQueryable<ProjectHolder> holders) => holders.OrderBy(h => h.FirstName).ThenBy(h => h.LastName).ThenBy(h => h.Id);

    /// <summary>The whole list (the API): every visible holder, of one stage or all, overdue only or not, in stage then name order.</summary>
    public async Task<IReadOnlyList<HolderLine>> MineAsync(StepKind? stage, bool onlyMine, bool onlyOverdue, CancellationToken ct = default)
    {
        var today = Today;
        var holders = await VisibleAsync(onlyMine, ct);
        if (stage is { } s) holders = holders.Where(h => h.CurrentStage == s);
        if (onlyOverdue) holders = holders.Where(h => h.FollowUpDueOn < today);
        var lines = await Lines(holders.OrderBy(h => h.CurrentStage == null ? -1 : (int)h.CurrentStage).ThenBy(h => h.FirstName).ThenBy(h => h.LastName).ThenBy(h => h.Id), today).ToListAsync(ct);
        return lines;
    }

    /// <summary>
    /// The board: the counts per stage (one grouped query), the day's appointments and the overdue follow-ups, and for
    /// each stage kept its first <paramref name="take"/> holders by name after <paramref name="skip"/> (one indexed query per stage).
    /// </summary>
    public async Task<HolderBoard> BoardAsync(IReadOnlyList<StepKind?> stages, bool onlyMine, bool onlyOverdue, int skip, int take, CancellationToken ct = default)
    {
        var today = Today;
        var holders = await VisibleAsync(onlyMine, ct);
        var shown = onlyOverdue ? holders.Where(h => h.FollowUpDueOn < today) : holders;
        var counts = await shown.GroupBy(h => h.CurrentStage).Select(g => new { Stage = g.Key, Count = g.Count() }).ToListAsync(ct);
        var appointments = holders.Where(h => h.NextActionOn == today);
        var overdue = holders.Where(h => h.FollowUpDueOn < today);
        // The lines first: fewer than asked means they are all there, and the count needs no query of its own.
        var appointmentLines = await Lines(ByName(appointments).Take(take), today).ToListAsync(ct);
        var appointmentCount = appointmentLines.Count < take ? appointmentLines.Count : await appointments.CountAsync(ct);
        var overdueLines = await Lines(overdue.OrderBy(h => h.FollowUpDueOn).ThenBy(h => h.Id).Take(take), today).ToListAsync(ct);
        var overdueCount = overdueLines.Count < take ? overdueLines.Count : await overdue.CountAsync(ct);
        var columns = new List<(StepKind?, int, IReadOnlyList<HolderLine>)>();
        foreach (var stage in stages)
        {
            var count = counts.FirstOrDefault(c => c.Stage == stage)?.Count ?? 0;
            var page = count <= skip ? [] : await Lines(ByName(stage is { } k ? shown.Where(h => h.CurrentStage == k) : shown.Where(h => h.CurrentStage == null)).Skip(skip).Take(take), today).ToListAsync(ct);
            columns.Add((stage, count, page));
        }
        return new HolderBoard(appointmentLines, appointmentCount, overdueLines, overdueCount, columns, counts.Sum(c => c.Count));
    }
}

/// <summary>
/// The post-creation follow-up's rhythm: for 3 years after the creation, a meeting every 2 months in the first year
/// (a very young business), every 4 months after; the next is due that long after the creation or the last follow-up.
/// A path closed by another outcome has none.
/// </summary>
public static class FollowUp
{
    public const int Years = 3;
    public const int MonthsFirstYear = 2;
    public const int MonthsAfter = 4;

    public static DateOnly? DueOn(ProjectHolder h)
    {
        var created = h.Steps.Where(s => s.Kind == StepKind.Created).Select(s => (DateOnly?)s.Date).Max();
        if (created is not { } c || h.Steps.Any(s => s.Kind == StepKind.OtherOutcome)) return null;
        var last = h.Steps.Where(s => s.Kind is StepKind.Created or StepKind.FollowUp).Max(s => s.Date);
        var due = last.AddMonths(last < c.AddYears(1) ? MonthsFirstYear : MonthsAfter);
        return due > c.AddYears(Years) ? null : due;
    }
}
