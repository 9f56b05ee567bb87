using Microsoft.EntityFrameworkCore;

namespace Maillage.Entrepreneurship.Holders;

/// <summary>One line of a coach's list: who, where they are in the pipeline, and when the next follow-up is due.</summary>
public sealed record HolderLine(int Id, string Name, StepKind? Stage, DateOnly LastContactOn, string? Coach, string? CoachUserId, bool FromQpv, DateOnly? FollowUpDue, bool Overdue,
    string? NextAction = null, DateOnly? NextActionOn = null);

/// <summary>The holders of the signed-in person's programmes, by stage (the coach's board, the API's list).</summary>
public sealed class HolderList(ProgrammeAccess access, TimeProvider clock)
{
    /// <summary>
    /// The holders the person may see (<see cref="ProgrammeAccess.VisibleAsync"/>): a coach's own; a manager's whole
    /// programme, or only those she follows herself when <paramref name="onlyMine"/>.
    /// </summary>
    public async Task<IReadOnlyList<HolderLine>> MineAsync(StepKind? stage, bool onlyMine, bool onlyOverdue, CancellationToken ct = default)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var me = access.UserId;
        var visible = await access.VisibleAsync(ct);
        if (onlyMine) visible = visible.Where(h => h.CoachUserId == me);
        var holders = await visible.AsNoTracking().Include(h => h.Steps).AsSplitQuery().ToListAsync(ct);
        return [.. holders.Select(h =>
            {
                var due = FollowUp.DueOn(h);
                return new HolderLine(h.Id, h.DisplayName, h.Stage, h.LastContactOn, h.CoachName, h.CoachUserId, h.FromQpv, due, due < today, h.NextAction, h.NextActionOn);
            })
            .Where(l => (stage is null || l.Stage == stage) && (!onlyOverdue || l.Overdue))
            .OrderBy(l => l.Stage is null ? -1 : (int)l.Stage).ThenBy(l => l.Name, StringComparer.CurrentCulture)];
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
