using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Maillage.Platform.Documents;

/// <summary>
/// A <see cref="Document"/> as an A4 portrait PDF, laid out here on PDFsharp's drawing surface (MigraDoc is not served
/// here): title and reference on the first page; the issuer and the title in every page's header, "Page N / M" in every
/// footer (drawn once the page count is known); text wrapped at spaces (no-break spaces hold, line breaks kept); tables
/// that continue on the next page under their caption and heading row, number columns aligned right, the totals row
/// bold and ruled above. The issuing Cité's logo, when it has one, heads the first page top-left, above the title (as on
/// an official French letter), at most 48 pt high and 170 pt wide, its proportions kept; the other pages keep the header line.
/// </summary>
internal sealed class PdfWriter
{
    private static readonly XSize A4 = new(595.28, 841.89);
    private const double Left = 56.7, Right = 56.7, Top = 76, Bottom = 62;
    private const double CellPadX = 4, CellPadY = 3;
    private static readonly XColor Ink = XColor.FromArgb(0x1a, 0x1a, 0x1a);
    private static readonly XColor Muted = XColor.FromArgb(0x55, 0x55, 0x55);
    private static readonly XColor Rule = XColor.FromArgb(0xbb, 0xbb, 0xbb);
    private static readonly XColor HeadFill = XColor.FromArgb(0xea, 0xee, 0xf3);
    private static readonly XColor TotalsFill = XColor.FromArgb(0xf4, 0xf4, 0xf4);

    private const double LogoMaxHeight = 48, LogoMaxWidth = 170;
    private readonly Document document;
    private readonly DocumentLogo? logo;
    private XImage? logoImage;
    private readonly PdfDocument pdf = new();
    private readonly XFont body, bold, small, smallBold, title, h1, h2, h3, chrome;
    private readonly XBrush ink = new XSolidBrush(Ink), muted = new XSolidBrush(Muted);
    private readonly XPen rule = new(Rule, 0.5), strongRule = new(Ink, 1);
    private readonly Dictionary<(XFont, string), double> widths = [];
    private XGraphics? page;
    private readonly XGraphics measure = XGraphics.CreateMeasureContext(A4, XGraphicsUnit.Point, XPageDirection.Downwards, null);
    private double y;
    private static double Width => A4.Width - Left - Right;
    private static double Floor => A4.Height - Bottom;

    private PdfWriter(Document document, DocumentLogo? logo)
    {
        DocumentFonts.EnsureInstalled();
        this.document = document;
        this.logo = logo;
        var options = new XPdfFontOptions(PdfFontEncoding.Unicode);
        XFont Font(double size, XFontStyleEx style = XFontStyleEx.Regular) => new(DocumentFonts.Family, size, style, options);
        body = Font(10);
        bold = Font(10, XFontStyleEx.Bold);
        small = Font(8.5);
        smallBold = Font(8.5, XFontStyleEx.Bold);
        title = Font(18, XFontStyleEx.Bold);
        h1 = Font(14, XFontStyleEx.Bold);
        h2 = Font(12, XFontStyleEx.Bold);
        h3 = Font(10.5, XFontStyleEx.Bold);
        chrome = Font(8);
    }

    public static byte[] Write(Document document, DocumentLogo? logo = null) => new PdfWriter(document, logo).Render();

    private byte[] Render()
    {
        pdf.Info.Title = document.Title;
        pdf.Info.Author = document.Issuer;
        pdf.Info.Creator = "Maillage";
        pdf.Language = document.Language == "en" ? "en-GB" : "fr-FR";
        pdf.Options.CompressContentStreams = true;
        pdf.Options.NoCompression = false;
        NewPage();
        DrawLogo();
        Lines(Wrap(document.Title, title, Width), title, XStringAlignment.Near, 0, 1.2);
        if (!string.IsNullOrWhiteSpace(document.Reference))
        {
            y += 2;
            Lines(Wrap(document.Reference, body, Width), body, XStringAlignment.Near, 0, 1.3, muted);
        }
        y += 6;
        page!.DrawLine(strongRule, Left, y, Left + Width, y);
        y += 14;
        foreach (var block in document.Blocks)
        {
            switch (block)
            {
                case Heading h: DrawHeading(h); break;
                case Paragraph p: DrawParagraph(p); break;
                case BulletList l: DrawList(l); break;
                case Fields f: DrawFields(f); break;
                case Table t: DrawTable(t); break;
                case PageBreak: if (y > Top + 0.5) NewPage(); break;
            }
        }
        page?.Dispose();
        page = null;
        DrawPageChrome();
        measure.Dispose();
        using var output = new MemoryStream();
        pdf.Save(output, closeStream: false);
        logoImage?.Dispose();
        return output.ToArray();
    }

