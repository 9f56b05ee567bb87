using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using W = DocumentFormat.OpenXml.Wordprocessing;
using A = DocumentFormat.OpenXml.Drawing;
using DW = DocumentFormat.OpenXml.Drawing.Wordprocessing;
using PIC = DocumentFormat.OpenXml.Drawing.Pictures;

namespace Maillage.Platform.Documents;

/// <summary>
/// A <see cref="Document"/> as a Word document the Cité can edit: Word's own styles (Title, Heading 1–3 — so that the
/// navigation pane lists the sections —, List Bullet, Caption, Table Grid), tables whose heading row repeats on every
/// page, the issuer in the page header and "Page N / M" fields in the footer, A4 with 2 cm margins. The issuing Cité's
/// logo, when it has one, is an image part of a first-page header (above the issuer's line), at most 40 pt high.
/// </summary>
internal static class DocxWriter
{
    private const string Font = "Arial";
    private const int BulletList = 1;

    private const long EmuPerPoint = 12700;
    private const double LogoMaxHeight = 40, LogoMaxWidth = 150;

    public static byte[] Write(Document document, DocumentLogo? logo = null)
    {
        using var output = new MemoryStream();
        using (var word = WordprocessingDocument.Create(output, WordprocessingDocumentType.Document))
        {
            word.PackageProperties.Title = document.Title;
            word.PackageProperties.Creator = document.Issuer;
            word.PackageProperties.Language = Lang(document);
            var main = word.AddMainDocumentPart();
            main.AddNewPart<StyleDefinitionsPart>().Styles = Styles(document);
            main.AddNewPart<NumberingDefinitionsPart>().Numbering = Numbering();
            var header = main.AddNewPart<HeaderPart>();
            header.Header = new W.Header(HeaderLine(document));
            var firstHeader = logo?.Content is { Length: > 0 } ? FirstPageHeader(main, document, logo) : null;
            var footer = main.AddNewPart<FooterPart>();
            footer.Footer = new W.Footer(new W.Paragraph(
                new ParagraphProperties(new ParagraphStyleId { Val = "Footer" }, new Justification { Val = JustificationValues.Right }),
                Run("Page "), Field("PAGE"), Run(" / "), Field("NUMPAGES")));

            var body = new Body();
            body.Append(Styled("Title", document.Title));
            if (!string.IsNullOrWhiteSpace(document.Reference)) body.Append(Styled("Subtitle", document.Reference));
            foreach (var block in document.Blocks) body.Append(Blocks(block));
            var section = new SectionProperties(
                new HeaderReference { Type = HeaderFooterValues.Default, Id = main.GetIdOfPart(header) });
            if (firstHeader is not null) section.Append(new HeaderReference { Type = HeaderFooterValues.First, Id = main.GetIdOfPart(firstHeader) });
            section.Append(new FooterReference { Type = HeaderFooterValues.Default, Id = main.GetIdOfPart(footer) });
            // The first page has its own header (the logo); its footer is the same "Page N / M".
            if (firstHeader is not null) section.Append(new FooterReference { Type = HeaderFooterValues.First, Id = main.GetIdOfPart(footer) });
            section.Append(new W.PageSize { Width = 11906U, Height = 16838U },
                new PageMargin { Top = 1134, Bottom = 1134, Left = 1134U, Right = 1134U, Header = 567U, Footer = 567U, Gutter = 0U });
            if (firstHeader is not null) section.Append(new TitlePage());
            body.Append(section);
            main.Document = new W.Document(body);
        }
        return output.ToArray();
    }

    private static W.Paragraph HeaderLine(Document document) =>
        new(new ParagraphProperties(new ParagraphStyleId { Val = "Header" }),
            Run(document.Issuer), new W.Run(new TabChar()), new W.Run(new TabChar()), Run(document.Title));

