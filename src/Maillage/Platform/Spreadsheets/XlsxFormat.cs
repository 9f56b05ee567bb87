using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Maillage.Platform.Spreadsheets;

/// <summary>XLSX through Microsoft's Open XML SDK: one worksheet per sheet, typed cells, bold headings.</summary>
internal static class XlsxFormat
{
    private const uint DateStyle = 1, DateTimeStyle = 2, HeadingStyle = 3;

    public static void Write(Stream output, IReadOnlyList<Sheet> sheets)
    {
        using var buffer = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(buffer, SpreadsheetDocumentType.Workbook))
        {
            var workbookPart = document.AddWorkbookPart();
            workbookPart.Workbook = new Workbook();
            workbookPart.AddNewPart<WorkbookStylesPart>().Stylesheet = Styles();
            var sheetList = workbookPart.Workbook.AppendChild(new Sheets());
            var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            for (var i = 0; i < sheets.Count; i++)
            {
                var worksheetPart = workbookPart.AddNewPart<WorksheetPart>();
                using (var writer = OpenXmlWriter.Create(worksheetPart))
                {
                    writer.WriteStartElement(new Worksheet());
                    writer.WriteStartElement(new SheetData());
                    if (sheets[i].Title is { } title) writer.WriteElement(new Row(Cell(title, HeadingStyle)));
                    writer.WriteElement(new Row(sheets[i].Columns.Select(c => Cell(c, HeadingStyle))));
                    foreach (var row in sheets[i].Rows) writer.WriteElement(new Row(row.Select(v => Cell(v, null))));
                    writer.WriteEndElement();
                    writer.WriteEndElement();
                }
                sheetList.Append(new DocumentFormat.OpenXml.Spreadsheet.Sheet
                {
                    Id = workbookPart.GetIdOfPart(worksheetPart),
                    SheetId = (uint)(i + 1),
                    Name = UniqueName(sheets[i].Name, i, names),
                });
            }
            workbookPart.Workbook.Save();
        }
        buffer.Position = 0;
        buffer.CopyTo(output);
    }

    /// <summary>Excel's rules: at most 31 characters, none of <c>[]:*?/\</c>, unique, not empty.</summary>
    private static string UniqueName(string name, int index, HashSet<string> used)
    {
        var clean = new string([.. name.Select(c => "[]:*?/\\".Contains(c) ? '-' : c)]).Trim('\'', ' ');
        if (clean.Length == 0) clean = $"Feuille {index + 1}";
        if (clean.Length > 31) clean = clean[..31];
        var candidate = clean;
        for (var n = 2; !used.Add(candidate); n++)
        {
            var suffix = $" ({n})";
            candidate = (clean.Length + suffix.Length > 31 ? clean[..(31 - suffix.Length)] : clean) + suffix;
        }
        return candidate;
    }

    private static Cell Cell(object? value, uint? style)
    {
        var cell = value switch
        {
            null => new Cell(),
            bool b => new Cell { DataType = CellValues.Boolean, CellValue = new CellValue(b) },
            DateOnly d => new Cell { CellValue = new CellValue(d.ToDateTime(TimeOnly.MinValue).ToOADate()), StyleIndex = DateStyle },
            DateTime t => new Cell { CellValue = new CellValue(t.ToOADate()), StyleIndex = t.TimeOfDay == TimeSpan.Zero ? DateStyle : DateTimeStyle },
            DateTimeOffset o => new Cell { CellValue = new CellValue(o.DateTime.ToOADate()), StyleIndex = DateTimeStyle },
            _ when SpreadsheetFile.IsNumber(value) => new Cell
            {
                DataType = CellValues.Number,
                CellValue = new CellValue(Convert.ToDecimal(value, CultureInfo.InvariantCulture)),
            },
            _ => new Cell
            {
                DataType = CellValues.InlineString,
                InlineString = new InlineString(new Text(SpreadsheetFile.CellText(value)) { Space = SpaceProcessingModeValues.Preserve }),
            },
        };
        if (style is { } s) cell.StyleIndex = s;
        return cell;
    }

    private static Stylesheet Styles() => new(
        new NumberingFormats(new NumberingFormat { NumberFormatId = 164, FormatCode = "yyyy-mm-dd hh:mm" }) { Count = 1 },
        new Fonts(new Font(), new Font(new Bold())) { Count = 2 },
        new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }),
                  new Fill(new PatternFill { PatternType = PatternValues.Gray125 })) { Count = 2 },
        new Borders(new Border()) { Count = 1 },
        new CellFormats(
            new CellFormat(),
            new CellFormat { NumberFormatId = 14, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = 164, ApplyNumberFormat = true },
            new CellFormat { FontId = 1, ApplyFont = true }) { Count = 4 });

    public static List<List<string>> Read(Stream input)
    {
        using var buffer = new MemoryStream();
        input.CopyTo(buffer);
        buffer.Position = 0;
        using var document = SpreadsheetDocument.Open(buffer, false);
        var workbookPart = document.WorkbookPart ?? throw new FormatException("no workbook");
        var first = workbookPart.Workbook.Sheets?.Elements<DocumentFormat.OpenXml.Spreadsheet.Sheet>().FirstOrDefault()
                    ?? throw new FormatException("no sheet");
        var worksheet = ((WorksheetPart)workbookPart.GetPartById(first.Id!.Value!)).Worksheet;
        var shared = workbookPart.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(i => i.InnerText).ToArray() ?? [];
        var dateStyles = DateStyleIndexes(workbookPart.WorkbookStylesPart?.Stylesheet);

        var rows = new List<List<string>>();
        foreach (var row in worksheet.Descendants<Row>())
        {
            var rowNumber = (int?)row.RowIndex?.Value ?? rows.Count + 1;
            while (rows.Count < rowNumber - 1) rows.Add([]);
            var cells = new List<string>();
            foreach (var cell in row.Elements<Cell>())
            {
                var column = cell.CellReference?.Value is { } reference ? ColumnIndex(reference) : cells.Count;
                while (cells.Count < column) cells.Add("");
                cells.Add(Text(cell, shared, dateStyles));
            }
            rows.Add(cells);
        }
        return rows;
    }

    private static string Text(Cell cell, string[] shared, HashSet<uint> dateStyles)
    {
        var raw = cell.CellValue?.Text ?? "";
        if (cell.DataType?.Value == CellValues.SharedString)
            return int.TryParse(raw, out var i) && i >= 0 && i < shared.Length ? shared[i] : "";
        if (cell.DataType?.Value == CellValues.InlineString) return cell.InlineString?.InnerText ?? "";
        if (cell.DataType?.Value == CellValues.Boolean) return raw is "1" or "true" ? "true" : "false";
        if (cell.DataType is null || cell.DataType.Value == CellValues.Number)
        {
            if (cell.StyleIndex?.Value is { } style && dateStyles.Contains(style)
                && double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var serial))
                return SpreadsheetFile.DateText(DateTime.FromOADate(serial));
        }
        return raw;
    }

    /// <summary>Indexes of cell formats showing a date: built-in formats 14–22 and 45–47, or a code with y/d/h.</summary>
    private static HashSet<uint> DateStyleIndexes(Stylesheet? stylesheet)
    {
        var result = new HashSet<uint>();
        if (stylesheet?.CellFormats is null) return result;
        var custom = stylesheet.NumberingFormats?.Elements<NumberingFormat>()
            .Where(f => f.NumberFormatId is not null)
            .ToDictionary(f => f.NumberFormatId!.Value, f => f.FormatCode?.Value ?? "") ?? [];
        uint index = 0;
        foreach (var format in stylesheet.CellFormats.Elements<CellFormat>())
        {
            var id = format.NumberFormatId?.Value ?? 0;
            var isDate = id is >= 14 and <= 22 or >= 45 and <= 47
                         || custom.TryGetValue(id, out var code) && LooksLikeDate(code);
            if (isDate) result.Add(index);
            index++;
        }
        return result;
    }

    private static bool LooksLikeDate(string code)
    {
        var outsideQuotes = string.Concat(code.Split('"').Where((_, i) => i % 2 == 0)).ToLowerInvariant();
        return outsideQuotes.IndexOfAny(['y', 'd', 'h']) >= 0;
    }

    private static int ColumnIndex(string reference)
    {
        var index = 0;
        foreach (var c in reference.TakeWhile(char.IsLetter)) index = index * 26 + (char.ToUpperInvariant(c) - 'A' + 1);
        return index - 1;
    }
}
