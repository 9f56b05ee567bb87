using System.IO.Compression;
using System.Text;
using System.Xml.Linq;
using DocumentFormat.OpenXml.Packaging;
using Cell = DocumentFormat.OpenXml.Spreadsheet.Cell;
using CellFormula = DocumentFormat.OpenXml.Spreadsheet.CellFormula;
using CellValues = DocumentFormat.OpenXml.Spreadsheet.CellValues;
using Row = DocumentFormat.OpenXml.Spreadsheet.Row;
using Maillage.Platform.Spreadsheets;
using Maillage.Tests.Infrastructure;
using MiniExcelLibs;

namespace Maillage.Tests.Platform;

/// <summary>
/// Formula (CSV) injection: a text cell that a spreadsheet program would run as a formula is written as text in every
/// format. CSV escapes it behind an apostrophe; XLSX and ODS type it as a string cell, never a formula. The exports of
/// each module are tested with hostile values in their own test classes (ExportInjectionTests, DashboardExportInjectionTests).
/// </summary>
public sealed class SpreadsheetInjectionTests
{
    private static readonly string[] Hostile = [CsvCells.Hyperlink, CsvCells.Command, CsvCells.At, CsvCells.Plus, "\tTAB", "\rCR", "-", "-2"];

    private static readonly Sheet Table = new("Injection", ["=Titre", "Nombre"],
        [.. Hostile.Select(h => (IReadOnlyList<object?>)[h, -2]), ["normal", -12.5m]]);

    /// <summary>XML reads a carriage return as a line feed (XML 1.0 §2.11).</summary>
    private static string XmlText(string text) => text.Replace('\r', '\n');

    [Fact]
    public void Given_text_cells_beginning_with_a_formula_character_When_written_as_csv_Then_each_is_behind_an_apostrophe_and_numbers_stay_numbers()
    {
        var bytes = SpreadsheetFile.ToBytes(SpreadsheetFormat.Csv, [Table]);

        var rows = CsvCells.AssertNoFormula(bytes);
        Assert.Equal(["'=Titre", "Nombre"], rows[0]);
        Assert.Equal(Hostile.Select(CsvCells.Escaped), rows.Skip(1).Take(Hostile.Length).Select(r => r[0]));
        Assert.All(rows.Skip(1).Take(Hostile.Length), r => Assert.Equal("-2", r[1]));
        Assert.Equal(["normal", Maillage.Platform.Localization.LocalizedText.IsEnglish ? "-12.5" : "-12,5"], rows[^1]); // French CSV: decimal comma (issue 19, item 15)
        var text = Encoding.UTF8.GetString(bytes);
        // The separator follows the language (issue 19, item 15): ";" and decimal commas in French, "," in English.
        var (sep, decimalMark) = Maillage.Platform.Localization.LocalizedText.IsEnglish ? (",", ".") : (";", ",");
        Assert.Contains($"\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\"{sep}-2\r\n", text);
        // CsvHelper quotes a field it escapes.
        Assert.Contains($"\r\n\"'-2+3+cmd|' /C calc'!A0\"{sep}-2\r\n", text);
        Assert.Contains($"\r\n\"'-2\"{sep}-2\r\n", text); // the text "-2" stays text; the number -2 stays a number
        Assert.EndsWith($"\r\nnormal{sep}-12{decimalMark}5\r\n", text);
    }

    [Fact]
    public void Given_formula_looking_text_When_written_as_xlsx_Then_every_such_cell_is_an_inline_string_and_none_is_a_formula()
    {
        var bytes = SpreadsheetFile.ToBytes(SpreadsheetFormat.Xlsx, [Table]);

        using var document = SpreadsheetDocument.Open(new MemoryStream(bytes), false);
        var part = document.WorkbookPart!.WorksheetParts.Single();
        Assert.Empty(part.Worksheet.Descendants<CellFormula>());
        var cells = part.Worksheet.Descendants<Row>().Skip(1).Take(Hostile.Length).Select(r => r.Elements<Cell>().ToList()).ToList();
        Assert.All(cells, c => Assert.Equal(CellValues.InlineString, c[0].DataType!.Value));
        Assert.Equal(Hostile.Select(XmlText), cells.Select(c => c[0].InlineString!.InnerText));
        Assert.All(cells, c => Assert.Equal(CellValues.Number, c[1].DataType!.Value));
        // Another reader sees the texts as typed.
        var read = MiniExcel.Query(new MemoryStream(bytes), useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(Hostile.Select(XmlText), read.Take(Hostile.Length).Select(r => r["=Titre"]?.ToString()));
    }

    [Fact]
    public void Given_formula_looking_text_When_written_as_ods_Then_every_such_cell_is_a_string_cell_without_a_formula()
    {
        var bytes = SpreadsheetFile.ToBytes(SpreadsheetFormat.Ods, [Table]);

        using var zip = new ZipArchive(new MemoryStream(bytes));
        var content = XDocument.Load(zip.GetEntry("content.xml")!.Open());
        XNamespace table = "urn:oasis:names:tc:opendocument:xmlns:table:1.0", office = "urn:oasis:names:tc:opendocument:xmlns:office:1.0";
        Assert.DoesNotContain(content.Descendants(), e => e.Attribute(table + "formula") is not null);
        var rows = content.Descendants(table + "table-row").Skip(1).Take(Hostile.Length).Select(r => r.Elements(table + "table-cell").ToList()).ToList();
        Assert.All(rows, r => Assert.Equal("string", (string?)r[0].Attribute(office + "value-type")));
        Assert.All(rows, r => Assert.Equal("float", (string?)r[1].Attribute(office + "value-type")));
        var texts = SpreadsheetFile.ReadRows(new MemoryStream(bytes), SpreadsheetFormat.Ods).Skip(1).Take(Hostile.Length).Select(r => r[0]);
        Assert.Equal(Hostile.Select(XmlText), texts);
    }
}
