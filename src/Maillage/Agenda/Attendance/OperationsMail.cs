using Maillage.Agenda.Registrations;
using Maillage.Platform.Data;
using Maillage.Platform.Email;

namespace Maillage.Agenda.Attendance;

/// <summary>Writes the operations' e-mails to the outbox, in the caller's unit of work (saved with the change).</summary>
internal static class OperationsMail
{
    public static void Enqueue(MaillageDb db, string kind, Registration to, string title, string text, DateTimeOffset now) =>
        Outbox.Enqueue(db, new EmailMessage(kind, to.Person.Email!, to.Person.FullName, title, text, CiteId: to.CiteId, About: AgendaMail.SubjectOf(to)), now);
}
