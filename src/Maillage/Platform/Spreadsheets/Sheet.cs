namespace Maillage.Platform.Spreadsheets;

/// <summary>The three formats every table of Maillage can be exported to (and imported from).</summary>
public enum SpreadsheetFormat { Csv, Xlsx, Ods }

/// <summary>
/// One table: a name (the sheet's tab), column headings and rows of cells. A cell is a string, a number
/// (int, long, decimal, double), a <see cref="DateOnly"/>, <see cref="DateTime"/>,
/// <see cref="DateTimeOffset"/>, a bool or null; numbers and dates stay numbers and dates in XLSX and ODS.
/// </summary>
/// <param name="Title">
/// In XLSX and ODS, a first row above the headings naming the scope, the period and the date of extraction (issue 19,
/// item 15), so that a printed or forwarded sheet says what it is; CSV has none (one table, headings first).
/// </param>
public sealed record Sheet(string Name, IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<object?>> Rows, string? Title = null);
