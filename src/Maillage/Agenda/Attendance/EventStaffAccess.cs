using Maillage.Platform.Identity;

namespace Maillage.Agenda.Attendance;

/// <summary>
/// Who may run an event's attendance (check-in, certificates, messages): reception agents and
/// organisers of the event's structure (or of its parent), organisers of a partner that organises it,
/// and coordinators and administrators of its Cité. Decided on the scope by <see cref="StaffAccess"/>.
/// </summary>
internal sealed class EventStaffAccess(StaffAccess access)
{
    public static readonly StaffRole[] AttendanceRoles =
        [StaffRole.ReceptionAgent, StaffRole.EventOrganiser, StaffRole.Coordinator, StaffRole.Administrator, StaffRole.PlatformOperator];

    /// <summary>Who may manage an event's registrants (accept, promote, move, remove): the same scopes without reception agents.</summary>
    public static readonly StaffRole[] RegistrantRoles =
        [StaffRole.EventOrganiser, StaffRole.Coordinator, StaffRole.Administrator, StaffRole.PlatformOperator];

    /// <param name="agendaEvent">The event with its <see cref="AgendaEvent.Structure"/> and <see cref="AgendaEvent.Organisers"/> loaded.</param>
    public Task<bool> CanRunAttendanceAsync(AgendaEvent agendaEvent) => CanAsync(AttendanceRoles, agendaEvent);

    /// <param name="agendaEvent">The event with its <see cref="AgendaEvent.Structure"/> and <see cref="AgendaEvent.Organisers"/> loaded.</param>
    public Task<bool> CanManageRegistrantsAsync(AgendaEvent agendaEvent) => CanAsync(RegistrantRoles, agendaEvent);

    private async Task<bool> CanAsync(StaffRole[] roles, AgendaEvent agendaEvent)
    {
        if (await access.CanOnCiteAsync(roles, agendaEvent.CiteId)) return true;
        if (agendaEvent.Structure is { } structure && await access.CanAsync(roles, structure)) return true;
        var partners = agendaEvent.Organisers.Select(o => o.PartnerId).ToHashSet();
        return (await access.AssignmentsAsync()).Any(a =>
            a.Role == StaffRole.EventOrganiser && a.Scope == ScopeKind.Partner && a.PartnerId is { } p && partners.Contains(p));
    }
}
