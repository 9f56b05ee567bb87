using Microsoft.Data.Sqlite;

namespace Maillage.Platform.Data;

/// <summary>
/// Copies SQLite's write-ahead log into the database file every second, in the background (decision 0008).
/// Left to itself, SQLite does this inside whichever commit pushes the log past 1 000 pages: that request
/// then also copies the pages and syncs the file while every other writer waits at the gate — the slowest
/// 1 % of reception entries were these. Here a PASSIVE checkpoint (it never waits for, nor blocks, readers
/// and writers) runs on its own connection, and request connections only checkpoint as a safety net if the
/// log ever passes <see cref="SafetyNetPages"/> (this service stopped, or a command run beside the server).
/// </summary>
internal sealed class SqliteCheckpointer(IConfiguration configuration, Microsoft.Extensions.Options.IOptions<Configuration.DatabaseOptions> options, TimeProvider clock, ILogger<SqliteCheckpointer> logger) : BackgroundService
{
    /// <summary><c>PRAGMA wal_autocheckpoint</c> of request connections: about 40 MB of log (SQLite's default: 1 000).</summary>
    public const int SafetyNetPages = 10_000;

    /// <summary>The last pass: pages in the log and pages copied into the database (equal when the log is fully copied).</summary>
    public (long LogPages, long CopiedPages)? Last { get; private set; }

    /// <summary>How many passes have run since the start.</summary>
    public int Passes => _passes;
    private int _passes;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var every = TimeSpan.FromMilliseconds(options.Value.Sqlite.CheckpointMilliseconds);
        using var timer = new PeriodicTimer(every, clock);
        try
        {
            await using var connection = new SqliteConnection(DatabaseSetup.SqliteConnectionString(configuration));
            await connection.OpenAsync(stoppingToken);
            await using var checkpoint = connection.CreateCommand();
            checkpoint.CommandText = "PRAGMA wal_checkpoint(PASSIVE);";
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await using var reader = await checkpoint.ExecuteReaderAsync(stoppingToken);
                    if (await reader.ReadAsync(stoppingToken))
                        Last = (reader.GetInt64(1), reader.GetInt64(2));
                    Interlocked.Increment(ref _passes);
                }
                catch (SqliteException e)
                {
                    logger.LogWarning(e, "WAL checkpoint failed; SQLite's own checkpoint at {Pages} pages remains", SafetyNetPages);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
