using System.Threading.Channels;
using Maillage.Platform.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Visits;

/// <summary>
/// Group commit for single reception entries (decision 0007). Each entry a reception agent, counsellor or
/// kiosk sends is small; written alone, each costs a transaction — on PostgreSQL a statement, a commit and a
/// WAL flush per visit; on SQLite a turn at the write gate and a WAL append. Entries that arrive together are
/// queued here and one writer stores them in one transaction, then answers each request with its own count:
/// the answer still comes only after the commit, so nothing acknowledged can be lost. With one entry in
/// flight nothing waits (the writer takes it at once); under a burst the next group forms while the current
/// one is written.
/// On SQLite the writer keeps one connection open with its statements compiled once (<see cref="SqliteVisitStatements"/>);
/// on PostgreSQL each group borrows a pooled connection, whose statement Npgsql has prepared.
/// A client id sent by two requests of one group counts for the first. If a group fails as a whole, each of
/// its requests is written again on its own, so that one request's failure is never another's.
/// </summary>
internal sealed class VisitCommitGroups : IAsyncDisposable
{
    /// <summary>Requests of up to this many entries are grouped; larger batches are a group already.</summary>
    public const int GroupedUpTo = 16;

    /// <summary>The most entries one group gathers before it is written.</summary>
    public const int MaxEntries = 1000;

    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Lock _start = new();
    private Task? _writer;

    private readonly IServiceScopeFactory _scopes;
    private readonly ILogger<VisitCommitGroups> _logger;
    private readonly SqliteWriteGate _gate;
    private readonly TimeProvider _clock;

    /// <summary>The writer's own SQLite connection and statements; null until its first group, and on PostgreSQL.</summary>
    private (SqliteConnection Connection, SqliteVisitStatements Statements)? _sqlite;
    private bool? _onSqlite;

    private sealed record Pending(IReadOnlyList<VisitToRecord> Entries, TaskCompletionSource<int> Done);

    public VisitCommitGroups(IServiceScopeFactory scopes, ILogger<VisitCommitGroups> logger, IHostApplicationLifetime lifetime, SqliteWriteGate gate, TimeProvider clock)
    {
        _scopes = scopes;
        _logger = logger;
        _gate = gate;
        _clock = clock;
        // Once the server has answered its last request and before the services are disposed, what is queued is written.
        lifetime.ApplicationStopped.Register(() => DisposeAsync().AsTask().GetAwaiter().GetResult());
    }

    /// <summary>Queues the entries and answers, once their group is committed, how many of them were new.</summary>
    public Task<int> RecordAsync(IReadOnlyList<VisitToRecord> entries, CancellationToken ct)
    {
        EnsureWriter();
        var pending = new Pending(entries, new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_queue.Writer.TryWrite(pending))
            throw new OperationCanceledException("The application is stopping.");
        // A caller that gives up still has its entries written; its client resends them and they count once.
        return pending.Done.Task.WaitAsync(ct);
    }

    private void EnsureWriter()
    {
        if (_writer is not null) return;
        lock (_start) _writer ??= Task.Run(WriteLoopAsync);
    }

    private async Task WriteLoopAsync()
    {
        var group = new List<Pending>();
        while (await _queue.Reader.WaitToReadAsync())
        {
            group.Clear();
            var entries = 0;
            while (entries < MaxEntries && _queue.Reader.TryRead(out var pending))
            {
                group.Add(pending);
                entries += pending.Entries.Count;
            }
            await WriteGroupAsync(group);
        }
        CloseSqlite();
    }

    private async Task WriteGroupAsync(List<Pending> group)
    {
        try
        {
            var all = new List<VisitToRecord>();
            var queued = new HashSet<Guid>();
            foreach (var pending in group)
                foreach (var entry in pending.Entries)
                    if (queued.Add(entry.ClientId)) all.Add(entry);
            var recorded = await WriteAsync(all);
            var counted = new HashSet<Guid>();
            foreach (var pending in group)
                pending.Done.TrySetResult(pending.Entries.Count(e => recorded.Contains(e.ClientId) && counted.Add(e.ClientId)));
        }
        catch (Exception e) when (group.Count > 1)
        {
            _logger.LogWarning(e, "A group of {Requests} visit requests failed; writing each on its own", group.Count);
            foreach (var pending in group)
            {
                try { pending.Done.TrySetResult((await WriteAsync(pending.Entries)).Count); }
                catch (Exception alone) { pending.Done.TrySetException(alone); }
            }
        }
        catch (Exception e)
        {
            group[0].Done.TrySetException(e);
        }
    }

    private async Task<IReadOnlySet<Guid>> WriteAsync(IReadOnlyList<VisitToRecord> entries)
    {
        if (_sqlite is null && _onSqlite != false)
        {
            await using var first = _scopes.CreateAsyncScope();
            var db = first.ServiceProvider.GetRequiredService<MaillageDb>();
            _onSqlite = db.OnSqlite;
            if (db.OnSqlite) _sqlite = OpenSqlite(db.Database.GetConnectionString()!);
        }
        if (_sqlite is { } sqlite) return await WriteSqliteAsync(sqlite.Connection, sqlite.Statements, entries);
        await using var scope = _scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<VisitRecorder>().RecordTogetherAsync(entries, CancellationToken.None);
    }

    private static (SqliteConnection, SqliteVisitStatements) OpenSqlite(string connectionString)
    {
        var connection = new SqliteConnection(connectionString);
        connection.Open();
        SqlitePragmas.Apply(connection);
        return (connection, new SqliteVisitStatements(connection));
    }

    /// <summary>One group on the writer's SQLite connection: a turn at the write gate, one transaction. A failed group drops the connection (the next one opens it again).</summary>
    private async Task<IReadOnlySet<Guid>> WriteSqliteAsync(SqliteConnection connection, SqliteVisitStatements statements, IReadOnlyList<VisitToRecord> entries)
    {
        using var turn = await _gate.EnterAsync(CancellationToken.None);
        try
        {
            await using var tx = connection.BeginTransaction();
            var recorded = await statements.RecordAsync(tx, entries, _clock.GetUtcNow().ToUnixTimeMilliseconds(), CancellationToken.None);
            await tx.CommitAsync();
            return recorded;
        }
        catch
        {
            CloseSqlite();
            throw;
        }
    }

    private void CloseSqlite()
    {
        if (_sqlite is not { } sqlite) return;
        _sqlite = null;
        sqlite.Statements.Dispose();
        sqlite.Connection.Dispose();
    }

    /// <summary>At shutdown (application stopped), what is queued is written; later calls find nothing to do.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        if (_writer is not null) await _writer;
    }
}
