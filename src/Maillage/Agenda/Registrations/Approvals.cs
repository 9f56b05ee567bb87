using Maillage.Platform.Data;
using Maillage.Platform.Errors;

namespace Maillage.Agenda.Registrations;

/// <summary>Approval mode: the organiser's answer to a request.</summary>
internal sealed class Approvals(MaillageDb db, AgendaMail mail, Seats seats)
{
    /// <summary>Approval mode: the organiser accepts (a seat if one is free, else the waiting list or a refusal) or declines.</summary>
    public Task<Registration> DecideAsync(long registrationId, bool accept, CancellationToken ct = default) =>
        seats.StaffActionAsync(registrationId, ct, async (r, now) =>
        {
            if (r.Status != RegistrationStatus.Pending)
                throw new RuleViolation("registration", new("Cette demande a déjà reçu une réponse.", "This request has already been answered."), 409);
            r.DecidedAt = now;
            if (!accept)
            {
                r.Status = RegistrationStatus.Declined;
                mail.Declined(db, r.Event, r, now);
            }
            else if (await seats.TryTakeAsync(r.EventId, ct))
            {
                r.Status = RegistrationStatus.Confirmed;
                r.ConfirmedAt = now;
                mail.Confirmed(db, r.Event, r, now);
            }
            else
                throw new RuleViolation("registration", new("L'action est complète : augmentez la capacité pour accepter cette demande.", "The event is full: raise the capacity to accept this request."), 409);
        });
}
