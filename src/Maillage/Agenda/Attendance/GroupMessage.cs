using Maillage.Platform.Data;
using Maillage.Platform.Errors;
using Maillage.Platform.Localization;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Agenda.Attendance;

/// <summary>The groups of an event's registrants an organiser can write to.</summary>
internal enum MessageGroup { Confirmed, Waiting, Attended, NoShows }

/// <summary>
/// Writes one e-mail per member of a group to the outbox, all in one SaveChanges: either every message
/// is queued or none is. People without an e-mail (anonymised, or walk-ins who gave none) are skipped.
/// </summary>
internal sealed class GroupMessages(MaillageDb db, TimeProvider clock)
{
    public const int MaxSubject = 200, MaxBody = 5000;

    public static LocalizedText Describe(MessageGroup group) => group switch
    {
        MessageGroup.Confirmed => new("Inscrit·es confirmé·es", "Confirmed registrants"),
        MessageGroup.Waiting => new("Personnes en liste d'attente", "People on the waiting list"),
        MessageGroup.Attended => new("Personnes présentes", "People who attended"),
        _ => new("Absent·es non excusé·es", "No-shows"),
    };

    public IQueryable<Registration> Members(AgendaEvent agendaEvent, MessageGroup group)
    {
        var ended = agendaEvent.EndsAt <= clock.GetUtcNow();
        var withEmail = db.Registrations.Where(r => r.EventId == agendaEvent.Id && r.AnonymisedAt == null && r.Person.Email != null);
        return group switch
        {
            MessageGroup.Confirmed => withEmail.Where(r => r.Status == RegistrationStatus.Confirmed),
            MessageGroup.Waiting => withEmail.Where(r => r.Status == RegistrationStatus.Waitlisted || r.Status == RegistrationStatus.Offered),
            MessageGroup.Attended => withEmail.Where(r => r.Attendance == AttendanceStatus.Present),
            // The same rule as the reports' no-shows (Figures): absent, or never ticked once the event is over.
            _ => withEmail.Where(r => r.Status == RegistrationStatus.Confirmed && r.Source != RegistrationSource.WalkIn &&
                                      (r.Attendance == AttendanceStatus.Absent || (ended && r.Attendance == AttendanceStatus.Unknown))),
        };
    }

    public async Task<int> SendAsync(AgendaEvent agendaEvent, MessageGroup group, string? subject, string? body, CancellationToken ct = default)
    {
        if (!Enum.IsDefined(group))
            throw new RuleViolation("group", new("Choisissez à qui écrire.", "Choose whom to write to."));
        subject = subject?.Trim();
        body = body?.Trim();
        if (string.IsNullOrEmpty(subject) || subject.Length > MaxSubject)
            throw new RuleViolation("subject", new($"Indiquez l'objet du message ({MaxSubject} caractères au plus).", $"Give the subject ({MaxSubject} characters at most)."));
        if (subject.Contains('\n') || subject.Contains('\r'))
            throw new RuleViolation("subject", new("L'objet tient sur une ligne.", "The subject fits on one line."));
        if (string.IsNullOrEmpty(body) || body.Length > MaxBody)
            throw new RuleViolation("body", new($"Écrivez le message ({MaxBody} caractères au plus).", $"Write the message ({MaxBody} characters at most)."));
        var members = await Members(agendaEvent, group).ToListAsync(ct);
        if (members.Count == 0)
            throw new RuleViolation("group", new("Personne dans ce groupe n'a d'adresse e-mail : aucun message à envoyer.", "Nobody in this group has an email address: no message to send."));
        var now = clock.GetUtcNow();
        foreach (var r in members)
        {
            var text = $"Bonjour {r.Person.FirstName},\n\n{body}\n\n— {agendaEvent.Title}, {agendaEvent.LocalStart:dd/MM/yyyy HH:mm}";
            OperationsMail.Enqueue(db, "agenda.group-message", r, $"{subject} — {agendaEvent.Title}", text, now);
        }
        await db.SaveChangesAsync(ct);
        return members.Count;
    }
}
