using Maillage.Agenda.Registrations;
using Maillage.Platform.Data;

namespace Maillage.Agenda.Events;

/// <summary>An event's status after its creation: a draft published, an event cancelled (its registrants told).</summary>
internal sealed class EventLifecycle(MaillageDb db, TimeProvider clock, Cancellations cancellations, EventAccess events)
{
    /// <summary>Publishes a draft (no other change).</summary>
    public async Task<EditOutcome> PublishAsync(int eventId, CancellationToken ct)
    {
        var e = await events.LoadAsync(eventId, ct);
        if (!await events.CanManageAsync(e)) return EditOutcome.Refused;
        if (e.Status == EventStatus.Cancelled)
            return EditOutcome.Broken([new("status", new("Cette action est annulée : elle ne peut plus être publiée.", "This event is cancelled: it can no longer be published."))]);
        var problems = e.Problems().ToList();
        if (problems.Count > 0) return EditOutcome.Broken(problems);
        if (e.Status == EventStatus.Draft)
        {
            e.Status = EventStatus.Published;
            e.PublishedAt = clock.GetUtcNow();
            await db.SaveChangesAsync(ct);
        }
        return new EditOutcome(e, [], [e.Id]);
    }

    /// <summary>Cancels the event with its reason; every registrant is told by e-mail (Cancellations).</summary>
    public async Task<EditOutcome> CancelAsync(int eventId, string? reason, CancellationToken ct)
    {
        var e = await events.LoadAsync(eventId, ct);
        if (!await events.CanManageAsync(e)) return EditOutcome.Refused;
        reason = reason?.Trim();
        if (string.IsNullOrEmpty(reason))
            return EditOutcome.Broken([new("reason", new("Indiquez le motif de l'annulation : il est écrit aux inscrit·es.", "Give the reason for cancelling: it is sent to the registrants."))]);
        if (reason.Length > 1000)
            return EditOutcome.Broken([new("reason", new("Le motif compte au plus 1 000 caractères.", "The reason has at most 1,000 characters."))]);
        db.ChangeTracker.Clear();
        await cancellations.CancelEventAsync(eventId, reason, ct);
        return new EditOutcome(e, [], [e.Id]);
    }
}
