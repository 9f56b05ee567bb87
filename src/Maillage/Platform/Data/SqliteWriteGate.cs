using Microsoft.EntityFrameworkCore;

namespace Maillage.Platform.Data;

/// <summary>
/// SQLite lets one writer in at a time; a connection that finds the file locked retries after sleeps that grow
/// to 100 ms (its busy handler), so under a burst of small writes some requests wait far longer than the
/// writes themselves take. Hot write paths take this gate first: writers of this process queue in order
/// and each one finds the file free. Other processes (a command run beside the server) are still handled
/// by the busy timeout. On PostgreSQL the gate is not used.
/// </summary>
public sealed class SqliteWriteGate
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private int _waiting;

    /// <summary>How many units of work are waiting for their turn now (what a test observes instead of sleeping).</summary>
    public int Waiting => Volatile.Read(ref _waiting);

    /// <summary>On SQLite, waits for the turn of this unit of work (dispose the result to let the next one in); on PostgreSQL, nothing to wait for (null).</summary>
    public async Task<IDisposable?> TurnAsync(MaillageDb db, CancellationToken ct) =>
        db.OnSqlite ? await EnterAsync(ct) : null;

    /// <summary>Waits for the turn of this request; dispose the result to let the next one in.</summary>
    public async Task<IDisposable> EnterAsync(CancellationToken ct)
    {
        if (!_gate.Wait(0, CancellationToken.None))
        {
            Interlocked.Increment(ref _waiting);
            try
            {
                await _gate.WaitAsync(ct);
            }
            finally
            {
                Interlocked.Decrement(ref _waiting);
            }
        }
        return new Turn(_gate);
    }

    private sealed class Turn(SemaphoreSlim gate) : IDisposable
    {
        private int _released;
        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0) gate.Release();
        }
    }
}
