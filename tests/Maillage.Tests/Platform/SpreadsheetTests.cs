using System.IO.Compression;
using System.Text;
using System.Xml.Linq;
using Maillage.Platform.Errors;
using Maillage.Platform.Spreadsheets;
using MiniExcelLibs;

namespace Maillage.Tests.Platform;

/// <summary>
/// Exports are checked with readers that are not ours (MiniExcel for XLSX, the raw OpenDocument XML for
/// ODS, the bytes for CSV); imports are checked on files written the way other programs write them.
/// </summary>
public sealed class SpreadsheetTests
{
    private static readonly Sheet Sample = new("Inscriptions / 2026",
        ["Atelier", "Inscrits", "Taux", "Date", "Début", "Complet"],
        [
            ["Zoom métier : « Soins », Annemasse", 20, 0.85m, new DateOnly(2026, 12, 3), new DateTime(2026, 12, 3, 14, 30, 0), true],
            ["Ligne \"citée\"\nsur deux lignes", 0, 12.5, null, null, false],
        ]);

    private static byte[] Write(SpreadsheetFormat format, params Sheet[] sheets) => SpreadsheetFile.ToBytes(format, sheets);

    private static IReadOnlyList<IReadOnlyList<string>> Read(SpreadsheetFormat format, byte[] bytes) =>
        SpreadsheetFile.ReadRows(new MemoryStream(bytes), format);

    [Theory]
    [InlineData(SpreadsheetFormat.Csv)]
    [InlineData(SpreadsheetFormat.Xlsx)]
    [InlineData(SpreadsheetFormat.Ods)]
    public void Given_a_table_When_written_and_read_back_Then_every_cell_keeps_its_text(SpreadsheetFormat format)
    {
        var rows = InEnglish(() => Read(format, Write(format, Sample))); // French CSV writes decimal commas: see below

        Assert.Equal(3, rows.Count);
        Assert.Equal(Sample.Columns, rows[0]);
        Assert.Equal(["Zoom métier : « Soins », Annemasse", "20", "0.85", "2026-12-03", "2026-12-03 14:30", "true"], rows[1]);
        Assert.Equal(["Ligne \"citée\"\nsur deux lignes", "0", "12.5", "", "", "false"], rows[2]);
    }

    [Fact]
    public void Given_a_csv_export_in_English_Then_it_is_rfc4180_with_a_byte_order_mark()
    {
        var bytes = InEnglish(() => Write(SpreadsheetFormat.Csv, Sample));

        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var text = Encoding.UTF8.GetString(bytes[3..]);
        Assert.StartsWith("Atelier,Inscrits,Taux,Date,Début,Complet\r\n", text);
        Assert.Contains("\"Zoom métier : « Soins », Annemasse\",20,0.85,2026-12-03,2026-12-03 14:30,true\r\n", text);
        Assert.Contains("\"Ligne \"\"citée\"\"\nsur deux lignes\",0,12.5,,,false\r\n", text);
    }

    /// <summary>Issue 19, item 15: French Excel opens a comma-separated file in one column; in French, CSV uses ; and decimal commas.</summary>
    [Fact]
    public void Given_a_csv_export_in_French_Then_it_is_semicolon_separated_with_decimal_commas_and_a_byte_order_mark()
    {
        var bytes = InCulture("fr-FR", () => Write(SpreadsheetFormat.Csv, Sample));

        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var text = Encoding.UTF8.GetString(bytes[3..]);
        Assert.StartsWith("Atelier;Inscrits;Taux;Date;Début;Complet\r\n", text);
        Assert.Contains("Zoom métier : « Soins », Annemasse;20;0,85;2026-12-03;2026-12-03 14:30;true\r\n", text);
        var rows = Read(SpreadsheetFormat.Csv, bytes);
        Assert.Equal(["Zoom métier : « Soins », Annemasse", "20", "0,85", "2026-12-03", "2026-12-03 14:30", "true"], rows[1]);
    }

    private static T InEnglish<T>(Func<T> action) => InCulture("en", action);

    private static T InCulture<T>(string culture, Func<T> action)
    {
        var (ui, c) = (System.Globalization.CultureInfo.CurrentUICulture, System.Globalization.CultureInfo.CurrentCulture);
        System.Globalization.CultureInfo.CurrentUICulture = System.Globalization.CultureInfo.CurrentCulture = System.Globalization.CultureInfo.GetCultureInfo(culture);
        try { return action(); }
        finally { (System.Globalization.CultureInfo.CurrentUICulture, System.Globalization.CultureInfo.CurrentCulture) = (ui, c); }
    }

