using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;

namespace Maillage.Platform.Spreadsheets;

/// <summary>
/// A CSV of the French open-data schemas (SCDL, schema.data.gouv.fr): comma, UTF-8 without byte-order mark, CRLF, dates
/// as YYYY-MM-DD and numbers with a decimal point written by the caller; text cells escaped against formula injection.
/// Unlike <see cref="CsvFormat"/> it does not follow the reader's language: the schema fixes the dialect.
/// </summary>
public static class ScdlCsv
{
    public static string Iso(DateOnly? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";

    public static byte[] Write(IReadOnlyList<string> columns, IEnumerable<IReadOnlyList<string?>> rows)
    {
        using var output = new MemoryStream();
        using (var writer = new StreamWriter(output, new UTF8Encoding(false)))
        using (var csv = new CsvWriter(writer, new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            Delimiter = ",", NewLine = "\r\n", InjectionOptions = InjectionOptions.Escape,
            InjectionCharacters = ['=', '+', '-', '@', '\t', '\r'], InjectionEscapeCharacter = '\'',
        }))
        {
            foreach (var column in columns) csv.WriteField(column);
            csv.NextRecord();
            foreach (var row in rows)
            {
                foreach (var field in row) csv.WriteField(field ?? "");
                csv.NextRecord();
            }
        }
        return output.ToArray();
    }
}
