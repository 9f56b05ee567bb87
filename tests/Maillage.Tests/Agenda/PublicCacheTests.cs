using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Maillage.Agenda;
using Maillage.Platform.Identity;
using Maillage.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Tests.Agenda;

/// <summary>The application with the public cache kept long (5 minutes), so that what a test sees comes from it and not from its expiry.</summary>
public sealed class CachedAgendaApp : FrozenAgendaApp
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Maillage:PublicCache:Seconds", "300");
    }
}

/// <summary>
/// The public agenda's lists are served from the output cache to anonymous visitors (PublicCache), and every change saved
/// by the application evicts them at once; signed-in staff always read the database. A change written behind the
/// application's back (plain SQL here) is what shows that an answer came from the cache.
/// </summary>
public sealed class PublicCacheTests(CachedAgendaApp app) : IClassFixture<CachedAgendaApp>
{
    private HttpClient Anonymous() => app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });

    private async Task<(int Id, string Day)> EventAsync(string title)
    {
        var s = await app.StructureAsync("grand-geneve", "annemasse");
        var now = app.Clock.GetUtcNow();
        var day = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero).AddDays(200 + Random.Shared.Next(400));
        var id = await app.WithDbAsync(async db =>
        {
            var e = new AgendaEvent
            {
                CiteId = s.CiteId, StructureId = s.Id, Title = title, Type = EventType.TradeZoom, StartsAt = day.AddHours(9), EndsAt = day.AddHours(11),
                Capacity = 20, RegistrationMode = RegistrationMode.Waitlist, Status = EventStatus.Published, CreatedAt = now, PublishedAt = now,
            };
            db.Events.Add(e);
            await db.SaveChangesAsync();
            return e.Id;
        });
        return (id, day.ToString("yyyy-MM-dd"));
    }

    /// <summary>
    /// Renames the event and takes 3 seats with a plain statement: no SaveChanges, so nothing is evicted. (A request that
    /// runs reads the seats again: only the output cache can still show the old ones.)
    /// </summary>
    private Task BehindTheBackAsync(int id, string title) =>
        app.WithDbAsync(db => db.Database.ExecuteSqlAsync($"""UPDATE agenda_events SET "Title" = {title}, "SeatsTaken" = 3 WHERE "Id" = {id}"""));

    /// <summary>The test's event in the list of its day (another test class may have drawn the same day on a shared database).</summary>
    private static async Task<JsonElement> OnlyEventAsync(HttpClient client, string day, int id)
    {
        var response = await client.GetAsync($"/api/v1/events?from={day}&to={day}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.EnumerateArray().Single(e => e.GetProperty("id").GetInt32() == id);
    }

    [Fact]
    public async Task Given_an_anonymous_visitor_Then_the_list_comes_from_the_cache_until_the_application_saves_a_change_or_a_registration()
    {
        var (id, day) = await EventAsync("Zoom métier : boulangerie");
        var visitor = Anonymous();
        Assert.Equal("Zoom métier : boulangerie", (await OnlyEventAsync(visitor, day, id)).GetProperty("title").GetString());

        await BehindTheBackAsync(id, "Renamed behind the application's back");
        var cached = await OnlyEventAsync(visitor, day, id);
        Assert.Equal("Zoom métier : boulangerie", cached.GetProperty("title").GetString());
        Assert.Equal(20, cached.GetProperty("placesLeft").GetInt32());

        // A change saved by the application (the event editor, an import, a job: all go through SaveChanges) evicts the lists.
        await app.WithDbAsync(async db =>
        {
            var e = await db.Events.FirstAsync(x => x.Id == id);
            e.Title = "Zoom métier : pâtisserie";
            return await db.SaveChangesAsync();
        });
        var afterEdit = await OnlyEventAsync(visitor, day, id);
        Assert.Equal("Zoom métier : pâtisserie", afterEdit.GetProperty("title").GetString());
        Assert.Equal(17, afterEdit.GetProperty("placesLeft").GetInt32());

        // A registration is written past SaveChanges; it evicts them too: the seats left are current.
        var registered = await visitor.PostAsJsonAsync($"/api/v1/events/{id}/registrations",
            new { firstName = "Camille", lastName = "Durand", email = $"camille.{Guid.NewGuid():N}@exemple.fr", consent = true });
        Assert.Equal(HttpStatusCode.Accepted, registered.StatusCode);
        var afterRegistration = await OnlyEventAsync(visitor, day, id);
        Assert.Equal(16, afterRegistration.GetProperty("placesLeft").GetInt32());
        Assert.Equal(1, afterRegistration.GetProperty("confirmedCount").GetInt32());
    }

    [Fact]
    public async Task Given_signed_in_staff_Then_the_list_is_never_answered_from_the_cache()
    {
        var (id, day) = await EventAsync("Atelier CV");
        var visitor = Anonymous();
        var staff = Anonymous();
        staff.DefaultRequestHeaders.Authorization = new("Bearer", await app.CreateTokenAsync(await app.CreateStaffAsync(StaffRole.EventOrganiser, "structure:grand-geneve/annemasse")));
        Assert.Equal(20, (await OnlyEventAsync(visitor, day, id)).GetProperty("placesLeft").GetInt32());
        Assert.Equal(20, (await OnlyEventAsync(staff, day, id)).GetProperty("placesLeft").GetInt32());

        // Seats taken behind the application's back: a request that runs reads them (the lists read seats on every
        // request); the visitor's cached answer still shows the old ones.
        await app.WithDbAsync(db => db.Database.ExecuteSqlAsync($"""UPDATE agenda_events SET "SeatsTaken" = 5 WHERE "Id" = {id}"""));
        Assert.Equal(15, (await OnlyEventAsync(staff, day, id)).GetProperty("placesLeft").GetInt32());
        Assert.Equal(20, (await OnlyEventAsync(visitor, day, id)).GetProperty("placesLeft").GetInt32());
    }

    /// <summary>An answer from the output cache carries an Age header (seconds since it was stored); a fresh one does not.</summary>
    private static bool FromCache(HttpResponseMessage response) => response.Headers.Age is not null;

    [Fact]
    public async Task Given_the_agenda_page_in_two_languages_Then_each_language_has_its_own_cached_page()
    {
        var (id, day) = await EventAsync("Forum de l'alternance");
        var url = $"/agenda?from={day}&to={day}";
        var french = Anonymous();
        var english = Anonymous();
        english.DefaultRequestHeaders.Add("Cookie", ".Maillage.Culture=c%3Den%7Cuic%3Den");
        // The cookie may set the formatting culture (dates) apart from the language of the texts: its own entry too.
        var mixed = Anonymous();
        mixed.DefaultRequestHeaders.Add("Cookie", ".Maillage.Culture=c%3Den%7Cuic%3Dfr-FR");

        var fr = await french.GetAsync(url);
        var en = await english.GetAsync(url);
        var frEn = await mixed.GetAsync(url);
        Assert.False(FromCache(fr));
        Assert.False(FromCache(en));
        Assert.False(FromCache(frEn));
        Assert.Contains("<html lang=\"fr", await fr.Content.ReadAsStringAsync());
        Assert.Contains("<html lang=\"en\"", await en.Content.ReadAsStringAsync());
        Assert.Contains("Forum de l'alternance", WebUtility.HtmlDecode(await fr.Content.ReadAsStringAsync()));

        // Asked again, each comes back from the cache, in its own language.
        var frAgain = await french.GetAsync(url);
        var enAgain = await english.GetAsync(url);
        Assert.True(FromCache(frAgain));
        Assert.True(FromCache(enAgain));
        Assert.Contains("<html lang=\"fr", await frAgain.Content.ReadAsStringAsync());
        Assert.Contains("<html lang=\"en\"", await enAgain.Content.ReadAsStringAsync());

        // A change saved by the application evicts the page too.
        await app.WithDbAsync(async db =>
        {
            var e = await db.Events.FirstAsync(x => x.Id == id);
            e.Title = "Forum de l'apprentissage";
            return await db.SaveChangesAsync();
        });
        var afterEdit = await french.GetAsync(url);
        Assert.False(FromCache(afterEdit));
        Assert.Contains("Forum de l'apprentissage", WebUtility.HtmlDecode(await afterEdit.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task Given_staff_signed_in_with_the_sign_in_form_Then_neither_the_page_nor_the_API_is_answered_from_the_cache()
    {
        var (_, day) = await EventAsync("Visite d'entreprise");
        // Signed in first: creating the account saves changes (its grant reads the structure), which evicts the lists.
        var organiser = await app.SignedInAsync(await app.CreateStaffAsync(StaffRole.EventOrganiser, "structure:grand-geneve/annemasse"));
        var visitor = Anonymous();
        Assert.True(FromCache(await Twice(visitor, $"/agenda?from={day}&to={day}")));
        Assert.True(FromCache(await Twice(visitor, $"/api/v1/events?from={day}&to={day}")));

        Assert.False(FromCache(await Twice(organiser, $"/agenda?from={day}&to={day}")));
        Assert.False(FromCache(await Twice(organiser, $"/api/v1/events?from={day}&to={day}")));
        // What the organiser was answered was not stored for visitors either: theirs is still the first copy.
        var visitorAgain = await visitor.GetAsync($"/agenda?from={day}&to={day}");
        Assert.True(FromCache(visitorAgain));
        Assert.DoesNotContain("/gestion/deconnexion", await visitorAgain.Content.ReadAsStringAsync());
    }

    private static async Task<HttpResponseMessage> Twice(HttpClient client, string url)
    {
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(url)).StatusCode);
        var second = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        return second;
    }
}
