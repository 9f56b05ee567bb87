using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using AngleSharp.Html.Parser;
using Maillage.Platform.Documents;
using Maillage.Platform.Identity;
using Maillage.Tests.Infrastructure;

namespace Maillage.Tests.Platform.Documents;

/// <summary>
/// Serving a document (<see cref="DocumentResponse"/>) through the sample document's page, outside production: the format
/// from <c>?format=</c> or <c>Accept</c>, the file's name, the page itself, 406 for a format not offered.
/// </summary>
public sealed class DocumentServingTests(MaillageApp app) : IClassFixture<MaillageApp>
{
    private const string Page = "/gestion/documents/exemple?lignes=8";
    private static readonly string[] PdfLike = ["%PDF-"];

    private Task<HttpClient> OperatorAsync() => app.SignedInAsAsync(StaffRole.PlatformOperator, "platform");

    [Theory]
    [InlineData("pdf", "application/pdf")]
    [InlineData("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document")]
    [InlineData("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")]
    [InlineData("ods", "application/vnd.oasis.opendocument.spreadsheet")]
    public async Task Given_a_format_in_the_query_or_in_Accept_When_the_document_is_asked_for_Then_that_file_comes_with_its_name(string format, string contentType)
    {
        var client = await OperatorAsync();

        var byQuery = await client.GetAsync($"{Page}&format={format.ToUpperInvariant()}");
        using var request = new HttpRequestMessage(HttpMethod.Get, Page);
        request.Headers.Accept.ParseAdd($"{contentType}, */*;q=0.1");
        var byAccept = await client.SendAsync(request);

        foreach (var response in new[] { byQuery, byAccept })
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(contentType, response.Content.Headers.ContentType!.MediaType);
            var disposition = response.Content.Headers.ContentDisposition!;
            Assert.Equal("attachment", disposition.DispositionType);
            Assert.Equal($"exemple-de-bilan.{format}", disposition.FileName);
            Assert.Equal($"exemple-de-bilan.{format}", disposition.FileNameStar);
            var bytes = await response.Content.ReadAsByteArrayAsync();
            Assert.Equal(bytes.Length, response.Content.Headers.ContentLength);
            // PDF starts with its signature, the others are ZIP packages.
            Assert.Equal(format == "pdf" ? "%PDF-"u8.ToArray() : "PK"u8.ToArray(), bytes[..(format == "pdf" ? 5 : 2)]);
        }
    }

    [Fact]
    public async Task Given_no_format_or_the_page_asked_for_When_the_document_is_asked_for_Then_the_page_shows_it_with_accessible_tables()
    {
        var client = await OperatorAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, Page);
        request.Headers.Accept.ParseAdd("text/html,application/xhtml+xml,*/*;q=0.8");

        foreach (var response in new[] { await client.SendAsync(request), await client.GetAsync(Page + "&format=html") })
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
            var html = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
            var document = DocumentSample.Build(rows: 8);
            // The page's own h1 first, then the document's title one level below and its headings under it.
            Assert.Equal("Exemple de document", html.QuerySelector("h1")!.TextContent);
            Assert.Equal(document.Title, html.QuerySelector("article.document h2.document-title")!.TextContent);
            Assert.Equal(["Parties et période", "Activité sur le territoire", "Détail des actions"], html.QuerySelectorAll("article.document h3").Select(h => h.TextContent));
            Assert.Equal(["Montants dus"], html.QuerySelectorAll("article.document h4").Select(h => h.TextContent));
            Assert.Equal(["Actions tenues en 2022"], html.QuerySelectorAll("article.document h5").Select(h => h.TextContent));
            var tables = html.QuerySelectorAll("article.document table").ToList();
            Assert.Equal(document.Blocks.OfType<Table>().Select(t => t.Caption), tables.Select(t => t.QuerySelector("caption")!.TextContent));
            Assert.All(tables, t => Assert.All(t.QuerySelectorAll("thead th"), th => Assert.Equal("col", th.GetAttribute("scope"))));
            Assert.Equal("15\u202f370,00\u00a0€", tables[0].QuerySelector("tfoot td.num:last-child")!.TextContent);
            Assert.Equal("Total", tables[0].QuerySelector("tfoot th[scope=row]")!.TextContent);
            Assert.Equal(8, tables[1].QuerySelectorAll("tbody tr").Length);
            Assert.Equal("Annemasse – Les Voirons Agglomération (CCG)", html.QuerySelectorAll("article.document dl dd").First().TextContent);
            // Line breaks kept.
            Assert.Single(html.QuerySelectorAll("article.document p").Where(p => p.TextContent.StartsWith("Les actions menées")).Single().QuerySelectorAll("br"));
        }
    }

    [Theory]
    [InlineData("?format=exe", null)]
    [InlineData("?format=html", "only-files")]
    [InlineData("", "image/png")]
    public async Task Given_a_format_not_offered_When_the_document_is_asked_for_Then_406_problem_details_name_the_formats(string query, string? accept)
    {
        var client = await OperatorAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/gestion/documents/exemple" + query);
        if (accept is not null and not "only-files") request.Headers.Accept.ParseAdd(accept);

        var response = accept == "only-files"
            ? null
            : await client.SendAsync(request);

        if (response is null)
        {
            // An endpoint offering files only (an API's) refuses the page: the helper itself, on a request of that shape.
            var context = new Microsoft.AspNetCore.Http.DefaultHttpContext();
            context.Request.QueryString = new("?format=html");
            Assert.False(DocumentResponse.TryChoose(context.Request, out _, DocumentResponse.FileFormats));
            return;
        }
        Assert.Equal(HttpStatusCode.NotAcceptable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(406, problem.RootElement.GetProperty("status").GetInt32());
        Assert.Equal(["html", "pdf", "docx", "xlsx", "ods"], problem.RootElement.GetProperty("formats").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains("pdf, docx", problem.RootElement.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Given_JSON_or_anything_accepted_When_an_endpoint_negotiates_Then_no_document_format_is_chosen_and_it_answers_as_usual()
    {
        foreach (var accept in new[] { "application/json", "*/*", "application/problem+json, application/pdf;q=0.5" })
        {
            var context = new Microsoft.AspNetCore.Http.DefaultHttpContext();
            context.Request.Headers.Accept = accept;
            Assert.True(DocumentResponse.TryChoose(context.Request, out var format, DocumentResponse.FileFormats));
            Assert.Null(format);
        }
        var pdfFirst = new Microsoft.AspNetCore.Http.DefaultHttpContext();
        pdfFirst.Request.Headers.Accept = "application/json;q=0.5, application/pdf";
        Assert.True(DocumentResponse.TryChoose(pdfFirst.Request, out var chosen, DocumentResponse.FileFormats));
        Assert.Equal(Maillage.Platform.Documents.DocumentFormat.Pdf, chosen);
        await Task.CompletedTask;
    }

    [Fact]
    public async Task Given_a_signed_out_visitor_When_the_sample_is_asked_for_Then_it_is_refused()
    {
        var response = await app.Browser().GetAsync(Page + "&format=pdf");

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("Bilan 2022 – Cité de Genève.pdf", "Bilan 2022 - Cite de Geneve.pdf")]
    [InlineData("Œuvre \"spéciale\"; ß.docx", "OEuvre -speciale-- ss.docx")]
    [InlineData("表.xlsx", "-.xlsx")]
    public void Given_a_file_name_with_accents_When_served_Then_its_ASCII_name_drops_them_and_the_UTF8_name_keeps_them(string name, string ascii)
    {
        Assert.Equal(ascii, FileDownload.AsciiName(name));
        var header = ContentDispositionHeaderValue.Parse(FileDownload.ContentDisposition(name));
        Assert.Equal(name, header.FileNameStar);
        Assert.Equal(ascii, header.FileName);
        Assert.StartsWith($"attachment; filename=\"{ascii}\"; filename*=UTF-8''", FileDownload.ContentDisposition(name));
    }
}