    private void NewPage()
    {
        page?.Dispose();
        var next = pdf.AddPage();
        next.Size = PageSize.A4;
        next.Orientation = PageOrientation.Portrait;
        page = XGraphics.FromPdfPage(next);
        y = Top;
    }

    /// <summary>The logo top-left of the first page, the title under it; a logo PDFsharp cannot read is left out, not fatal.</summary>
    private void DrawLogo()
    {
        if (logo?.Content is not { Length: > 0 } content) return;
        XImage image;
        try
        {
            image = XImage.FromStream(new MemoryStream(content, writable: false));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return;
        }
        logoImage = image;
        var scale = Math.Min(LogoMaxHeight / logo.Height, LogoMaxWidth / logo.Width);
        var (w, h) = (logo.Width * scale, logo.Height * scale);
        page!.DrawImage(image, Left, y, w, h);
        y += h + 14;
    }

    /// <summary>Header and footer of every page, once the number of pages is known.</summary>
    private void DrawPageChrome()
    {
        var count = pdf.PageCount;
        for (var i = 0; i < count; i++)
        {
            using var g = XGraphics.FromPdfPage(pdf.Pages[i], XGraphicsPdfPageOptions.Append);
            var headerBase = Top - 30;
            var issuerWidth = Math.Min(Measure(document.Issuer, chrome), Width * 0.6);
            g.DrawString(Fit(document.Issuer, chrome, Width * 0.6), chrome, muted, new XRect(Left, headerBase - 10, Width * 0.6, 12), XStringFormats.BottomLeft);
            g.DrawString(Fit(document.Title, chrome, Width - issuerWidth - 16), chrome, muted, new XRect(Left, headerBase - 10, Width, 12), XStringFormats.BottomRight);
            g.DrawLine(rule, Left, headerBase + 4, Left + Width, headerBase + 4);
            var footer = A4.Height - Bottom + 22;
            g.DrawLine(rule, Left, footer - 12, Left + Width, footer - 12);
            g.DrawString($"Page {i + 1} / {count}", chrome, muted, new XRect(Left, footer - 10, Width, 12), XStringFormats.TopRight);
        }
    }

    private void DrawHeading(Heading heading)
    {
        var font = heading.Level switch { <= 1 => h1, 2 => h2, _ => h3 };
        var lines = Wrap(heading.Text, font, Width);
        var before = heading.Level <= 1 ? 12 : 8;
        // Kept with what follows: the heading, and room for two lines of text under it.
        var needed = before + lines.Count * font.Height * 1.2 + 4 + body.Height * 2.6;
        if (y > Top + 0.5 && y + needed > Floor) NewPage();
        else if (y > Top + 0.5) y += before;
        Lines(lines, font, XStringAlignment.Near, 0, 1.2);
        y += 4;
    }

    private void DrawParagraph(Paragraph paragraph)
    {
        var font = paragraph.Style switch { TextStyle.Strong => bold, TextStyle.Small => small, _ => body };
        var align = paragraph.Style == TextStyle.Centred ? XStringAlignment.Center : XStringAlignment.Near;
        Lines(Wrap(paragraph.Text, font, Width), font, align, 0, 1.35);
        y += 6;
    }

    private void DrawList(BulletList list)
    {
        const double indent = 14;
        foreach (var item in list.Items)
        {
            var lines = Wrap(item, body, Width - indent);
            EnsureRoom(body.Height * 1.35);
            page!.DrawString("•", body, ink, new XRect(Left + 3, y, indent, body.Height), XStringFormats.TopLeft);
            Lines(lines, body, XStringAlignment.Near, indent, 1.35);
            y += 2;
        }
        y += 4;
    }

