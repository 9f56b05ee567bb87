using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;

namespace Maillage.Platform.Spreadsheets;

/// <summary>
/// CSV through CsvHelper, UTF-8 with a byte-order mark. In French the separator is the semicolon and the decimal mark the
/// comma — what Excel expects in a French locale, where a comma-separated file opens in one column (issue 19, item 15);
/// in English, RFC 4180's comma and the decimal point. Import accepts comma, semicolon or tab.
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
        var french = !Localization.LocalizedText.IsEnglish;
        using var csv = new SheetCsvWriter(writer, french ? ";" : ",");
        foreach (var column in sheet.Columns) csv.WriteText(column);
        csv.NextRecord();
        foreach (var row in sheet.Rows)
        {
            foreach (var cell in row)
            {
                if (SpreadsheetFile.IsNumber(cell)) csv.WriteNumber(french ? NumberText(cell!) : SpreadsheetFile.CellText(cell));
                else csv.WriteText(SpreadsheetFile.CellText(cell));
            }
            csv.NextRecord();
        }
    }

    private static string DelimiterOf(string text)
    {
        var counts = new Dictionary<char, int> { [';'] = 0, [','] = 0, ['\t'] = 0 };
        var quoted = false;
        foreach (var c in text)
        {
            if (c == '"') quoted = !quoted;
            else if (!quoted && (c == '\n' || c == '\r')) break;
            else if (!quoted && counts.ContainsKey(c)) counts[c]++;
        }
        var best = counts.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key == ',' ? 0 : 1).First();
        return best.Value == 0 ? "," : best.Key.ToString();
    }

    /// <summary>The number as French Excel reads it: decimal comma, no thousands separator.</summary>
    private static string NumberText(object number) => ((IFormattable)number).ToString(null, French);

    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-FR");

    /// <summary>The separator of the CSV files written in the current language, as the export menus name it.</summary>
    public static string Delimiter => Localization.LocalizedText.IsEnglish ? "," : ";";

    /// <summary>CsvHelper's writer with its injection escape on text cells only.</summary>
    private sealed class SheetCsvWriter(TextWriter writer, string delimiter) : CsvWriter(writer, new CsvConfiguration(CultureInfo.InvariantCulture)
    {
        Delimiter = delimiter,
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
        using var whole = new StreamReader(input, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, leaveOpen: true);
        var text = whole.ReadToEnd();
        using var reader = new StringReader(text);
        var configuration = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            // The separator of the heading line (the most frequent of ; , tab outside quotes): text cells below may hold the others.
            Delimiter = DelimiterOf(text),
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
