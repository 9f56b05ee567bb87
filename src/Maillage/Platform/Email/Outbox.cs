using Maillage.Platform.Data;

namespace Maillage.Platform.Email;

/// <summary>An e-mail to send, as a module writes it.</summary>
/// <param name="Kind">What kind of message, e.g. "agenda.confirmation".</param>
/// <param name="About">The record it concerns, e.g. "registration:42" (lets a module find or cancel its messages).</param>
/// <param name="DueAt">Not sent before (null: as soon as possible).</param>
public sealed record EmailMessage(
    string Kind, string To, string? ToName, string Title, string TextBody,
    string? HtmlBody = null, EmailAttachment? Attachment = null, int? CiteId = null, string? About = null, DateTimeOffset? DueAt = null);

public sealed record EmailAttachment(string FileName, string ContentType, string Content);

/// <summary>
/// The only way modules send e-mail: <see cref="Enqueue"/> adds the message to the caller's DbContext,
/// so it is saved — or not — with the change that caused it, in the caller's SaveChanges or
/// transaction. The background dispatcher (<see cref="OutboxDispatcher"/>) delivers it.
/// </summary>
public static class Outbox
{
    public static OutboxMessage Enqueue(MaillageDb db, EmailMessage message, DateTimeOffset now)
    {
        var row = RowOf(message, now);
        db.Outbox.Add(row);
        return row;
    }

    /// <summary>
    /// Writes the message at once, in the caller's transaction, with a plain statement (<see cref="PlainInsert"/>):
    /// for hot paths that write their own rows the same way. Saved or not with the caller's transaction, like <see cref="Enqueue"/>.
    /// </summary>
    public static async Task<OutboxMessage> InsertAsync(MaillageDb db, EmailMessage message, DateTimeOffset now, CancellationToken ct = default)
    {
        var row = RowOf(message, now);
        await PlainInsert.InsertAsync(db, row, ct);
        return row;
    }

    /// <summary>
    /// Sends a notice once: <paramref name="marker"/> — a row whose unique index names what the notice is about (a
    /// deadline, a gap, an overdue follow-up) — and the messages are saved together; when the index refuses the marker
    /// (another run or instance sent it first, also after a restart) nothing of ours is saved and the answer is false.
    /// The scheduled notices of the modules share this piece (decision: durable, sent once).
    /// </summary>
    public static async Task<bool> SendOnceAsync(MaillageDb db, object marker, IEnumerable<EmailMessage> messages, DateTimeOffset now, CancellationToken ct = default)
    {
        db.Add(marker);
        foreach (var message in messages) Enqueue(db, message, now);
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (Microsoft.EntityFrameworkCore.DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            db.ChangeTracker.Clear();
            return false;
        }
    }

    private static OutboxMessage RowOf(EmailMessage message, DateTimeOffset now) =>
        new()
        {
            CiteId = message.CiteId,
            MessageId = NewMessageId(),
            Kind = message.Kind,
            Subject = message.About,
            To = message.To,
            ToName = message.ToName,
            Title = message.Title,
            TextBody = message.TextBody,
            HtmlBody = message.HtmlBody,
            AttachmentName = message.Attachment?.FileName,
            AttachmentContentType = message.Attachment?.ContentType,
            AttachmentContent = message.Attachment?.Content,
            CreatedAt = now,
            DueAt = message.DueAt ?? now,
        };

    /// <summary>The Message-Id, chosen once: every delivery attempt of the row reuses it.</summary>
    public static string NewMessageId() => $"{Guid.NewGuid():N}@maillage.invalid";
}
