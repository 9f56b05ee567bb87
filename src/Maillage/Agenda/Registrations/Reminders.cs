using Maillage.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Agenda.Registrations;

/// <summary>The reminder e-mail before an event (job <c>agenda-reminders</c>).</summary>
internal sealed class Reminders(MaillageDb db, TimeProvider clock, AgendaMail mail)
{
    /// <summary>Sends the reminders due now (run by a recurring job); each registration is reminded once.</summary>
    public async Task<int> SendAsync(int defaultHours, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var horizon = now.AddDays(15);
        var candidates = await db.Registrations.Include(r => r.Event).ThenInclude(e => e.Structure)
            .Where(r => r.Status == RegistrationStatus.Confirmed && r.ReminderSentAt == null && r.Event.Status == EventStatus.Published
                        && r.Event.StartsAt > now && r.Event.StartsAt <= horizon)
            .ToListAsync(ct);
        var due = candidates.Where(r => r.Event.StartsAt.AddHours(-(r.Event.ReminderHours ?? defaultHours)) <= now && r.CreatedAt < r.Event.StartsAt.AddHours(-(r.Event.ReminderHours ?? defaultHours))).ToList();
        foreach (var r in due)
        {
            r.ReminderSentAt = now;
            mail.Reminder(db, r.Event, r, now);
        }
        await db.SaveChangesAsync(ct);
        return due.Count;
    }
}
