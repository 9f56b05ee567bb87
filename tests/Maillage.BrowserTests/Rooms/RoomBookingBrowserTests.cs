using Maillage.BrowserTests.Infrastructure;
using Maillage.Network;
using Maillage.Platform.Data;
using Maillage.Platform.Identity;
using Maillage.Rooms;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Maillage.BrowserTests.Rooms;

/// <summary>
/// Issue 20: an Académie staff member asks for the amphithéâtre for 100 people, the Marseille coordinator approves, and
/// nobody can book it twice — in Chromium, with axe-core on every rooms page (zero violations).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class RoomBookingBrowserTests(BrowserFixture fixture)
{
    private static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    /// <summary>A Tuesday two weeks or more ahead, away from the year-end holidays.</summary>
    private static DateOnly FutureTuesday()
    {
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, Paris).DateTime).AddDays(14);
        while (day.DayOfWeek != DayOfWeek.Tuesday || (day.Month == 12 && day.Day >= 20) || (day.Month == 1 && day.Day <= 3)) day = day.AddDays(1);
        return day;
    }

    private async Task<(Room Room, int AcademieId)> AmphitheatreAsync()
    {
        await using var scope = fixture.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MaillageDb>();
        var site = await db.Structures.SingleAsync(s => s.Slug == "marseille" && s.Cite.Slug == "marseille-paca");
        var academie = await db.Partners.SingleAsync(p => p.CiteId == site.CiteId && p.Name == "Académie d'Aix-Marseille");
        var room = new Room { CiteId = site.CiteId, StructureId = site.Id, Name = $"Amphi {Guid.NewGuid():N}"[..12], Capacity = 130, Layout = "Amphithéâtre", BufferMinutes = 15 };
        room.ReplaceHours([.. new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday }.Select(d => (d, new TimeOnly(10, 0), new TimeOnly(18, 0)))]);
        room.Partners.Add(new RoomPartner { PartnerId = academie.Id, Convention = true });
        db.Rooms.Add(room);
        await db.SaveChangesAsync();
        return (room, academie.Id);
    }

    private static async Task ScreenshotsAsync(IPage page, string name)
    {
        if (Environment.GetEnvironmentVariable("MAILLAGE_SCREENSHOTS") is not { Length: > 0 } folder) return;
        Directory.CreateDirectory(folder);
        foreach (var (w, h) in new[] { (1280, 900), (1024, 690), (390, 844) })
        {
            await page.SetViewportSizeAsync(w, h);
            await page.ScreenshotAsync(new() { Path = Path.Combine(folder, $"{name}-{w}.png"), FullPage = true });
        }
        await page.SetViewportSizeAsync(1280, 900);
    }

    [Fact]
    public async Task Given_an_Academie_request_for_100_When_the_coordinator_approves_it_Then_it_is_confirmed_and_the_slot_cannot_be_booked_twice()
    {
        var (room, academieId) = await AmphitheatreAsync();
        var day = FutureTuesday();
        var title = $"Immersion des enseignants {Guid.NewGuid():N}"[..32];
        var academie = await fixture.App.CreateStaffAsync(StaffRole.Counsellor, $"partner:{academieId}");
        var coordinator = await fixture.App.CreateStaffAsync(StaffRole.Coordinator, "cite:marseille-paca");

        await using (var session = await fixture.NewSessionAsync())
        {
            var page = session.Page;
            await StaffJourney.SignInAndEnrolAsync(page, academie);
            await page.GotoAsync("/gestion/salles");
            await page.AssertNoAxeViolationsAsync("rooms list");
            await page.GetByRole(AriaRole.Link, new() { Name = room.Name, Exact = true }).ClickAsync();
            await Expect(page.Locator("h1")).ToHaveTextAsync(room.Name);
            await page.AssertNoAxeViolationsAsync("room page");
            await page.Locator("#Input_Date").FillAsync(day.ToString("yyyy-MM-dd"));
            await page.Locator("#Input_StartsAt").FillAsync("14:00");
            await page.Locator("#Input_EndsAt").FillAsync("17:00");
            await page.Locator("#Input_Title").FillAsync(title);
            await page.Locator("#Input_Attendees").FillAsync("100");
            await page.GetByRole(AriaRole.Button, new() { Name = "Envoyer la demande", Exact = true }).ClickAsync();
            await Expect(page.Locator(".notice-success")).ToContainTextAsync("Demande envoyée");
            await Expect(page.Locator("table").First).ToContainTextAsync(title);
            await page.AssertNoAxeViolationsAsync("room page after the request");
            await ScreenshotsAsync(page, "room");
        }

        await using (var session = await fixture.NewSessionAsync())
        {
            var page = session.Page;
            await StaffJourney.SignInAndEnrolAsync(page, coordinator);
            await page.GotoAsync("/gestion/salles/demandes");
            await Expect(page.GetByRole(AriaRole.Region, new() { Name = title, Exact = true })).ToContainTextAsync("100 pour 130 places");
            await page.AssertNoAxeViolationsAsync("requests");
            await ScreenshotsAsync(page, "requests");
            await page.GetByRole(AriaRole.Button, new() { Name = $"Valider « {title} »", Exact = true }).ClickAsync();
            await Expect(page.Locator(".notice-success")).ToContainTextAsync($"« {title} » est confirmée.");

            // Nobody books it twice: the same afternoon, by the coordinator, is refused naming the booking.
            await page.GotoAsync($"/gestion/salles/{room.Id}?semaine={day:yyyy-MM-dd}");
            await page.Locator("#Input_Date").FillAsync(day.ToString("yyyy-MM-dd"));
            await page.Locator("#Input_StartsAt").FillAsync("15:00");
            await page.Locator("#Input_EndsAt").FillAsync("17:00");
            await page.Locator("#Input_Title").FillAsync("Conseil de perfectionnement");
            await page.Locator("#Input_Attendees").FillAsync("30");
            await page.GetByRole(AriaRole.Button, new() { Name = "Réserver", Exact = true }).ClickAsync();
            await Expect(page.Locator(".error-summary")).ToContainTextAsync($"est déjà prise : « {title} »");
            await page.AssertNoAxeViolationsAsync("room page with a conflict");

            await page.GotoAsync($"/gestion/salles/planning?structure={room.StructureId}&jour={day:yyyy-MM-dd}&vue=semaine");
            await Expect(page.Locator("table")).ToContainTextAsync(title);
            await page.AssertNoAxeViolationsAsync("structure week");
            await ScreenshotsAsync(page, "planning");
            await page.GotoAsync($"/gestion/salles/disponibilites?date={day:yyyy-MM-dd}&de=10%3A30&a=12%3A00&places=120");
            await Expect(page.GetByRole(AriaRole.Link, new() { Name = $"Réserver {room.Name}", Exact = true })).ToBeVisibleAsync();
            await page.AssertNoAxeViolationsAsync("availability");
            await ScreenshotsAsync(page, "availability");
            await page.GotoAsync($"/gestion/salles/fiche/{room.Id}");
            await page.AssertNoAxeViolationsAsync("room form");
            await ScreenshotsAsync(page, "form");
        }

        await using var check = fixture.App.Services.CreateAsyncScope();
        var bookings = await check.ServiceProvider.GetRequiredService<MaillageDb>().Set<RoomBooking>().Where(b => b.RoomId == room.Id).ToListAsync();
        var booking = Assert.Single(bookings);
        Assert.Equal(BookingStatus.Confirmed, booking.Status);
        Assert.Equal(100, booking.Attendees);
    }

    /// <summary>
    /// Issue 20: on the edit page of a weekly series in one room, "this occurrence and the following ones" moved to another
    /// room taken on the second date: the error summary names that date and the booking, nothing changes; axe-core finds nothing.
    /// </summary>
    [Fact]
    public async Task Given_a_series_in_a_room_When_the_organiser_moves_this_and_following_to_a_room_taken_on_one_date_Then_the_page_names_that_date()
    {
        var (first, _) = await AmphitheatreAsync();
        var (second, _) = await AmphitheatreAsync();
        var day = FutureTuesday();
        var title = $"Atelier métiers {Guid.NewGuid():N}"[..24];
        var coordinator = await fixture.App.CreateStaffAsync(StaffRole.Coordinator, "cite:marseille-paca");
        await using var session = await fixture.NewSessionAsync();
        var page = session.Page;
        await StaffJourney.SignInAndEnrolAsync(page, coordinator);
        var origin = new Uri(page.Url).GetLeftPart(UriPartial.Authority);
        var headers = new Dictionary<string, string> { ["Origin"] = origin };
        DateTimeOffset At(DateOnly d, int hour) => new(d.ToDateTime(new TimeOnly(hour, 0)), Paris.GetUtcOffset(d.ToDateTime(new TimeOnly(hour, 0))));

        var created = await page.APIRequest.PostAsync("/api/v1/events", new()
        {
            Headers = headers,
            DataObject = new
            {
                title, type = "forum", description = "Rencontres avec des professionnels.", structureId = first.StructureId, roomId = first.Id,
                startsAt = At(day, 14), endsAt = At(day, 16), capacity = 30, registrationMode = "open", waitlistPromotion = "direct",
                repeat = new { frequency = "weekly", interval = 1, count = 3 },
            },
        });
        Assert.True(created.Status == 201, await created.TextAsync());
        var eventId = (await created.JsonAsync())!.Value.GetProperty("id").GetInt32();
        var blocker = await page.APIRequest.PostAsync($"/api/v1/rooms/{second.Id}/bookings", new()
        {
            Headers = headers,
            DataObject = new { startsAt = At(day.AddDays(7), 15), endsAt = At(day.AddDays(7), 17), title = "Comité de pilotage", attendees = 12 },
        });
        Assert.True(blocker.Status == 201, await blocker.TextAsync());

        await page.GotoAsync($"/gestion/agenda/{eventId}/modifier");
        await Expect(page.Locator("#Input_RoomId")).ToBeVisibleAsync();
        await page.AssertNoAxeViolationsAsync("edit page of a series in a room");
        await page.Locator("#Input_RoomId").SelectOptionAsync(second.Id.ToString());
        await page.Locator("#scope-following").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer", Exact = true }).ClickAsync();
        await Expect(page.Locator(".error-summary")).ToContainTextAsync($"Séance du {day.AddDays(7):dd/MM/yyyy} : ");
        await Expect(page.Locator(".error-summary")).ToContainTextAsync("Comité de pilotage");
        await page.AssertNoAxeViolationsAsync("edit page with a room taken on a later date");
        await ScreenshotsAsync(page, "series-room");

        await using var check = fixture.App.Services.CreateAsyncScope();
        var db = check.ServiceProvider.GetRequiredService<MaillageDb>();
        Assert.Equal(3, await db.Set<RoomBooking>().CountAsync(b => b.RoomId == first.Id && b.Status == BookingStatus.Confirmed));
        Assert.Equal(1, await db.Set<RoomBooking>().CountAsync(b => b.RoomId == second.Id));
    }
}
