using Maillage.Platform.Audit;
using Maillage.Platform.Data;
using Maillage.Platform.Email;
using Maillage.Platform.Jobs;
using Maillage.Platform.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Maillage.Entrepreneurship.Holders;

/// <summary>
/// That the coach was told a young business's follow-up is overdue: one row per holder and due date, unique, so that
/// the e-mail goes once across runs, restarts and instances. A follow-up recorded moves the due date: a new delay is a
/// new alert. Erased with the holder.
/// </summary>
public sealed class FollowUpAlert : ITenantOwned, INotAudited
{
    public int Id { get; set; }
    public int CiteId { get; set; }
    public int ProgrammeId { get; set; }
    public int HolderId { get; set; }
    public DateOnly DueOn { get; set; }
    public DateTimeOffset SentAt { get; set; }
}

/// <summary>
/// The overdue follow-up e-mail (job <c>entrepreneurship-follow-ups</c>, issue 23 item 2): each business created whose
/// next post-creation follow-up (<see cref="FollowUp.DueOn"/>) is past is told to the coach who follows the holder, once
/// per due date (<see cref="Outbox.SendOnceAsync"/>). The e-mail names the record by its number and link, not the
/// person: a message outlives an erasure in mailboxes, the record does not.
/// </summary>
internal sealed class FollowUpAlerts(MaillageDb db, TimeProvider clock, IOptions<EmailOptions> email)
{
    public async Task<int> SendAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        // The next follow-up due (FollowUp.DueOn) is stored on the holder with every step written: an indexed read.
        var holders = await db.Set<ProjectHolder>().IgnoreQueryFilters().AsNoTracking()
            .Where(h => h.CoachUserId != null && h.FollowUpDueOn < today)
            .Select(h => new { h.Id, h.CiteId, h.ProgrammeId, h.CoachUserId, Due = h.FollowUpDueOn!.Value }).ToListAsync(ct);
        var sent = 0;
        foreach (var h in holders)
        {
            var due = h.Due;
            if (await db.Set<FollowUpAlert>().IgnoreQueryFilters().AnyAsync(a => a.HolderId == h.Id && a.DueOn == due, ct)) continue;
            var coach = await db.Users.AsNoTracking().Where(u => u.Id == h.CoachUserId && u.Email != null).Select(u => new { u.Email, u.DisplayName }).FirstOrDefaultAsync(ct);
            if (coach is null) continue;
            var (title, body) = Message(h.Id, due);
            if (await Outbox.SendOnceAsync(db, new FollowUpAlert { CiteId = h.CiteId, ProgrammeId = h.ProgrammeId, HolderId = h.Id, DueOn = due, SentAt = now },
                    [new EmailMessage("entrepreneurship.follow-up", coach.Email!, coach.DisplayName, title, body, CiteId: h.CiteId, About: $"holder:{h.Id}:{due:yyyy-MM-dd}")], now, ct))
                sent++;
        }
        return sent;
    }

    internal (string Title, string Body) Message(int holderId, DateOnly due)
    {
        var fr = System.Globalization.CultureInfo.GetCultureInfo("fr-FR");
        var day = Platform.Localization.HumanDates.Day(due, fr);
        var title = $"CitésLab : suivi post-création en retard depuis le {day} (porteur n° {holderId})";
        var body = $"""
            Bonjour,

            Le suivi post-création du porteur de projet n° {holderId} était attendu le {day}. Prenez rendez-vous avec la personne, puis saisissez le suivi sur sa fiche :
            {email.Value.PublicBaseUrl.TrimEnd('/')}/gestion/citeslab/porteurs/{holderId}

            Ce message ne nomme pas la personne : sa fiche n'est lisible que par ses chef·fes de projet.
            """;
        return (title, body);
    }
}

/// <summary>Runs <see cref="FollowUpAlerts"/>.</summary>
internal sealed class FollowUpAlertJob(FollowUpAlerts alerts) : IBackgroundJob
{
    public Task RunAsync(IReadOnlyDictionary<string, string> data, CancellationToken ct) => alerts.SendAsync(ct);
}
