using Maillage.Platform.Configuration;
using System.Text.Json;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using System.Text.Json.Nodes;
using Maillage.Platform.Identity;
using Maillage.Platform.Modules;
using Maillage.Visits.Categories;
using Maillage.Visits.Seeding;
using Maillage.Visits.Statistics;
using Microsoft.AspNetCore.OpenApi;

namespace Maillage.Visits;

/// <summary>
/// Anonymous reception logging: visit records, reception and counsellor screens, kiosk, API; and their statistics:
/// rollups, the stats API, dashboards, key figures, disclosure control, seeding (SPEC §4).
/// </summary>
public static class VisitsModule
{
    /// <summary>Those who log visits and interviews (<see cref="VisitIntake.Loggers"/>): the reception and counsellor screens.</summary>
    public const string LoggersPolicy = "VisitLoggers";
    /// <summary>Those who read attendance figures, exact or protected: the dashboards.</summary>
    public const string StatisticsPolicy = "VisitStatistics";

    public static WebApplicationBuilder AddVisits(this WebApplicationBuilder builder)
    {
        builder.AddModule("visits")
            .Endpoints(MapVisits)
            .DatabaseInitialiser<VisitRollupInitialiser>()
            .DevelopmentSeeder<DemoVisits>()
            .Command<SeedVisitsCommand>("seed-visits", "--cite C --count N --years Y", "add N synthetic visits to the Cité C (slug) over the last Y years", "cite", "count", "years")
            .Policy(LoggersPolicy, VisitIntake.Loggers)
            // Attendance is read for a Cité or a structure: a role held on a partner alone (a partner's counsellor) does not open it.
            .Policy(StatisticsPolicy, [ScopeKind.Platform, ScopeKind.Cite, ScopeKind.Structure], [.. StatsAccess.ExactReaders, .. StatsAccess.ProtectedReaders])
            .Menu(MenuGroup.Reception, new("Accueil des visiteurs", "Reception"), "/gestion/accueil", LoggersPolicy)
            .Menu(MenuGroup.Statistics, new("Fréquentation", "Attendance"), "/gestion/statistiques", StatisticsPolicy)
            .Indicators<VisitIndicators>()
            // A reception agent resumes the reception screen it used last on this device (Reception/Index).
            .Landing(StaffRole.ReceptionAgent, Reception.IndexModel.Resume);
        builder.Services.AddSettings<VisitsOptions>(builder.Configuration, VisitsOptions.Section);
        builder.Services.AddSettings<DemoVisitsOptions>(builder.Configuration, DemoVisitsOptions.Section);
        var kioskPerMinute = builder.Services.AddSettings<KioskRateLimitOptions>(builder.Configuration, KioskRateLimitOptions.Section).KioskPerMinute;
        builder.Services.AddScoped<VisitStatistics>();
        builder.Services.AddScoped<StatsAccess>();
        builder.Services.AddScoped<Dashboards.DashboardBuilder>();
        builder.Services.AddScoped<VisitRecorder>();
        builder.Services.AddSingleton<VisitCommitGroups>();
        builder.Services.AddScoped<VisitIntake>();
        builder.Services.AddMemoryCache();
        builder.Services.AddScoped<Reception.ReceptionDesk>();
        builder.Services.AddScoped<Kiosk.KioskSession>();
        // Kiosks are anonymous: each tablet (or address, without a kiosk cookie) gets a few requests a minute.
        builder.Services.Configure<RateLimiterOptions>(o => o.AddPolicy(Kiosk.KioskSession.RateLimit, http =>
            RateLimitPartition.GetFixedWindowLimiter(Kiosk.KioskSession.PartitionOf(http), _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = kioskPerMinute, Window = TimeSpan.FromMinutes(1),
            })));
        builder.Services.AddHostedService<ReceiptPurge>();
        // Needs and services are flag enums, which the document would show as bare strings: list their names.
        builder.Services.Configure<OpenApiOptions>("v1", o => o.AddSchemaTransformer((schema, context, _) =>
        {
            var type = context.JsonTypeInfo.Type;
            if (type == typeof(Needs) || type == typeof(Services))
                schema.Enum = Enum.GetNames(type).Where(n => n != "None")
                    .Select(n => (JsonNode)JsonValue.Create(JsonNamingPolicy.CamelCase.ConvertName(n))).ToList();
            return Task.CompletedTask;
        }));
        return builder;
    }

    public static void MapVisits(IEndpointRouteBuilder app) => Api.Group(app).MapVisitApi().MapStatsApi();
}

/// <summary>Deletes receipts past their window once an hour (idempotent, so several instances may run it).</summary>
internal sealed class ReceiptPurge(IServiceScopeFactory scopes, TimeProvider clock, ILogger<ReceiptPurge> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(1), clock);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var purged = await scope.ServiceProvider.GetRequiredService<VisitRecorder>().PurgeReceiptsAsync(stoppingToken);
                if (purged > 0) logger.LogInformation("Purged {Count} visit receipts older than {Days} days", purged, VisitReceipt.KeptFor.Days);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Purging visit receipts failed; next attempt in an hour");
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
