using System.Globalization;
using System.Net;
using CsvHelper;
using Maillage.Governance;
using Maillage.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Tests.Governance;

/// <summary>The application with the public cache kept long (5 minutes), so that what a test sees comes from it and not from its expiry.</summary>
public sealed class CachedGovernanceApp : MaillageApp
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Maillage:PublicCache:Seconds", "300");
    }
}

/// <summary>
/// Issue 22 item 7: a body's public page (held sessions, published deliberations and their extracts; nothing unpublished,
/// no e-mail), kept in the public cache and evicted when a deliberation of the body is saved; the SCDL délibérations CSV.
/// </summary>
public sealed class PublicGovernanceTests(CachedGovernanceApp app) : IClassFixture<CachedGovernanceApp>
{
    private HttpClient Anonymous() => app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });

    private static string Of(string html) => System.Text.RegularExpressions.Regex.Replace(
        System.Text.RegularExpressions.Regex.Replace(WebUtility.HtmlDecode(html), "<[^>]+>", " "), @"\s+", " ");

    private async Task<(Body Body, Session Session, Deliberation Deliberation)> PublicBodyAsync()
    {
        var (body, session) = await app.BodyWithSessionAsync(titular: 3);
        await app.AllPresentAsync(body, session);
        var d = await app.RecordDeliberationAsync(session.Id, GovernanceTestData.Unanimous("Adoption du plan d'action"));
        await app.WithDbAsync(async db =>
        {
            var b = await db.Set<Body>().IgnoreQueryFilters().Include(x => x.Members).SingleAsync(x => x.Id == body.Id);
            b.Public = true;
            b.Members[0].Email = "titulaire.n1@example.org";
            return await db.SaveChangesAsync();
        });
        return (body, session, d);
    }

    [Fact]
    public async Task Given_a_public_body_Then_its_page_shows_held_sessions_and_published_deliberations_only_and_is_evicted_when_a_deliberation_is_saved()
    {
        var (body, _, d) = await PublicBodyAsync();
        var visitor = Anonymous();
        var url = $"/instances/{body.Id}";
        var first = await visitor.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var page = Of(await first.Content.ReadAsStringAsync());
        Assert.Contains("12 mars 2026, 18:00 —", page.Replace("\u00a0", " ")); // the session held (Paris time)
        Assert.DoesNotContain(d.Number, page); // voted but not published
        Assert.DoesNotContain("titulaire.n1@example.org", page);
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync($"/instances/deliberations/{d.Id}/extrait")).StatusCode);

        // Published behind the application's back (plain SQL, no SaveChanges): the page still comes from the cache.
        await app.WithDbAsync(db => db.Database.ExecuteSqlAsync($"""UPDATE governance_deliberations SET "PublishedOn" = {new DateOnly(2026, 3, 20)} WHERE "Id" = {d.Id}"""));
        Assert.DoesNotContain(d.Number, Of(await visitor.GetStringAsync(url)));

        // A save of the deliberation through the application evicts the body's public page.
        await app.WithDbAsync(async db =>
        {
            var row = await db.Set<Deliberation>().IgnoreQueryFilters().SingleAsync(x => x.Id == d.Id);
            row.TransmittedOn = new DateOnly(2026, 3, 16);
            return await db.SaveChangesAsync();
        });
        page = Of(await visitor.GetStringAsync(url));
        Assert.Contains($"{d.Number} — Adoption du plan d'action", page);
        Assert.Contains("publiée le 20 mars 2026", page);
        var extract = Of(await visitor.GetStringAsync($"/instances/deliberations/{d.Id}/extrait"));
        Assert.Contains("APPROUVE le budget.", extract);
        Assert.DoesNotContain("titulaire.n1@example.org", extract);
        var pdf = await visitor.GetAsync($"/instances/deliberations/{d.Id}/extrait?format=pdf");
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);

        // A body not marked public has no public page.
        await app.WithDbAsync(async db => { (await db.Set<Body>().IgnoreQueryFilters().SingleAsync(x => x.Id == body.Id)).Public = false; return await db.SaveChangesAsync(); });
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync($"/instances/deliberations/{d.Id}/extrait")).StatusCode);
    }

    [Fact]
    public async Task Given_seed_002_Then_the_SCDL_deliberations_CSV_has_the_schema_header_and_the_CS2021_15_row()
    {
        var (bodyId, deliberationId) = await app.WithDbAsync(async db =>
        {
            var b = await db.Set<Body>().IgnoreQueryFilters().SingleAsync(x => x.Name == ReferenceGovernance.ComiteSyndical);
            return (b.Id, await db.Set<Deliberation>().IgnoreQueryFilters().Where(x => x.BodyId == b.Id && x.Number == "CS2021-15").Select(x => x.Id).SingleAsync());
        });
        var response = await Anonymous().GetAsync($"/instances/{bodyId}?format=csv");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.NotEqual(0xEF, bytes[0]); // UTF-8 without a byte-order mark
        var text = System.Text.Encoding.UTF8.GetString(bytes);
        Assert.StartsWith("COLL_NOM,COLL_SIRET,DELIB_ID,DELIB_DATE,DELIB_MATIERE_CODE,DELIB_MATIERE_NOM,DELIB_OBJET,BUDGET_ANNEE,BUDGET_NOM,PREF_ID,PREF_DATE,VOTE_EFFECTIF,VOTE_REEL,VOTE_POUR,VOTE_CONTRE,VOTE_ABSTENTION,DELIB_URL\r\n", text);
        using var csv = new CsvReader(new StringReader(text), CultureInfo.InvariantCulture);
        var rows = csv.GetRecords<dynamic>().Cast<IDictionary<string, object>>().ToList();
        var row = rows.Single(r => (string)r["DELIB_ID"] == "CS2021-15");
        Assert.Equal("Pôle métropolitain du Genevois français", row["COLL_NOM"]);
        Assert.Equal("2021-04-22", row["DELIB_DATE"]);
        Assert.Equal("Adoption de la convention annuelle de partenariat et de financement avec Mont Blanc Industries", row["DELIB_OBJET"]);
        Assert.Equal(("2021", "budget principal, article 6574"), (row["BUDGET_ANNEE"], row["BUDGET_NOM"]));
        Assert.Equal("2021-04-30", row["PREF_DATE"]);
        Assert.Equal(("44", "35", "35", "0", "0"), (row["VOTE_EFFECTIF"], row["VOTE_REEL"], row["VOTE_POUR"], row["VOTE_CONTRE"], row["VOTE_ABSTENTION"]));
        Assert.EndsWith($"/instances/deliberations/{deliberationId}/extrait?format=pdf", (string)row["DELIB_URL"]);
        Assert.Equal(("", "", ""), (row["COLL_SIRET"], row["DELIB_MATIERE_CODE"], row["PREF_ID"]));

        var page = Of(await Anonymous().GetStringAsync($"/instances/{bodyId}"));
        Assert.Contains("CS2021-15 — Adoption de la convention annuelle", page);
        Assert.Contains("22 avril 2021, 18:00 — visioconférence", page.Replace("\u00a0", " "));
        var emails = await app.WithDbAsync(db => db.Set<BodyMember>().IgnoreQueryFilters().Where(m => m.BodyId == bodyId && m.Email != null).Select(m => m.Email!).ToListAsync());
        Assert.All(emails, e => Assert.DoesNotContain(e, page));
    }
}
