using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace Maillage.Platform.Spreadsheets;

/// <summary>
/// OpenDocument spreadsheets (ODF 1.2): a ZIP holding <c>mimetype</c> (first, stored),
/// <c>META-INF/manifest.xml</c> and <c>content.xml</c>. No maintained .NET library writes ODS, and the
/// part of the format a table needs is small: typed cells (string, float, date, boolean), repeated
/// rows and columns on reading. See docs/decisions/0005-spreadsheets.md.
/// </summary>
internal static class OdsFormat
{
    private const string MimeType = "application/vnd.oasis.opendocument.spreadsheet";
    private static readonly XNamespace Office = "urn:oasis:names:tc:opendocument:xmlns:office:1.0";
    private static readonly XNamespace Table = "urn:oasis:names:tc:opendocument:xmlns:table:1.0";
    private static readonly XNamespace TextNs = "urn:oasis:names:tc:opendocument:xmlns:text:1.0";
    private static readonly XNamespace Style = "urn:oasis:names:tc:opendocument:xmlns:style:1.0";
    private static readonly XNamespace Number = "urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0";
    private static readonly XNamespace Fo = "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0";
    private static readonly XNamespace Manifest = "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0";
    /// <summary>Bounds on what a file may ask the reader to materialise.</summary>
    private const int MaxRows = 100_000, MaxColumns = 1_024;

