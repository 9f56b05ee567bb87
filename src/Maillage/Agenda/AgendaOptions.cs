using System.ComponentModel.DataAnnotations;

namespace Maillage.Agenda;

/// <summary>Settings under <c>Agenda</c>: reminders, the satisfaction survey, retention of registrants' personal data.</summary>
internal sealed class AgendaOptions
{
    public const string Section = "Agenda";

    /// <summary>Reminder e-mail this many hours before an event (unless the event sets its own).</summary>
    [Range(1, 720)]
    public int ReminderHours { get; set; } = 48;

    /// <summary>How long the seat of a registration to confirm by e-mail (an event's "confirm by email") is held before it is released.</summary>
    [Range(5, 1440)]
    public int ConfirmationHoldMinutes { get; set; } = 60;

    public SurveyOptions Survey { get; set; } = new();

    public RetentionOptions Retention { get; set; } = new();
}

internal sealed class SurveyOptions
{
    /// <summary>The survey goes this many hours after an event ended.</summary>
    [Range(0, 720)]
    public int DelayHours { get; set; } = 2;

    /// <summary>Events that ended longer ago than this are left alone.</summary>
    [Range(1, 365)]
    public int WindowDays { get; set; } = 30;

    /// <summary>How often the survey job runs.</summary>
    [Range(1, 1440)]
    public int IntervalMinutes { get; set; } = 15;
}

internal sealed class RetentionOptions
{
    /// <summary>Registrants' personal data is erased this many months after their event ended.</summary>
    [Range(1, 120)]
    public int Months { get; set; } = 12;

    /// <summary>How often the retention job runs.</summary>
    [Range(1, 168)]
    public int IntervalHours { get; set; } = 6;
}

/// <summary>Settings under <c>Maillage:RateLimits</c> that the agenda reads.</summary>
internal sealed class RegistrationRateLimitOptions
{
    public const string Section = "Maillage:RateLimits";

    /// <summary>Public registrations per minute and per address.</summary>
    [Range(1, int.MaxValue)]
    public int RegistrationsPerMinute { get; set; } = 30;

    /// <summary>Public registrations to one event per hour and per client address (RegistrationLimits).</summary>
    [Range(1, int.MaxValue)]
    public int RegistrationsPerEventPerAddress { get; set; } = 6;

    /// <summary>Public registration requests naming one email address per hour, all events together (RegistrationLimits).</summary>
    [Range(1, int.MaxValue)]
    public int RegistrationsPerEmail { get; set; } = 10;
}
