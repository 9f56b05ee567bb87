using System.Net;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml.Packaging;
using Maillage.Funding;
using Maillage.Network.Logos;
using Maillage.Platform.Audit;
using Maillage.Platform.Documents;
using Maillage.Platform.Identity;
using Maillage.Tests.Funding;
using Maillage.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using UglyToad.PdfPig;

namespace Maillage.Tests.Platform.Documents;

/// <summary>
/// Issue 21, "the Cité's name and logo" on documents: an administrator uploads the Cité's logo (PNG or JPEG checked by
/// content, 1 MB at most), every document of the Cité then carries it — PDF page 1, the DOCX's first-page header, the
/// printable page's image —, through the letterhead seam. On SQLite and PostgreSQL; the class owns its database.
/// </summary>
public sealed class DocumentLogoTests(MaillageApp app) : IClassFixture<MaillageApp>
{
    private const string Page = "/gestion/cites/logo";

    private Task<int> AaCcgAsync() =>
        app.WithDbAsync(db => db.Set<Convention>().IgnoreQueryFilters().Where(c => c.Title == ReferenceConventions.AaCcgTitle).Select(c => c.Id).SingleAsync());

    private Task<CiteLogo?> LogoOfAsync(int citeId) =>
        app.WithDbAsync(db => db.Set<CiteLogo>().IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(l => l.CiteId == citeId));

    private static Task<HttpResponseMessage> UploadAsync(HttpClient client, int citeId, string fileName, byte[] bytes) =>
        client.PostMultipartAsync(Page, Page, new() { ["CiteId"] = citeId.ToString() }, "Upload", fileName, bytes);

    private static async Task<string> HtmlAsync(HttpResponseMessage response) => WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

    [Fact]
    public async Task Given_a_text_file_named_png_or_a_2_MB_file_When_uploaded_Then_the_field_says_why_and_nothing_is_saved()
    {
        var cite = await app.CiteIdAsync("marseille-paca");
        var admin = await app.SignedInAsAsync(StaffRole.Administrator, "cite:marseille-paca");
        var before = (await LogoOfAsync(cite))?.Version;

        var text = await UploadAsync(admin, cite, "logo.png", "Ceci n'est pas une image, juste du texte."u8.ToArray());
        Assert.Equal(HttpStatusCode.OK, text.StatusCode);
        Assert.Contains("Le fichier n'est pas une image PNG ou JPEG lisible", await HtmlAsync(text));

        // 2 MB that begin as a real PNG: refused for their size alone.
        var big = new byte[2 * 1024 * 1024];
        DemoLogos.Draw("marseille").CopyTo(big, 0);
        var large = await UploadAsync(admin, cite, "logo.png", big);
        Assert.Equal(HttpStatusCode.OK, large.StatusCode);
        Assert.Contains("Le logo dépasse 1 Mo", await HtmlAsync(large));

        var empty = await UploadAsync(admin, cite, "logo.png", []);
        Assert.Contains("Choisissez le fichier du logo", await HtmlAsync(empty));
        Assert.Equal(before, (await LogoOfAsync(cite))?.Version);
    }

    [Fact]
    public void Given_images_and_impostors_When_inspected_Then_only_a_whole_PNG_or_JPEG_header_passes_with_its_size()
    {
        var png = DemoLogos.Draw("x", 120, 40);
        Assert.Equal(("image/png", 120, 40), LogoImage.Inspect(png));
        Assert.Null(LogoImage.Inspect(png[..40]));                       // cut short
        Assert.Null(LogoImage.Inspect("GIF89a......"u8.ToArray()));
        Assert.Null(LogoImage.Inspect([0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10])); // a JPEG's first bytes and nothing else
        Assert.Null(LogoImage.Inspect([]));
    }

