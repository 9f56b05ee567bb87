namespace Maillage.Visits.Statistics;

/// <summary>Visit statistics: rollups, the stats API, dashboards, key figures, disclosure control, seeding (SPEC §4).</summary>
public static class VisitStatisticsModule
{
    public static WebApplicationBuilder AddVisitStatistics(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<VisitStatistics>();
        builder.Services.AddScoped<StatsAccess>();
        builder.Services.AddScoped<Dashboards.DashboardBuilder>();
        return builder;
    }

    public static RouteGroupBuilder MapVisitStatistics(this RouteGroupBuilder api) => api.MapStatsApi();
}
