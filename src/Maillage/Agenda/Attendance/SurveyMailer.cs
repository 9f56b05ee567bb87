using Maillage.Platform.Data;
using Maillage.Platform.Email;
using Maillage.Platform.Jobs;
using Microsoft.Extensions.Options;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Agenda.Attendance;

/// <summary>
/// After an event, e-mails each attendee once a link to the anonymous satisfaction questionnaire
/// (settings <c>Agenda:Survey:DelayHours</c>, default 2 hours after the end, and
/// <c>Agenda:Survey:WindowDays</c>, default 30: later events are left alone). "Once" holds even if two
/// runs overlap: the token is given by a conditional UPDATE (only while <c>SurveySentAt</c> is empty)
/// in the same transaction as the outbox row.
/// </summary>
internal sealed class SurveyMailer(MaillageDb db, TimeProvider clock, IOptions<AgendaOptions> options, IOptions<EmailOptions> email)
{
    private const int Batch = 200;

    public async Task<int> SendDueAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var endedBefore = now.AddHours(-options.Value.Survey.DelayHours);
        var endedAfter = now.AddDays(-options.Value.Survey.WindowDays);
        var baseUrl = email.Value.PublicBaseUrl.TrimEnd('/');
        var sent = 0;
        while (!ct.IsCancellationRequested)
        {
            var due = await db.Registrations.AsNoTracking().Include(r => r.Event)
                .Where(r => r.Attendance == AttendanceStatus.Present && r.SurveySentAt == null && r.AnonymisedAt == null && r.Person.Email != null
                            && r.Event.Status != EventStatus.Cancelled && r.Event.EndsAt <= endedBefore && r.Event.EndsAt > endedAfter)
                .OrderBy(r => r.Id).Take(Batch).ToListAsync(ct);
            if (due.Count == 0) break;
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            foreach (var r in due)
            {
                var token = Registration.NewToken();
                var claimed = await db.Registrations.Where(x => x.Id == r.Id && x.SurveySentAt == null)
                    .ExecuteUpdateAsync(s => s.SetProperty(x => x.SurveyToken, token).SetProperty(x => x.SurveySentAt, now), ct);
                if (claimed == 0) continue;
                var link = $"{baseUrl}/agenda/questionnaire/{token}";
                OperationsMail.Enqueue(db, "agenda.survey", r, $"Votre avis sur « {r.Event.Title} » / Your opinion",
                    $"Bonjour {r.Person.FirstName},\n\nMerci d'être venu·e à « {r.Event.Title} ». Deux minutes pour nous dire ce que vous en avez pensé ? " +
                    $"Le questionnaire est anonyme :\n{link}\n\n" +
                    $"Thank you for attending “{r.Event.Title}”. Would you tell us what you thought of it? The questionnaire is anonymous:\n{link}\n", now);
                sent++;
            }
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            db.ChangeTracker.Clear();
        }
        return sent;
    }
}

/// <summary>The scheduled run of <see cref="SurveyMailer"/> (every <c>Agenda:Survey:IntervalMinutes</c>, default 15).</summary>
internal sealed class SurveyJob(SurveyMailer mailer) : IBackgroundJob
{
    public Task RunAsync(IReadOnlyDictionary<string, string> data, CancellationToken ct) => mailer.SendDueAsync(ct);
}