    /// <summary>The first page's header: the logo (an image part of this header), then the issuer's line.</summary>
    private static HeaderPart FirstPageHeader(MainDocumentPart main, Document document, DocumentLogo logo)
    {
        var part = main.AddNewPart<HeaderPart>();
        var image = part.AddImagePart(logo.ContentType);
        using (var stream = new MemoryStream(logo.Content!, writable: false)) image.FeedData(stream);
        var scale = Math.Min(LogoMaxHeight / logo.Height, LogoMaxWidth / logo.Width);
        var (cx, cy) = ((long)(logo.Width * scale * EmuPerPoint), (long)(logo.Height * scale * EmuPerPoint));
        var name = logo.ContentType == "image/png" ? "logo.png" : "logo.jpg";
        var drawing = new Drawing(new DW.Inline(
            new DW.Extent { Cx = cx, Cy = cy },
            new DW.EffectExtent { LeftEdge = 0L, TopEdge = 0L, RightEdge = 0L, BottomEdge = 0L },
            new DW.DocProperties { Id = 1U, Name = "Logo", Description = logo.Alt(document.Language) },
            new DW.NonVisualGraphicFrameDrawingProperties(new A.GraphicFrameLocks { NoChangeAspect = true }),
            new A.Graphic(new A.GraphicData(
                new PIC.Picture(
                    new PIC.NonVisualPictureProperties(new PIC.NonVisualDrawingProperties { Id = 0U, Name = name }, new PIC.NonVisualPictureDrawingProperties()),
                    new PIC.BlipFill(new A.Blip { Embed = part.GetIdOfPart(image) }, new A.Stretch(new A.FillRectangle())),
                    new PIC.ShapeProperties(
                        new A.Transform2D(new A.Offset { X = 0L, Y = 0L }, new A.Extents { Cx = cx, Cy = cy }),
                        new A.PresetGeometry(new A.AdjustValueList()) { Preset = A.ShapeTypeValues.Rectangle })))
            { Uri = "http://schemas.openxmlformats.org/drawingml/2006/picture" }))
        { DistanceFromTop = 0U, DistanceFromBottom = 0U, DistanceFromLeft = 0U, DistanceFromRight = 0U });
        part.Header = new W.Header(
            new W.Paragraph(new ParagraphProperties(new ParagraphStyleId { Val = "Header" }, new SpacingBetweenLines { After = "120" }), new W.Run(drawing)),
            HeaderLine(document));
        return part;
    }

    private static string Lang(Document document) => document.Language == "en" ? "en-GB" : "fr-FR";

    private static IEnumerable<OpenXmlElement> Blocks(DocumentBlock block)
    {
        switch (block)
        {
            case Heading h:
                yield return Styled($"Heading{Math.Clamp(h.Level, 1, 3)}", h.Text);
                break;
            case Paragraph p:
                var properties = new ParagraphProperties();
                if (p.Style == TextStyle.Centred) properties.Append(new Justification { Val = JustificationValues.Center });
                var paragraph = new W.Paragraph(properties);
                paragraph.Append(Runs(p.Text, p.Style == TextStyle.Strong, small: p.Style == TextStyle.Small));
                yield return paragraph;
                break;
            case BulletList l:
                foreach (var item in l.Items)
                {
                    var bullet = new W.Paragraph(new ParagraphProperties(new ParagraphStyleId { Val = "ListBullet" },
                        new NumberingProperties(new NumberingLevelReference { Val = 0 }, new NumberingId { Val = BulletList })));
                    bullet.Append(Runs(item, false));
                    yield return bullet;
                }
                break;
            case Fields f:
                yield return FieldsTable(f);
                yield return new W.Paragraph();
                break;
            case Table t:
                yield return Styled("Caption", t.Caption, keepNext: true);
                yield return DataTable(t);
                yield return new W.Paragraph();
                break;
            case PageBreak:
                yield return new W.Paragraph(new W.Run(new Break { Type = BreakValues.Page }));
                break;
        }
    }

    private static W.Table DataTable(Table table)
    {
        var grid = new TableGrid(table.Columns.Select(_ => new GridColumn()));
        var result = new W.Table(new TableProperties(
            new TableStyle { Val = "TableGrid" },
            new TableWidth { Width = "5000", Type = TableWidthUnitValues.Pct },
            new TableLook { Val = "04A0" }), grid);
        var head = new TableRow(new TableRowProperties(new TableHeader(), new CantSplit()));
        foreach (var column in table.Columns)
            head.Append(CellOf(column.Heading, column.Align, bold: true, shade: "EAEEF3"));
        result.Append(head);
        foreach (var row in table.Rows) result.Append(RowOf(table.Columns, row, bold: false));
        if (table.Totals is { } totals)
        {
            result.Append(RowOf(table.Columns, totals, bold: true, shade: "F4F4F4", ruleAbove: true));
        }
        return result;
    }

