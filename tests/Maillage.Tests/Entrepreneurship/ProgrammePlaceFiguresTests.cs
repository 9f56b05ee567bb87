using System.Text.Json;
using Maillage.Agenda;
using Maillage.Entrepreneurship;
using Maillage.Governance;
using Maillage.Network;
using Maillage.Roster;
using Maillage.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Tests.Entrepreneurship;

/// <summary>
/// The programme's figures read from the other modules through the indicators (issue 23 item 5): permanence days from
/// the roster's duties at its permanence, workshops and events from the agenda there, technical committees from
/// governance run by its operator — against the convention's targets (6, 1, 3) and projected to year end. Real rows in
/// each module, on its own database; figures compared before and after, so the reference data does not matter.
/// </summary>
public sealed class ProgrammePlaceFiguresTests : IAsyncLifetime
{
    private readonly MaillageApp app = new();
    public Task InitializeAsync() => Task.CompletedTask;
    public async Task DisposeAsync() => await app.DisposeAsync();

    private static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
    private static DateTimeOffset At(int year, int month, int day, int hour) =>
        new DateTimeOffset(new DateTime(year, month, day, hour, 0, 0), Paris.GetUtcOffset(new DateTime(year, month, day, hour, 0, 0))).ToUniversalTime();

    private async Task<Dictionary<string, JsonElement>> FiguresAsync(HttpClient coach, int year)
    {
        var json = JsonDocument.Parse(await coach.GetStringAsync($"/api/v1/entrepreneurship/indicators?year={year}")).RootElement;
        return json.GetProperty("indicators").EnumerateArray().ToDictionary(i => i.GetProperty("name").GetString()!, i => i.Clone());
    }

    private static decimal Value(Dictionary<string, JsonElement> f, string name) => f[name].GetProperty("value").GetDecimal();

    private Task AddRowsAsync(int year, int month) => app.WithDbAsync(async db =>
    {
        var permanence = await db.Set<Structure>().IgnoreQueryFilters().SingleAsync(s => s.Slug == "citeslab-saint-georges");
        var annemasse = await db.Set<Structure>().IgnoreQueryFilters().SingleAsync(s => s.Slug == "annemasse");
        var med = await db.Set<Partner>().IgnoreQueryFilters().SingleAsync(p => p.CiteId == permanence.CiteId && p.Name == "Maison de l'Economie Développement");
        var pole = await db.Set<Pole>().IgnoreQueryFilters().Where(p => p.StructureId == permanence.Id || p.StructureId == annemasse.Id)
            .OrderBy(p => p.StructureId == permanence.Id ? 0 : 1).Select(p => p.Id).FirstAsync();
        var now = app.Clock.GetUtcNow();

        // Roster: two days of 7 hours held at the permanence (= 2 days), one absent, one elsewhere.
        DutySlot Duty(int structure, int day, DutyStatus status = DutyStatus.Planned) => new()
        {
            CiteId = permanence.CiteId, StructureId = structure, PoleId = pole, PartnerId = med.Id, Status = status,
            StartsAt = At(year, month, day, 9), EndsAt = At(year, month, day, 16), CreatedAt = now,
        };
        db.AddRange(Duty(permanence.Id, 2), Duty(permanence.Id, 9), Duty(permanence.Id, 16, DutyStatus.Absent), Duty(annemasse.Id, 2));

        // Agenda: at the permanence, an awareness meeting and a workshop (2 workshops), a forum (1 event), a cancelled
        // information day and a draft; a workshop elsewhere.
        AgendaEvent Event(int structure, EventType type, int day, EventStatus status = EventStatus.Published) => new()
        {
            CiteId = permanence.CiteId, StructureId = structure, Title = $"{type} {day}", Type = type,
            Theme = type == EventType.Workshop ? EventTheme.BusinessCreation : null, StartsAt = At(year, month, day, 14), EndsAt = At(year, month, day, 16),
            Status = status, CreatedAt = now.AddYears(-5), PublishedAt = status == EventStatus.Draft ? null : now.AddYears(-5),
            CancelledAt = status == EventStatus.Cancelled ? now.AddYears(-5) : null, RegistrationMode = RegistrationMode.None,
        };
        db.AddRange(Event(permanence.Id, EventType.AwarenessMeeting, 3), Event(permanence.Id, EventType.Workshop, 4), Event(permanence.Id, EventType.Forum, 5),
            Event(permanence.Id, EventType.InformationDay, 6, EventStatus.Cancelled), Event(permanence.Id, EventType.Workshop, 7, EventStatus.Draft),
            Event(annemasse.Id, EventType.Workshop, 8));

        // Governance: two sessions of the CitésLab technical committee (run by the MED), one of its steering committee.
        var technical = await db.Set<Body>().IgnoreQueryFilters().SingleAsync(b => b.Name == ReferenceGovernance.CitesLabTechnical);
        var steering = await db.Set<Body>().IgnoreQueryFilters().SingleAsync(b => b.Name == ReferenceGovernance.CitesLabSteering);
        db.AddRange(
            new Session { CiteId = technical.CiteId, BodyId = technical.Id, StartsAt = At(year, month, 10, 10) },
            new Session { CiteId = technical.CiteId, BodyId = technical.Id, StartsAt = At(year, month, 17, 10) },
            new Session { CiteId = steering.CiteId, BodyId = steering.Id, StartsAt = At(year, month, 11, 10) });
        return await db.SaveChangesAsync();
    });

