using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Maillage.Platform.Email;

/// <summary>Settings under <c>Email</c>: SMTP (MailKit) when <c>Email:Smtp:Host</c> is set, otherwise .eml files in <c>Email:PickupDirectory</c>.</summary>
public sealed class EmailOptions
{
    public const string Section = "Email";

    public SmtpOptions Smtp { get; set; } = new();
    public string? PickupDirectory { get; set; }
    public string From { get; set; } = "Maillage <ne-pas-repondre@maillage.invalid>";
    /// <summary>The public address of the site, for links in messages (e.g. https://agenda.example.org).</summary>
    public string PublicBaseUrl { get; set; } = "http://localhost:5080";
    /// <summary>Seconds between two passes of the dispatcher.</summary>
    [System.ComponentModel.DataAnnotations.Range(1, 3600)]
    public int DispatchIntervalSeconds { get; set; } = 5;
    [System.ComponentModel.DataAnnotations.Range(1, 100)]
    public int MaxAttempts { get; set; } = 8;
    /// <summary>
    /// While the instance answers many requests at once, the dispatcher holds its next batch back this many
    /// seconds at most in one run (0: never), so that a rush of registrations is answered first.
    /// </summary>
    [System.ComponentModel.DataAnnotations.Range(0, 3600)]
    public int YieldToRequestsSeconds { get; set; } = 10;
}

public sealed class SmtpOptions
{
    public string? Host { get; set; }
    public int Port { get; set; } = 25;
    public string? User { get; set; }
    public string? Password { get; set; }
    /// <summary>Overrides <see cref="EmailOptions.From"/> when set.</summary>
    public string? From { get; set; }
    /// <summary>None, StartTls, SslOnConnect or Auto (MailKit's choice by port).</summary>
    public string Security { get; set; } = "Auto";
}

/// <summary>Hands messages to the world. Implementations must be idempotent for the same Message-Id where they can.</summary>
internal interface IEmailTransport
{
    /// <summary>Opens a delivery session: the dispatcher sends a batch through one session (one SMTP connection).</summary>
    Task<IEmailSession> OpenAsync(CancellationToken ct);
}

/// <summary>Messages sent one after the other over one connection; disposed at the end of a batch or after a failure.</summary>
internal interface IEmailSession : IAsyncDisposable
{
    Task SendAsync(MimeMessage message, CancellationToken ct);
}

/// <summary>
/// SMTP through MailKit. One connection (and one TLS handshake and authentication) serves a whole batch of the
/// outbox, rather than one per message: a rush of registrations does not open thousands of connections to the
/// relay, which many relays would refuse.
/// </summary>
internal sealed class SmtpTransport(IOptions<EmailOptions> options) : IEmailTransport
{
    public async Task<IEmailSession> OpenAsync(CancellationToken ct)
    {
        var smtp = options.Value.Smtp;
        var client = new SmtpClient { Timeout = 30_000 };
        try
        {
            var security = Enum.TryParse<SecureSocketOptions>(smtp.Security, true, out var s) ? s : SecureSocketOptions.Auto;
            await client.ConnectAsync(smtp.Host!, smtp.Port, security, ct);
            if (!string.IsNullOrEmpty(smtp.User))
                await client.AuthenticateAsync(smtp.User, smtp.Password ?? "", ct);
            return new Session(client);
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    private sealed class Session(SmtpClient client) : IEmailSession
    {
        public Task SendAsync(MimeMessage message, CancellationToken ct) => client.SendAsync(message, ct);

        public async ValueTask DisposeAsync()
        {
            try
            {
                using var quit = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                if (client.IsConnected) await client.DisconnectAsync(true, quit.Token);
            }
            catch (Exception)
            {
                // Best effort: the messages are sent (or marked for a retry); a relay that drops the connection or
                // does not answer QUIT changes nothing.
            }
            finally
            {
                client.Dispose();
            }
        }
    }
}

/// <summary>Writes each message as <c>{Message-Id}.eml</c>: a second attempt overwrites the first, never duplicates it.</summary>
internal sealed class PickupDirectoryTransport(IOptions<EmailOptions> options, IHostEnvironment environment) : IEmailTransport, IEmailSession
{
    public string Directory => Path.GetFullPath(options.Value.PickupDirectory ?? Path.Combine(environment.ContentRootPath, "data", "mail"));

    public Task<IEmailSession> OpenAsync(CancellationToken ct) => Task.FromResult<IEmailSession>(this);

    /// <summary>
    /// The message is written out in memory, then to a temporary file in one write, renamed into place: a reader of
    /// the directory never sees half a message. (Writing through an asynchronous file stream cost a thread-pool
    /// round trip per buffer: after a registration rush, the delivery of thousands of messages spent half its time there.)
    /// </summary>
    public Task SendAsync(MimeMessage message, CancellationToken ct)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var name = string.Concat((message.MessageId ?? Guid.NewGuid().ToString("N")).Select(c => char.IsLetterOrDigit(c) || c is '-' or '.' or '@' ? c : '_'));
        var final = Path.Combine(Directory, name + ".eml");
        var temporary = final + ".tmp";
        using (var buffer = new MemoryStream())
        {
            message.WriteTo(buffer, ct);
            // A new file, not one truncated: ext4 flushes a truncated file's data to disk when it is closed.
            File.Delete(temporary); // left by a crash in the middle of an earlier attempt
            // Readable by the application's user only: a message holds a person's address and personal links (issue 18).
            var mode = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None, BufferSize = 0 };
            if (!OperatingSystem.IsWindows()) mode.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            using var file = new FileStream(temporary, mode);
            file.Write(buffer.GetBuffer(), 0, (int)buffer.Length);
        }
        File.Move(temporary, final, overwrite: true);
        return Task.CompletedTask;
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

internal static class MimeBuilder
{
    public static MimeMessage Build(OutboxMessage row, EmailOptions options)
    {
        var message = new MimeMessage { MessageId = row.MessageId, Subject = row.Title, Date = row.CreatedAt };
        message.From.Add(MailboxAddress.Parse(string.IsNullOrWhiteSpace(options.Smtp.From) ? options.From : options.Smtp.From));
        message.To.Add(new MailboxAddress(row.ToName ?? "", row.To));
        message.Headers.Add("X-Maillage-Kind", row.Kind);
        var body = new BodyBuilder { TextBody = row.TextBody, HtmlBody = row.HtmlBody };
        if (row.AttachmentName is not null && row.AttachmentContent is not null)
        {
            var type = ContentType.Parse(row.AttachmentContentType ?? "application/octet-stream");
            var part = body.Attachments.Add(row.AttachmentName, System.Text.Encoding.UTF8.GetBytes(row.AttachmentContent), type);
            ((MimePart)part).ContentTransferEncoding = ContentEncoding.Base64; // keeps the CRLF line endings RFC 5545 requires
        }
        message.Body = body.ToMessageBody();
        return message;
    }
}