    private static TableRow RowOf(IReadOnlyList<Column> columns, IReadOnlyList<Cell> cells, bool bold, string? shade = null, bool ruleAbove = false)
    {
        var row = new TableRow(new TableRowProperties(new CantSplit()));
        for (var i = 0; i < columns.Count; i++)
            row.Append(CellOf(i < cells.Count ? cells[i].Text : "", columns[i].Align, bold, shade, ruleAbove));
        return row;
    }

    private static TableCell CellOf(string text, ColumnAlign align, bool bold, string? shade = null, bool ruleAbove = false)
    {
        var properties = new TableCellProperties();
        if (ruleAbove) properties.Append(new TableCellBorders(new TopBorder { Val = BorderValues.Double, Size = 6U, Color = "000000" }));
        if (shade is not null) properties.Append(new Shading { Val = ShadingPatternValues.Clear, Color = "auto", Fill = shade });
        var paragraph = new W.Paragraph(new ParagraphProperties(
            new SpacingBetweenLines { Before = "20", After = "20" },
            new Justification { Val = align == ColumnAlign.End ? JustificationValues.Right : JustificationValues.Left }));
        paragraph.Append(Runs(text, bold));
        return new TableCell(properties, paragraph);
    }

    private static W.Table FieldsTable(Fields fields)
    {
        var none = new TableBorders(new TopBorder { Val = BorderValues.None }, new LeftBorder { Val = BorderValues.None },
            new BottomBorder { Val = BorderValues.None }, new RightBorder { Val = BorderValues.None },
            new InsideHorizontalBorder { Val = BorderValues.None }, new InsideVerticalBorder { Val = BorderValues.None });
        var table = new W.Table(new TableProperties(new TableWidth { Width = "5000", Type = TableWidthUnitValues.Pct }, none),
            new TableGrid(new GridColumn { Width = "3200" }, new GridColumn { Width = "6438" }));
        foreach (var field in fields.Items)
        {
            table.Append(new TableRow(new TableRowProperties(new CantSplit()),
                new TableCell(new TableCellProperties(new TableCellWidth { Width = "1700", Type = TableWidthUnitValues.Pct }), new W.Paragraph(Runs(field.Label, true))),
                new TableCell(new TableCellProperties(new TableCellWidth { Width = "3300", Type = TableWidthUnitValues.Pct }), new W.Paragraph(Runs(field.Value, false)))));
        }
        return table;
    }

    private static W.Paragraph Styled(string style, string text, bool keepNext = false)
    {
        var properties = new ParagraphProperties(new ParagraphStyleId { Val = style });
        if (keepNext) properties.Append(new KeepNext());
        var paragraph = new W.Paragraph(properties);
        paragraph.Append(Runs(text, false));
        return paragraph;
    }

