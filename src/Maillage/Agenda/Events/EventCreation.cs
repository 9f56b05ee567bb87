using Maillage.Platform.Data;
using Maillage.Platform.Errors;

namespace Maillage.Agenda.Events;

/// <summary>Creates an event, or a series of occurrences that each copy the first one's fields at their own date.</summary>
internal sealed class EventCreation(MaillageDb db, TimeProvider clock, EventFieldRules rules, Rooms.EventRooms rooms)
{
    /// <summary>Creates an event, or a series of occurrences when <paramref name="repeat"/> is given.</summary>
    public async Task<EditOutcome> CreateAsync(EventFields f, SeriesPlan? repeat, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var e = new AgendaEvent { Title = "", CreatedAt = now };
        EventFieldRules.Apply(e, f);
        var problems = new List<RuleViolation>();
        EventFieldRules.Required(f, problems);
        if (f.Status == EventStatus.Cancelled)
            problems.Add(new("status", new("Une action se crée en brouillon ou publiée.", "An event is created as a draft or published.")));
        var allowed = await rules.PlaceAsync(e, problems, ct);
        EventFieldRules.ReadLocalTimes(e, f, problems);
        problems.AddRange(EventFieldRules.Problems(e, problems));
        await rules.OrganisersAsync(e, f.OrganiserIds ?? [], problems, ct);
        EventFieldRules.SetQuestions(e, f.Questions ?? [], problems, answered: []);
        var dates = repeat is null ? null : SeriesDates(e, repeat, problems);
        if (problems.Count > 0) return EditOutcome.Broken(EventFieldRules.Distinct(problems));
        if (!allowed) return EditOutcome.Refused;

        e.Status = f.Status ?? EventStatus.Published;
        if (e.Status == EventStatus.Published) e.PublishedAt = now;
        var created = new List<AgendaEvent> { e };
        if (dates is not null)
        {
            var series = new EventSeries { CiteId = e.CiteId, Title = e.Title, Frequency = repeat!.Frequency, Interval = repeat.Interval, Occurrences = dates.Count, CreatedAt = now };
            db.EventSeries.Add(series);
            e.Series = series;
            e.SeriesIndex = 1;
            var duration = e.EndsAt - e.StartsAt;
            for (var i = 1; i < dates.Count; i++)
            {
                var next = new AgendaEvent { Title = "", CreatedAt = now };
                EventFieldRules.Apply(next, f);
                next.CiteId = e.CiteId;
                next.TimeZoneId = e.TimeZoneId;
                next.Status = e.Status;
                next.PublishedAt = e.PublishedAt;
                var shift = Zoned.ToUtc(dates[i], e.TimeZone) - e.StartsAt;
                next.StartsAt = e.StartsAt + shift;
                next.EndsAt = next.StartsAt + duration;
                next.RegistrationOpensAt = e.RegistrationOpensAt + shift;
                next.RegistrationClosesAt = e.RegistrationClosesAt + shift;
                next.Series = series;
                next.SeriesIndex = i + 1;
                next.Organisers.AddRange(e.Organisers.Select(o => new EventOrganiser { CiteId = e.CiteId, PartnerId = o.PartnerId }));
                next.Questions.AddRange(e.Questions.Select(q => new EventQuestion { CiteId = e.CiteId, Order = q.Order, Label = q.Label, Kind = q.Kind, Choices = q.Choices, Required = q.Required }));
                created.Add(next);
            }
        }
        // A booked room: each occurrence must fit it (seats, hours, free), and is booked in the same transaction.
        if (e.RoomId is { } roomId)
        {
            foreach (var x in created)
            {
                var roomProblems = await rooms.CheckAsync(roomId, x.StructureId, x.StartsAt, x.EndsAt, x.Capacity, null, ct);
                if (roomProblems.Count > 0) return EditOutcome.Broken(EventFieldRules.Distinct([.. roomProblems]));
            }
        }
        await using var tx = e.RoomId is null ? null : await db.Database.BeginTransactionAsync(ct);
        db.Events.AddRange(created);
        await db.SaveChangesAsync(ct);
        if (tx is not null)
        {
            foreach (var x in created) await rooms.BookAsync(x.Id, x.RoomId!.Value, x.StartsAt, x.EndsAt, x.Title, x.Capacity, ct);
            await tx.CommitAsync(ct);
        }
        return new EditOutcome(e, [], created.Select(x => x.Id).ToList());
    }

    private static List<DateTime>? SeriesDates(AgendaEvent first, SeriesPlan plan, List<RuleViolation> problems)
    {
        if (!Enum.IsDefined(plan.Frequency))
        {
            problems.Add(new("repeatFrequency", new("Choisissez la fréquence de la série.", "Choose how often the series repeats.")));
            return null;
        }
        if (plan.Count is null == plan.Until is null)
        {
            problems.Add(new("repeatCount", new("Indiquez soit le nombre de séances, soit la date de la dernière.", "Give either the number of occurrences or the date of the last one.")));
            return null;
        }
        try
        {
            var local = first.LocalStart;
            if (plan.Count is { } count) return [.. EventSeries.Dates(local, plan.Frequency, plan.Interval, count)];
            var until = plan.Until!.Value;
            if (until < DateOnly.FromDateTime(local))
            {
                problems.Add(new("repeatUntil", new("La dernière séance ne peut pas précéder la première.", "The last occurrence cannot be before the first.")));
                return null;
            }
            var dates = EventSeries.Dates(local, plan.Frequency, plan.Interval, EventSeries.MaxOccurrences);
            if (DateOnly.FromDateTime(dates[^1]) < until)
            {
                problems.Add(new("repeatUntil", new($"Une série compte au plus {EventSeries.MaxOccurrences} séances : choisissez une date plus proche.", $"A series has at most {EventSeries.MaxOccurrences} occurrences: choose an earlier date.")));
                return null;
            }
            return dates.Where(d => DateOnly.FromDateTime(d) <= until).ToList();
        }
        catch (RuleViolation rule)
        {
            problems.Add(new(rule.Field == "occurrences" ? "repeatCount" : "repeatInterval", rule.Text));
            return null;
        }
    }
}
