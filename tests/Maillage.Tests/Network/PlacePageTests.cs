using System.Net;
using System.Text.RegularExpressions;
using Maillage.Agenda;
using Maillage.Network;
using Maillage.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Tests.Network;

/// <summary>
/// The public page of a place as a visitor meets it (issue 19, item 10): how to reach it, who runs it now, no staff
/// notes, English where it can be, its next events; and the event page that leads back to it and names its organisers.
/// </summary>
public sealed class PlacePageTests(MaillageApp app) : IClassFixture<MaillageApp>
{
    private async Task<string> PageAsync(string path, HttpClient? client = null) =>
        WebUtility.HtmlDecode(await (client ?? app.CreateClient()).GetStringAsync(path));

    private Task<int> IdOfAsync(string slug) => app.WithDbAsync(db => db.Structures.Where(s => s.Slug == slug).Select(s => s.Id).SingleAsync());

    [Fact]
    public async Task Given_a_place_without_its_own_phone_Then_the_page_gives_the_contact_of_the_structure_it_belongs_to_or_says_none_is_given()
    {
        app.Clock.SetUtcNow(MaillageApp.DefaultNow);
        // Annemasse has no phone nor e-mail in the sources: the Geneva site it is attached to answers for it.
        var annemasse = await PageAsync("/lieux/grand-geneve/annemasse");
        Assert.Contains("par Cité des métiers de Genève, dont dépend ce lieu", annemasse);
        Assert.Contains("href=\"tel:+41220000000\"", annemasse);
        // Saint-Julien's parent (Annemasse) has none either: the page says so instead of leaving a blank.
        var saintJulien = await PageAsync("/lieux/grand-geneve/saint-julien-en-genevois");
        Assert.Contains("non communiqués", saintJulien);
        Assert.DoesNotContain("href=\"tel:", saintJulien);

        // Contact details once a place has them: tel: and mailto: links.
        await app.WithDbAsync(async db =>
        {
            var gaillard = await db.Structures.SingleAsync(s => s.Slug == "gaillard");
            gaillard.Phone = "04 50 00 00 01";
            gaillard.Email = "gaillard@cite-des-metiers.example";
            return await db.SaveChangesAsync();
        });
        var own = await PageAsync("/lieux/grand-geneve/gaillard");
        Assert.Contains("<a href=\"tel:0450000001\">04 50 00 00 01</a>", own);
        Assert.Contains("<a href=\"mailto:gaillard@cite-des-metiers.example\">gaillard@cite-des-metiers.example</a>", own);
        Assert.DoesNotContain("dont dépend ce lieu", own);
    }

    [Fact]
    public async Task Given_an_operator_contract_that_ended_Then_it_is_not_shown_and_a_running_one_is()
    {
        app.Clock.SetUtcNow(MaillageApp.DefaultNow); // 23 November 2026: the Annemasse contract ended on 31 December 2024
        var annemasse = await PageAsync("/lieux/grand-geneve/annemasse");
        Assert.DoesNotContain("Prestataire titulaire", annemasse);
        Assert.DoesNotContain("<dt>Gestion</dt>", annemasse);

        app.Clock.SetUtcNow(new DateTimeOffset(2024, 6, 3, 9, 0, 0, TimeSpan.Zero)); // while it ran
        Assert.Contains("Prestataire titulaire du marché public de gestion quotidienne", await PageAsync("/lieux/grand-geneve/annemasse"));
        app.Clock.SetUtcNow(MaillageApp.DefaultNow);

        await app.WithDbAsync(async db =>
        {
            var valserhone = await db.Structures.SingleAsync(s => s.Slug == "valserhone");
            valserhone.Operator = "Association Accueil Valserhône";
            return await db.SaveChangesAsync();
        });
        Assert.Contains("Association Accueil Valserhône", await PageAsync("/lieux/grand-geneve/valserhone"));
    }

