using System.Net;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml.Packaging;
using Maillage.Governance;
using Maillage.Platform.Identity;
using Maillage.Tests.Infrastructure;
using Maillage.Tests.Platform.Documents;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Tests.Governance;

/// <summary>
/// The extract from the register of deliberation CS2021-15 (issue 22 item 5), read back from its PDF (PdfPig) and its
/// DOCX (Open XML SDK): every count, name and date of seed 002, written here from the seed, not from the reference data.
/// </summary>
public sealed class RegisterExtractTests(MaillageApp app) : IClassFixture<MaillageApp>
{
    private static readonly string[] Counts =
    [
        "Délégués en exercice 44", "Présents 31 (26 titulaires, 5 suppléants)", "Pouvoirs 4", "Votants 35", "Excusés 17",
        "Membres présents : 31", "N° CS2021-15",
    ];

    private static readonly string[] Dates =
    [
        "Séance du 22 avril 2021", "Convocation du : 15 avril 2021",
        "L'an deux mil vingt et un, le vingt-deux avril à dix-huit heures le Comité syndical, dûment convoqué, s'est réuni en visioconférence, sous la présidence de Christian DUPESSEY.",
        "Secrétaire de séance : Pierre-Jean CRASTES",
        "Le Président certifie le caractère exécutoire du présent acte transmis en Préfecture d'Annecy le 30 avril 2021.",
        "Publié ou notifié le 30 avril 2021.",
    ];

    private const string Titular = "M. Vincent SCATTOLIN – M. Patrice DUNAND – M. Jean-François RAPHOZ – M. Jean-François OBEZ – M. Hubert BERTRAND – Mme Isabelle HENNIQUAU – M. Bernard BOCCARD – M. Gabriel DOUBLET – M. Christian DUPESSEY – M. Alain LETESSIER – Mme Pauline PLAGNAT-CANTOREGGI – M. Jean-Luc SOULAT – M. Christophe ARMINJON – Mme Claire CHUINARD – M. Cyril DEMOLIS – M. Claude MANILLIER – M. Christophe SONGEON – M. Jean-Claude TERRIER – M. Pierre-Jean CRASTES – Mme Carole VINCENT – M. Florent BENOIT – M. Stéphane VALLI – M. Marin GAILLARD – Mme Catherine BRUN – M. Sébastien JAVOGUES – Mme Nadine PERINET";
    private const string Substitutes = "Mme Annick GROSROYAT, suppléante de M. Philippe NOUVELLE – M. Bernard VUAILLAT, suppléant de Mme Aurélie CHARILLON – M. Gaëtan COME, suppléant de Mme Muriel BENIER – M. Christian AEBISCHER, suppléant de M. Denis MAIRE – M. Marc MENEGHETTI, suppléant de M. Julien BOUCHET";
    private const string Represented = "Mme Chrystelle BEURRIER donne pouvoir à M. Christophe ARMINJON – M. François DEVILLE donne pouvoir à M. Cyril DEMOLIS – M. Jean-Claude GEORGET donne pouvoir à M. Marin GAILLARD – M. Christophe MAYET donne pouvoir à Mme Catherine BRUN";
    // The seed writes "M Patrick ANTOINE" (no full stop) and "-" twice for "–": the extract writes them alike.
    private const string Excused = "M. Philippe NOUVELLE – M. Christine DUPENLOUP – Mme Aurélie CHARILLON – Mme Muriel BENIER – M. Patrick ANTOINE – M. Yves CHEMINAL – M. Denis MAIRE – Mme Chrystelle BEURRIER – M. Joseph DEAGE – M. François DEVILLE – M. Julien BOUCHET – M. Michel MERMIN – M. Philippe MONET – M. Yves MASSAROTTI – M. Jean-Claude GEORGET – M. Jean-Yves BROISIN – M. Christophe MAYET";

    private static readonly string[] Texts =
    [
        "Arrondissement de St Julien-en-Genevois", "Pôle métropolitain du Genevois français", "Siège : 15 avenue Emile Zola, 74100 ANNEMASSE",
        "Extrait du registre des délibérations du comité syndical",
        "ADOPTION DE LA CONVENTION ANNUELLE DE PARTENARIAT ET DE FINANCEMENT AVEC MONT BLANC INDUSTRIES",
        "Vu la convention cadre 2018-2020 adoptée par le Comité syndical du Pôle métropolitain du Genevois français lors de sa séance du 28 septembre 2018 (délibération n° CS-2018-30) ;",
        "Le Comité syndical, après en avoir délibéré à l'unanimité,",
        "Article 1 : APPROUVE le programme d'actions pour l'année 2021",
        "Article 7 : IMPUTE cette dernière dépense",
        "Ainsi fait et délibéré les jour, mois et an que dessus.",
        "Le Président, Christian DUPESSEY",
    ];

    private static IEnumerable<string> Expected() => [.. Counts, .. Dates, Titular, Substitutes, Represented, Excused, .. Texts];

    private static string Flat(string text) => Regex.Replace(text, "[\\s\u00a0\u202f]+", " ").Trim();