    public static void Write(Stream output, IReadOnlyList<Sheet> sheets)
    {
        using var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
        using (var mime = new StreamWriter(zip.CreateEntry("mimetype", CompressionLevel.NoCompression).Open(), new UTF8Encoding(false)))
            mime.Write(MimeType);
        using (var stream = zip.CreateEntry("META-INF/manifest.xml").Open())
            new XDocument(new XElement(Manifest + "manifest",
                new XAttribute(XNamespace.Xmlns + "manifest", Manifest), new XAttribute(Manifest + "version", "1.2"),
                new XElement(Manifest + "file-entry", new XAttribute(Manifest + "full-path", "/"),
                    new XAttribute(Manifest + "version", "1.2"), new XAttribute(Manifest + "media-type", MimeType)),
                new XElement(Manifest + "file-entry", new XAttribute(Manifest + "full-path", "content.xml"),
                    new XAttribute(Manifest + "media-type", "text/xml")))).Save(stream);
        using (var stream = zip.CreateEntry("content.xml").Open())
        using (var writer = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new UTF8Encoding(false) }))
            Content(sheets).Save(writer);
    }

    private static XDocument Content(IReadOnlyList<Sheet> sheets) => new(new XElement(Office + "document-content",
        new XAttribute(XNamespace.Xmlns + "office", Office), new XAttribute(XNamespace.Xmlns + "table", Table),
        new XAttribute(XNamespace.Xmlns + "text", TextNs), new XAttribute(XNamespace.Xmlns + "style", Style),
        new XAttribute(XNamespace.Xmlns + "number", Number), new XAttribute(XNamespace.Xmlns + "fo", Fo),
        new XAttribute(Office + "version", "1.2"),
        new XElement(Office + "automatic-styles",
            DateStyle("N1", withTime: false), DateStyle("N2", withTime: true),
            new XElement(Style + "style", new XAttribute(Style + "name", "date"), new XAttribute(Style + "family", "table-cell"),
                new XAttribute(Style + "data-style-name", "N1")),
            new XElement(Style + "style", new XAttribute(Style + "name", "datetime"), new XAttribute(Style + "family", "table-cell"),
                new XAttribute(Style + "data-style-name", "N2")),
            new XElement(Style + "style", new XAttribute(Style + "name", "heading"), new XAttribute(Style + "family", "table-cell"),
                new XElement(Style + "text-properties", new XAttribute(Fo + "font-weight", "bold")))),
        new XElement(Office + "body", new XElement(Office + "spreadsheet",
            sheets.Select((sheet, i) => new XElement(Table + "table",
                new XAttribute(Table + "name", string.IsNullOrWhiteSpace(sheet.Name) ? $"Feuille {i + 1}" : sheet.Name),
                new XElement(Table + "table-column", new XAttribute(Table + "number-columns-repeated", Math.Max(1, sheet.Columns.Count))),
                sheet.Title is { } title ? new XElement(Table + "table-row", Cell(title, "heading")) : null,
                new XElement(Table + "table-row", sheet.Columns.Select(c => Cell(c, "heading"))),
                sheet.Rows.Select(row => new XElement(Table + "table-row", row.Select(v => Cell(v, null))))))))));

    private static XElement DateStyle(string name, bool withTime)
    {
        var parts = new List<XElement>
        {
            new(Number + "year", new XAttribute(Number + "style", "long")), new(Number + "text", "-"),
            new(Number + "month", new XAttribute(Number + "style", "long")), new(Number + "text", "-"),
            new(Number + "day", new XAttribute(Number + "style", "long")),
        };
        if (withTime)
            parts.AddRange([new(Number + "text", " "), new(Number + "hours", new XAttribute(Number + "style", "long")),
                new(Number + "text", ":"), new(Number + "minutes", new XAttribute(Number + "style", "long"))]);
        return new XElement(Number + "date-style", new XAttribute(Style + "name", name), parts);
    }

    private static XElement Cell(object? value, string? style)
    {
        var cell = new XElement(Table + "table-cell");
        if (style is not null) cell.Add(new XAttribute(Table + "style-name", style));
        switch (value)
        {
            case null: return cell;
            case bool b:
                cell.Add(new XAttribute(Office + "value-type", "boolean"), new XAttribute(Office + "boolean-value", b ? "true" : "false"));
                break;
            case DateOnly or DateTime or DateTimeOffset:
                var date = value switch { DateOnly d => d.ToDateTime(TimeOnly.MinValue), DateTime t => t, _ => ((DateTimeOffset)value).DateTime };
                var hasTime = value is DateTimeOffset || date.TimeOfDay != TimeSpan.Zero;
                cell.Add(new XAttribute(Office + "value-type", "date"),
                    new XAttribute(Office + "date-value", date.ToString(hasTime ? "yyyy-MM-ddTHH:mm:ss" : "yyyy-MM-dd", CultureInfo.InvariantCulture)));
                if (style is null) cell.Add(new XAttribute(Table + "style-name", hasTime ? "datetime" : "date"));
                break;
            case var _ when SpreadsheetFile.IsNumber(value):
                cell.Add(new XAttribute(Office + "value-type", "float"), new XAttribute(Office + "value", SpreadsheetFile.CellText(value)));
                break;
            default:
                cell.Add(new XAttribute(Office + "value-type", "string"));
                break;
        }
        foreach (var line in SpreadsheetFile.CellText(value).Split('\n')) cell.Add(Paragraph(line.TrimEnd('\r')));
        return cell;
    }

    /// <summary>A <c>text:p</c> keeping runs of spaces (ODF collapses them unless written as <c>text:s</c>).</summary>
    private static XElement Paragraph(string line)
    {
        var paragraph = new XElement(TextNs + "p");
        var i = 0;
        while (i < line.Length)
        {
            var start = i;
            if (line[i] == ' ' && (i == 0 || line[i - 1] == ' ' || i + 1 < line.Length && line[i + 1] == ' ' || i == line.Length - 1))
            {
                while (i < line.Length && line[i] == ' ') i++;
                paragraph.Add(new XElement(TextNs + "s", new XAttribute(TextNs + "c", i - start)));
                continue;
            }
            while (i < line.Length && !(line[i] == ' ' && (i + 1 < line.Length && line[i + 1] == ' ' || i == line.Length - 1))) i++;
            paragraph.Add(new XText(line[start..i]));
        }
        return paragraph;
    }

    public static List<List<string>> Read(Stream input)
    {
        using var buffer = new MemoryStream();
        input.CopyTo(buffer);
        buffer.Position = 0;
        using var zip = new ZipArchive(buffer, ZipArchiveMode.Read);
        var content = zip.GetEntry("content.xml") ?? throw new FormatException("content.xml absent");
        XDocument document;
        using (var stream = content.Open())
            document = XDocument.Load(XmlReader.Create(stream, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit }));
        var table = document.Descendants(Table + "table").FirstOrDefault() ?? throw new FormatException("no sheet");

        var rows = new List<List<string>>();
        foreach (var row in table.Descendants(Table + "table-row"))
        {
            var cells = new List<string>();
            foreach (var cell in row.Elements().Where(e => e.Name == Table + "table-cell" || e.Name == Table + "covered-table-cell"))
            {
                var repeat = Repeat(cell, "number-columns-repeated");
                var text = CellText(cell);
                // Padding repeated to the sheet's edge is empty: materialise it only up to the bound.
                for (var n = 0; n < repeat && cells.Count < MaxColumns; n++) cells.Add(text);
            }
            var rowRepeat = Repeat(row, "number-rows-repeated");
            for (var n = 0; n < rowRepeat; n++)
            {
                if (rows.Count >= MaxRows)
                {
                    if (cells.All(string.IsNullOrEmpty)) break;
                    throw new FormatException($"plus de {MaxRows} lignes / more than {MaxRows} rows");
                }
                rows.Add(n == 0 ? cells : [.. cells]);
            }
        }
        return rows;
    }

    private static int Repeat(XElement element, string attribute) =>
        int.TryParse((string?)element.Attribute(Table + attribute), out var n) && n > 0 ? n : 1;

    private static string CellText(XElement cell)
    {
        switch ((string?)cell.Attribute(Office + "value-type"))
        {
            case "float" or "percentage" or "currency":
                return (string?)cell.Attribute(Office + "value") ?? "";
            case "boolean":
                return (string?)cell.Attribute(Office + "boolean-value") ?? "";
            case "date" when (string?)cell.Attribute(Office + "date-value") is { } iso:
                return DateTime.TryParse(iso, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? SpreadsheetFile.DateText(date) : iso;
            case "time" when (string?)cell.Attribute(Office + "time-value") is { } duration:
                return XmlConvert.ToTimeSpan(duration).ToString(@"hh\:mm", CultureInfo.InvariantCulture);
        }
        return string.Join("\n", cell.Elements(TextNs + "p").Select(ParagraphText));
    }

    private static string ParagraphText(XElement paragraph)
    {
        var text = new StringBuilder();
        foreach (var node in paragraph.DescendantNodes())
        {
            if (node is XText t && node.Parent?.Name != TextNs + "note-citation") text.Append(t.Value);
            else if (node is XElement e && e.Name == TextNs + "s") text.Append(' ', Math.Max(1, (int?)e.Attribute(TextNs + "c") ?? 1));
            else if (node is XElement tab && tab.Name == TextNs + "tab") text.Append('\t');
            else if (node is XElement br && br.Name == TextNs + "line-break") text.Append('\n');
        }
        return text.ToString();
    }
}
