using System.Net;
using System.Text.Json;
using AngleSharp.Html.Parser;
using Maillage.Entrepreneurship;
using Maillage.Entrepreneurship.Permanences;
using Maillage.Network;
using Maillage.Platform.Identity;
using Maillage.Roster;
using Maillage.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Maillage.Tests.Entrepreneurship.EntrepreneurshipTestData;

namespace Maillage.Tests.Entrepreneurship;

/// <summary>
/// Permanence days recorded by the programme's staff when the roster holds none (issue 23 item 5): a day counted once
/// whatever its sources (the roster's duty there that day, a day recorded here); a future date or a day recorded twice
/// refused beside the field; the programme's figures on a staff page. Each test on its own database (the days are per
/// programme), both providers.
/// </summary>
public sealed class PermanenceDaysTests : IAsyncLifetime
{
    private readonly MaillageApp app = new();
    public Task InitializeAsync() => Task.CompletedTask;
    public async Task DisposeAsync() => await app.DisposeAsync();

    private const string Url = "/gestion/citeslab/permanences";
    private static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
    private static DateTimeOffset At(int year, int month, int day, int hour) =>
        new DateTimeOffset(new DateTime(year, month, day, hour, 0, 0), Paris.GetUtcOffset(new DateTime(year, month, day, hour, 0, 0))).ToUniversalTime();

    private async Task<JsonElement> DaysAsync(HttpClient api, int year = 2026)
    {
        var json = JsonDocument.Parse(await api.GetStringAsync($"/api/v1/entrepreneurship/indicators?year={year}")).RootElement;
        return json.GetProperty("indicators").EnumerateArray().Single(i => i.GetProperty("name").GetString() == ProgrammeFigures.PermanenceDays).Clone();
    }

    private static decimal Part(JsonElement row, string part) => row.GetProperty("parts").GetProperty(part).GetDecimal();

    /// <summary>A duty of 7 hours from 9:00 (one day of two half-days; 3.5 hours, one half-day) held at the programme's permanence.</summary>
    private Task AddDutyAsync(int month, int day, double hours = 7) => app.WithDbAsync(async db =>
    {
        var permanence = await db.Set<Structure>().IgnoreQueryFilters().SingleAsync(s => s.Slug == "citeslab-saint-georges");
        var annemasse = await db.Set<Structure>().IgnoreQueryFilters().SingleAsync(s => s.Slug == "annemasse");
        var med = await db.Set<Partner>().IgnoreQueryFilters().SingleAsync(p => p.CiteId == permanence.CiteId && p.Name == "Maison de l'Economie Développement");
        var pole = await db.Set<Pole>().IgnoreQueryFilters().Where(p => p.StructureId == permanence.Id || p.StructureId == annemasse.Id)
            .OrderBy(p => p.StructureId == permanence.Id ? 0 : 1).Select(p => p.Id).FirstAsync();
        db.Add(new DutySlot
        {
            CiteId = permanence.CiteId, StructureId = permanence.Id, PoleId = pole, PartnerId = med.Id, Status = DutyStatus.Planned,
            StartsAt = At(2026, month, day, 9), EndsAt = At(2026, month, day, 9).AddHours(hours), CreatedAt = app.Clock.GetUtcNow(),
        });
        return await db.SaveChangesAsync();
    });

