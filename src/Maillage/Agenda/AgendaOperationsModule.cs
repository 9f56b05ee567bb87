using Maillage.Agenda.Attendance;
using Maillage.Agenda.Import;
using Maillage.Agenda.Reports;
using Maillage.Agenda.Retention;
using Maillage.Platform.Jobs;

namespace Maillage.Agenda;

/// <summary>
/// The agenda's operations (issue 3, items 5, 7, 8, 9): attendance and check-in, reports, retention of
/// registrants' personal data, import of an existing agenda. The events and registrations themselves
/// belong to the agenda core.
/// </summary>
public static class AgendaOperationsModule
{
    public static WebApplicationBuilder AddAgendaOperations(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddScoped<EventStaffAccess>();
        services.AddScoped<AttendanceDesk>();
        services.AddScoped<GroupMessages>();
        services.AddScoped<SurveyMailer>();
        services.AddScoped<AgendaReports>();
        services.AddScoped<RetentionPurge>();
        services.AddScoped<AgendaImporter>();
        var configuration = builder.Configuration;
        services.AddRecurringJob<SurveyJob>("agenda-survey", TimeSpan.FromMinutes(configuration.GetValue("Agenda:Survey:IntervalMinutes", 15)));
        services.AddRecurringJob<RetentionJob>("agenda-retention", TimeSpan.FromHours(configuration.GetValue("Agenda:Retention:IntervalHours", 6)));
        return builder;
    }

    public static RouteGroupBuilder MapAgendaOperations(this RouteGroupBuilder api) => api.MapReportApi();
}
