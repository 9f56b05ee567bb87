using Maillage.Network;
using Maillage.Platform.Data;
using Maillage.Platform.Modules;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Agenda;

/// <summary>Demo events for Development (invented): a Zoom métier at Annemasse for 20, the monthly CitésLab meeting series (organised by the MED).</summary>
internal sealed class DemoAgenda(MaillageDb db, TimeProvider clock) : IDevelopmentSeeder
{
    public Task SeedAsync(CancellationToken ct) => EnsureAsync(ct);

    public async Task<int> EnsureAsync(CancellationToken ct = default)
    {
        if (await db.Events.AnyAsync(ct)) return 0;
        var annemasse = await db.Structures.FirstOrDefaultAsync(s => s.Slug == "annemasse", ct);
        var citeslab = await db.Structures.FirstOrDefaultAsync(s => s.Slug == "citeslab-saint-georges", ct) ?? annemasse;
        if (annemasse is null || citeslab is null) return 0;
        var now = clock.GetUtcNow();
        var paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
        // In UTC: PostgreSQL's timestamptz takes no other offset.
        DateTimeOffset At(DateTime local) => new DateTimeOffset(local, paris.GetUtcOffset(local)).ToUniversalTime();
        var day = DateTime.SpecifyKind(now.UtcDateTime.Date.AddDays(10), DateTimeKind.Unspecified);
        var events = new List<AgendaEvent>
        {
            new()
            {
                CiteId = annemasse.CiteId, StructureId = annemasse.Id, Title = "Zoom métier : les métiers de l'électricité", Type = EventType.TradeZoom,
                StartsAt = At(day.AddHours(14)), EndsAt = At(day.AddHours(16)), Capacity = 20, RegistrationMode = RegistrationMode.Waitlist,
                Audience = EventAudience.JobSeekers | EventAudience.Students, Tags = "électricité, BTP", RoomName = "Salle de réunion",
                Description = "Deux électricien·nes présentent leur métier, les formations et les entreprises qui recrutent. (Démonstration)",
                AccessibilityNotes = "Salle de plain-pied, boucle magnétique.",
            },
            new()
            {
                CiteId = annemasse.CiteId, StructureId = annemasse.Id, Title = "Atelier CV et lettre de motivation", Type = EventType.Workshop, Theme = EventTheme.JobPreparation,
                StartsAt = At(day.AddDays(3).AddHours(9.5)), EndsAt = At(day.AddDays(3).AddHours(12)), Capacity = 12, RegistrationMode = RegistrationMode.Open,
                Audience = EventAudience.Everyone,
            },
        };
        // CitésLab is carried by the Maison de l'Economie Développement (seed 001): it organises the meetings.
        var med = await db.Set<Partner>().FirstOrDefaultAsync(p => p.CiteId == citeslab.CiteId && p.Name == "Maison de l'Economie Développement", ct);
        var series = new EventSeries { CiteId = citeslab.CiteId, Title = "Réunion d'information CitésLab", Frequency = Recurrence.MonthlyByWeekday, Interval = 1, Occurrences = 6, CreatedAt = now };
        db.EventSeries.Add(series);
        var first = day.AddDays(2).AddHours(14);
        var index = 1;
        foreach (var date in EventSeries.Dates(first, Recurrence.MonthlyByWeekday, 1, 6))
        {
            events.Add(new AgendaEvent
            {
                CiteId = citeslab.CiteId, StructureId = citeslab.Id, Title = "Réunion d'information CitésLab : créer son activité", Type = EventType.AwarenessMeeting,
                Theme = EventTheme.BusinessCreation, StartsAt = At(date), EndsAt = At(date.AddHours(2)), Capacity = 15, RegistrationMode = RegistrationMode.Waitlist,
                WaitlistPromotion = WaitlistPromotion.Offer, Series = series, SeriesIndex = index++, Audience = EventAudience.Everyone,
                Organisers = med is null ? [] : [new EventOrganiser { CiteId = citeslab.CiteId, PartnerId = med.Id }],
            });
        }
        foreach (var e in events)
        {
            e.Status = EventStatus.Published;
            e.CreatedAt = now;
            e.PublishedAt = now;
            e.Validate();
        }
        db.Events.AddRange(events);
        await db.SaveChangesAsync(ct);
        return events.Count;
    }
}
