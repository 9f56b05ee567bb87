using System.Collections.Concurrent;
using Maillage.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Agenda.Registrations;

/// <summary>
/// SQLite runs one writer at a time: a transaction that finds the database locked sleeps in SQLite's busy handler
/// (1, 2, 5 ... 100 ms between attempts) while the lock may already be free. Registrations of this process therefore
/// queue here, first come first served, before they begin their transaction, so that under a rush the write lock
/// passes straight from one to the next. Other writers (other processes, the outbox dispatcher) still wait in the busy
/// handler as before; correctness never depends on the gate (the conditional UPDATE does). A no-op on PostgreSQL,
/// whose row lock on the event already queues the registrations of one event and lets other events' run in parallel.
/// </summary>
internal static class SqliteWriteGate
{
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Gates = new();

    public static async Task<IDisposable?> EnterAsync(MaillageDb db, CancellationToken ct)
    {
        if (!db.Database.IsSqlite()) return null;
        var gate = Gates.GetOrAdd(db.Database.GetConnectionString() ?? "", _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(ct);
        return new Release(gate);
    }

    private sealed class Release(SemaphoreSlim gate) : IDisposable
    {
        private int released;
        public void Dispose()
        {
            if (Interlocked.Exchange(ref released, 1) == 0) gate.Release();
        }
    }
}
