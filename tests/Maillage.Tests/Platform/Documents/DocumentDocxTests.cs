using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Maillage.Platform.Documents;
using W = DocumentFormat.OpenXml.Wordprocessing;
using Table = Maillage.Platform.Documents.Table;

namespace Maillage.Tests.Platform.Documents;

/// <summary>The DOCX read back with the Open XML SDK: Word's heading styles, the table cells, the header and the footer.</summary>
public sealed class DocumentDocxTests
{
    private static readonly DocumentRenderer Renderer = new();

    private static string StyleOf(W.Paragraph p) => p.ParagraphProperties?.ParagraphStyleId?.Val?.Value ?? "";

    [Fact]
    public void Given_a_document_When_rendered_as_DOCX_Then_title_and_headings_carry_Words_styles()
    {
        var document = DocumentSample.Build(rows: 5);
        using var word = WordprocessingDocument.Open(new MemoryStream(Renderer.Docx(document)), false);
        var main = word.MainDocumentPart!;
        var paragraphs = main.Document.Body!.Elements<W.Paragraph>().ToList();

        Assert.Equal(document.Title, paragraphs.Single(p => StyleOf(p) == "Title").InnerText);
        Assert.Equal(document.Reference, paragraphs.Single(p => StyleOf(p) == "Subtitle").InnerText);
        var headings = document.Blocks.OfType<Heading>().Select(h => ($"Heading{h.Level}", h.Text)).ToList();
        Assert.Equal(headings, paragraphs.Where(p => StyleOf(p).StartsWith("Heading")).Select(p => (StyleOf(p), p.InnerText)).ToList());
        // The styles are Word's own, with their outline level: the navigation pane lists the sections.
        var styles = main.StyleDefinitionsPart!.Styles!.Elements<Style>().ToDictionary(s => s.StyleId!.Value!);
        for (var level = 1; level <= 3; level++)
        {
            Assert.Equal($"heading {level}", styles[$"Heading{level}"].StyleName!.Val!.Value);
            Assert.Equal(level - 1, styles[$"Heading{level}"].StyleParagraphProperties!.OutlineLevel!.Val!.Value);
        }
        Assert.Equal("Ce paragraphe garde son retour à la ligne ; l'écart « calculé / signé » est signalé, jamais corrigé en silence.",
            paragraphs.First(p => p.InnerText.StartsWith("Ce paragraphe") || p.InnerText.Contains("Ce paragraphe")).Elements<W.Run>().Last().InnerText);
        Assert.Equal(3, paragraphs.Count(p => StyleOf(p) == "ListBullet"));
        Assert.Equal("fr-FR", word.PackageProperties.Language);
    }

    [Fact]
    public void Given_tables_When_rendered_as_DOCX_Then_every_cell_is_there_under_a_repeated_heading_row()
    {
        var document = DocumentSample.Build(rows: 40);
        using var word = WordprocessingDocument.Open(new MemoryStream(Renderer.Docx(document)), false);
        var body = word.MainDocumentPart!.Document.Body!;
        var captions = body.Elements<W.Paragraph>().Where(p => StyleOf(p) == "Caption").Select(p => p.InnerText).ToList();
        var tables = body.Elements<W.Table>().Where(t => t.Elements<TableRow>().First().TableRowProperties?.GetFirstChild<TableHeader>() is not null).ToList();
        var expected = document.Blocks.OfType<Table>().ToList();

        Assert.Equal(expected.Select(t => t.Caption), captions);
        Assert.Equal(expected.Count, tables.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            var rows = tables[i].Elements<TableRow>().Select(r => r.Elements<TableCell>().Select(c => c.InnerText).ToList()).ToList();
            Assert.Equal(expected[i].Columns.Select(c => c.Heading), rows[0]);
            var data = expected[i].Rows.Append(expected[i].Totals!).Select(r => r.Select(c => c.Text).ToList()).ToList();
            Assert.Equal(data, rows.Skip(1).ToList());
            // Number columns are right-aligned.
            var end = expected[i].Columns.ToList().FindIndex(c => c.Align == ColumnAlign.End);
            var cell = tables[i].Elements<TableRow>().ElementAt(1).Elements<TableCell>().ElementAt(end);
            Assert.Equal(JustificationValues.Right, cell.GetFirstChild<W.Paragraph>()!.ParagraphProperties!.Justification!.Val!.Value);
        }
        var fields = body.Elements<W.Table>().Except(tables).Single();
        Assert.Contains(fields.Elements<TableRow>(), r => r.InnerText == "FinanceurAnnemasse – Les Voirons Agglomération (CCG)");
    }

    [Fact]
    public void Given_a_document_When_rendered_as_DOCX_Then_the_header_names_the_issuer_and_the_footer_numbers_the_pages()
    {
        var document = DocumentSample.Build(rows: 5);
        using var word = WordprocessingDocument.Open(new MemoryStream(Renderer.Docx(document)), false);
        var main = word.MainDocumentPart!;

        Assert.Contains(document.Issuer, main.HeaderParts.Single().Header!.InnerText);
        var footer = main.FooterParts.Single().Footer!;
        Assert.Equal(new[] { " PAGE ", " NUMPAGES " }, footer.Descendants<SimpleField>().Select(f => f.Instruction!.Value!).ToArray());
        Assert.StartsWith("Page ", footer.InnerText);
        var section = main.Document.Body!.Elements<SectionProperties>().Single();
        Assert.Equal(11906U, section.GetFirstChild<W.PageSize>()!.Width!.Value); // A4
        Assert.Equal(document.Title, word.PackageProperties.Title);
    }

    [Fact]
    public void Given_a_document_When_rendered_as_DOCX_Then_the_package_is_valid_for_Word()
    {
        using var word = WordprocessingDocument.Open(new MemoryStream(Renderer.Docx(DocumentSample.Build(rows: 5))), false);

        var errors = new DocumentFormat.OpenXml.Validation.OpenXmlValidator().Validate(word).Select(e => $"{e.Path?.XPath}: {e.Description}").ToList();

        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }
}
