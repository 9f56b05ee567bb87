using System.Globalization;
using System.Text;
using Maillage.Platform.Localization;
using Maillage.Platform.Spreadsheets;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace Maillage.Platform.Documents;

/// <summary>
/// Serving a document, the same for a page and an endpoint: the output the request asks for — <c>?format=</c>
/// (pdf, docx, xlsx, ods, html), else the <c>Accept</c> header —, the file with its name, or 406 problem details for a
/// format not offered. <c>null</c> means the request named no document format: the caller answers as usual (a page
/// renders itself, an API endpoint its JSON).
/// </summary>
public static class DocumentResponse
{
    public static readonly IReadOnlyList<DocumentFormat> AllFormats =
        [DocumentFormat.Html, DocumentFormat.Pdf, DocumentFormat.Docx, DocumentFormat.Xlsx, DocumentFormat.Ods];

    /// <summary>The files an API endpoint offers (the page is for browsers; its JSON is the endpoint's own default).</summary>
    public static readonly IReadOnlyList<DocumentFormat> FileFormats =
        [DocumentFormat.Pdf, DocumentFormat.Docx, DocumentFormat.Xlsx, DocumentFormat.Ods];

    public static string Extension(DocumentFormat format) => format switch
    {
        DocumentFormat.Html => "html",
        DocumentFormat.Pdf => "pdf",
        DocumentFormat.Docx => "docx",
        DocumentFormat.Xlsx => "xlsx",
        _ => "ods",
    };

    public static string ContentType(DocumentFormat format) => format switch
    {
        DocumentFormat.Html => "text/html",
        DocumentFormat.Pdf => "application/pdf",
        DocumentFormat.Docx => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        DocumentFormat.Xlsx => SpreadsheetFile.ContentType(SpreadsheetFormat.Xlsx),
        _ => SpreadsheetFile.ContentType(SpreadsheetFormat.Ods),
    };

    /// <summary>How a download menu names a format.</summary>
    public static string MenuLabel(DocumentFormat format) => format switch
    {
        DocumentFormat.Html => Text.T("Page imprimable", "Printable page"),
        DocumentFormat.Pdf => "PDF",
        DocumentFormat.Docx => Text.T("DOCX (Word, modifiable)", "DOCX (Word, editable)"),
        DocumentFormat.Xlsx => SpreadsheetFile.MenuLabel(SpreadsheetFormat.Xlsx),
        _ => SpreadsheetFile.MenuLabel(SpreadsheetFormat.Ods),
    };

    public static bool TryParse(string? value, out DocumentFormat format)
    {
        foreach (var f in AllFormats)
        {
            if (string.Equals(value?.Trim(), Extension(f), StringComparison.OrdinalIgnoreCase)) { format = f; return true; }
        }
        format = default;
        return false;
    }

    /// <summary>
    /// The format the request asks for among <paramref name="offered"/> (all by default). False when it asks for none of
    /// them: an unknown or not offered <c>?format=</c>, or an <c>Accept</c> header naming only other types, without
    /// a wildcard nor JSON (answer <see cref="NotAcceptable"/>). True with <c>null</c> when it names no document format.
    /// </summary>
    public static bool TryChoose(HttpRequest request, out DocumentFormat? format, IReadOnlyCollection<DocumentFormat>? offered = null)
    {
        offered ??= AllFormats;
        format = null;
        if (request.Query.TryGetValue("format", out var asked) && !string.IsNullOrWhiteSpace(asked))
        {
            if (!TryParse(asked, out var parsed) || !offered.Contains(parsed)) return false;
            format = parsed;
            return true;
        }
        var accept = request.Headers.Accept.ToString();
        if (string.IsNullOrWhiteSpace(accept) || !MediaTypeHeaderValue.TryParseList(request.Headers.Accept, out var types)) return true;
        foreach (var type in types.OrderByDescending(t => t.Quality ?? 1.0))
        {
            if (type.Quality == 0) continue;
            var media = type.MediaType.Value ?? "";
            if (media is "*/*" or "application/*" or "application/json" or "application/problem+json" || media.EndsWith("+json", StringComparison.Ordinal)) return true;
            foreach (var f in offered)
            {
                if (string.Equals(media, ContentType(f), StringComparison.OrdinalIgnoreCase))
                {
                    format = f;
                    return true;
                }
            }
            if (media is "text/html" or "text/*" or "application/xhtml+xml") return true;
        }
        return false;
    }

    /// <summary>
    /// The document as a file of <paramref name="format"/>, named <paramref name="fileName"/> (without extension), its Cité's
    /// logo included (looked up when the response is written, <see cref="DocumentRenderer.LogoAsync"/>).
    /// </summary>
    public static DocumentResult File(DocumentRenderer renderer, Document document, DocumentFormat format, string fileName) =>
        new DocumentFile(renderer, document, format, $"{fileName}.{Extension(format)}");