    [Fact]
    public async Task Given_duties_events_and_committees_of_a_past_year_Then_the_programme_reads_them_against_the_targets_6_1_3()
    {
        var coach = await app.CoachAsync();
        var before = await FiguresAsync(coach, 2023);
        await AddRowsAsync(2023, 3);
        var after = await FiguresAsync(coach, 2023);

        Assert.Equal(2m, Value(after, ProgrammeFigures.PermanenceDays) - Value(before, ProgrammeFigures.PermanenceDays));
        Assert.Equal(2m, Value(after, ProgrammeFigures.Workshops) - Value(before, ProgrammeFigures.Workshops));
        Assert.Equal(1m, Value(after, ProgrammeFigures.Events) - Value(before, ProgrammeFigures.Events));
        Assert.Equal(2m, Value(after, ProgrammeFigures.Committees) - Value(before, ProgrammeFigures.Committees));
        Assert.Equal(6m, after[ProgrammeFigures.Workshops].GetProperty("target").GetDecimal());
        Assert.Equal(1m, after[ProgrammeFigures.Events].GetProperty("target").GetDecimal());
        Assert.Equal(3m, after[ProgrammeFigures.Committees].GetProperty("target").GetDecimal());
        Assert.Equal("days", after[ProgrammeFigures.PermanenceDays].GetProperty("unit").GetString());
        // A past year is final: no projection.
        Assert.Equal(JsonValueKind.Null, after[ProgrammeFigures.Workshops].GetProperty("projection").ValueKind);
    }

    [Fact]
    public async Task Given_the_current_year_Then_what_is_held_so_far_is_projected_and_what_is_to_come_is_not_counted()
    {
        var coach = await app.CoachAsync();
        var before = await FiguresAsync(coach, 2026);
        await AddRowsAsync(2026, 3);
        // A technical committee and a workshop to come (the clock is 23 November 2026): not held yet.
        await app.WithDbAsync(async db =>
        {
            var technical = await db.Set<Body>().IgnoreQueryFilters().SingleAsync(b => b.Name == ReferenceGovernance.CitesLabTechnical);
            var permanence = await db.Set<Structure>().IgnoreQueryFilters().SingleAsync(s => s.Slug == "citeslab-saint-georges");
            db.Add(new Session { CiteId = technical.CiteId, BodyId = technical.Id, StartsAt = At(2026, 12, 8, 10) });
            db.Add(new AgendaEvent
            {
                CiteId = permanence.CiteId, StructureId = permanence.Id, Title = "Atelier à venir", Type = EventType.Workshop, Theme = EventTheme.BusinessCreation,
                StartsAt = At(2026, 12, 9, 14), EndsAt = At(2026, 12, 9, 16), Status = EventStatus.Published, CreatedAt = app.Clock.GetUtcNow(),
                PublishedAt = app.Clock.GetUtcNow(), RegistrationMode = RegistrationMode.None,
            });
            return await db.SaveChangesAsync();
        });
        var after = await FiguresAsync(coach, 2026);
        Assert.Equal(2m, Value(after, ProgrammeFigures.Workshops) - Value(before, ProgrammeFigures.Workshops));
        Assert.Equal(2m, Value(after, ProgrammeFigures.Committees) - Value(before, ProgrammeFigures.Committees));
        // 23 November is day 327 of 365: the year's pace projected to its end.
        var committees = Value(after, ProgrammeFigures.Committees);
        Assert.Equal(Math.Round(committees * 365 / 327, 0), after[ProgrammeFigures.Committees].GetProperty("projection").GetDecimal());
        var days = Value(after, ProgrammeFigures.PermanenceDays);
        Assert.Equal(Math.Round(days * 365 / 327, 0), after[ProgrammeFigures.PermanenceDays].GetProperty("projection").GetDecimal());
    }
}
