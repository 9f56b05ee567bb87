using Maillage.Platform.Documents;
using Maillage.Platform.Spreadsheets;
using MiniExcelLibs;
using Format = Maillage.Platform.Documents.DocumentFormat;

namespace Maillage.Tests.Platform.Documents;

/// <summary>A document's tables as spreadsheets: one sheet per table, numbers kept numbers.</summary>
public sealed class DocumentSheetsTests
{
    private static readonly DocumentRenderer Renderer = new();

    [Fact]
    public void Given_a_document_When_turned_into_sheets_Then_each_table_is_a_sheet_with_its_numbers_as_numbers()
    {
        var document = DocumentSample.Build(rows: 3);

        var sheets = Renderer.Sheets(document);

        var tables = document.Blocks.OfType<Table>().ToList();
        // Named after their captions, within the 31 characters a sheet's name may have.
        Assert.Equal(tables.Select(t => t.Caption.Length > 31 ? t.Caption[..31] : t.Caption), sheets.Select(s => s.Name));
        Assert.Equal(["Action", "Intitulé", "Jours", "Tarif journalier HT", "Montant HT"], sheets[0].Columns);
        Assert.Equal(["1.1", "Journées d'information et ateliers", 6.5m, 580m, 3770m], sheets[0].Rows[0]);
        Assert.Equal(["Total", "", 26.5m, "", 15370m], sheets[0].Rows[^1]);
        Assert.Contains(document.Title, sheets[0].Title);
        Assert.Equal(4, sheets[1].Rows.Count);
    }

    [Fact]
    public void Given_a_document_When_written_as_XLSX_Then_a_spreadsheet_program_reads_its_figures_as_numbers()
    {
        var bytes = Renderer.File(DocumentSample.Build(rows: 3), Format.Xlsx);

        var rows = MiniExcel.Query(new MemoryStream(bytes), useHeaderRow: false, sheetName: "Jours financés et montants", excelType: ExcelType.XLSX)
            .Cast<IDictionary<string, object?>>().Select(r => r.Values.ToList()).ToList();

        Assert.Equal("Montant HT", rows[1][4]);
        Assert.Equal(3770d, Convert.ToDouble(rows[2][4]));
        Assert.Equal(15370d, Convert.ToDouble(rows[^1][4]));
    }

    [Fact]
    public void Given_a_document_When_written_as_ODS_Then_its_tables_are_read_back()
    {
        var rows = SpreadsheetFile.ReadRows(new MemoryStream(Renderer.File(DocumentSample.Build(rows: 3), Format.Ods)), SpreadsheetFormat.Ods);

        Assert.Equal(["1.2", "Forum de l'emploi transfrontalier", "5", "580", "2900"], rows[3]);
    }

    [Fact]
    public void Given_two_tables_of_one_caption_When_turned_into_sheets_Then_their_names_differ()
    {
        var table = new Table("Actions", [new("A")], [["x"]]);

        var sheets = Renderer.Sheets(new Document("T", "Cité", "fr", [table, table]));

        Assert.Equal(["Actions", "Actions (2)"], sheets.Select(s => s.Name));
    }
}