    /// <summary>406 problem details naming the formats offered.</summary>
    public static NotAcceptableProblem NotAcceptable(IReadOnlyCollection<DocumentFormat>? offered = null) => new(offered ?? AllFormats);

    /// <summary>
    /// The whole negotiation for a caller that renders itself otherwise: the file asked for, 406, or <c>null</c> (no
    /// format named, or the page asked for: the caller renders its page or its JSON). The document is built only
    /// when a file is asked for.
    /// </summary>
    public static DocumentResult? Serve(HttpRequest request, DocumentRenderer renderer, Func<Document> document, string fileName, IReadOnlyCollection<DocumentFormat>? offered = null)
    {
        if (!TryChoose(request, out var format, offered)) return NotAcceptable(offered);
        return format is null or DocumentFormat.Html ? null : File(renderer, document(), format.Value, fileName);
    }
}

/// <summary>A response a page handler and a minimal API endpoint can both return.</summary>
public abstract class DocumentResult : IResult, IActionResult
{
    public abstract Task ExecuteAsync(HttpContext httpContext);

    public Task ExecuteResultAsync(ActionContext context) => ExecuteAsync(context.HttpContext);
}

/// <summary>A document's file, rendered when the response is written, once its Cité's logo is read.</summary>
internal sealed class DocumentFile(DocumentRenderer renderer, Document document, DocumentFormat format, string fileName) : DocumentResult
{
    public override async Task ExecuteAsync(HttpContext httpContext)
    {
        var logo = format is DocumentFormat.Pdf or DocumentFormat.Docx
            ? await DocumentRenderer.LogoAsync(httpContext.RequestServices, document, withContent: true, httpContext.RequestAborted)
            : null;
        await new FileDownload(renderer.File(document, format, logo), DocumentResponse.ContentType(format), fileName).ExecuteAsync(httpContext);
    }
}

/// <summary>
/// A file to download, for pages and endpoints alike (documents and spreadsheets): its bytes, its type and a
/// <c>Content-Disposition</c> with an ASCII name (accents dropped: "bilan-cite-geneve.pdf") for old clients and the exact
/// name in UTF-8 (<c>filename*</c>, RFC 6266) for the others.
/// </summary>
public sealed class FileDownload(byte[] content, string contentType, string fileName) : DocumentResult
{
    public byte[] Content => content;
    public string ContentType => contentType;
    public string FileName => fileName;

    public override async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.ContentType = contentType;
        response.ContentLength = content.Length;
        response.Headers.ContentDisposition = ContentDisposition(fileName);
        await response.Body.WriteAsync(content, httpContext.RequestAborted);
    }

    public static string ContentDisposition(string fileName) =>
        $"attachment; filename=\"{AsciiName(fileName)}\"; filename*=UTF-8''{Uri.EscapeDataString(fileName)}";

    /// <summary>The name in ASCII: letters without their accents (é → e, œ → oe), anything else not printable ASCII as '-'.</summary>
    public static string AsciiName(string fileName)
    {
        var ascii = new StringBuilder(fileName.Length);
        foreach (var c in fileName.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            ascii.Append(c switch
            {
                'œ' => "oe", 'Œ' => "OE", 'æ' => "ae", 'Æ' => "AE", 'ß' => "ss",
                '"' or '\\' or '/' or ';' => "-",
                _ when c is >= ' ' and <= '~' => c.ToString(),
                _ => "-",
            });
        }
        return ascii.ToString();
    }
}

/// <summary>406: the format asked for is not one the document is offered in (problem details naming those).</summary>
public sealed class NotAcceptableProblem(IReadOnlyCollection<DocumentFormat> offered) : DocumentResult
{
    public override async Task ExecuteAsync(HttpContext httpContext)
    {
        var formats = string.Join(", ", offered.Select(DocumentResponse.Extension));
        var problem = new ProblemDetails
        {
            Status = StatusCodes.Status406NotAcceptable,
            Title = Text.T("Ce format n'est pas proposé pour ce document.", "This format is not offered for this document."),
            Detail = Text.T($"Formats proposés (paramètre format ou en-tête Accept) : {formats}.", $"Formats offered (format parameter or Accept header): {formats}."),
            Extensions = { ["formats"] = offered.Select(DocumentResponse.Extension).ToArray() },
        };
        httpContext.Response.StatusCode = StatusCodes.Status406NotAcceptable;
        var written = await httpContext.RequestServices.GetRequiredService<IProblemDetailsService>()
            .TryWriteAsync(new() { HttpContext = httpContext, ProblemDetails = problem });
        // A client that accepts none of the formats may not accept JSON either: it gets the problem all the same.
        if (!written) await httpContext.Response.WriteAsJsonAsync(problem, (System.Text.Json.JsonSerializerOptions?)null, "application/problem+json", httpContext.RequestAborted);
    }
}
