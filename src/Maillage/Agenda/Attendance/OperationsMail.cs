using Maillage.Platform.Data;
using Maillage.Platform.Email;

namespace Maillage.Agenda.Attendance;

/// <summary>Writes the operations' e-mails to the outbox, in the caller's unit of work (saved with the change).</summary>
internal static class OperationsMail
{
    public static void Enqueue(MaillageDb db, string kind, Registration to, string title, string text, DateTimeOffset now) =>
        db.Outbox.Add(new OutboxMessage
        {
            CiteId = to.CiteId, MessageId = $"{Guid.NewGuid():N}@maillage.invalid", Kind = kind, Subject = $"registration:{to.Id}",
            To = to.Person.Email!, ToName = to.Person.FullName, Title = title, TextBody = text, CreatedAt = now, DueAt = now,
        });
}
