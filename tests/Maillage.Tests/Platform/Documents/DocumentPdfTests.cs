using System.Text.RegularExpressions;
using Maillage.Platform.Documents;
using UglyToad.PdfPig;

namespace Maillage.Tests.Platform.Documents;

/// <summary>The PDF read back with PdfPig (a reader that is not ours): texts, every figure, page numbers, the heading row repeated.</summary>
public sealed class DocumentPdfTests
{
    private static readonly DocumentRenderer Renderer = new();

    internal static IReadOnlyList<string> PageTexts(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        // Words joined by spaces, lines by new lines: what a reader sees, whatever the drawing order.
        return [.. document.GetPages().Select(page => string.Join("\n", page.GetWords()
            .GroupBy(w => Math.Round(w.BoundingBox.Bottom, 0))
            .OrderByDescending(g => g.Key)
            .Select(line => string.Join(" ", line.OrderBy(w => w.BoundingBox.Left).Select(w => w.Text)))))];
    }

    /// <summary>Each page's characters in drawing order, spaces of every kind included.</summary>
    internal static IReadOnlyList<string> PageLetters(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return [.. document.GetPages().Select(page => string.Concat(page.Letters.Select(l => l.Value)))];
    }

    internal static string Normalised(string text) => Regex.Replace(text, "[\\s\u00a0\u202f]+", " ").Trim();

    [Fact]
    public void Given_a_document_When_rendered_as_PDF_Then_its_title_reference_headings_and_texts_are_read_back()
    {
        var document = DocumentSample.Build(rows: 10);

        var pdf = Renderer.Pdf(document);

        Assert.StartsWith("%PDF-", System.Text.Encoding.ASCII.GetString(pdf, 0, 5));
        var pages = PageTexts(pdf);
        var first = Normalised(pages[0]);
        Assert.Contains(Normalised(document.Title), first);
        Assert.Contains("Version 1 — exemple, données fictives", first);
        Assert.Contains("Parties et période", first);
        Assert.Contains("Annemasse – Les Voirons Agglomération (CCG)", first);
        Assert.Contains("Ce paragraphe garde son retour à la ligne ; l'écart « calculé / signé » est signalé", first);
        Assert.Contains("Forums : 1 (objectif 1) — atteint", first);
        // Accents, € and the no-break spaces of French figures are glyphs of the embedded font, read back as such.
        var letters = PageLetters(pdf)[0];
        Assert.Contains("18\u202f539,00\u00a0€\u00a0TTC", letters);
        Assert.Contains("50\u00a0% des coûts réels, plafonnée à 1\u202f000\u00a0€.", letters);
        var all = string.Join("\n", pages);
        Assert.Contains("Détail des actions", all);
        Assert.Contains("Fait à Annemasse, le 15 janvier 2023.", Normalised(all));
    }

    [Fact]
    public void Given_a_table_of_figures_When_rendered_as_PDF_Then_every_figure_and_the_totals_are_there()
    {
        var document = DocumentSample.Build(rows: 10);
        var text = Normalised(string.Join("\n", PageTexts(Renderer.Pdf(document))));

        foreach (var table in document.Blocks.OfType<Table>())
        {
            Assert.Contains(Normalised(table.Caption), text);
            foreach (var column in table.Columns) Assert.Contains(Normalised(column.Heading), text);
            foreach (var cell in table.Rows.SelectMany(r => r).Concat(table.Totals ?? []).Where(c => c.Text.Length > 0))
                Assert.Contains(Normalised(cell.Text), text);
        }
    }

    [Fact]
    public void Given_a_table_longer_than_three_pages_When_rendered_Then_every_page_has_the_issuer_its_number_and_the_heading_row()
    {
        var document = DocumentSample.Build(rows: 160);

        var pages = PageTexts(Renderer.Pdf(document));

        Assert.True(pages.Count >= 4, $"{pages.Count} pages");
        for (var i = 0; i < pages.Count; i++)
        {
            var page = Normalised(pages[i]);
            Assert.Contains("Cité des métiers du Grand Genève", page);
            Assert.Contains($"Page {i + 1} / {pages.Count}", page);
        }
        // The long table starts on the page after the page break and goes on over at least 3 pages, each under its heading row.
        var continued = pages.Skip(2).Select(Normalised).ToList();
        Assert.True(continued.Count >= 2);
        foreach (var page in continued)
        {
            Assert.Contains("Actions tenues sur le territoire (suite)", page);
            Assert.Contains("Date Action Lieu Participants Coût", page);
        }
        var rows = document.Blocks.OfType<Table>().Last().Rows;
        var all = Normalised(string.Join("\n", pages));
        foreach (var row in rows) Assert.Contains(Normalised($"{row[1].Text} {row[2].Text} {row[3].Text} {row[4].Text}"), all);
    }

    [Fact]
    public void Given_an_English_document_When_rendered_Then_the_continued_caption_is_in_English()
    {
        var pages = PageTexts(Renderer.Pdf(DocumentSample.Build(english: true, rows: 120)));

        Assert.Contains("Actions held on the territory (continued)", Normalised(string.Join("\n", pages)));
        Assert.Contains($"Page 1 / {pages.Count}", Normalised(pages[0]));
    }

    [Fact]
    public void Given_long_words_and_line_breaks_When_rendered_Then_nothing_is_lost()
    {
        var word = string.Concat(Enumerable.Repeat("Anticonstitutionnellement", 8));
        var document = new Document("Titre", "Cité", "fr",
        [
            new Paragraph($"Première ligne\nSeconde ligne {word}"),
            new Table("Tableau étroit", [new("A"), new("B", ColumnAlign.End)], [[word, new("1\u202f234,50", 1234.5m)]]),
        ]);

        var text = string.Concat(PageLetters(Renderer.Pdf(document))).Replace(" ", "");

        Assert.Contains("PremièreligneSecondeligne", text);
        Assert.True(Regex.Matches(text, "Anticonstitutionnellement").Count >= 16);
    }
}
