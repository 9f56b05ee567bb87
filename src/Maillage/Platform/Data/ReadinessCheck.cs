using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Maillage.Platform.Data;

/// <summary>Ready when the database answers and no migration is pending.</summary>
internal sealed class ReadinessCheck(MaillageDb db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            if (!await db.Database.CanConnectAsync(cancellationToken))
                return HealthCheckResult.Unhealthy("The database cannot be reached.");
            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            return pending.Count == 0
                ? HealthCheckResult.Healthy("Database reachable, migrations applied.")
                : HealthCheckResult.Unhealthy($"{pending.Count} migration(s) pending: {string.Join(", ", pending)}");
        }
        catch (Exception e)
        {
            return HealthCheckResult.Unhealthy("The database check failed.", e);
        }
    }
}
