using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Maillage.Funding;
using Maillage.Network;
using Maillage.Platform.Identity;
using Maillage.Tests.Infrastructure;
using Maillage.Tests.Platform.Documents;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Tests.Funding;

/// <summary>
/// Issue 21, items 11 and 2: who opens which convention. A funder's staff (a role on <c>partner:</c> the CCG) read the
/// conventions the CCG funds, their reports and the indicators of their territories, and nothing else of the Cité; the
/// coordinators of a structure a convention concerns read it and write its report, but do not keep it.
/// </summary>
public sealed class ConventionAccessTests(MaillageApp app) : IClassFixture<MaillageApp>
{
    private const string CcgScope = "partner:grand-geneve/Communauté de Communes du Genevois";

    private Task<int> ConventionIdAsync(string title) =>
        app.WithDbAsync(db => db.Set<Convention>().IgnoreQueryFilters().Where(c => c.Title == title).Select(c => c.Id).SingleAsync());

    /// <summary>A convention of Grand Genève the CCG does not fund: Annemasse Agglomération funds it, on its own territory.</summary>
    private async Task<int> OtherConventionAsync()
    {
        var citeId = await app.CiteIdAsync("grand-geneve");
        return await app.WithDbAsync(async db =>
        {
            var aa = await db.Set<Maillage.Network.Partner>().IgnoreQueryFilters().FirstAsync(p => p.CiteId == citeId && p.Name == "Annemasse Agglomération");
            var territory = await db.Territories.IgnoreQueryFilters().FirstAsync(t => t.CiteId == citeId && t.Name == "Annemasse Agglomération");
            var c = new Convention { CiteId = citeId, Title = $"Convention AA {Guid.NewGuid():N}", Status = ConventionStatus.InForce, EffectiveFrom = new DateOnly(2022, 1, 1), EffectiveTo = new DateOnly(2022, 12, 31) };
            c.Parties.Add(new ConventionParty { PartnerId = aa.Id, Name = aa.Name, Role = PartyRole.Funder });
            c.Territories.Add(new ConventionTerritory { TerritoryId = territory.Id });
            db.Add(c);
            await db.SaveChangesAsync();
            return c.Id;
        });
    }

    private Task<int> TerritoryAsync(string name) => app.WithDbAsync(async db =>
    {
        var cite = await db.Cites.Where(c => c.Slug == "grand-geneve").Select(c => c.Id).SingleAsync();
        return await db.Territories.IgnoreQueryFilters().Where(t => t.CiteId == cite && t.Name == name).Select(t => t.Id).SingleAsync();
    });

    private async Task<int> MarseilleConventionAsync()
    {
        var citeId = await app.CiteIdAsync("marseille-paca");
        return await app.WithDbAsync(db => db.Set<Convention>().IgnoreQueryFilters().Where(c => c.CiteId == citeId).Select(c => c.Id).FirstAsync());
    }

    private static bool Refused(HttpResponseMessage r) =>
        r.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound || r.Headers.Location?.OriginalString.Contains("/gestion/acces-refuse") == true;

