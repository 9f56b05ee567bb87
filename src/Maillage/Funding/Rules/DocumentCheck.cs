using System.IO.Compression;

namespace Maillage.Funding.Rules;

/// <summary>What a file is by its content, not its name: a PDF, an ODF text (ODT) or a Word document (DOCX); anything else is refused.</summary>
public static class DocumentCheck
{
    public const string Pdf = "application/pdf";
    public const string Odt = "application/vnd.oasis.opendocument.text";
    public const string Docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    /// <summary>The content type of the bytes, or null when they are none of the three.</summary>
    public static string? Detect(byte[] bytes)
    {
        if (bytes.Length >= 5 && bytes[0] == '%' && bytes[1] == 'P' && bytes[2] == 'D' && bytes[3] == 'F' && bytes[4] == '-') return Pdf;
        if (bytes.Length < 4 || bytes[0] != 'P' || bytes[1] != 'K' || bytes[2] != 3 || bytes[3] != 4) return null;
        try
        {
            using var zip = new ZipArchive(new MemoryStream(bytes), ZipArchiveMode.Read);
            if (zip.GetEntry("mimetype") is { } mime && mime.Length < 200)
            {
                using var reader = new StreamReader(mime.Open());
                if (reader.ReadToEnd().Trim() == Odt && zip.GetEntry("content.xml") is not null) return Odt;
                return null;
            }
            if (zip.GetEntry("[Content_Types].xml") is not null && zip.GetEntry("word/document.xml") is not null) return Docx;
        }
        catch (InvalidDataException)
        {
        }
        return null;
    }

    public static string Extension(string contentType) => contentType switch
    {
        Pdf => ".pdf",
        Odt => ".odt",
        _ => ".docx",
    };
}
