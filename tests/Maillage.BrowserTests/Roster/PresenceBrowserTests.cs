using Maillage.BrowserTests.Infrastructure;
using Maillage.Network;
using Maillage.Platform.Data;
using Maillage.Roster;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Maillage.BrowserTests.Roster;

/// <summary>The place page with the partners on duty (issue 20, item 3), in Chromium with axe-core, on a computer and a phone.</summary>
[Collection(BrowserCollection.Name)]
public sealed class PresenceBrowserTests(BrowserFixture fixture)
{
    private static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    private static DateTimeOffset At(DateOnly date, int hour, int minute) =>
        new(TimeZoneInfo.ConvertTimeToUtc(date.ToDateTime(new TimeOnly(hour, minute)), Paris), TimeSpan.Zero);

    /// <summary>A site of seven poles, each held this morning or this afternoon through the week but the last, empty today.</summary>
    private async Task<(Structure Place, string Partner)> PlaceAsync()
    {
        await using var scope = fixture.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MaillageDb>();
        var cite = await db.Cites.SingleAsync(c => c.Slug == "grand-geneve");
        var tag = Guid.NewGuid().ToString("N")[..6];
        var place = new Structure { CiteId = cite.Id, Kind = StructureKind.Site, Name = $"Site des permanences {tag}", Slug = $"permanences-{tag}" };
        db.Structures.Add(place);
        await db.SaveChangesAsync();
        foreach (var name in new[] { "Choisir son orientation", "Trouver un emploi", "Changer sa vie professionnelle", "Créer son activité", "Se former", "Travailler à l'international", "Valider ses acquis" })
            place.AddPole(name);
        var partner = new Partner { CiteId = cite.Id, Name = $"Maison de l'Economie Développement {tag}", Type = PartnerType.Association };
        db.Partners.Add(partner);
        await db.SaveChangesAsync();
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, Paris).DateTime);
        for (var day = 0; day < 7; day++)
            foreach (var (pole, i) in place.Poles.Take(6).Select((p, i) => (p, i)))
            {
                var morning = i % 2 == 0;
                db.Set<DutySlot>().Add(new DutySlot
                {
                    CiteId = cite.Id, StructureId = place.Id, PoleId = pole.Id, PartnerId = partner.Id,
                    StartsAt = At(today.AddDays(day), morning ? 9 : 13, morning ? 0 : 30), EndsAt = At(today.AddDays(day), morning ? 12 : 17, morning ? 30 : 30),
                    Status = day == 0 && i == 5 ? DutyStatus.Absent : DutyStatus.Planned, CreatedAt = DateTimeOffset.UtcNow,
                });
            }
        await db.SaveChangesAsync();
        return (place, partner.Name);
    }

    [Fact]
    public async Task Given_a_place_with_partners_on_duty_Then_its_page_says_who_holds_each_pole_and_has_no_axe_violation_on_a_computer_and_a_phone()
    {
        var (place, partner) = await PlaceAsync();
        await using var session = await fixture.NewSessionAsync();
        var page = session.Page;
        var violations = new List<string>();
        foreach (var (width, height) in new[] { (1280, 900), (1024, 690), (390, 844) })
        {
            await page.SetViewportSizeAsync(width, height);
            await page.GotoAsync($"/lieux/grand-geneve/{place.Slug}");
            var today = page.Locator("ul.duty-today li");
            await Expect(today).ToHaveCountAsync(7);
            await Expect(today.Nth(3)).ToHaveTextAsync($"Créer son activité : {partner}, 13:30–17:30");
            await Expect(today.Nth(5)).ToHaveTextAsync("Travailler à l'international : pas de permanence aujourd'hui"); // absent today
            await Expect(today.Nth(6)).ToHaveTextAsync("Valider ses acquis : pas de permanence aujourd'hui");
            var week = page.Locator("table.duty-week");
            await Expect(week.Locator("thead th")).ToHaveCountAsync(8);
            await Expect(week.Locator("tbody th[scope=row]")).ToHaveCountAsync(7);
            await Expect(page.GetByRole(AriaRole.Link, new() { Name = "S'abonner aux permanences de ce lieu (iCalendar)" })).ToBeVisibleAsync();
            violations.AddRange(await page.AxeViolationsAsync($"place page with presence, {width}×{height}"));
        }
        Accessibility.AssertNone(violations, 3);
    }
}
