using System.Text.Json;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using System.Text.Json.Nodes;
using Maillage.Platform;
using Maillage.Visits.Categories;
using Microsoft.AspNetCore.OpenApi;

namespace Maillage.Visits;

/// <summary>Anonymous reception logging: visit records, reception and counsellor screens, kiosk, API (SPEC §4).</summary>
public static class VisitsModule
{
    public static WebApplicationBuilder AddVisits(this WebApplicationBuilder builder)
    {
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
                PermitLimit = builder.Configuration.GetValue("Maillage:RateLimits:KioskPerMinute", 30), Window = TimeSpan.FromMinutes(1),
            })));
        builder.Services.AddHostedService<ReceiptPurge>();
        PlatformModule.LargerBodies[VisitApi.Path] = VisitApi.MaxBody;
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

    public static RouteGroupBuilder MapVisits(this RouteGroupBuilder api) => api.MapVisitApi();
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
