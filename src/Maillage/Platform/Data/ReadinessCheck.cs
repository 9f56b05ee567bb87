using Maillage.Platform.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Maillage.Platform.Data;

/// <summary>Ready when the database answers, no migration is pending and (SQLite) its quick check at start found nothing.</summary>
internal sealed class ReadinessCheck(MaillageDb db, DatabaseIntegrity integrity) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            if (integrity.Problem is { } problem)
                return HealthCheckResult.Unhealthy($"SQLite's quick_check at start failed: {problem}. Restore the last backup (README, 'restore').");
            if (!await db.Database.CanConnectAsync(cancellationToken))
                return HealthCheckResult.Unhealthy("The database cannot be reached.");
            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            return pending.Count == 0
                ? HealthCheckResult.Healthy("Database reachable, migrations applied.")
                : HealthCheckResult.Unhealthy($"{Plural.English(pending.Count, "{n} migration", "{n} migrations")} pending: {string.Join(", ", pending)}");
        }
        catch (Exception e)
        {
            return HealthCheckResult.Unhealthy("The database check failed.", e);
        }
    }
}

/// <summary>
/// What SQLite's <c>PRAGMA quick_check</c> found when the application started (null: nothing). A damaged file (a bad
/// copy, a restore over a stale write-ahead log, a failing disk) otherwise shows only when a query reaches the damage.
/// </summary>
internal sealed class DatabaseIntegrity
{
    public string? Problem { get; private set; }

    public async Task CheckAtStartAsync(MaillageDb db, ILogger logger, CancellationToken ct)
    {
        if (!db.Database.IsSqlite()) return;
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA quick_check";
            var lines = new List<string>();
            await using (var reader = await command.ExecuteReaderAsync(ct))
                while (await reader.ReadAsync(ct)) lines.Add(reader.GetString(0));
            Problem = lines is ["ok"] ? null : string.Join("; ", lines);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
        if (Problem is not null) logger.LogCritical("SQLite quick_check failed at start: {Problem}", Problem);
    }
}