    private void DrawFields(Fields fields)
    {
        var labelWidth = Math.Min(Width * 0.38, fields.Items.Select(f => Measure(f.Label, bold)).DefaultIfEmpty(0).Max() + 12);
        var valueWidth = Width - labelWidth;
        foreach (var field in fields.Items)
        {
            var label = Wrap(field.Label, bold, labelWidth - 12);
            var value = Wrap(field.Value, body, valueWidth);
            var line = body.Height * 1.35;
            var height = Math.Max(label.Count, value.Count) * line;
            if (height <= Floor - Top) EnsureRoom(height);
            var top = y;
            Lines(label, bold, XStringAlignment.Near, 0, 1.35, width: labelWidth - 12);
            var afterLabel = y;
            y = top;
            Lines(value, body, XStringAlignment.Near, labelWidth, 1.35);
            y = Math.Max(y, afterLabel) + 3;
        }
        y += 5;
    }

    private void DrawTable(Table table)
    {
        var columns = table.Columns.Count;
        if (columns == 0) return;
        var widthsOf = ColumnWidths(table);
        var line = small.Height * 1.25;
        var caption = Wrap(table.Caption, smallBold, Width);
        var head = table.Columns.Select((c, i) => Wrap(c.Heading, smallBold, widthsOf[i] - 2 * CellPadX)).ToList();
        var headHeight = head.Max(h => h.Count) * line + 2 * CellPadY;

        void Start(bool continued)
        {
            var lines = continued ? Wrap(table.Caption + (document.Language == "en" ? " (continued)" : " (suite)"), smallBold, Width) : caption;
            Lines(lines, smallBold, XStringAlignment.Near, 0, 1.3);
            y += 2;
            DrawRow(head, widthsOf, table.Columns, smallBold, headHeight, line, HeadFill, header: true);
        }

        var firstRow = table.Rows.Count > 0 ? RowLines(table.Rows[0], widthsOf, small) : null;
        var opening = caption.Count * smallBold.Height * 1.3 + 2 + headHeight + (firstRow is null ? 0 : Height(firstRow, line));
        if (y > Top + 0.5 && y + opening > Floor) NewPage();
        Start(continued: false);
        foreach (var row in table.Rows)
        {
            var cells = ReferenceEquals(row, table.Rows[0]) && firstRow is not null ? firstRow : RowLines(row, widthsOf, small);
            var height = Height(cells, line);
            if (y + height > Floor)
            {
                NewPage();
                Start(continued: true);
            }
            DrawRow(cells, widthsOf, table.Columns, small, height, line, null, header: false);
        }
        if (table.Totals is { } totals)
        {
            var cells = RowLines(totals, widthsOf, smallBold);
            var height = Height(cells, line);
            if (y + height > Floor)
            {
                NewPage();
                Start(continued: true);
            }
            page!.DrawLine(strongRule, Left, y, Left + Width, y);
            DrawRow(cells, widthsOf, table.Columns, smallBold, height, line, TotalsFill, header: false);
        }
        y += 10;
    }

    private static double Height(List<List<string>> cells, double line) => cells.Max(c => Math.Max(1, c.Count)) * line + 2 * CellPadY;

    private List<List<string>> RowLines(IReadOnlyList<Cell> row, double[] columnWidths, XFont font) =>
        [.. columnWidths.Select((w, i) => i < row.Count ? Wrap(row[i].Text, font, w - 2 * CellPadX) : [])];

    private void DrawRow(List<List<string>> cells, double[] columnWidths, IReadOnlyList<Column> columns, XFont font, double height, double line, XColor? fill, bool header)
    {
        var g = page!;
        if (fill is { } colour) g.DrawRectangle(new XSolidBrush(colour), Left, y, Width, height);
        var x = Left;
        for (var i = 0; i < columnWidths.Length; i++)
        {
            var end = columns[i].Align == ColumnAlign.End;
            var format = end ? XStringFormats.TopRight : XStringFormats.TopLeft;
            var ty = y + CellPadY;
            foreach (var text in cells[i])
            {
                g.DrawString(text, font, ink, new XRect(x + CellPadX, ty, columnWidths[i] - 2 * CellPadX, line), format);
                ty += line;
            }
            x += columnWidths[i];
        }
        y += height;
        g.DrawLine(header ? strongRule : rule, Left, y, Left + Width, y);
    }

