using System.Text.Json.Serialization;

namespace Maillage.Platform.Documents;

/// <summary>
/// A report, an extract or a dossier described once (ARCHITECTURE: "Documents"): the platform renders it as a printable
/// page, a PDF and a DOCX, and its tables as XLSX/ODS. A module builds one from its data; a sent document is frozen as a
/// <see cref="DocumentVersion"/> (its JSON), so that what was sent can be rendered again, identical, whatever changes later.
/// Texts are already in the document's language and figures already formatted for it; a cell may also carry its number
/// so that spreadsheets keep numbers as numbers.
/// </summary>
/// <param name="Title">The document's title (first page, page header of the PDF, name of the DOCX).</param>
/// <param name="Issuer">Who issues it: the Cité's name, printed in the header of every page.</param>
/// <param name="Language">"fr" or "en": the language of the texts and of the page numbers' words.</param>
/// <param name="Reference">A line under the title: a number, a version, "Version 2 envoyée le 15 janvier 2023".</param>
/// <param name="CiteId">
/// The Cité that issues it, when one does: its logo, if it has one, heads the document (the letterhead, through
/// <see cref="ILetterheadSource"/>); without it, or for a Cité without a logo, the document has none.
/// </param>
public sealed record Document(string Title, string Issuer, string Language, IReadOnlyList<DocumentBlock> Blocks, string? Reference = null, int? CiteId = null);

[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(Heading), "heading")]
[JsonDerivedType(typeof(Paragraph), "paragraph")]
[JsonDerivedType(typeof(BulletList), "list")]
[JsonDerivedType(typeof(Fields), "fields")]
[JsonDerivedType(typeof(Table), "table")]
[JsonDerivedType(typeof(PageBreak), "page-break")]
public abstract record DocumentBlock;

/// <summary>A section heading; level 1 under the document's title, 2 and 3 below.</summary>
public sealed record Heading(string Text, int Level = 1) : DocumentBlock;

public enum TextStyle { Normal, Strong, Small, Centred }

/// <summary>A paragraph of text; line breaks in <paramref name="Text"/> are kept.</summary>
public sealed record Paragraph(string Text, TextStyle Style = TextStyle.Normal) : DocumentBlock;

public sealed record BulletList(IReadOnlyList<string> Items) : DocumentBlock;

/// <summary>Label–value pairs (parties, dates, amounts of a record), printed as a two-column list.</summary>
public sealed record Fields(IReadOnlyList<Field> Items) : DocumentBlock;

public sealed record Field(string Label, string Value);

public enum ColumnAlign { Start, End }

public sealed record Column(string Heading, ColumnAlign Align = ColumnAlign.Start);

/// <summary>A cell: its text as printed, and its number when it is one (kept a number in XLSX/ODS).</summary>
public sealed record Cell(string Text, decimal? Number = null)
{
    public static implicit operator Cell(string text) => new(text);
}

/// <summary>
/// A table with a caption; it breaks across pages with its heading row repeated. <paramref name="Totals"/> is a last row
/// set apart (bold, ruled above).
/// </summary>
public sealed record Table(string Caption, IReadOnlyList<Column> Columns, IReadOnlyList<IReadOnlyList<Cell>> Rows, IReadOnlyList<Cell>? Totals = null) : DocumentBlock;

public sealed record PageBreak : DocumentBlock;

/// <summary>The outputs of a document (the page is HTML; the others are files).</summary>
public enum DocumentFormat { Html, Pdf, Docx, Xlsx, Ods }
