using System.Buffers.Binary;
using Microsoft.Net.Http.Headers;

namespace Maillage.Platform.Documents;

/// <summary>
/// The logo of the Cité that issues a document (<see cref="Document.CiteId"/>): drawn top-left on the PDF's first page,
/// in the DOCX's first-page header, and above the printable page's title (alt text "Logo de …"). <see cref="Content"/>
/// is null when only its description was asked for (a page links to <see cref="Url"/> instead of carrying the bytes).
/// </summary>
/// <param name="CiteName">The Cité's name, for the image's text alternative.</param>
/// <param name="Version">Changes whenever the logo does (a hash of its bytes): the URL carries it, so that it is cached for good.</param>
public sealed record DocumentLogo(int CiteId, string CiteName, string ContentType, int Width, int Height, string Version, byte[]? Content = null)
{
    public string Url => $"{LetterheadEndpoint.Path}/{CiteId}?v={Version}";

    /// <summary>The image's text alternative, in the document's language.</summary>
    public string Alt(string language) => language == "en" ? $"Logo of {CiteName}" : $"Logo de {CiteName}";
}

/// <summary>
/// The seam between documents and the Cité's settings (decision 0013's shape: the platform defines, a module answers):
/// the platform asks for the logo of a Cité and never reads the Network module's tables; Network keeps the logos and
/// implements this. No source registered, or a Cité without a logo: documents have no logo.
/// </summary>
public interface ILetterheadSource
{
    /// <summary>The Cité's logo, its bytes included when <paramref name="withContent"/>; null when it has none.</summary>
    Task<DocumentLogo?> FindLogoAsync(int citeId, bool withContent, CancellationToken ct);
}

/// <summary>The images a logo may be: PNG or JPEG, recognised by their content, with the size read from the image itself.</summary>
public static class LogoImage
{
    public const int MaxBytes = 1024 * 1024;

    /// <summary>
    /// What the bytes are: a PNG or a JPEG whose header gives a plausible size and that the PDF writer can read, else null
    /// (whatever the file's name).
    /// </summary>
    public static (string ContentType, int Width, int Height)? Inspect(byte[] bytes) =>
        Header(bytes) is { } found && Decodes(bytes) ? found : null;

    private static bool Decodes(byte[] bytes)
    {
        try
        {
            using var image = PdfSharp.Drawing.XImage.FromStream(new MemoryStream(bytes, writable: false));
            return image.PixelWidth > 0 && image.PixelHeight > 0;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return false;
        }
    }

    private static (string ContentType, int Width, int Height)? Header(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length >= 24 && bytes[..8].SequenceEqual<byte>([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
            && bytes[12..16].SequenceEqual("IHDR"u8))
        {
            var width = BinaryPrimitives.ReadInt32BigEndian(bytes[16..20]);
            var height = BinaryPrimitives.ReadInt32BigEndian(bytes[20..24]);
            return Plausible(width, height) && bytes.Length >= 33 && HasChunk(bytes, "IDAT"u8) && HasChunk(bytes, "IEND"u8) ? ("image/png", width, height) : null;
        }
        if (bytes.Length >= 4 && bytes[0] == 0xFF && bytes[1] == 0xD8 && bytes[2] == 0xFF) return Jpeg(bytes);
        return null;
    }

    private static bool Plausible(int width, int height) => width is > 0 and <= 10_000 && height is > 0 and <= 10_000;

    /// <summary>Walks the PNG's chunks (length, type, data, CRC): a file cut short or padded with other bytes fails.</summary>
    private static bool HasChunk(ReadOnlySpan<byte> bytes, ReadOnlySpan<byte> type)
    {
        var at = 8;
        while (at + 12 <= bytes.Length)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(bytes[at..(at + 4)]);
            if (length < 0 || at + 12 + (long)length > bytes.Length) return false;
            if (bytes[(at + 4)..(at + 8)].SequenceEqual(type)) return true;
            at += 12 + length;
        }
        return false;
    }

    /// <summary>The size from the first start-of-frame marker (SOF0–SOF15 but DHT, JPG and DAC), walking the segments.</summary>
    private static (string, int, int)? Jpeg(ReadOnlySpan<byte> bytes)
    {
        var at = 2;
        while (at + 4 <= bytes.Length)
        {
            if (bytes[at] != 0xFF) return null;
            var marker = bytes[at + 1];
            if (marker == 0xFF) { at++; continue; }
            if (marker is 0xD8 or 0x01 or (>= 0xD0 and <= 0xD7)) { at += 2; continue; }
            if (marker is 0xD9 or 0xDA) return null; // the image data or its end before any frame: no size
            var length = BinaryPrimitives.ReadUInt16BigEndian(bytes[(at + 2)..(at + 4)]);
            if (length < 2 || at + 2 + length > bytes.Length) return null;
            if (marker is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC)
            {
                if (length < 7) return null;
                var height = BinaryPrimitives.ReadUInt16BigEndian(bytes[(at + 5)..(at + 7)]);
                var width = BinaryPrimitives.ReadUInt16BigEndian(bytes[(at + 7)..(at + 9)]);
                return Plausible(width, height) ? ("image/jpeg", width, height) : null;
            }
            at += 2 + length;
        }
        return null;
    }

    /// <summary>The version of a logo: the first 16 hexadecimal digits of its SHA-256.</summary>
    public static string Version(byte[] content) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(content))[..16];
}

/// <summary>
/// <c>GET /documents/logos/{citeId}?v=…</c>: the logo a printable page shows, to anyone (it heads public documents such as
/// a register extract). With the current version in the URL it is cached for a year (a new logo has a new URL);
/// without it, for five minutes; <c>ETag</c> and <c>If-None-Match</c> answer 304.
/// </summary>
internal static class LetterheadEndpoint
{
    public const string Path = "/documents/logos";

    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet(Path + "/{citeId:int}", async (int citeId, string? v, HttpContext http, CancellationToken ct) =>
        {
            var source = http.RequestServices.GetService<ILetterheadSource>();
            if (source is null || await source.FindLogoAsync(citeId, withContent: true, ct) is not { Content: { } content } logo) return Results.NotFound();
            var etag = new EntityTagHeaderValue($"\"{logo.Version}\"");
            http.Response.Headers.CacheControl = v == logo.Version ? "public, max-age=31536000, immutable" : "public, max-age=300";
            http.Response.Headers.ETag = etag.ToString();
            if (http.Request.Headers.IfNoneMatch.ToString().Contains(etag.Tag.ToString(), StringComparison.Ordinal)) return Results.StatusCode(StatusCodes.Status304NotModified);
            return Results.File(content, logo.ContentType);
        }).AllowAnonymous().ExcludeFromDescription();
}