    [Fact]
    public void Given_an_xlsx_export_When_read_by_another_library_Then_numbers_and_dates_are_typed()
    {
        var bytes = Write(SpreadsheetFormat.Xlsx, Sample, Sample with { Name = "Inscriptions / 2026" });

        var sheetNames = MiniExcel.GetSheetNames(new MemoryStream(bytes));
        Assert.Equal(["Inscriptions - 2026", "Inscriptions - 2026 (2)"], sheetNames);
        var rows = MiniExcel.Query(new MemoryStream(bytes), useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(2, rows.Count);
        Assert.Equal(20d, Convert.ToDouble(rows[0]["Inscrits"]));
        Assert.Equal(new DateTime(2026, 12, 3, 14, 30, 0), rows[0]["Début"]);
        Assert.Equal(new DateTime(2026, 12, 3), rows[0]["Date"]);
        Assert.Equal("Ligne \"citée\"\nsur deux lignes", rows[1]["Atelier"]);
    }

    [Fact]
    public void Given_an_ods_export_Then_it_is_a_valid_opendocument_package_with_typed_cells()
    {
        var bytes = Write(SpreadsheetFormat.Ods, Sample);

        // The mimetype comes first, stored (compression method 0), as ODF 1.2 §3.3 requires.
        Assert.Equal("PK\u0003\u0004", Encoding.ASCII.GetString(bytes, 0, 4));
        Assert.Equal(0, BitConverter.ToUInt16(bytes, 8));
        Assert.Equal("mimetype", Encoding.ASCII.GetString(bytes, 30, 8));
        using var zip = new ZipArchive(new MemoryStream(bytes));
        Assert.Equal("application/vnd.oasis.opendocument.spreadsheet", new StreamReader(zip.GetEntry("mimetype")!.Open()).ReadToEnd());
        Assert.NotNull(zip.GetEntry("META-INF/manifest.xml"));
        var content = XDocument.Load(zip.GetEntry("content.xml")!.Open());
        XNamespace office = "urn:oasis:names:tc:opendocument:xmlns:office:1.0", table = "urn:oasis:names:tc:opendocument:xmlns:table:1.0";
        var sheet = content.Descendants(table + "table").Single();
        Assert.Equal("Inscriptions / 2026", (string?)sheet.Attribute(table + "name"));
        var cells = sheet.Elements(table + "table-row").ElementAt(1).Elements(table + "table-cell").ToList();
        Assert.Equal(("float", "20"), ((string?)cells[1].Attribute(office + "value-type"), (string?)cells[1].Attribute(office + "value")));
        Assert.Equal(("date", "2026-12-03T14:30:00"), ((string?)cells[4].Attribute(office + "value-type"), (string?)cells[4].Attribute(office + "date-value")));
        Assert.Equal("true", (string?)cells[5].Attribute(office + "boolean-value"));
    }

    [Fact]
    public void Given_a_semicolon_csv_as_french_spreadsheets_write_it_When_read_Then_cells_are_split_on_semicolons()
    {
        var bytes = Encoding.UTF8.GetBytes("Titre;Date;Places\r\nAtelier CV;03/12/2026;12\r\n\"Forum; emploi\";04/12/2026;\r\n\r\n");

        var rows = Read(SpreadsheetFormat.Csv, bytes);

        Assert.Equal(3, rows.Count);
        Assert.Equal(["Forum; emploi", "04/12/2026"], rows[2]);
    }

    [Fact]
    public void Given_an_ods_written_as_libreoffice_does_with_repeated_cells_and_padding_When_read_Then_repeats_are_expanded_and_padding_dropped()
    {
        const string content = """
            <office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0">
              <office:body><office:spreadsheet><table:table table:name="Agenda">
                <table:table-row><table:table-cell office:value-type="string"><text:p>Titre</text:p></table:table-cell><table:table-cell table:number-columns-repeated="2" office:value-type="string"><text:p>x</text:p></table:table-cell><table:table-cell table:number-columns-repeated="1020"/></table:table-row>
                <table:table-row table:number-rows-repeated="2"><table:table-cell office:value-type="string"><text:p>deux<text:s text:c="3"/>espaces</text:p></table:table-cell></table:table-row>
                <table:table-row><table:table-cell office:value-type="date" office:date-value="2026-12-03T09:30:00"/><table:table-cell office:value-type="time" office:time-value="PT13H30M00S"/></table:table-row>
                <table:table-row table:number-rows-repeated="1048570"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>
              </table:table></office:spreadsheet></office:body></office:document-content>
            """;
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        using (var writer = new StreamWriter(zip.CreateEntry("content.xml").Open()))
            writer.Write(content);

        var rows = Read(SpreadsheetFormat.Ods, buffer.ToArray());

        Assert.Equal(4, rows.Count);
        Assert.Equal(["Titre", "x", "x"], rows[0]);
        Assert.Equal(["deux   espaces"], rows[1]);
        Assert.Equal(rows[1], rows[2]);
        Assert.Equal(["2026-12-03 09:30", "13:30"], rows[3]);
    }

    [Fact]
    public void Given_an_xlsx_with_shared_strings_and_a_date_format_as_excel_writes_it_When_read_Then_texts_and_dates_come_back()
    {
        var bytes = Xlsx(
            sheet: """<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="C1" t="s"><v>1</v></c></row><row r="3"><c r="A3" s="1"><v>46359.5625</v></c><c r="B3"><v>42</v></c></row></sheetData></worksheet>""",
            sharedStrings: """<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>Titre</t></si><si><r><t>Pla</t></r><r><t>ces</t></r></si></sst>""",
            styles: """<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="165" formatCode="dd/mm/yyyy\ hh:mm"/></numFmts><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="165" applyNumberFormat="1"/></cellXfs></styleSheet>""");

        var rows = Read(SpreadsheetFormat.Xlsx, bytes);

        Assert.Equal(3, rows.Count);
        Assert.Equal(["Titre", "", "Places"], rows[0]);
        Assert.Empty(rows[1]);
        Assert.Equal(["2026-12-03 13:30", "42"], rows[2]);
    }

    [Theory]
    [InlineData(SpreadsheetFormat.Xlsx)]
    [InlineData(SpreadsheetFormat.Ods)]
    public void Given_a_file_that_is_not_a_spreadsheet_When_read_Then_a_rule_violation_names_the_file(SpreadsheetFormat format)
    {
        var error = Assert.Throws<RuleViolation>(() => Read(format, Encoding.UTF8.GetBytes("Titre,Date\nceci n'est pas un classeur")));

        Assert.Equal("file", error.Field);
        Assert.Contains(format.ToString().ToUpperInvariant(), error.Text.Fr);
    }

    [Theory]
    [InlineData("csv", SpreadsheetFormat.Csv)]
    [InlineData(".XLSX", SpreadsheetFormat.Xlsx)]
    [InlineData("agenda 2026.ods", SpreadsheetFormat.Ods)]
    public void Given_a_file_name_or_extension_Then_its_format_is_recognised(string value, SpreadsheetFormat expected)
    {
        Assert.True(SpreadsheetFile.TryParseFormat(value, out var format));
        Assert.Equal(expected, format);
        Assert.False(SpreadsheetFile.TryParseFormat("agenda.pdf", out _));
    }

    /// <summary>A minimal workbook in the shape Excel writes (shared strings, styles), built by hand.</summary>
    private static byte[] Xlsx(string sheet, string sharedStrings, string styles)
    {
        const string main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
        const string rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
        var parts = new Dictionary<string, string>
        {
            ["[Content_Types].xml"] = """<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>""",
            ["_rels/.rels"] = """<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>""",
            ["xl/workbook.xml"] = $"""<workbook xmlns="{main}" xmlns:r="{rel}"><sheets><sheet name="Feuil1" sheetId="1" r:id="rId1"/></sheets></workbook>""",
            ["xl/_rels/workbook.xml.rels"] = """<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>""",
            ["xl/worksheets/sheet1.xml"] = sheet,
            ["xl/sharedStrings.xml"] = sharedStrings,
            ["xl/styles.xml"] = styles,
        };
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
            foreach (var (name, xml) in parts)
                using (var writer = new StreamWriter(zip.CreateEntry(name).Open()))
                    writer.Write(xml);
        return buffer.ToArray();
    }
}