    [Fact]
    public async Task Given_a_logo_uploaded_When_the_Cites_documents_are_read_Then_the_PDF_the_DOCX_and_the_page_show_it_and_removing_it_brings_them_back_as_before()
    {
        var cite = await app.CiteIdAsync("grand-geneve");
        var id = await AaCcgAsync();
        var admin = await app.SignedInAsAsync(StaffRole.Administrator, "cite:grand-geneve");
        var coordinator = await app.SignedInAsAsync(StaffRole.Coordinator, "cite:grand-geneve");
        var png = DemoLogos.Draw("grand-geneve");

        var saved = await UploadAsync(admin, cite, "logo-cite.png", png);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var logo = await LogoOfAsync(cite);
        Assert.NotNull(logo);
        Assert.Equal(("image/png", 240, 80), (logo.ContentType, logo.Width, logo.Height));
        Assert.Equal(png, logo.Content);
        // Audited, the image's bytes left out of the trail.
        var trail = await app.WithDbAsync(db => db.Set<AuditEntry>().AsNoTracking().Where(e => e.EntityType == nameof(CiteLogo) && e.CiteId == cite).ToListAsync());
        var added = Assert.Single(trail);
        Assert.Contains($"({png.Length} bytes)", added.After);

        // The PDF: an image on page 1, none on the others.
        var pdf = await coordinator.GetByteArrayAsync($"/api/v1/conventions/{id}/reports/2022?format=pdf");
        using (var read = PdfDocument.Open(pdf))
        {
            Assert.Single(read.GetPage(1).GetImages());
            Assert.All(read.GetPages().Skip(1), p => Assert.Empty(p.GetImages()));
        }
        // The DOCX: an image part in the first page's header, and the package still valid for Word.
        var docx = await coordinator.GetByteArrayAsync($"/api/v1/conventions/{id}/reports/2022?format=docx");
        using (var word = WordprocessingDocument.Open(new MemoryStream(docx), false))
        {
            var main = word.MainDocumentPart!;
            var first = main.Document!.Body!.Descendants<DocumentFormat.OpenXml.Wordprocessing.HeaderReference>()
                .Single(r => r.Type! == DocumentFormat.OpenXml.Wordprocessing.HeaderFooterValues.First);
            var header = (HeaderPart)main.GetPartById(first.Id!);
            var image = Assert.Single(header.ImageParts);
            Assert.Equal("image/png", image.ContentType);
            Assert.Contains(main.Document.Body.Descendants<DocumentFormat.OpenXml.Wordprocessing.TitlePage>(), _ => true);
            var errors = new DocumentFormat.OpenXml.Validation.OpenXmlValidator().Validate(word).Select(e => $"{e.Path?.XPath}: {e.Description}").ToList();
            Assert.True(errors.Count == 0, string.Join("\n", errors));
        }
        // The printable page: the image, its text alternative, a URL carrying its version, cached for good.
        var page = await HtmlAsync(await coordinator.GetAsync($"/gestion/conventions/{id}/bilan/2022"));
        var img = Regex.Match(page, "<img class=\"document-logo\" src=\"([^\"]+)\" alt=\"([^\"]+)\"");
        Assert.True(img.Success, "no logo on the page");
        Assert.Equal("Logo de Cité des métiers du Grand Genève", img.Groups[2].Value);
        Assert.Equal($"/documents/logos/{cite}?v={logo.Version}", img.Groups[1].Value);
        var served = await app.Browser().GetAsync(img.Groups[1].Value);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal("image/png", served.Content.Headers.ContentType!.MediaType);
        Assert.Equal(png, await served.Content.ReadAsByteArrayAsync());
        Assert.Contains("immutable", served.Headers.CacheControl!.ToString());

        // Replaced: a new version, a new URL. Removed: the documents are as they were without one.
        var other = DemoLogos.Draw("another", 100, 100);
        Assert.Equal(HttpStatusCode.Redirect, (await UploadAsync(admin, cite, "nouveau.png", other)).StatusCode);
        var replaced = await LogoOfAsync(cite);
        Assert.Equal((100, 100), (replaced!.Width, replaced.Height));
        Assert.NotEqual(logo.Version, replaced.Version);
        var removed = await admin.PostFormAsync($"{Page}?handler=Remove", new() { ["CiteId"] = cite.ToString() }, Page);
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.Null(await LogoOfAsync(cite));
        using (var read = PdfDocument.Open(await coordinator.GetByteArrayAsync($"/api/v1/conventions/{id}/reports/2022?format=pdf")))
            Assert.All(read.GetPages(), p => Assert.Empty(p.GetImages()));
        using (var word = WordprocessingDocument.Open(new MemoryStream(await coordinator.GetByteArrayAsync($"/api/v1/conventions/{id}/reports/2022?format=docx")), false))
            Assert.All(word.MainDocumentPart!.HeaderParts, h => Assert.Empty(h.ImageParts));
        Assert.DoesNotContain("document-logo\"", await HtmlAsync(await coordinator.GetAsync($"/gestion/conventions/{id}/bilan/2022")));
        Assert.Equal(HttpStatusCode.NotFound, (await app.Browser().GetAsync($"/documents/logos/{cite}")).StatusCode);
    }

    [Fact]
    public async Task Given_another_Cites_administrator_When_they_post_a_logo_or_a_removal_for_this_Cite_Then_they_are_refused_and_nothing_changes()
    {
        var geneve = await app.CiteIdAsync("grand-geneve");
        var marseille = await app.CiteIdAsync("marseille-paca");
        var owner = await app.SignedInAsAsync(StaffRole.Administrator, "cite:marseille-paca");
        Assert.Equal(HttpStatusCode.Redirect, (await UploadAsync(owner, marseille, "logo.png", DemoLogos.Draw("m"))).StatusCode);
        var before = await LogoOfAsync(marseille);
        var stranger = await app.SignedInAsAsync(StaffRole.Administrator, "cite:grand-geneve");
        var coordinator = await app.SignedInAsAsync(StaffRole.Coordinator, "cite:marseille-paca");

        // Refused: sent to the access-denied page.
        static void Denied(HttpResponseMessage r)
        {
            Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
            Assert.Contains("/gestion/acces-refuse", r.Headers.Location!.OriginalString);
        }
        Denied(await UploadAsync(stranger, marseille, "logo.png", DemoLogos.Draw("other")));
        Denied(await stranger.PostFormAsync($"{Page}?handler=Remove", new() { ["CiteId"] = marseille.ToString() }, Page));
        // Not an administrator: the page itself is closed.
        Denied(await coordinator.GetAsync(Page));

        Assert.Equal(before!.Version, (await LogoOfAsync(marseille))!.Version);
        Assert.DoesNotContain(marseille.ToString(), (await stranger.GetStringAsync(Page)).Split("name=\"CiteId\" value=\"").Skip(1).Select(s => s[..s.IndexOf('"')]));
        Assert.NotEqual(geneve, marseille);
    }
}
