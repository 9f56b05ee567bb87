using System.Text.RegularExpressions;
using Maillage.Platform.Spreadsheets;

namespace Maillage.Tests.Infrastructure;

/// <summary>Values a spreadsheet program would run as formulas, and the check that a CSV export holds none.</summary>
public static partial class CsvCells
{
    public const string Hyperlink = "=HYPERLINK(\"http://evil.example\",\"click\")";
    public const string Command = "-2+3+cmd|' /C calc'!A0";
    public const string At = "@SUM(1+1)*cmd|' /C calc'!A0";
    public const string Plus = "+33+cmd|' /C calc'!A0";

    /// <summary>
    /// The cells of a CSV file exactly as written (the platform's reader keeps the leading apostrophe): none begins
    /// with <c>= + - @</c>, a tab or a carriage return unless it is a plain number.
    /// </summary>
    public static IReadOnlyList<IReadOnlyList<string>> AssertNoFormula(byte[] csv)
    {
        var rows = SpreadsheetFile.ReadRows(new MemoryStream(csv), SpreadsheetFormat.Csv);
        foreach (var cell in rows.SelectMany(r => r))
            Assert.False(cell.Length > 0 && "=+-@\t\r".Contains(cell[0]) && !PlainNumber().IsMatch(cell),
                $"the CSV cell {cell} would be read as a formula");
        return rows;
    }

    /// <summary>The hostile value as the export writes it: behind an apostrophe.</summary>
    public static string Escaped(string value) => "'" + value;

    [GeneratedRegex(@"^-?\d+([.,]\d+)?$")]
    private static partial Regex PlainNumber();
}