    [Fact]
    public async Task Given_a_coach_Then_she_records_days_held_each_counted_once_with_the_roster_and_a_future_or_repeated_day_is_refused()
    {
        var user = await app.CreateStaffAsync(StaffRole.EntrepreneurshipCoach, CoachScope);
        var coach = await app.SignedInAsync(user);
        var api = await app.ClientAsync(user);
        var before = await DaysAsync(api);

        var form = new HtmlParser().ParseDocument(await coach.GetStringAsync(Url));
        Assert.Equal("2026-11-23", form.QuerySelector("input[name='Input.Date']")?.GetAttribute("value")); // today
        Assert.Contains("CitésLab", form.Body!.TextContent); // the permanence named as the place

        var saved = await coach.PostFormAsync(Url, new() { ["Input.Date"] = "2026-11-02", ["Input.Note"] = "Permanence au centre social" });
        Assert.True(saved.StatusCode == HttpStatusCode.Redirect, $"{saved.StatusCode}: {await saved.Content.ReadAsStringAsync()}");
        var day = await app.WithDbAsync(db => db.Set<PermanenceDay>().IgnoreQueryFilters().SingleAsync());
        Assert.Equal((new DateOnly(2026, 11, 2), "Permanence au centre social"), (day.Date, day.Note));
        var after = await DaysAsync(api);
        Assert.Equal(1m, after.GetProperty("value").GetDecimal() - before.GetProperty("value").GetDecimal());
        Assert.Equal(1m, Part(after, ProgrammeFigures.RecordedSource));

        // Refused beside the field, nothing saved: the same day again, a future day, no date, a date unreadable.
        foreach (var date in new[] { "2026-11-02", "2026-11-24", "", "demain" })
            Assert.Equal(["Input_Date"], await InvalidFieldsAsync(await coach.PostFormAsync(Url, new() { ["Input.Date"] = date })));
        Assert.Equal(1, await app.WithDbAsync(db => db.Set<PermanenceDay>().IgnoreQueryFilters().CountAsync()));

        // A day the roster holds a duty there and one recorded here too: counted once, by the roster.
        await AddDutyAsync(11, 9);
        Assert.Equal(HttpStatusCode.Redirect, (await coach.PostFormAsync(Url, new() { ["Input.Date"] = "2026-11-09" })).StatusCode);
        var both = await DaysAsync(api);
        Assert.Equal(2m, both.GetProperty("value").GetDecimal() - before.GetProperty("value").GetDecimal());
        Assert.Equal((1m, 1m), (Part(both, ProgrammeFigures.RosterSource) - Part(before, ProgrammeFigures.RosterSource), Part(both, ProgrammeFigures.RecordedSource)));
        var page = await coach.PageTextAsync(Url);
        Assert.Contains("par le planning (une fois)", page);

        // A day recorded by mistake is removed.
        var id = await app.WithDbAsync(db => db.Set<PermanenceDay>().IgnoreQueryFilters().Where(d => d.Date == new DateOnly(2026, 11, 2)).Select(d => d.Id).SingleAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await coach.PostFormAsync($"{Url}?handler=Remove&day={id}", new(), Url)).StatusCode);
        Assert.Equal(1m, (await DaysAsync(api)).GetProperty("value").GetDecimal() - before.GetProperty("value").GetDecimal());
    }

    [Fact]
    public async Task Given_days_held_Then_the_page_writes_day_or_days_by_each_languages_rule_half_days_included_never_day_s()
    {
        var coach = await app.SignedInAsAsync(StaffRole.EntrepreneurshipCoach, CoachScope);
        async Task<string[]> LinesAsync(string culture = "fr-FR")
        {
            var page = new HtmlParser().ParseDocument(await coach.GetStringAsync($"{Url}?culture={culture}"));
            var section = page.QuerySelector("section[aria-labelledby=year-title]")!;
            Assert.DoesNotContain("(s)", section.TextContent);
            return [section.QuerySelector("h2")!.TextContent, .. section.QuerySelectorAll("li").Select(li => li.TextContent)];
        }

        // French: 0 and 1 singular; English: 1 only.
        Assert.Equal(["En 2026 : 0 jour de permanence tenu", "D'après le planning des permanences : 0 jour", "Enregistrés ici, un jour sans permanence au planning : 0 jour"], await LinesAsync());
        Assert.Equal("In 2026: 0 permanence days held", (await LinesAsync("en"))[0]);
        Assert.Equal(HttpStatusCode.Redirect, (await coach.PostFormAsync(Url, new() { ["Input.Date"] = "2026-11-02" })).StatusCode);
        Assert.Equal(["En 2026 : 1 jour de permanence tenu", "D'après le planning des permanences : 0 jour", "Enregistrés ici, un jour sans permanence au planning : 1 jour"], await LinesAsync());
        Assert.Equal(["In 2026: 1 permanence day held", "From the duty roster: 0 days", "Recorded here, on a day without a duty in the roster: 1 day"], await LinesAsync("en"));

        // A morning's duty in the roster: half a day, still singular in French below 2, plural in English.
        await AddDutyAsync(11, 10, hours: 3.5);
        Assert.Equal(["En 2026 : 1,5 jour de permanence tenu", "D'après le planning des permanences : 0,5 jour", "Enregistrés ici, un jour sans permanence au planning : 1 jour"], await LinesAsync());
        Assert.Equal(["In 2026: 1.5 permanence days held", "From the duty roster: 0.5 days", "Recorded here, on a day without a duty in the roster: 1 day"], await LinesAsync("en"));
        Assert.Equal(HttpStatusCode.Redirect, (await coach.PostFormAsync(Url, new() { ["Input.Date"] = "2026-11-03" })).StatusCode);
        Assert.Equal(["En 2026 : 2,5 jours de permanence tenus", "D'après le planning des permanences : 0,5 jour", "Enregistrés ici, un jour sans permanence au planning : 2 jours"], await LinesAsync());
    }

    [Fact]
    public async Task Given_the_figures_page_Then_the_staff_read_the_years_indicators_against_the_targets_and_others_are_refused()
    {
        var manager = await app.SignedInAsAsync(StaffRole.EntrepreneurshipManager, "partner:grand-geneve/Maison de l'Economie Développement");
        Assert.Equal(HttpStatusCode.Redirect, (await manager.PostFormAsync(Url, new() { ["Input.Date"] = "2026-10-05" })).StatusCode);

        var document = new HtmlParser().ParseDocument(await manager.GetStringAsync("/gestion/citeslab/chiffres"));
        var rows = document.QuerySelectorAll("tr[data-indicator]").ToDictionary(r => r.GetAttribute("data-indicator")!, r => r.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToList());
        foreach (var name in ProgrammeFigures.Names.Concat(ProgrammeFigures.ProgrammeRows.Select(r => r.Name))) Assert.True(rows.ContainsKey(name), name);
        Assert.Equal(4, rows[ProgrammeFigures.Workshops].Count); // to date, target, projection, reached
        Assert.Equal("—", rows[ProgrammeFigures.Workshops][1]); // no target for 2026 (the convention ran 2021–2023)
        Assert.NotEqual("0", rows[ProgrammeFigures.PermanenceDays][0]);

        // A past year: no projection column; a wrong year is said beside the field.
        var past = new HtmlParser().ParseDocument(await manager.GetStringAsync("/gestion/citeslab/chiffres?annee=2022"));
        Assert.Equal("100", past.QuerySelector($"tr[data-indicator='{EntrepreneurshipIndicators.Sensitised}'] td:nth-child(3)")?.TextContent.Trim());
        Assert.Equal("6", past.QuerySelector($"tr[data-indicator='{ProgrammeFigures.Workshops}'] td:nth-child(3)")?.TextContent.Trim());
        Assert.Equal(3, past.QuerySelectorAll($"tr[data-indicator='{EntrepreneurshipIndicators.Sensitised}'] td").Length);
        Assert.NotNull(new HtmlParser().ParseDocument(await manager.GetStringAsync("/gestion/citeslab/chiffres?annee=deux")).QuerySelector("#annee-error"));

        foreach (var (role, scope) in new[] { (StaffRole.Funder, "cite:grand-geneve"), (StaffRole.Administrator, "cite:grand-geneve") })
        {
            var other = await app.SignedInAsAsync(role, scope);
            foreach (var url in new[] { Url, "/gestion/citeslab/chiffres" })
            {
                var response = await other.GetAsync(url);
                Assert.True(response.StatusCode == HttpStatusCode.Forbidden || response.Headers.Location?.OriginalString.Contains("/gestion/acces-refuse") == true, $"{role} {url}: {response.StatusCode}");
            }
        }
        var marseille = await app.SignedInAsAsync(StaffRole.EntrepreneurshipCoach, "cite:marseille-paca");
        Assert.Equal(HttpStatusCode.NotFound, (await marseille.GetAsync(Url)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await marseille.GetAsync("/gestion/citeslab/chiffres")).StatusCode);
        Assert.Equal(1, await app.WithDbAsync(db => db.Set<PermanenceDay>().IgnoreQueryFilters().CountAsync()));
    }
}