    /// <summary>The text's runs, its line breaks kept as Word line breaks.</summary>
    private static IEnumerable<W.Run> Runs(string text, bool bold, bool small = false)
    {
        var lines = text.Replace("\r\n", "\n").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var run = Run(lines[i]);
            if (bold || small)
            {
                var properties = new RunProperties();
                if (bold) properties.Append(new Bold());
                if (small) properties.Append(new FontSize { Val = "16" });
                run.PrependChild(properties);
            }
            if (i < lines.Length - 1) run.Append(new Break());
            yield return run;
        }
    }

    private static W.Run Run(string text) => new(new Text(text) { Space = SpaceProcessingModeValues.Preserve });

    private static SimpleField Field(string instruction) => new(Run("1")) { Instruction = $" {instruction} " };

    private static Styles Styles(Document document)
    {
        var defaults = new DocDefaults(
            new RunPropertiesDefault(new RunPropertiesBaseStyle(
                new RunFonts { Ascii = Font, HighAnsi = Font, ComplexScript = Font, EastAsia = Font },
                new FontSize { Val = "20" }, new FontSizeComplexScript { Val = "20" },
                new Languages { Val = Lang(document) })),
            new ParagraphPropertiesDefault(new ParagraphPropertiesBaseStyle(new SpacingBetweenLines { After = "120", Line = "264", LineRule = LineSpacingRuleValues.Auto })));
        return new Styles(defaults,
            ParagraphStyle("Normal", "Normal", null, null, isDefault: true),
            ParagraphStyle("Title", "Title", new ParagraphProperties(new SpacingBetweenLines { After = "80" }),
                new StyleRunProperties(new Bold(), new FontSize { Val = "36" })),
            ParagraphStyle("Subtitle", "Subtitle", new ParagraphProperties(new SpacingBetweenLines { After = "240" }),
                new StyleRunProperties(new Color { Val = "555555" })),
            Heading(1, "28", "240"), Heading(2, "24", "200"), Heading(3, "21", "160"),
            ParagraphStyle("Caption", "caption", new ParagraphProperties(new SpacingBetweenLines { Before = "120", After = "60" }),
                new StyleRunProperties(new Bold(), new FontSize { Val = "18" })),
            ParagraphStyle("ListBullet", "List Bullet", new ParagraphProperties(
                new NumberingProperties(new NumberingId { Val = BulletList }), new SpacingBetweenLines { After = "60" }), null),
            ParagraphStyle("Header", "header", null, new StyleRunProperties(new Color { Val = "555555" }, new FontSize { Val = "16" }),
                tabs: new Tabs(new TabStop { Val = TabStopValues.Center, Position = 4819 }, new TabStop { Val = TabStopValues.Right, Position = 9638 })),
            ParagraphStyle("Footer", "footer", null, new StyleRunProperties(new Color { Val = "555555" }, new FontSize { Val = "16" })),
            new Style(new StyleName { Val = "Table Grid" }, new UIPriority { Val = 59 },
                new StyleTableProperties(new TableBorders(
                    new TopBorder { Val = BorderValues.Single, Size = 4U, Color = "BBBBBB" },
                    new LeftBorder { Val = BorderValues.Single, Size = 4U, Color = "BBBBBB" },
                    new BottomBorder { Val = BorderValues.Single, Size = 4U, Color = "BBBBBB" },
                    new RightBorder { Val = BorderValues.Single, Size = 4U, Color = "BBBBBB" },
                    new InsideHorizontalBorder { Val = BorderValues.Single, Size = 4U, Color = "BBBBBB" },
                    new InsideVerticalBorder { Val = BorderValues.Single, Size = 4U, Color = "BBBBBB" }),
                    new TableCellMarginDefault(new TopMargin { Width = "0", Type = TableWidthUnitValues.Dxa },
                        new TableCellLeftMargin { Width = 85, Type = TableWidthValues.Dxa },
                        new BottomMargin { Width = "0", Type = TableWidthUnitValues.Dxa },
                        new TableCellRightMargin { Width = 85, Type = TableWidthValues.Dxa })))
            { Type = StyleValues.Table, StyleId = "TableGrid" });
    }

    private static Style Heading(int level, string size, string before) =>
        ParagraphStyle($"Heading{level}", $"heading {level}",
            new ParagraphProperties(new KeepNext(), new KeepLines(), new SpacingBetweenLines { Before = before, After = "80" },
                new OutlineLevel { Val = level - 1 }),
            new StyleRunProperties(new Bold(), new Color { Val = "1F3864" }, new FontSize { Val = size }));

    private static Style ParagraphStyle(string id, string name, ParagraphProperties? paragraph, StyleRunProperties? run, bool isDefault = false, Tabs? tabs = null)
    {
        var style = new Style { Type = StyleValues.Paragraph, StyleId = id, Default = isDefault ? true : null };
        style.Append(new StyleName { Val = name });
        if (!isDefault) style.Append(new BasedOn { Val = "Normal" });
        if (id.StartsWith("Heading", StringComparison.Ordinal) || id == "Caption") style.Append(new NextParagraphStyle { Val = "Normal" });
        style.Append(new PrimaryStyle());
        if (paragraph is not null || tabs is not null)
        {
            var properties = new StyleParagraphProperties();
            if (tabs is not null) properties.Append(tabs);
            if (paragraph is not null) foreach (var child in paragraph.ChildElements) properties.Append(child.CloneNode(true));
            style.Append(properties);
        }
        if (run is not null) style.Append(run);
        return style;
    }

    private static Numbering Numbering() => new(
        new AbstractNum(new MultiLevelType { Val = MultiLevelValues.SingleLevel },
            new Level(new StartNumberingValue { Val = 1 }, new NumberingFormat { Val = NumberFormatValues.Bullet },
                new LevelText { Val = "•" }, new LevelJustification { Val = LevelJustificationValues.Left },
                new PreviousParagraphProperties(new Indentation { Left = "360", Hanging = "360" }))
            { LevelIndex = 0 })
        { AbstractNumberId = 1 },
        new NumberingInstance(new AbstractNumId { Val = 1 }) { NumberID = BulletList });
}
