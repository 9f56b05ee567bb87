using Maillage.Platform.Data;
using Maillage.Platform.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Maillage.Platform.Email;

/// <summary>
/// Delivers due outbox messages. Each row is claimed by one conditional UPDATE (pending, due, and not
/// claimed by another live dispatcher), so several instances never send the same row concurrently.
/// A row is marked sent only after the transport accepted it; a crash in between leaves the claim to
/// expire and the row is sent again with the same Message-Id (at-least-once delivery, duplicates
/// recognisable by Message-Id; the pickup directory overwrites the same file, so there it is exactly once).
/// </summary>
internal sealed class OutboxDispatcher(MaillageDb db, IEmailTransport transport, IOptions<EmailOptions> options, TimeProvider clock, SqliteWriteGate writeGate, RequestLoad load, ILogger<OutboxDispatcher> logger)
{
    private static readonly TimeSpan ClaimFor = TimeSpan.FromMinutes(2);
    private readonly string _instance = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    /// <summary>The longest one run keeps draining a backlog before it lets the recurring job come round again.</summary>
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(20);

    /// <summary>
    /// Sends the messages due now, <paramref name="batch"/> at a time, batch after batch while a full one was
    /// due (a rush of registrations is not spread over minutes of 5-second ticks), within 20 seconds of delivering.
    /// Before each batch it yields to the requests in flight (<see cref="RequestLoad"/>), at most
    /// <see cref="EmailOptions.YieldToRequestsSeconds"/> in the run, time not counted in the 20 seconds. Returns how many were sent.
    /// </summary>
    public async Task<int> DispatchDueAsync(int batch = 100, CancellationToken ct = default)
    {
        var started = clock.GetTimestamp();
        var yielded = TimeSpan.Zero; // not counted in the budget, which is for delivering
        var mayYield = TimeSpan.FromSeconds(Math.Max(0, options.Value.YieldToRequestsSeconds));
        var sent = 0;
        while (true)
        {
            if (load.Busy && mayYield > TimeSpan.Zero)
            {
                var before = clock.GetTimestamp();
                mayYield -= await load.WhenQuietAsync(mayYield, ct); // holding no connection
                yielded += clock.GetElapsedTime(before);
            }
            // One connection per batch: on SQLite each opening of a pooled connection registers EF Core's SQL functions
            // again (and each closing removes them), a cost a batch would otherwise pay at every statement.
            await db.Database.OpenConnectionAsync(ct);
            int claimed, delivered;
            try
            {
                (claimed, delivered) = await DispatchBatchAsync(batch, ct);
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
            sent += delivered;
            if (claimed < batch || clock.GetElapsedTime(started) - yielded > Budget) return sent;
        }
    }

    /// <summary>
    /// A write of the dispatcher. On SQLite it takes its turn at the write gate (decision 0006) like the requests'
    /// writes: otherwise each mark "sent" during a rush would meet a registration's write lock and sleep in SQLite's
    /// busy handler, and make the registration behind it sleep in turn.
    /// </summary>
    private async Task<int> WriteAsync(Func<Task<int>> update, CancellationToken ct)
    {
        using var turn = await writeGate.TurnAsync(db, ct);
        return await update();
    }

    /// <summary>
    /// Claims up to <paramref name="batch"/> due messages in one conditional UPDATE, reads them in one query,
    /// then sends them one by one, each marked sent as soon as the transport accepted it (a crash re-sends
    /// at most the message in flight). Past half the claim's time (a slow relay; SMTP commands time out after
    /// 30 s) the rest of the batch is released unsent, so that a claim never lapses while its owner still sends.
    /// </summary>
    private async Task<(int Claimed, int Sent)> DispatchBatchAsync(int batch, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var candidates = await db.Outbox.AsNoTracking()
            .Where(m => m.State == OutboxState.Pending && m.DueAt <= now && (m.ClaimedUntil == null || m.ClaimedUntil < now))
            .OrderBy(m => m.DueAt).ThenBy(m => m.Id)
            .Select(m => m.Id)
            .Take(batch)
            .ToListAsync(ct);
        if (candidates.Count == 0) return (0, 0);
        var until = now + ClaimFor;
        // Rows another dispatcher claimed in between are left out by the condition.
        await WriteAsync(() => db.Outbox
            .Where(m => candidates.Contains(m.Id) && m.State == OutboxState.Pending && (m.ClaimedUntil == null || m.ClaimedUntil < now))
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.ClaimedUntil, until).SetProperty(m => m.ClaimedBy, _instance).SetProperty(m => m.Attempts, m => m.Attempts + 1), ct), ct);
        var rows = await db.Outbox.AsNoTracking()
            .Where(m => candidates.Contains(m.Id) && m.ClaimedBy == _instance && m.ClaimedUntil == until && m.State == OutboxState.Pending)
            .OrderBy(m => m.DueAt).ThenBy(m => m.Id)
            .ToListAsync(ct);
        var sent = 0;
        IEmailSession? session = null;
        try
        {
            for (var i = 0; i < rows.Count; i++)
            {
                if (clock.GetUtcNow() - now > ClaimFor / 2)
                {
                    // A slow relay: let the rest go before the claim could lapse under another dispatcher.
                    var rest = rows.Skip(i).Select(r => r.Id).ToList();
                    await WriteAsync(() => db.Outbox.Where(m => rest.Contains(m.Id) && m.ClaimedBy == _instance && m.State == OutboxState.Pending)
                        .ExecuteUpdateAsync(u => u.SetProperty(m => m.ClaimedUntil, (DateTimeOffset?)null).SetProperty(m => m.ClaimedBy, (string?)null).SetProperty(m => m.Attempts, m => m.Attempts - 1), ct), ct);
                    return (candidates.Count, sent);
                }
                if (session is null)
                {
                    try
                    {
                        session = await transport.OpenAsync(ct);
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException)
                    {
                        // The relay cannot be reached: the rest of the batch waits for the next attempt, and the run stops.
                        foreach (var row in rows.Skip(i)) await FailedAsync(row, ex, ct);
                        return (0, sent);
                    }
                }
                if (await SendAsync(rows[i], session, ct)) sent++;
                else
                {
                    // After a failure the connection may be in any state: the next message opens a new one.
                    await session.DisposeAsync();
                    session = null;
                }
            }
        }
        finally
        {
            if (session is not null) await session.DisposeAsync();
        }
        return (candidates.Count, sent);
    }

    /// <summary>Sends one claimed message; marks it sent, or failed with its retry time. False when not delivered.</summary>
    private async Task<bool> SendAsync(OutboxMessage row, IEmailSession session, CancellationToken ct)
    {
        var id = row.Id;
        try
        {
            await session.SendAsync(MimeBuilder.Build(row, options.Value), ct);
            await WriteAsync(() => db.Outbox.Where(m => m.Id == id && m.ClaimedBy == _instance)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.State, OutboxState.Sent).SetProperty(m => m.SentAt, clock.GetUtcNow()).SetProperty(m => m.ClaimedUntil, (DateTimeOffset?)null).SetProperty(m => m.LastError, (string?)null), ct), ct);
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await FailedAsync(row, ex, ct);
            return false;
        }
    }

    private async Task FailedAsync(OutboxMessage row, Exception ex, CancellationToken ct)
    {
        var id = row.Id;
        var failed = row.Attempts >= options.Value.MaxAttempts;
        // Retry later with a growing pause: 1, 2, 4, ... minutes.
        var retryAt = clock.GetUtcNow() + TimeSpan.FromMinutes(Math.Pow(2, Math.Min(row.Attempts - 1, 10)));
        logger.LogWarning(ex, "Email {MessageId} ({Kind}) not delivered, attempt {Attempt}", row.MessageId, row.Kind, row.Attempts);
        var error = ex.Message.Length > 1900 ? ex.Message[..1900] : ex.Message;
        await WriteAsync(() => db.Outbox.Where(m => m.Id == id && m.ClaimedBy == _instance)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.State, failed ? OutboxState.Failed : OutboxState.Pending)
                .SetProperty(m => m.ClaimedUntil, retryAt).SetProperty(m => m.LastError, error), ct), ct);
    }
}
