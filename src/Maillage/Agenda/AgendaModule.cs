using Microsoft.Extensions.Options;
using Maillage.Platform.Configuration;
using System.Threading.RateLimiting;
using Maillage.Agenda.Attendance;
using Maillage.Agenda.Events;
using Maillage.Agenda.Feeds;
using Maillage.Agenda.Import;
using Maillage.Agenda.PublicAgenda;
using Maillage.Agenda.Registrations;
using Maillage.Agenda.Reports;
using Maillage.Agenda.Retention;
using Maillage.Network;
using Maillage.Platform.Jobs;
using Maillage.Platform.Modules;
using Maillage.Platform.Web;

namespace Maillage.Agenda;

/// <summary>
/// The shared agenda of collective actions: events, registrations, waiting lists, feeds; and its operations:
/// attendance and check-in, reports, retention of registrants' personal data, import of an existing agenda.
/// </summary>
public static class AgendaModule
{
    public const string RegistrationRateLimit = "registration";
    /// <summary>Those who manage events and their registrants (<see cref="EventStaffAccess.RegistrantRoles"/>): the back-office agenda.</summary>
    public const string EventsPolicy = "AgendaEvents";
    /// <summary>Those who run check-in (<see cref="EventStaffAccess.AttendanceRoles"/>).</summary>
    public const string CheckInPolicy = "AgendaCheckIn";
    /// <summary>Those who read the agenda reports (<see cref="AgendaReports.ReaderRoles"/>).</summary>
    public const string ReportsPolicy = "AgendaReports";
    /// <summary>The output-cache tag of the public agenda's lists (<see cref="Platform.Web.PublicCache"/>): evicted by any change to events, registrations, series, structures or territories.</summary>
    public const string CacheTag = "agenda";

    public static WebApplicationBuilder AddAgenda(this WebApplicationBuilder builder)
    {
        builder.AddModule("agenda")
            .Endpoints(MapAgenda)
            .DevelopmentSeeder<DemoAgenda>()
            .Command<PurgeRetentionCommand>("purge-retention", "", "erase registrants' personal data past Agenda:Retention:Months (default 12)")
            .Policy(EventsPolicy, EventStaffAccess.RegistrantRoles)
            .Policy(CheckInPolicy, EventStaffAccess.AttendanceRoles)
            .Policy(ReportsPolicy, AgendaReports.ReaderRoles)
            .Menu(MenuGroup.Agenda, new("Actions de l'agenda", "Agenda events"), "/gestion/agenda", EventsPolicy)
            .Menu(MenuGroup.Agenda, new("Émargement", "Check-in"), "/gestion/agenda/emargement", CheckInPolicy)
            .Menu(MenuGroup.Statistics, new("Bilans agenda", "Agenda reports"), "/gestion/agenda/bilans", ReportsPolicy)
            .Indicators<AgendaIndicators>()
            .Landing(Platform.Identity.StaffRole.EventOrganiser, "/gestion/agenda");
        var services = builder.Services;
        services.AddScoped<EventQueries>();
        services.AddScoped<Network.Places.IPlaceEvents, PublicAgenda.PlaceEventsFromAgenda>();
        services.AddScoped<EventAccess>();
        services.AddScoped<EventFieldRules>();
        services.AddScoped<EventCreation>();
        services.AddScoped<EventUpdate>();
        services.AddScoped<EventLifecycle>();
        services.AddScoped<Seats>();
        services.AddScoped<RegistrationDesk>();
        services.AddScoped<Cancellations>();
        services.AddScoped<Moves>();
        services.AddScoped<Approvals>();
        services.AddScoped<WaitingList>();
        services.AddScoped<Reminders>();
        services.AddScoped<Registrants>();
        services.AddScoped<AwarenessMeetingRegistrants>();
        services.AddSingleton<AgendaMail>();
        services.AddSingleton<RegistrationLimits>();
        services.Configure<PublicCacheTags>(o => o
            .EvictOnChange<AgendaEvent>(CacheTag).EvictOnChange<Registration>(CacheTag).EvictOnChange<EventSeries>(CacheTag)
            .EvictOnChange<Structure>(CacheTag).EvictOnChange<Territory>(CacheTag)
            // The place pages list their next events (IPlaceEvents).
            .EvictOnChange<AgendaEvent>(NetworkModule.PlaceCacheTag).EvictOnChange<EventSeries>(NetworkModule.PlaceCacheTag));
        services.AddRecurringJob<OfferExpiryJob>("agenda-offers", TimeSpan.FromMinutes(1));
        services.AddRecurringJob<ReminderJob>("agenda-reminders", TimeSpan.FromMinutes(5));
        var agenda = services.AddSettings<AgendaOptions>(builder.Configuration, AgendaOptions.Section);
        var perMinute = services.AddSettings<RegistrationRateLimitOptions>(builder.Configuration, RegistrationRateLimitOptions.Section).RegistrationsPerMinute;
        services.Configure<Microsoft.AspNetCore.RateLimiting.RateLimiterOptions>(o => o.AddPolicy(RegistrationRateLimit, ctx =>
            RateLimitPartition.GetFixedWindowLimiter(ctx.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1) })));

        services.AddScoped<EventStaffAccess>();
        services.AddScoped<AttendanceDesk>();
        services.AddScoped<GroupMessages>();
        services.AddScoped<SurveyMailer>();
        services.AddScoped<AgendaReports>();
        services.AddScoped<RetentionPurge>();
        services.AddScoped<AgendaImporter>();
        services.AddRecurringJob<SurveyJob>("agenda-survey", TimeSpan.FromMinutes(agenda.Survey.IntervalMinutes));
        services.AddRecurringJob<RetentionJob>("agenda-retention", TimeSpan.FromHours(agenda.Retention.IntervalHours));
        return builder;
    }

    public static void MapAgenda(IEndpointRouteBuilder app)
    {
        Api.Group(app).MapEventApi().MapRegistrationApi().MapReportApi();
        app.MapAgendaFeeds();
    }
}

/// <summary>Passes on offered seats not confirmed in time.</summary>
internal sealed class OfferExpiryJob(WaitingList waitingList) : IBackgroundJob
{
    public Task RunAsync(IReadOnlyDictionary<string, string> data, CancellationToken ct) => waitingList.ExpireOffersAsync(ct);
}

/// <summary>Sends the reminders due (Agenda:ReminderHours before the start, 48 by default, or the event's own setting).</summary>
internal sealed class ReminderJob(Reminders reminders, IOptions<AgendaOptions> options) : IBackgroundJob
{
    public Task RunAsync(IReadOnlyDictionary<string, string> data, CancellationToken ct) =>
        reminders.SendAsync(options.Value.ReminderHours, ct);
}
