using Maillage.Platform.Identity;

namespace Maillage.Agenda.Attendance;

/// <summary>
/// Who may run an event's attendance (check-in, certificates, messages): reception agents and
/// organisers of the event's structure (or of its parent), organisers of a partner that organises it,
/// and coordinators and administrators of its Cité. Decided on the scope by <see cref="StaffAccess"/>.
/// </summary>
public sealed class EventStaffAccess(StaffAccess access)
{
    public static readonly StaffRole[] AttendanceRoles =
        [StaffRole.ReceptionAgent, StaffRole.EventOrganiser, StaffRole.Coordinator, StaffRole.Administrator, StaffRole.PlatformOperator];

    /// <param name="agendaEvent">The event with its <see cref="AgendaEvent.Structure"/> and <see cref="AgendaEvent.Organisers"/> loaded.</param>
    public async Task<bool> CanRunAttendanceAsync(AgendaEvent agendaEvent)
    {
        if (await access.CanOnCiteAsync(AttendanceRoles, agendaEvent.CiteId)) return true;
        if (agendaEvent.Structure is { } structure && await access.CanAsync(AttendanceRoles, structure)) return true;
        var partners = agendaEvent.Organisers.Select(o => o.PartnerId).ToHashSet();
        return (await access.AssignmentsAsync()).Any(a =>
            a.Role == StaffRole.EventOrganiser && a.Scope == ScopeKind.Partner && a.PartnerId is { } p && partners.Contains(p));
    }
}
