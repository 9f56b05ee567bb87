using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;

namespace Maillage.Platform.Spreadsheets;

/// <summary>
/// RFC 4180 CSV through CsvHelper: comma and UTF-8 BOM on export, comma or semicolon on import.
/// A text cell beginning with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, a tab or a carriage return would be read as a
/// formula by a spreadsheet program (CSV or formula injection): it is written behind an apostrophe, which the programs
/// show as text (<c>'=HYPERLINK(…)</c>). Cells the platform writes as numbers (a negative count, a rate) are not text
/// and stay numbers: <c>-2</c>.
/// </summary>
internal static class CsvFormat
{
    public static void Write(Stream output, Sheet sheet)
    {
        using var writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), leaveOpen: true);
        using var csv = new SheetCsvWriter(writer);
        foreach (var column in sheet.Columns) csv.WriteText(column);
        csv.NextRecord();
        foreach (var row in sheet.Rows)
        {
            foreach (var cell in row)
            {
                if (SpreadsheetFile.IsNumber(cell)) csv.WriteNumber(SpreadsheetFile.CellText(cell));
                else csv.WriteText(SpreadsheetFile.CellText(cell));
            }
            csv.NextRecord();
        }
    }

    /// <summary>CsvHelper's writer with its injection escape on text cells only.</summary>
    private sealed class SheetCsvWriter(TextWriter writer) : CsvWriter(writer, new CsvConfiguration(CultureInfo.InvariantCulture)
    {
        NewLine = "\r\n",
        InjectionOptions = InjectionOptions.Escape,
        InjectionCharacters = ['=', '+', '-', '@', '\t', '\r'],
        InjectionEscapeCharacter = '\'',
    })
    {
        private bool writingNumber;

        public void WriteText(string text) => WriteField(text);

        public void WriteNumber(string number)
        {
            writingNumber = true;
            try { WriteField(number); }
            finally { writingNumber = false; }
        }

        protected override string? SanitizeForInjection(string? field) => writingNumber ? field : base.SanitizeForInjection(field);
    }

    public static List<List<string>> Read(Stream input)
    {
        using var reader = new StreamReader(input, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, leaveOpen: true);
        var configuration = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            DetectDelimiter = true,
            DetectDelimiterValues = [",", ";", "\t"],
            HasHeaderRecord = false,
            BadDataFound = context => throw new FormatException(
                $"ligne {context.Context?.Parser?.Row}: guillemet mal placé / misplaced quote"),
        };
        using var csv = new CsvParser(reader, configuration);
        var rows = new List<List<string>>();
        while (csv.Read()) rows.Add([.. csv.Record ?? []]);
        return rows;
    }
}
