using System.Text;
using Maillage.Funding.Conventions;
using Maillage.Funding.Rules;
using Maillage.Platform.Data;
using Maillage.Platform.Email;
using Maillage.Platform.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Maillage.Funding.Deadlines;

/// <summary>
/// The deadline e-mail (job <c>funding-deadlines</c>): each deadline of a convention that falls within
/// <see cref="FundingOptions.DeadlineNoticeDays"/> days goes to the convention's manager once — the
/// <see cref="DeadlineNotice"/> row and the outbox message are saved together, and the unique (convention, kind, date)
/// index refuses a second one, across restarts and instances. A deadline moved by an amendment is a new date: it is sent again.
/// </summary>
internal sealed class DeadlineNotices(MaillageDb db, TimeProvider clock, IOptions<FundingOptions> options, IOptions<EmailOptions> email, ILogger<DeadlineNotices> logger)
{
    public async Task<int> SendAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var horizon = today.AddDays(options.Value.DeadlineNoticeDays);
        var sent = 0;
        var ids = await db.Conventions.AsNoTracking().Where(c => c.ManagerEmail != null && c.Status != ConventionStatus.Terminated && c.Status != ConventionStatus.Draft)
            .Select(c => c.Id).ToListAsync(ct);
        foreach (var id in ids)
        {
            var c = await ConventionQueries.Full(db).FirstAsync(x => x.Id == id, ct);
            var sheet = ConventionSheet.Build(c, options.Value.Tolerance, today);
            foreach (var d in sheet.Deadlines.Where(d => d.Date is { } x && x >= today && x <= horizon))
            {
                var date = d.Date!.Value;
                if (await db.DeadlineNotices.AnyAsync(n => n.ConventionId == id && n.Kind == d.Kind && n.Date == date, ct)) continue;
                var (title, body) = Message(c, d, date);
                // The notice row and its e-mail are saved together; the unique index makes it sent once, across instances.
                var notice = new DeadlineNotice { CiteId = c.CiteId, ConventionId = id, Kind = d.Kind, Date = date, SentAt = now };
                if (await Outbox.SendOnceAsync(db, notice,
                        [new EmailMessage("funding.deadline", c.ManagerEmail!, null, title, body, CiteId: c.CiteId, About: $"convention:{id}:{d.Kind}:{date:yyyy-MM-dd}")], now, ct))
                    sent++;
                else
                    logger.LogInformation("Deadline notice of convention {Convention} on {Date} already sent", id, date);
            }
        }
        return sent;
    }

    private (string Title, string Body) Message(Convention c, Deadline d, DateOnly date)
    {
        var fr = System.Globalization.CultureInfo.GetCultureInfo("fr-FR");
        var day = Platform.Localization.HumanDates.Day(date, fr); // "mercredi 1er février 2023"
        var title = $"Échéance le {day} : {d.Label.Fr} — {c.Title}";
        var text = new StringBuilder();
        text.AppendLine("Bonjour,");
        text.AppendLine();
        text.AppendLine($"La convention « {c.Title} » a une échéance le {day} :");
        text.AppendLine($"- {d.Label.Fr}");
        text.AppendLine();
        text.AppendLine($"Convention : {email.Value.PublicBaseUrl.TrimEnd('/')}/gestion/conventions/{c.Id}");
        text.AppendLine();
        text.AppendLine($"(English) Deadline on {date:yyyy-MM-dd}: {d.Label.En} — {c.Title}");
        return (title, text.ToString());
    }
}

/// <summary>Runs <see cref="DeadlineNotices"/>.</summary>
internal sealed class DeadlineNoticeJob(DeadlineNotices notices) : IBackgroundJob
{
    public Task RunAsync(IReadOnlyDictionary<string, string> data, CancellationToken ct) => notices.SendAsync(ct);
}
