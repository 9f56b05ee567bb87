using Maillage.Platform.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Maillage.Platform.Email;

/// <summary>
/// An e-mail waiting to be delivered, written in the same transaction as the change that caused it
/// (<see cref="Outbox.Enqueue"/>) and delivered by the background dispatcher. <see cref="MessageId"/> is
/// fixed when the row is written and reused on every attempt, so a message sent twice after a crash is
/// recognisably the same message (and a pickup-directory file is simply overwritten).
/// </summary>
public sealed class OutboxMessage : INotAudited
{
    public long Id { get; set; }
    /// <summary>The Cité the message is about, when there is one (for its administrators and for retention).</summary>
    public int? CiteId { get; set; }
    /// <summary>RFC 5322 Message-Id without angle brackets, unique.</summary>
    public required string MessageId { get; set; }
    /// <summary>What kind of message (e.g. "agenda.confirmation"), for tests, logs and reports.</summary>
    public required string Kind { get; set; }
    /// <summary>The record it is about (e.g. "registration:42").</summary>
    public string? Subject { get; set; }
    public required string To { get; set; }
    public string? ToName { get; set; }
    public required string Title { get; set; }
    public required string TextBody { get; set; }
    public string? HtmlBody { get; set; }
    public string? AttachmentName { get; set; }
    public string? AttachmentContentType { get; set; }
    public string? AttachmentContent { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>Not sent before this time (reminders written in advance).</summary>
    public DateTimeOffset DueAt { get; set; }
    public OutboxState State { get; set; } = OutboxState.Pending;
    public int Attempts { get; set; }
    /// <summary>A dispatcher that claimed the row owns it until then; after that another may take it over.</summary>
    public DateTimeOffset? ClaimedUntil { get; set; }
    public string? ClaimedBy { get; set; }
    public DateTimeOffset? SentAt { get; set; }
    public string? LastError { get; set; }
}

public enum OutboxState { Pending, Sent, Failed, Cancelled }

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> b)
    {
        b.ToTable("email_outbox");
        b.HasIndex(m => m.MessageId).IsUnique();
        b.HasIndex(m => new { m.State, m.DueAt });
        b.HasIndex(m => new { m.Kind, m.Subject });
        b.Property(m => m.MessageId).HasMaxLength(200);
        b.Property(m => m.Kind).HasMaxLength(60);
        b.Property(m => m.Subject).HasMaxLength(100);
        b.Property(m => m.To).HasMaxLength(254);
        b.Property(m => m.Title).HasMaxLength(300);
        b.Property(m => m.TextBody).Metadata.SetMaxLength(null);
        b.Property(m => m.HtmlBody).Metadata.SetMaxLength(null);
        b.Property(m => m.AttachmentContent).Metadata.SetMaxLength(null);
        b.Property(m => m.LastError).HasMaxLength(2000);
    }
}