    /// <summary>
    /// Each column as wide as its longest cell (headings and a sample of the rows), the table as wide as the text: a
    /// column narrower than its share keeps its width, the others share the rest in proportion.
    /// </summary>
    private double[] ColumnWidths(Table table)
    {
        var n = table.Columns.Count;
        var natural = new double[n];
        var minimum = new double[n];
        var sample = table.Rows.Count <= 400 ? table.Rows : table.Rows.Take(200).Concat(table.Rows.Skip(table.Rows.Count - 200)).ToList();
        for (var i = 0; i < n; i++)
        {
            var headWords = table.Columns[i].Heading.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            minimum[i] = headWords.Select(w => Measure(w, smallBold)).DefaultIfEmpty(0).Max();
            natural[i] = Measure(table.Columns[i].Heading, smallBold);
            foreach (var row in sample.Append(table.Totals ?? []))
            {
                if (i >= row.Count) continue;
                foreach (var part in row[i].Text.Split('\n')) natural[i] = Math.Max(natural[i], Measure(part, row == table.Totals ? smallBold : small));
            }
            natural[i] += 2 * CellPadX + 1;
            minimum[i] = Math.Min(natural[i], Math.Max(minimum[i] + 2 * CellPadX + 1, 36));
        }
        var total = natural.Sum();
        if (total <= Width) return [.. natural.Select(w => w * Width / total)];
        var result = new double[n];
        var open = Enumerable.Range(0, n).ToList();
        var room = Width;
        while (true)
        {
            var share = room / open.Count;
            var fitting = open.Where(i => natural[i] <= share).ToList();
            if (fitting.Count == 0) break;
            foreach (var i in fitting) { result[i] = natural[i]; room -= natural[i]; open.Remove(i); }
            if (open.Count == 0) return result;
        }
        var rest = open.Sum(i => natural[i]);
        foreach (var i in open) result[i] = Math.Max(minimum[i], natural[i] * room / rest);
        var over = result.Sum() - Width;
        if (over > 0.01)
        {
            var shrinkable = open.Where(i => result[i] > minimum[i]).ToList();
            var slack = shrinkable.Sum(i => result[i] - minimum[i]);
            foreach (var i in shrinkable) result[i] -= over * (result[i] - minimum[i]) / Math.Max(slack, 0.01);
        }
        return result;
    }

    private void EnsureRoom(double height)
    {
        if (y + height > Floor) NewPage();
    }

    private void Lines(List<string> lines, XFont font, XStringAlignment align, double indent, double leading, XBrush? brush = null, double? width = null)
    {
        var lineHeight = font.Height * leading;
        var w = width ?? Width - indent;
        var format = new XStringFormat { Alignment = align, LineAlignment = XLineAlignment.Near };
        foreach (var text in lines)
        {
            EnsureRoom(lineHeight);
            page!.DrawString(text, font, brush ?? ink, new XRect(Left + indent, y, w, lineHeight), format);
            y += lineHeight;
        }
    }

    private double Measure(string text, XFont font)
    {
        if (text.Length == 0) return 0;
        if (widths.TryGetValue((font, text), out var width)) return width;
        width = measure.MeasureString(text, font).Width;
        if (text.Length <= 40) widths[(font, text)] = width;
        return width;
    }

    /// <summary>Lines of at most <paramref name="width"/>: broken at spaces (not at no-break spaces), at '\n', and inside a word too long for a line.</summary>
    private List<string> Wrap(string text, XFont font, double width)
    {
        var lines = new List<string>();
        foreach (var raw in text.Replace("\r\n", "\n").Split('\n'))
        {
            var paragraph = raw.TrimEnd();
            if (paragraph.Length == 0) { lines.Add(""); continue; }
            if (Measure(paragraph, font) <= width) { lines.Add(paragraph); continue; }
            var current = "";
            foreach (var word in paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var candidate = current.Length == 0 ? word : current + " " + word;
                if (Measure(candidate, font) <= width) { current = candidate; continue; }
                if (current.Length > 0) lines.Add(current);
                current = word;
                while (Measure(current, font) > width && current.Length > 1)
                {
                    var cut = current.Length - 1;
                    while (cut > 1 && Measure(current[..cut], font) > width) cut--;
                    lines.Add(current[..cut]);
                    current = current[cut..];
                }
            }
            if (current.Length > 0) lines.Add(current);
        }
        return lines;
    }

    private string Fit(string text, XFont font, double width)
    {
        if (Measure(text, font) <= width) return text;
        var cut = text.Length;
        while (cut > 1 && Measure(text[..cut] + "…", font) > width) cut--;
        return text[..cut].TrimEnd() + "…";
    }
}