    [Fact]
    public async Task Given_the_CCG_funder_Then_it_reads_its_conventions_reports_and_territory_and_is_refused_everything_else()
    {
        var aaCcg = await ConventionIdAsync(ReferenceConventions.AaCcgTitle);
        var citesLab = await ConventionIdAsync(ReferenceConventions.CitesLabTitle);
        var other = await OtherConventionAsync();
        var marseille = await MarseilleConventionAsync();
        var ccg = await TerritoryAsync("Communauté de Communes du Genevois");
        var annemasseAgglo = await TerritoryAsync("Annemasse Agglomération");

        var api = await app.TokenClientAsync(await app.CreateStaffAsync(StaffRole.Funder, CcgScope));
        var list = await api.GetFromJsonAsync<JsonElement>("/api/v1/conventions?cite=grand-geneve");
        var ids = list.EnumerateArray().Select(c => c.GetProperty("id").GetInt32()).ToHashSet();
        Assert.Equal(new HashSet<int> { aaCcg, citesLab }, ids);
        var one = await api.GetFromJsonAsync<JsonElement>($"/api/v1/conventions/{aaCcg}");
        Assert.Equal(18539m, one.GetProperty("amounts").EnumerateArray().First(a => a.GetProperty("year").GetInt32() == 2022).GetProperty("signed").GetDecimal());
        // The reports as sent, never the live draft: nothing before the Cité sends the 2022 report, then its version 1.
        var unsent = await api.GetAsync($"/api/v1/conventions/{aaCcg}/reports/2022");
        Assert.Equal(HttpStatusCode.NotFound, unsent.StatusCode);
        Assert.Contains("pas encore été envoyé", await unsent.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/api/v1/conventions/{aaCcg}/reports/2022?format=pdf")).StatusCode);
        var coordinator = await app.SignedInAsAsync(StaffRole.Coordinator, "cite:grand-geneve");
        var reportUrl = $"/gestion/conventions/{aaCcg}/bilan/2022";
        Assert.Equal(HttpStatusCode.Redirect, (await coordinator.PostFormAsync($"{reportUrl}?handler=Send", [], reportUrl)).StatusCode);
        var live = await api.GetAsync($"/api/v1/conventions/{aaCcg}/reports/2022");
        Assert.Equal(HttpStatusCode.NotFound, live.StatusCode);
        Assert.Contains("?version=1", await live.Content.ReadAsStringAsync());
        var pdf = await api.GetByteArrayAsync($"/api/v1/conventions/{aaCcg}/reports/2022?version=1&format=pdf");
        Assert.Contains("Bilan annuel 2022", string.Join("\n", DocumentPdfTests.PageTexts(pdf)));
        Assert.Contains("Version 1 envoyée", string.Join("\n", DocumentPdfTests.PageTexts(pdf)));

        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/api/v1/conventions/{other}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/api/v1/conventions/{other}/reports/2022")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/api/v1/conventions/{marseille}")).StatusCode);
        Assert.True(Refused(await api.GetAsync("/api/v1/conventions?cite=marseille-paca")));

        // The indicators of its conventions' territory (the CCG, and what lies inside it); not Annemasse's, not the whole Cité, not another Cité.
        var period = "from=2022-01-01&to=2022-12-31&names=agenda.forums";
        var figures = await api.GetAsync($"/api/v1/indicators?cite=grand-geneve&scope=territory&territory={ccg}&{period}");
        Assert.Equal(HttpStatusCode.OK, figures.StatusCode);
        Assert.Contains("agenda.forums", await figures.Content.ReadAsStringAsync());
        var outside = await api.GetAsync($"/api/v1/indicators?cite=grand-geneve&territory={annemasseAgglo}&{period}");
        Assert.Equal(HttpStatusCode.Forbidden, outside.StatusCode);
        Assert.Contains("\"territory\"", await outside.Content.ReadAsStringAsync());
        var whole = await api.GetAsync($"/api/v1/indicators?cite=grand-geneve&scope=cite&{period}");
        Assert.Equal(HttpStatusCode.Forbidden, whole.StatusCode);
        Assert.Contains("\"scope\"", await whole.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Forbidden, (await api.GetAsync($"/api/v1/indicators?cite=marseille-paca&{period}")).StatusCode);

        // Pages: its conventions read, nothing to keep; the report without the coordinator's forms; nothing else.
        var browser = await app.SignedInAsAsync(StaffRole.Funder, CcgScope);
        var index = await browser.GetStringAsync("/gestion/conventions");
        Assert.Contains($"/gestion/conventions/{aaCcg}\"", index);
        Assert.Contains($"/gestion/conventions/{citesLab}\"", index);
        Assert.DoesNotContain($"/gestion/conventions/{other}\"", index);
        Assert.DoesNotContain("/gestion/conventions/fiche", index);
        var sheet = await browser.GetStringAsync($"/gestion/conventions/{aaCcg}");
        Assert.DoesNotContain($"/gestion/conventions/{aaCcg}/saisie", sheet);
        // The convention's page lists the versions sent; the live report and its files answer 404, as a report that does not exist.
        Assert.Contains($"/gestion/conventions/{aaCcg}/bilan/2022?version=1\"", sheet);
        Assert.DoesNotContain($"/gestion/conventions/{aaCcg}/bilan/2022\"", sheet);
        Assert.Contains("Bilans annuels envoyés", WebUtility.HtmlDecode(sheet));
        foreach (var format in new[] { "", "?format=pdf", "?format=docx", "?format=xlsx", "?format=ods" })
            Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync($"/gestion/conventions/{aaCcg}/bilan/2022{format}")).StatusCode);
        var reportPage = await browser.GetStringAsync($"/gestion/conventions/{aaCcg}/bilan/2022?version=1");
        Assert.Contains("Bilan annuel 2022", reportPage);
        Assert.DoesNotContain("handler=Send", reportPage);
        Assert.DoesNotContain("Voir le bilan à jour", WebUtility.HtmlDecode(reportPage));
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync($"/gestion/conventions/{aaCcg}/bilan/2022?version=1&format=xlsx")).StatusCode);
        var send = await browser.PostFormAsync($"/gestion/conventions/{aaCcg}/bilan/2022?handler=Send", [], $"/gestion/conventions/{aaCcg}/bilan/2022?version=1");
        Assert.True(Refused(send), $"{send.StatusCode}");
        foreach (var url in new[] { $"/gestion/conventions/{other}", $"/gestion/conventions/{other}/bilan/2022", $"/gestion/conventions/{aaCcg}/saisie",
                     $"/gestion/conventions/fiche/{aaCcg}", "/gestion/conventions?cite=marseille-paca", "/gestion/accueil", "/gestion/agenda", "/gestion/indicateurs",
                     "/gestion/structures", "/gestion/partenaires", "/gestion/instances", "/gestion/planning", "/gestion/journal", "/gestion/utilisateurs" })
        {
            var response = await browser.GetAsync(url);
            Assert.True(Refused(response), $"{url}: {response.StatusCode} {response.Headers.Location}");
        }
    }

    [Fact]
    public async Task Given_the_Annemasse_coordinator_Then_it_reads_the_conventions_of_its_structures_and_writes_their_reports_but_does_not_keep_them()
    {
        var aaCcg = await ConventionIdAsync(ReferenceConventions.AaCcgTitle);
        var other = await OtherConventionAsync();
        var marseille = await MarseilleConventionAsync();

        var api = await app.TokenClientAsync(await app.CreateStaffAsync(StaffRole.Coordinator, "structure:grand-geneve/annemasse"));
        var ids = (await api.GetFromJsonAsync<JsonElement>("/api/v1/conventions?cite=grand-geneve")).EnumerateArray().Select(c => c.GetProperty("id").GetInt32()).ToList();
        Assert.Contains(aaCcg, ids);
        Assert.DoesNotContain(other, ids);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync($"/api/v1/conventions/{aaCcg}/reports/2022")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/api/v1/conventions/{other}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/api/v1/conventions/{marseille}")).StatusCode);

        var browser = await app.SignedInAsAsync(StaffRole.Coordinator, "structure:grand-geneve/annemasse");
        Assert.Contains($"/gestion/conventions/{aaCcg}\"", await browser.GetStringAsync("/gestion/conventions"));
        var sheet = await browser.GetStringAsync($"/gestion/conventions/{aaCcg}");
        Assert.Contains("Bilans annuels", sheet);
        Assert.DoesNotContain($"/gestion/conventions/{aaCcg}/saisie", sheet);
        var page = $"/gestion/conventions/{aaCcg}/bilan/2023";
        Assert.Contains("handler=Send", await browser.GetStringAsync(page));
        var saved = await browser.PostFormAsync($"{page}?handler=Texts", new() { ["Activity"] = "Écrit par la coordination d'Annemasse.", ["Outlook"] = "" }, page);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Contains("Écrit par la coordination d'Annemasse.", System.Net.WebUtility.HtmlDecode(await browser.GetStringAsync(page)));
        foreach (var url in new[] { $"/gestion/conventions/{aaCcg}/saisie", $"/gestion/conventions/fiche/{aaCcg}", $"/gestion/conventions/{other}" })
        {
            var response = await browser.GetAsync(url);
            Assert.True(Refused(response), $"{url}: {response.StatusCode} {response.Headers.Location}");
        }
    }

    /// <summary>Issue 21: a Funder role on a whole Cité names no organisation — the landing says why the list is empty and whom to ask, and opens nothing.</summary>
    [Fact]
    public async Task Given_a_funder_whose_role_is_on_the_whole_Cite_When_it_lands_Then_the_page_says_why_no_convention_shows_and_names_the_administrators()
    {
        var admin = await app.CreateStaffAsync(StaffRole.Administrator, "cite:grand-geneve", $"admin-{Guid.NewGuid():N}@example.org");
        var funder = await app.SignedInAsAsync(StaffRole.Funder, "cite:grand-geneve");
        var landing = await funder.GetAsync("/gestion/conventions");
        Assert.Equal(HttpStatusCode.OK, landing.StatusCode);
        var html = WebUtility.HtmlDecode(await landing.Content.ReadAsStringAsync());
        Assert.Contains("Votre rôle « Financeur » porte sur l'ensemble de « Cité des métiers du Grand Genève », pas sur une organisation", html);
        Assert.Contains("Demandez à un administrateur de la Cité de vous donner le rôle « Financeur » sur votre organisation", html);
        Assert.Contains($"mailto:{admin.Email}", html);
        Assert.DoesNotContain("Aucune convention n'est enregistrée pour cette Cité", html);
        Assert.DoesNotContain(ReferenceConventions.AaCcgTitle, html);
        // Nothing more opens than before: the conventions stay closed.
        var aaCcg = await app.WithDbAsync(db => db.Set<Convention>().IgnoreQueryFilters().Where(c => c.Title == ReferenceConventions.AaCcgTitle).Select(c => c.Id).SingleAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await funder.GetAsync($"/gestion/conventions/{aaCcg}")).StatusCode);
        // A funder of the CCG (a role on the partner) sees its conventions and no such message.
        var ccg = WebUtility.HtmlDecode(await (await app.SignedInAsAsync(StaffRole.Funder, "partner:grand-geneve/Communauté de Communes du Genevois")).GetStringAsync("/gestion/conventions"));
        Assert.Contains(ReferenceConventions.AaCcgTitle, ccg);
        Assert.DoesNotContain("pas sur une organisation", ccg);
    }
}

