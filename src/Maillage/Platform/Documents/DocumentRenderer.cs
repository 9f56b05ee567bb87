using Maillage.Platform.Spreadsheets;

namespace Maillage.Platform.Documents;

/// <summary>
/// Renders a <see cref="Document"/> as a PDF (<see cref="PdfWriter"/>, PDFsharp and the fonts shipped in the assembly),
/// a DOCX (<see cref="DocxWriter"/>, the Open XML SDK) or spreadsheets (each table a <see cref="Sheet"/>, numbers kept
/// numbers), for <see cref="SpreadsheetFile"/> to write as XLSX or ODS. The printable page is the partial
/// <c>Platform/Documents/_Document.cshtml</c>; <see cref="DocumentResponse"/> serves whichever the request asks for.
/// Stateless: one instance serves the application.
/// </summary>
public sealed class DocumentRenderer
{
    /// <summary>The PDF; <paramref name="logo"/> (with its bytes) heads the first page — see <see cref="LogoAsync"/>.</summary>
    public byte[] Pdf(Document document, DocumentLogo? logo = null) => PdfWriter.Write(document, logo);

    /// <summary>The DOCX; <paramref name="logo"/> (with its bytes) goes in the first page's header.</summary>
    public byte[] Docx(Document document, DocumentLogo? logo = null) => DocxWriter.Write(document, logo);

    /// <summary>
    /// The logo of the Cité issuing <paramref name="document"/> (<see cref="Document.CiteId"/>), through the
    /// <see cref="ILetterheadSource"/> a module registered; null without a Cité, a source or a logo.
    /// </summary>
    public static async Task<DocumentLogo?> LogoAsync(IServiceProvider services, Document document, bool withContent, CancellationToken ct = default) =>
        document.CiteId is { } citeId && services.GetService<ILetterheadSource>() is { } source
            ? await source.FindLogoAsync(citeId, withContent, ct)
            : null;

    /// <summary>
    /// One sheet per table, named after its caption (the spreadsheet writers make names valid and unique), its first row
    /// the document's title, reference and the caption; a cell's number when it has one, else its text; the totals last.
    /// </summary>
    public IReadOnlyList<Sheet> Sheets(Document document)
    {
        var tables = document.Blocks.OfType<Table>().ToList();
        if (tables.Count == 0)
        {
            // A document without tables still opens as a spreadsheet: its title, nothing else.
            return [new Sheet(document.Title, [document.Title], [], Title: document.Reference)];
        }
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        return [.. tables.Select(table => new Sheet(
            UniqueName(table.Caption, names),
            [.. table.Columns.Select(c => c.Heading)],
            [.. table.Rows.Append(table.Totals).OfType<IReadOnlyList<Cell>>().Select(Values)],
            Title: string.Join(" — ", new[] { document.Title, document.Reference, table.Caption }.Where(t => !string.IsNullOrWhiteSpace(t)))))];
    }

    /// <summary>Two tables of one caption make two sheets all the same ("Actions", "Actions (2)").</summary>
    private static string UniqueName(string caption, HashSet<string> used)
    {
        var name = caption.Length > 31 ? caption[..31].TrimEnd() : caption;
        var candidate = name;
        for (var n = 2; !used.Add(candidate); n++) candidate = $"{(name.Length > 26 ? name[..26] : name)} ({n})";
        return candidate;
    }

    private static IReadOnlyList<object?> Values(IReadOnlyList<Cell> row) => [.. row.Select(c => c.Number is { } n ? (object)n : c.Text)];

    /// <summary>The file of a format (not <see cref="DocumentFormat.Html"/>, which is a page).</summary>
    public byte[] File(Document document, DocumentFormat format, DocumentLogo? logo = null) => format switch
    {
        DocumentFormat.Pdf => Pdf(document, logo),
        DocumentFormat.Docx => Docx(document, logo),
        DocumentFormat.Xlsx => SpreadsheetFile.ToBytes(SpreadsheetFormat.Xlsx, Sheets(document)),
        DocumentFormat.Ods => SpreadsheetFile.ToBytes(SpreadsheetFormat.Ods, Sheets(document)),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "The page is rendered by the partial _Document.cshtml."),
    };
}
