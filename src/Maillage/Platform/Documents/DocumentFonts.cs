using System.Reflection;
using PdfSharp.Fonts;

namespace Maillage.Platform.Documents;

/// <summary>
/// The fonts of the PDFs: DejaVu Sans, regular and bold, shipped in the assembly (Fonts/, with their licence), so that a
/// server without fonts renders the same documents, accents, € and the narrow no-break space of French figures
/// (U+202F) included. Italics are slanted by PDFsharp from the upright faces.
/// </summary>
internal sealed class DocumentFonts : IFontResolver
{
    public const string Family = "DejaVu Sans";
    private const string Regular = "DejaVuSans", Bold = "DejaVuSans-Bold";

    /// <summary>
    /// PDFsharp's font resolver is process-wide (<see cref="GlobalFontSettings"/>) and may be set once: it is set here, on
    /// first use, to this resolver, which only reads the assembly's resources (the same for every host in the process).
    /// </summary>
    private static readonly Lazy<DocumentFonts> Installed = new(() =>
    {
        var fonts = new DocumentFonts();
        GlobalFontSettings.FontResolver = fonts;
        return fonts;
    }, LazyThreadSafetyMode.ExecutionAndPublication);

    public static void EnsureInstalled() => _ = Installed.Value;

    private readonly Lazy<byte[]> regular = new(() => Load(Regular));
    private readonly Lazy<byte[]> bold = new(() => Load(Bold));

    public FontResolverInfo? ResolveTypeface(string familyName, bool isBold, bool isItalic) =>
        new(isBold ? Bold : Regular, mustSimulateBold: false, mustSimulateItalic: isItalic);

    public byte[]? GetFont(string faceName) => faceName == Bold ? bold.Value : regular.Value;

    private static byte[] Load(string face)
    {
        var assembly = typeof(DocumentFonts).Assembly;
        using var stream = assembly.GetManifestResourceStream($"Maillage.Platform.Documents.Fonts.{face}.ttf")
            ?? throw new InvalidOperationException($"Font {face} missing from the assembly's resources.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