/// <summary>Issue 21, item 12: the subsidies granted, as open data in the SCDL « subventions » schema (seed 001's table).</summary>
public sealed class SubsidyExportTests(MaillageApp app) : IClassFixture<MaillageApp>
{
    [Fact]
    public async Task Given_seed_001_Then_the_SCDL_CSV_has_the_schema_header_and_the_CCG_and_Bpifrance_rows_as_signed()
    {
        var coordinator = await app.TokenClientAsync(await app.CreateStaffAsync(StaffRole.Coordinator, "cite:grand-geneve"));
        var response = await coordinator.GetAsync("/api/v1/conventions/subsidies.csv?cite=grand-geneve");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.False(bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF); // UTF-8 without a byte-order mark
        var lines = System.Text.Encoding.UTF8.GetString(bytes).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("nomAttribuant,idAttribuant,dateConvention,referenceDecision,nomBeneficiaire,idBeneficiaire,rnaBeneficiaire,objet,montant,nature,"
            + "conditionsVersement,datesPeriodeVersement,idRAE,notificationUE,pourcentageSubvention,dispositifAide", lines[0]);
        Assert.Contains("Communauté de Communes du Genevois,,2021-07-30,Convention de partenariat CCG–MED pour CitésLab,Maison de l'Economie Développement,,,"
            + "\"Convention de partenariat CCG–MED pour CitésLab — Coût net pour la CCG, 2022\",11380.00,aide en numéraire,échelonné,2022-01-31,,non,0.7448,", lines);
        Assert.Contains(lines, l => l.StartsWith("Bpifrance,,2021-07-30,", StringComparison.Ordinal) && l.Contains(",1323.00,aide en numéraire,"));
        Assert.Equal(6, lines.Length - 1); // 2 funders × 3 years (2021, 2022, 2023 until 9 May)

        // One funder's rows; the CCG's funder reads them, a funder of nothing here is refused.
        var ccgOnly = await coordinator.GetStringAsync("/api/v1/conventions/subsidies.csv?cite=grand-geneve&funder="
            + await app.WithDbAsync(db => db.Set<Partner>().IgnoreQueryFilters().Where(p => p.Name == "Bpifrance").Select(p => p.Id).SingleAsync()));
        Assert.Equal(4, ccgOnly.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
        var funder = await app.TokenClientAsync(await app.CreateStaffAsync(StaffRole.Funder, "partner:grand-geneve/Communauté de Communes du Genevois"));
        Assert.Equal(HttpStatusCode.OK, (await funder.GetAsync("/api/v1/conventions/subsidies.csv?cite=grand-geneve")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await funder.GetAsync("/api/v1/conventions/subsidies.csv?cite=marseille-paca")).StatusCode); // a Cité outside its scope reads as unknown
        Assert.Equal(HttpStatusCode.BadRequest, (await funder.GetAsync("/api/v1/conventions/subsidies.csv")).StatusCode);
    }
}
