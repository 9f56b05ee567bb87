using System.Globalization;
using Maillage.Platform.Errors;
using Maillage.Platform.Localization;
using Microsoft.AspNetCore.Mvc;

namespace Maillage.Platform.Spreadsheets;

/// <summary>
/// Writes tables as CSV, XLSX or ODS and reads the first sheet of such a file back as text, for every
/// export and import of the product. CSV is UTF-8 with a byte-order mark so that spreadsheet programs read
/// accents right, semicolon-separated with decimal commas in French, comma-separated in English (both read on import). XLSX goes through the
/// Open XML SDK; ODS (OpenDocument 1.2) is written and read by <see cref="OdsFormat"/>. See
/// docs/decisions/0005-spreadsheets.md.
/// </summary>
public static class SpreadsheetFile
{
    public static bool TryParseFormat(string? extensionOrName, out SpreadsheetFormat format)
    {
        var value = (extensionOrName ?? "").Trim();
        var dot = value.LastIndexOf('.');
        if (dot >= 0) value = value[(dot + 1)..];
        switch (value.ToLowerInvariant())
        {
            case "csv": format = SpreadsheetFormat.Csv; return true;
            case "xlsx": format = SpreadsheetFormat.Xlsx; return true;
            case "ods": format = SpreadsheetFormat.Ods; return true;
            default: format = default; return false;
        }
    }

    public static string Extension(SpreadsheetFormat format) => format switch
    {
        SpreadsheetFormat.Csv => "csv",
        SpreadsheetFormat.Xlsx => "xlsx",
        _ => "ods",
    };

    /// <summary>How an export menu names a format: CSV says its separator, as it follows the language (<see cref="CsvFormat"/>).</summary>
    public static string MenuLabel(SpreadsheetFormat format) => format switch
    {
        SpreadsheetFormat.Csv => Text.T("CSV (Excel, séparateur point-virgule)", "CSV (comma-separated)"),
        SpreadsheetFormat.Xlsx => "XLSX (Excel)",
        _ => "ODS (LibreOffice)",
    };

    public static string MenuLabel(string extension) => TryParseFormat(extension, out var f) ? MenuLabel(f) : extension.ToUpperInvariant();

    public static string ContentType(SpreadsheetFormat format) => format switch
    {
        SpreadsheetFormat.Csv => "text/csv; charset=utf-8",
        SpreadsheetFormat.Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        _ => "application/vnd.oasis.opendocument.spreadsheet",
    };

    public static void Write(Stream output, SpreadsheetFormat format, IReadOnlyList<Sheet> sheets)
    {
        if (sheets.Count == 0) throw new ArgumentException("At least one sheet is needed.", nameof(sheets));
        switch (format)
        {
            case SpreadsheetFormat.Csv: CsvFormat.Write(output, sheets[0]); break;
            case SpreadsheetFormat.Xlsx: XlsxFormat.Write(output, sheets); break;
            default: OdsFormat.Write(output, sheets); break;
        }
    }

    public static byte[] ToBytes(SpreadsheetFormat format, IReadOnlyList<Sheet> sheets)
    {
        using var buffer = new MemoryStream();
        Write(buffer, format, sheets);
        return buffer.ToArray();
    }

    /// <summary>A download for minimal APIs; <paramref name="fileName"/> without extension (the same as the documents', <see cref="Documents.FileDownload"/>).</summary>
    public static IResult Download(SpreadsheetFormat format, string fileName, params Sheet[] sheets) => DownloadPage(format, fileName, sheets);

    /// <summary>A download for Razor pages; <paramref name="fileName"/> without extension.</summary>
    public static Documents.FileDownload DownloadPage(SpreadsheetFormat format, string fileName, params Sheet[] sheets) =>
        new(ToBytes(format, sheets), ContentType(format), $"{fileName}.{Extension(format)}");

    /// <summary>
    /// The first sheet of a file as rows of cell texts, header row included, trailing empty rows and
    /// cells dropped. Numbers are written with a dot, dates as <c>yyyy-MM-dd</c> or
    /// <c>yyyy-MM-dd HH:mm</c>. An unreadable file throws a <see cref="RuleViolation"/> on "file".
    /// </summary>
    public static IReadOnlyList<IReadOnlyList<string>> ReadRows(Stream input, SpreadsheetFormat format)
    {
        try
        {
            var rows = format switch
            {
                SpreadsheetFormat.Csv => CsvFormat.Read(input),
                SpreadsheetFormat.Xlsx => XlsxFormat.Read(input),
                _ => OdsFormat.Read(input),
            };
            return Trim(rows);
        }
        catch (Exception e) when (e is not RuleViolation and not OutOfMemoryException)
        {
            throw new RuleViolation("file", new LocalizedText(
                $"Le fichier n'a pas pu être lu comme un fichier {Extension(format).ToUpperInvariant()} ({e.Message}).",
                $"The file could not be read as a {Extension(format).ToUpperInvariant()} file ({e.Message})."));
        }
    }

    /// <summary>The text of a cell as the readers return it (invariant numbers, ISO dates).</summary>
    internal static string CellText(object? value) => value switch
    {
        null => "",
        string s => s,
        bool b => b ? "true" : "false",
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime t => DateText(t),
        DateTimeOffset o => DateText(o.DateTime),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    internal static string DateText(DateTime value) =>
        value.TimeOfDay == TimeSpan.Zero
            ? value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : value.ToString(value.Second == 0 ? "yyyy-MM-dd HH:mm" : "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    internal static bool IsNumber(object? value) =>
        value is int or long or short or byte or decimal or double or float;

    private static IReadOnlyList<IReadOnlyList<string>> Trim(List<List<string>> rows)
    {
        foreach (var row in rows)
            while (row.Count > 0 && string.IsNullOrEmpty(row[^1])) row.RemoveAt(row.Count - 1);
        while (rows.Count > 0 && rows[^1].Count == 0) rows.RemoveAt(rows.Count - 1);
        return rows;
    }
}