    [Fact]
    public async Task Given_the_public_page_Then_no_source_note_shows_and_English_translates_the_words_and_marks_the_French_texts()
    {
        app.Clock.SetUtcNow(MaillageApp.DefaultNow);
        foreach (var path in new[] { "/lieux/grand-geneve/annemasse", "/lieux/grand-geneve/citeslab-saint-georges", "/lieux/marseille-paca/marseille" })
        {
            var html = await PageAsync(path);
            Assert.DoesNotContain("seed 0", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("Source des informations", html);
        }
        var english = await PageAsync("/lieux/grand-geneve/annemasse?culture=en", app.Browser());
        Assert.Contains("<html lang=\"en\">", english);
        Assert.Contains("Associated centre", english);
        Assert.Contains("Some information on this page (hours, contact details) is demonstration data.", english);
        Assert.Contains("through Cité des métiers de Genève, which this place belongs to", english);
        // The accessibility text is written in French only: marked so for screen readers.
        Assert.Contains("<p lang=\"fr\">Accès de plain-pied", english);
        Assert.DoesNotContain("Valeurs de démonstration", english);
    }

    private Task<AgendaEvent> EventAsync(string slug, string title, DateTimeOffset start, EventStatus status = EventStatus.Published, string? organiser = null) =>
        app.WithDbAsync(async db =>
        {
            var place = await db.Structures.SingleAsync(s => s.Slug == slug);
            var e = new AgendaEvent
            {
                CiteId = place.CiteId, StructureId = place.Id, Title = title, Type = EventType.Workshop, Status = status,
                StartsAt = start, EndsAt = start.AddHours(2), Capacity = 10, RegistrationMode = RegistrationMode.Open,
                CreatedAt = app.Clock.GetUtcNow(), PublishedAt = app.Clock.GetUtcNow(),
            };
            if (organiser is not null)
            {
                var partner = await db.Set<Partner>().SingleAsync(p => p.CiteId == place.CiteId && p.Name == organiser);
                e.Organisers.Add(new EventOrganiser { CiteId = place.CiteId, PartnerId = partner.Id });
            }
            db.Events.Add(e);
            await db.SaveChangesAsync();
            return e;
        });

    [Fact]
    public async Task Given_events_at_a_place_Then_its_page_lists_the_next_published_ones_with_links()
    {
        app.Clock.SetUtcNow(MaillageApp.DefaultNow);
        var tag = Guid.NewGuid().ToString("N")[..6];
        var next = await EventAsync("bonneville", $"Atelier entretien {tag}", MaillageApp.DefaultNow.AddDays(3));
        var later = await EventAsync("bonneville", $"Zoom métier soins {tag}", MaillageApp.DefaultNow.AddDays(9));
        var past = await EventAsync("bonneville", $"Atelier passé {tag}", MaillageApp.DefaultNow.AddDays(-3));
        var draft = await EventAsync("bonneville", $"Brouillon {tag}", MaillageApp.DefaultNow.AddDays(4), EventStatus.Draft);
        var elsewhere = await EventAsync("valserhone", $"Ailleurs {tag}", MaillageApp.DefaultNow.AddDays(5));

        var html = await PageAsync("/lieux/grand-geneve/bonneville");
        Assert.Contains("Prochaines actions dans ce lieu", html);
        Assert.Contains($"<a href=\"/agenda/{next.Id}\">{next.Title}</a>", html);
        Assert.Contains($"<a href=\"/agenda/{later.Id}\">{later.Title}</a>", html);
        Assert.True(html.IndexOf(next.Title, StringComparison.Ordinal) < html.IndexOf(later.Title, StringComparison.Ordinal), "The next event comes first.");
        Assert.DoesNotContain(past.Title, html);
        Assert.DoesNotContain(draft.Title, html);
        Assert.DoesNotContain(elsewhere.Title, html);
        Assert.Contains($"href=\"/agenda?structure={next.StructureId}\"", html);

        // A place with none says so.
        Assert.Contains("Aucune action n'est annoncée ici pour le moment.", await PageAsync("/lieux/grand-geneve/gaillard"));
    }

    [Fact]
    public async Task Given_an_event_page_Then_it_links_its_place_names_its_organisers_and_fills_the_JSON_LD_organizer()
    {
        app.Clock.SetUtcNow(MaillageApp.DefaultNow);
        var withPartner = await EventAsync("citeslab-saint-georges", "Réunion CitésLab organisée", MaillageApp.DefaultNow.AddDays(6), organiser: "Maison de l'Economie Développement");
        var html = await PageAsync($"/agenda/{withPartner.Id}");
        Assert.Contains("href=\"/lieux/grand-geneve/citeslab-saint-georges\"", html);
        Assert.Matches("<dt>Organisé par</dt>\\s*<dd>\\s*Maison de l'Economie Développement\\s*</dd>", html);
        var jsonLd = Regex.Match(html, "<script type=\"application/ld\\+json\">(.*?)</script>", RegexOptions.Singleline).Groups[1].Value;
        using var json = System.Text.Json.JsonDocument.Parse(jsonLd);
        var organizer = Assert.Single(json.RootElement.GetProperty("organizer").EnumerateArray());
        Assert.Equal("Organization", organizer.GetProperty("@type").GetString());
        Assert.Equal("Maison de l'Economie Développement", organizer.GetProperty("name").GetString());
        Assert.EndsWith("/lieux/grand-geneve/citeslab-saint-georges", json.RootElement.GetProperty("location").GetProperty("url").GetString());

        // No organising partner: the Cité that publishes it organises it, with the address of its places.
        var plain = await EventAsync("annemasse", "Atelier sans partenaire", MaillageApp.DefaultNow.AddDays(6));
        var page = await PageAsync($"/agenda/{plain.Id}");
        Assert.Matches("<dt>Organisé par</dt>\\s*<dd>\\s*<a href=\"[^\"]+/lieux\\?cite=grand-geneve\">Cité des métiers du Grand Genève</a>", page);
        var ld = Regex.Match(page, "<script type=\"application/ld\\+json\">(.*?)</script>", RegexOptions.Singleline).Groups[1].Value;
        using var plainJson = System.Text.Json.JsonDocument.Parse(ld);
        var cite = Assert.Single(plainJson.RootElement.GetProperty("organizer").EnumerateArray());
        Assert.Equal("Cité des métiers du Grand Genève", cite.GetProperty("name").GetString());
        Assert.EndsWith("/lieux?cite=grand-geneve", cite.GetProperty("url").GetString());
    }
}
