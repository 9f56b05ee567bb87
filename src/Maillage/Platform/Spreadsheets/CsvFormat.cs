using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;

namespace Maillage.Platform.Spreadsheets;

/// <summary>RFC 4180 CSV through CsvHelper: comma and UTF-8 BOM on export, comma or semicolon on import.</summary>
internal static class CsvFormat
{
    public static void Write(Stream output, Sheet sheet)
    {
        using var writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), leaveOpen: true);
        using var csv = new CsvWriter(writer, new CsvConfiguration(CultureInfo.InvariantCulture) { NewLine = "\r\n" });
        foreach (var column in sheet.Columns) csv.WriteField(column);
        csv.NextRecord();
        foreach (var row in sheet.Rows)
        {
            foreach (var cell in row) csv.WriteField(SpreadsheetFile.CellText(cell));
            csv.NextRecord();
        }
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
