using System.Globalization;
using Maillage.Platform.Audit;
using Maillage.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Entrepreneurship;

/// <summary>
/// Erases a holder (on request, or by the retention purge): the person's counts move to <see cref="AnonymousCount"/>
/// (once per stage and year, as the indicators count them), then the record, its steps and every audit entry about
/// them (changes and reads) are deleted, in one transaction. Deletes bypass the change tracker, so no new audit entry
/// copies the data; one entry says a record was erased, with its number alone.
/// </summary>
public sealed class HolderErasure(MaillageDb db, IAuditActor actor, TimeProvider clock)
{
    public const string ErasedAction = "Erased";

    public async Task EraseAsync(ProjectHolder holder, string reason, CancellationToken ct = default)
    {
        var programme = await db.Set<Programme>().IgnoreQueryFilters().SingleAsync(p => p.Id == holder.ProgrammeId, ct);
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
            foreach (var c in Contributions(holder))
                await AddCountAsync(db, programme, c.Kind, c.Month, holder.CommuneId, holder.QpvId, c.PartnerId, 1, ct);
            await db.SaveChangesAsync(ct);
            var stepIds = holder.Steps.Select(s => s.Id.ToString(CultureInfo.InvariantCulture)).ToArray();
            var holderId = holder.Id.ToString(CultureInfo.InvariantCulture);
            await db.AuditEntries.Where(a => (a.EntityType == nameof(PipelineStep) && stepIds.Contains(a.EntityId))
                                              || (a.EntityType == nameof(ProjectHolder) && a.EntityId == holderId)
                                              || (a.EntityType == nameof(Consent) && a.EntityId == holderId)).ExecuteDeleteAsync(ct);
            await db.Set<Holders.FollowUpAlert>().IgnoreQueryFilters().Where(a => a.HolderId == holder.Id).ExecuteDeleteAsync(ct);
            await db.Set<PipelineStep>().IgnoreQueryFilters().Where(s => s.HolderId == holder.Id).ExecuteDeleteAsync(ct);
            await db.Set<ProjectHolder>().IgnoreQueryFilters().Where(h => h.Id == holder.Id).ExecuteDeleteAsync(ct);
            db.AuditEntries.Add(new AuditEntry
            {
                At = clock.GetUtcNow(), UserId = actor.UserId, UserName = actor.UserName, CiteId = holder.CiteId,
                EntityType = nameof(ProjectHolder), EntityId = holderId, Action = ErasedAction, After = $"{{\"reason\":\"{reason}\"}}",
            });
            await db.SaveChangesAsync(ct);
            if (transaction is not null) await transaction.CommitAsync(ct);
        });
        db.ChangeTracker.Clear();
    }

    /// <summary>What the person counts for, as the indicators count it: once per stage and year (at the month of the first
    /// step of that stage in the year), once per partner referred to, and once as a holder of the year (any step but
    /// sensitisation) for the QPV share.</summary>
    public static IEnumerable<(StepKind? Kind, DateOnly Month, int? PartnerId)> Contributions(ProjectHolder holder)
    {
        static DateOnly MonthOf(DateOnly d) => new(d.Year, d.Month, 1);
        foreach (var g in holder.Steps.GroupBy(s => (s.Date.Year, s.Kind)))
        {
            yield return (g.Key.Kind, MonthOf(g.Min(s => s.Date)), null);
            if (g.Key.Kind == StepKind.Referred)
                foreach (var p in g.Where(s => s.ReferralPartnerId is not null).GroupBy(s => s.ReferralPartnerId))
                    yield return (StepKind.Referred, MonthOf(p.Min(s => s.Date)), p.Key);
        }
        foreach (var y in holder.Steps.Where(s => s.Kind != StepKind.Sensitised).GroupBy(s => s.Date.Year))
            yield return (null, MonthOf(y.Min(s => s.Date)), null);
    }

    /// <summary>Adds people to the anonymous count of that stage, month, residence and partner (one row per combination).</summary>
    internal static async Task AddCountAsync(MaillageDb db, Programme programme, StepKind? kind, DateOnly month, int? communeId, int? qpvId, int? partnerId, int count, CancellationToken ct)
    {
        var row = db.Set<AnonymousCount>().Local.FirstOrDefault(r => r.ProgrammeId == programme.Id && r.Kind == kind && r.Month == month && r.CommuneId == communeId && r.QpvId == qpvId && r.ReferralPartnerId == partnerId)
                  ?? await db.Set<AnonymousCount>().IgnoreQueryFilters().FirstOrDefaultAsync(r => r.ProgrammeId == programme.Id && r.Kind == kind && r.Month == month
                      && r.CommuneId == communeId && r.QpvId == qpvId && r.ReferralPartnerId == partnerId, ct);
        if (row is null)
            db.Add(new AnonymousCount { CiteId = programme.CiteId, ProgrammeId = programme.Id, Kind = kind, Month = month, CommuneId = communeId, QpvId = qpvId, ReferralPartnerId = partnerId, Count = count });
        else row.Count += count;
    }
}