    private async Task<(HttpClient Client, int Id)> ReferenceAsync()
    {
        var client = await app.SignedInAsAsync(StaffRole.Administrator, "cite:grand-geneve");
        var id = await app.WithDbAsync(db => db.Set<Deliberation>().IgnoreQueryFilters().Where(d => d.Number == "CS2021-15").Select(d => d.Id).SingleAsync());
        return (client, id);
    }

    [Fact]
    public async Task Given_CS2021_15_When_its_extract_is_downloaded_as_PDF_Then_every_count_name_and_date_of_seed_002_is_read_back()
    {
        var (client, id) = await ReferenceAsync();
        var response = await client.GetAsync($"/gestion/instances/deliberations/{id}/extrait?format=pdf");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("extrait-CS2021-15.pdf", response.Content.Headers.ContentDisposition?.ToString());
        var pages = DocumentPdfTests.PageTexts(await response.Content.ReadAsByteArrayAsync());
        // The running header (issuer and title) and footer ("Page N / M") are dropped: a name wrapped over a page break reads on.
        var text = Flat(string.Join("\n", pages.Select(p => string.Join("\n", p.Split('\n')
            .Where(l => !Regex.IsMatch(l, @"^Page \d+ / \d+$") && !l.StartsWith("Pôle métropolitain du Genevois français Extrait", StringComparison.Ordinal))))));
        foreach (var expected in Expected()) Assert.Contains(Flat(expected), text);
    }

    [Fact]
    public async Task Given_CS2021_15_When_its_extract_is_downloaded_as_DOCX_Then_every_count_name_and_date_of_seed_002_is_there()
    {
        var (client, id) = await ReferenceAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/gestion/instances/deliberations/{id}/extrait");
        request.Headers.Accept.ParseAdd("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
        var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var word = WordprocessingDocument.Open(new MemoryStream(await response.Content.ReadAsByteArrayAsync()), false);
        // Paragraphs one per line, table cells (the counts' fields) side by side.
        var body = word.MainDocumentPart!.Document.Body!;
        var text = Flat(string.Join("\n", body.Descendants<DocumentFormat.OpenXml.Wordprocessing.Paragraph>().Select(p => string.Join("\n",
            p.Descendants<DocumentFormat.OpenXml.Wordprocessing.Text>().Select(t => t.Text)))
            .Concat(body.Descendants<DocumentFormat.OpenXml.Wordprocessing.TableRow>().Select(r => string.Join(" ", r.Elements<DocumentFormat.OpenXml.Wordprocessing.TableCell>().Select(c => c.InnerText))))));
        foreach (var expected in Expected()) Assert.Contains(Flat(expected), text);
    }

    [Fact]
    public async Task Given_the_session_page_Then_it_links_to_the_extract_whose_printable_page_holds_the_counts()
    {
        var (client, id) = await ReferenceAsync();
        var sessionId = await app.WithDbAsync(db => db.Set<Deliberation>().IgnoreQueryFilters().Where(d => d.Id == id).Select(d => d.SessionId).SingleAsync());
        Assert.Contains($"/gestion/instances/deliberations/{id}/extrait", await client.GetStringAsync($"/gestion/instances/seances/{sessionId}"));
        var page = Flat(Regex.Replace(WebUtility.HtmlDecode(await client.GetStringAsync($"/gestion/instances/deliberations/{id}/extrait")), "<[^>]+>", " "));
        Assert.Contains("Extrait du registre des délibérations du comité syndical", page);
        Assert.Contains(Flat(Represented), page);
        Assert.Contains(Flat(Dates[2]), page);
        Assert.Contains("?format=pdf", await client.GetStringAsync($"/gestion/instances/deliberations/{id}/extrait"));
    }

    [Fact]
    public async Task Given_a_coordinator_of_another_Cite_or_an_unknown_id_Then_no_extract_and_a_spreadsheet_is_not_offered()
    {
        var (client, id) = await ReferenceAsync();
        Assert.Equal(HttpStatusCode.NotAcceptable, (await client.GetAsync($"/gestion/instances/deliberations/{id}/extrait?format=xlsx")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/gestion/instances/deliberations/987654/extrait")).StatusCode);
        var other = await app.SignedInAsAsync(StaffRole.Coordinator, "cite:marseille-paca");
        var response = await other.GetAsync($"/gestion/instances/deliberations/{id}/extrait?format=pdf");
        Assert.True(response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden, response.StatusCode.ToString());
    }

    [Theory]
    [InlineData(2021, "deux mil vingt et un")]
    [InlineData(1999, "mil neuf cent quatre-vingt-dix-neuf")]
    [InlineData(2080, "deux mil quatre-vingts")]
    [InlineData(2071, "deux mil soixante et onze")]
    [InlineData(2200, "deux mil deux cents")]
    public void Given_a_year_Then_it_is_written_as_a_register_writes_it(int year, string words) => Assert.Equal(words, FrenchWords.Year(year));

    [Theory]
    [InlineData(18, 0, "dix-huit heures")]
    [InlineData(1, 0, "une heure")]
    [InlineData(9, 30, "neuf heures trente")]
    [InlineData(21, 41, "vingt et une heures quarante et une")]
    public void Given_a_time_Then_it_is_written_in_words(int hour, int minute, string words) => Assert.Equal(words, FrenchWords.Time(hour, minute));
}
