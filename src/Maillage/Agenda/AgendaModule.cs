using System.Threading.RateLimiting;
using Maillage.Agenda.Events;
using Maillage.Agenda.PublicAgenda;
using Maillage.Agenda.Registrations;
using Maillage.Platform.Jobs;

namespace Maillage.Agenda;

/// <summary>The shared agenda of collective actions: events, registrations, waiting lists, feeds.</summary>
public static class AgendaModule
{
    public const string RegistrationRateLimit = "registration";
    /// <summary>The output-cache tag of the public agenda's lists (<see cref="Platform.Web.PublicCache"/>): evicted by any change to events, registrations, series, structures or territories.</summary>
    public const string CacheTag = "agenda";

    public static WebApplicationBuilder AddAgenda(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddScoped<EventQueries>();
        services.AddScoped<EventEditor>();
        services.AddScoped<Seats>();
        services.AddScoped<RegistrationDesk>();
        services.AddScoped<Cancellations>();
        services.AddScoped<Moves>();
        services.AddScoped<Approvals>();
        services.AddScoped<WaitingList>();
        services.AddScoped<Reminders>();
        services.AddScoped<Registrants>();
        services.AddSingleton<AgendaMail>();
        Platform.Web.PublicCache.EvictOnChange<AgendaEvent>(CacheTag);
        Platform.Web.PublicCache.EvictOnChange<Registration>(CacheTag);
        Platform.Web.PublicCache.EvictOnChange<EventSeries>(CacheTag);
        Platform.Web.PublicCache.EvictOnChange<Network.Structure>(CacheTag);
        Platform.Web.PublicCache.EvictOnChange<Network.Territory>(CacheTag);
        services.AddRecurringJob<OfferExpiryJob>("agenda-offers", TimeSpan.FromMinutes(1));
        services.AddRecurringJob<ReminderJob>("agenda-reminders", TimeSpan.FromMinutes(5));
        var perMinute = builder.Configuration.GetValue("Maillage:RateLimits:RegistrationsPerMinute", 30);
        services.Configure<Microsoft.AspNetCore.RateLimiting.RateLimiterOptions>(o => o.AddPolicy(RegistrationRateLimit, ctx =>
            RateLimitPartition.GetFixedWindowLimiter(ctx.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1) })));
        return builder;
    }

    public static RouteGroupBuilder MapAgenda(this RouteGroupBuilder api) => api.MapEventApi().MapRegistrationApi();
}

/// <summary>Passes on offered seats not confirmed in time.</summary>
internal sealed class OfferExpiryJob(RegistrationDesk desk) : IBackgroundJob
{
    public Task RunAsync(IReadOnlyDictionary<string, string> data, CancellationToken ct) => desk.ExpireOffersAsync(ct);
}

/// <summary>Sends the reminders due (Agenda:ReminderHours before the start, 48 by default, or the event's own setting).</summary>
internal sealed class ReminderJob(RegistrationDesk desk, IConfiguration configuration) : IBackgroundJob
{
    public Task RunAsync(IReadOnlyDictionary<string, string> data, CancellationToken ct) =>
        desk.SendRemindersAsync(configuration.GetValue("Agenda:ReminderHours", 48), ct);
}
