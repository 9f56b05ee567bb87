using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Maillage.Agenda;
using Maillage.Agenda.Import;
using Maillage.Platform.Identity;
using Maillage.Platform.Spreadsheets;
using Maillage.Tests.Agenda;
using Maillage.Tests.Infrastructure;
using Maillage.Tests.Network.Admin;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Tests.Agenda.Operations;

public sealed class ImportTests(FrozenAgendaApp app) : IClassFixture<FrozenAgendaApp>
{
    private const string Url = "/gestion/agenda/import";

    private async Task<HttpClient> CoordinatorAsync(string cite = "grand-geneve") =>
        await app.SignedInAsync(await app.CreateStaffAsync(StaffRole.Coordinator, $"cite:{cite}"));

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, int citeId, string fileName, byte[] content)
    {
        var page = await client.GetStringAsync(Url);
        var token = WebUtility.HtmlDecode(Regex.Match(page, "name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"").Groups[1].Value);
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent(citeId.ToString()), "CiteId" },
            { new ByteArrayContent(content), "Upload", fileName },
        };
        return await client.PostAsync($"{Url}?handler=Preview", form);
    }

    /// <summary>Posts the confirmation form the preview page holds, with its hidden fields.</summary>
    private static async Task<HttpResponseMessage> ConfirmAsync(HttpClient client, string previewPage)
    {
        string Hidden(string name) => WebUtility.HtmlDecode(Regex.Match(previewPage, $"name=\"{name}\" value=\"([^\"]*)\"").Groups[1].Value);
        var token = WebUtility.HtmlDecode(Regex.Matches(previewPage, "name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")[^1].Groups[1].Value);
        return await client.PostAsync($"{Url}?handler=Confirm", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["CiteId"] = Hidden("CiteId"), ["FileName"] = Hidden("FileName"), ["Previewed"] = Hidden("Previewed"),
        }));
    }

    private static string Csv(params string[] lines) => string.Join("\r\n", lines);

    [Fact]
    public async Task Given_a_file_with_broken_rows_When_previewing_Then_each_error_is_listed_by_row_and_column_and_nothing_is_saved_until_confirmed()
    {
        var cite = await app.CiteIdAsync("grand-geneve");
        var client = await CoordinatorAsync();
        var csv = Csv(
            "titre;type;thème;début;fin;structure;capacité;inscription;organisateurs;public",
            "Zoom import électricité;zoom métier;;03/12/2026 14:00;16:30;annemasse;20;liste d'attente;Mission locale du Genevois;demandeurs d'emploi, étudiants",
            "Atelier import sans thème;atelier;;2026-12-04 09:00;2026-12-04 11:00;annemasse;12;;;",
            "Fête import;soirée;;le 5 décembre;2026-12-05 20:00;annemasse;;;;",
            "Visite import inconnue;visite d'entreprise;;2026-12-06 10:00;2026-12-06 12:00;nulle-part;10;;Partenaire fantôme;",
            "Forum import à l'envers;forum;;2026-12-07 18:00;2026-12-07 09:00;annemasse;-3;;;",
            "Atelier import CV;atelier;préparation à l'emploi;2026-12-08 09:00;2026-12-08 12:00;Point relais de Saint-Julien-en-Genevois;8;ouverte;;",
            "Zoom import électricité;tradeZoom;;2026-12-03 14:00;2026-12-03 16:30;annemasse;20;;;");

        var preview = await UploadAsync(client, cite, "agenda.csv", Encoding.UTF8.GetBytes(csv));
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        var page = await preview.TextAsync();
        Assert.Contains("2 lignes valides, 5 lignes en erreur. Rien n'est encore enregistré.", page);
        Assert.Contains("<tr><th scope=\"row\">3</th><td>thème</td><td>Un atelier porte sur l'un des cinq thèmes : choisissez-le.</td></tr>", page);
        Assert.Contains("<tr><th scope=\"row\">4</th><td>type</td><td>Type inconnu", page);
        Assert.Contains("<tr><th scope=\"row\">4</th><td>début</td><td>« le 5 décembre » n'est pas une date et heure lisible", page);
        Assert.Contains("<tr><th scope=\"row\">5</th><td>structure</td><td>Aucune structure « nulle-part » dans cette Cité.</td></tr>", page);
        Assert.Contains("<tr><th scope=\"row\">5</th><td>organisateurs</td><td>Aucun partenaire « Partenaire fantôme » dans cette Cité.</td></tr>", page);
        Assert.Contains("<tr><th scope=\"row\">6</th><td>fin</td><td>La fin doit être après le début.</td></tr>", page);
        // Every rule a row breaks is listed, not only the first.
        Assert.Contains("<tr><th scope=\"row\">6</th><td>capacité</td>", page);
        Assert.Contains("<tr><th scope=\"row\">8</th><td>titre</td><td>Cette action apparaît deux fois dans le fichier", page);
        Assert.Equal(0, await app.WithDbAsync(db => db.Events.CountAsync(e => e.Title.Contains(" import "))));

        var confirmed = await ConfirmAsync(client, page);
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        Assert.Contains("2 actions importées ; 5 lignes en erreur non importées.", await client.PageTextAsync(Url));
        var events = await app.WithDbAsync(db => db.Events.Include(e => e.Organisers).Where(e => e.Title.Contains(" import ")).OrderBy(e => e.StartsAt).ToListAsync());
        Assert.Equal(["Zoom import électricité", "Atelier import CV"], events.Select(e => e.Title));
        var zoom = events[0];
        Assert.Equal(new DateTimeOffset(2026, 12, 3, 13, 0, 0, TimeSpan.Zero), zoom.StartsAt);
        Assert.Equal(new DateTimeOffset(2026, 12, 3, 15, 30, 0, TimeSpan.Zero), zoom.EndsAt);
        Assert.Equal((EventType.TradeZoom, 20, RegistrationMode.Waitlist, EventStatus.Published, EventAudience.JobSeekers | EventAudience.Students),
            (zoom.Type, zoom.Capacity, zoom.RegistrationMode, zoom.Status, zoom.Audience));
        Assert.Equal((await app.StructureAsync("grand-geneve", "annemasse")).Id, zoom.StructureId);
        Assert.Single(zoom.Organisers);
        Assert.Equal(EventTheme.JobPreparation, events[1].Theme);

        // The same file again: every row is already in the agenda, nothing is added.
        var again = await (await UploadAsync(client, cite, "agenda.csv", Encoding.UTF8.GetBytes(csv))).TextAsync();
        Assert.Contains("Cette action est déjà dans l'agenda", again);
        Assert.Equal(2, await app.WithDbAsync(db => db.Events.CountAsync(e => e.Title.Contains(" import "))));
    }

    [Theory]
    [InlineData("xlsx")]
    [InlineData("ods")]
    public async Task Given_a_spreadsheet_with_typed_cells_When_imported_Then_dates_and_numbers_are_read(string extension)
    {
        SpreadsheetFile.TryParseFormat(extension, out var format);
        var title = $"Conférence tableur {extension}";
        using var file = new MemoryStream();
        SpreadsheetFile.Write(file, format, [new Sheet("agenda", ["Title", "Type", "Start", "End", "Venue", "Territory", "Capacity", "Status"],
            [[title, "conference", new DateTime(2027, 3, 9, 18, 30, 0), new DateTime(2027, 3, 9, 20, 0, 0), "Salle Renfer", "74243", 150, "draft"]])]);
        var client = await CoordinatorAsync();
        var page = await (await UploadAsync(client, await app.CiteIdAsync("grand-geneve"), $"agenda.{extension}", file.ToArray())).TextAsync();
        Assert.Contains("1 ligne valide, 0 ligne en erreur.", page);
        Assert.Equal(HttpStatusCode.Redirect, (await ConfirmAsync(client, page)).StatusCode);
        var saved = await app.WithDbAsync(db => db.Events.Include(e => e.VenueTerritory).SingleAsync(e => e.Title == title));
        Assert.Equal(new DateTimeOffset(2027, 3, 9, 17, 30, 0, TimeSpan.Zero), saved.StartsAt);
        Assert.Equal((150, EventStatus.Draft, "Saint-Julien-en-Genevois", RegistrationMode.Open), (saved.Capacity!.Value, saved.Status, saved.VenueTerritory!.Name, saved.RegistrationMode));
    }

    [Fact]
    public async Task Given_the_template_in_each_format_Then_it_holds_every_column_and_an_example_that_imports()
    {
        var client = await CoordinatorAsync();
        foreach (var extension in new[] { "csv", "xlsx", "ods" })
        {
            var response = await client.GetAsync($"{Url}?handler=Template&format={extension}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            SpreadsheetFile.TryParseFormat(extension, out var format);
            var bytes = await response.Content.ReadAsByteArrayAsync();
            var rows = SpreadsheetFile.ReadRows(new MemoryStream(bytes), format);
            Assert.Equal(AgendaImporter.Columns.Select(c => c.Heading), rows[0]);
            var page = await (await UploadAsync(client, await app.CiteIdAsync("grand-geneve"), $"modele.{extension}", bytes)).TextAsync();
            Assert.Contains("1 ligne valide, 0 ligne en erreur.", page);
        }
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"{Url}?handler=Template&format=pdf")).StatusCode);
    }

    [Fact]
    public async Task Given_unusable_files_Then_the_preview_says_why_and_offers_no_confirmation()
    {
        var client = await CoordinatorAsync();
        var cite = await app.CiteIdAsync("grand-geneve");
        var missing = await (await UploadAsync(client, cite, "agenda.csv", Encoding.UTF8.GetBytes("titre;couleur\nA;bleu"))).TextAsync();
        Assert.Contains("Colonne inconnue « couleur »", missing);
        Assert.Contains("Colonne obligatoire manquante : « début ».", missing);
        Assert.DoesNotContain("handler=Confirm", missing);

        var broken = await (await UploadAsync(client, cite, "agenda.xlsx", Encoding.UTF8.GetBytes("not a zip"))).TextAsync();
        Assert.Contains("n'a pas pu être lu comme un fichier XLSX", broken);
        var wrongType = await (await UploadAsync(client, cite, "agenda.pdf", [1, 2, 3])).TextAsync();
        Assert.Contains("Le fichier doit être un CSV, un XLSX ou un ODS.", wrongType);
        Assert.Contains("aria-invalid=\"true\"", wrongType);
    }

    [Fact]
    public async Task Given_staff_without_the_right_Then_import_is_refused_and_nothing_is_saved()
    {
        var geneve = await app.CiteIdAsync("grand-geneve");
        var csv = Encoding.UTF8.GetBytes(Csv("titre;type;début;fin;structure", "Intrusion marseillaise;forum;2026-12-10 10:00;2026-12-10 12:00;annemasse"));
        var marseille = await CoordinatorAsync("marseille-paca");
        var response = await UploadAsync(marseille, geneve, "agenda.csv", csv);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("acces-refuse", response.Headers.Location!.ToString());
        var agent = await app.SignedInAsync(await app.CreateStaffAsync(StaffRole.ReceptionAgent, "structure:grand-geneve/annemasse"));
        Assert.Equal(HttpStatusCode.Redirect, (await agent.GetAsync(Url)).StatusCode);
        Assert.Equal(0, await app.WithDbAsync(db => db.Events.CountAsync(e => e.Title == "Intrusion marseillaise")));
    }
}
