using Maillage.Platform.Localization;
using Maillage.Agenda.Registrations;
using Microsoft.Extensions.Options;
using Maillage.Platform.Data;
using Maillage.Platform.Jobs;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Agenda.Retention;

/// <summary>
/// Erases registrants' personal data a set time after their event (<c>Agenda:Retention:Months</c>,
/// default 12): names, e-mail, phone, answers to the event's questions and personal tokens go
/// (<see cref="Registration.Anonymise"/>), and so do the e-mails about them still in the outbox. What the
/// reports count stays: status, source, attendance, public status, walk-in counts and the anonymous
/// survey answers, so item 7's figures are the same before and after. Runs as a scheduled job; each
/// batch is one transaction, and a second run finds nothing left to do.
/// </summary>
internal sealed class RetentionPurge(MaillageDb db, TimeProvider clock, IOptions<AgendaOptions> options, ILogger<RetentionPurge> logger)
{
    public const int DefaultMonths = 12;
    private const int Batch = 500;

    public int Months => options.Value.Retention.Months;

    /// <summary>Events that ended before this moment have their registrants anonymised.</summary>
    public DateTimeOffset Cutoff => clock.GetUtcNow().AddMonths(-Months);

    public async Task<int> RunAsync(CancellationToken ct = default)
    {
        var cutoff = Cutoff;
        var now = clock.GetUtcNow();
        var total = 0;
        while (!ct.IsCancellationRequested)
        {
            var batch = await db.Registrations.IgnoreQueryFilters().Include(r => r.Answers)
                .Where(r => r.AnonymisedAt == null && r.Event.EndsAt < cutoff)
                .OrderBy(r => r.Id).Take(Batch).ToListAsync(ct);
            if (batch.Count == 0) break;
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var subjects = batch.Select(AgendaMail.SubjectOf).ToArray();
            // Messages keep addresses and names: those not yet sent are dropped, those sent are deleted.
            await db.Outbox.IgnoreQueryFilters().Where(m => m.Subject != null && subjects.Contains(m.Subject)).ExecuteDeleteAsync(ct);
            foreach (var r in batch) r.Anonymise(now);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            db.ChangeTracker.Clear();
            total += batch.Count;
        }
        if (total > 0) logger.LogInformation("Retention: anonymised {Count} registrations of events ended before {Cutoff:u}", total, cutoff);
        return total;
    }
}

/// <summary>The scheduled run of <see cref="RetentionPurge"/> (every <c>Agenda:Retention:IntervalHours</c>, default 6).</summary>
internal sealed class RetentionJob(RetentionPurge purge) : IBackgroundJob
{
    public Task RunAsync(IReadOnlyDictionary<string, string> data, CancellationToken ct) => purge.RunAsync(ct);
}

/// <summary><c>purge-retention</c>: the retention job, run now from the command line.</summary>
internal sealed class PurgeRetentionCommand(RetentionPurge purge) : Platform.Cli.ICommand
{
    public async Task<int> RunAsync(Platform.Cli.CommandContext context)
    {
        await Platform.Startup.PrepareDatabaseAsync(context.Application);
        var purged = await purge.RunAsync();
        await context.Output.WriteLineAsync($"{Plural.English(purged, "{n} registration", "{n} registrations")} anonymised (events ended before {purge.Cutoff:yyyy-MM-dd}).");
        return 0;
    }
}
