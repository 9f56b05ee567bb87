using Maillage.Platform.Data;
using Maillage.Platform.Identity;
using Maillage.Platform.Localization;
using Maillage.Platform.Spreadsheets;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Agenda.Import;

/// <summary>
/// Import of an existing agenda: upload a CSV, XLSX or ODS file, read the preview (each row's errors,
/// nothing saved), then confirm to save every valid row at once. The file travels back with the
/// confirmation (a hidden field) and is checked again, so no state is kept between the two steps and
/// any instance behind a load balancer can take the confirmation.
/// </summary>
[Authorize(Policy = Policies.NetworkManagers)]
internal sealed class IndexModel(AgendaImporter importer, StaffAccess access) : PageModel
{
    public sealed record CiteChoice(int Id, string Name);

    public IReadOnlyList<CiteChoice> Cites { get; private set; } = [];
    [BindProperty] public int CiteId { get; set; }
    [BindProperty] public IFormFile? Upload { get; set; }
    /// <summary>The previewed file, base64, sent back with the confirmation.</summary>
    [BindProperty] public string? Previewed { get; set; }
    [BindProperty] public string? FileName { get; set; }
    [TempData] public string? Notice { get; set; }

    public ImportPreview? Preview { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        await LoadCitesAsync();
        return Page();
    }

    /// <summary>The template, with the headings and one example row.</summary>
    public IActionResult OnGetTemplate(string format) =>
        SpreadsheetFile.TryParseFormat(format, out var f) ? SpreadsheetFile.DownloadPage(f, "modele-agenda", AgendaImporter.Template()) : NotFound();

    public async Task<IActionResult> OnPostPreviewAsync(CancellationToken ct)
    {
        await LoadCitesAsync();
        if (!CiteAllowed()) return Forbid();
        if (Upload is null || Upload.Length == 0)
        {
            ModelState.AddModelError(nameof(Upload), Text.T("Choisissez un fichier CSV, XLSX ou ODS.", "Choose a CSV, XLSX or ODS file."));
            return Page();
        }
        if (!SpreadsheetFile.TryParseFormat(Upload.FileName, out _))
        {
            ModelState.AddModelError(nameof(Upload), Text.T("Le fichier doit être un CSV, un XLSX ou un ODS.", "The file must be a CSV, XLSX or ODS file."));
            return Page();
        }
        if (Upload.Length > AgendaImporter.MaxFileBytes)
        {
            ModelState.AddModelError(nameof(Upload), Text.T("Le fichier dépasse 2 Mo : découpez-le.", "The file is over 2 MB: split it."));
            return Page();
        }
        using var buffer = new MemoryStream();
        await Upload.CopyToAsync(buffer, ct);
        FileName = Path.GetFileName(Upload.FileName);
        Previewed = Convert.ToBase64String(buffer.ToArray());
        Preview = await ReadAsync(buffer.ToArray(), ct);
        return Page();
    }

    public async Task<IActionResult> OnPostConfirmAsync(CancellationToken ct)
    {
        await LoadCitesAsync();
        if (!CiteAllowed()) return Forbid();
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(Previewed ?? "");
        }
        catch (FormatException)
        {
            return BadRequest();
        }
        if (bytes.Length == 0 || bytes.Length > AgendaImporter.MaxFileBytes || !SpreadsheetFile.TryParseFormat(FileName, out _)) return BadRequest();
        Preview = await ReadAsync(bytes, ct);
        if (!Preview.CanSave)
        {
            ModelState.AddModelError(nameof(Upload), Text.T("Aucune ligne valide à enregistrer.", "No valid row to save."));
            return Page();
        }
        int saved;
        try
        {
            saved = await importer.SaveAsync(Preview, ct);
        }
        catch (DbUpdateException)
        {
            ModelState.AddModelError(nameof(Upload), Text.T("L'enregistrement a échoué : rien n'a été importé. Réessayez.", "Saving failed: nothing was imported. Try again."));
            return Page();
        }
        var skipped = Preview.Rows.Count(r => !r.IsValid);
        Notice = Plural.Of(saved, "{n} action importée", "{n} actions importées", "{n} event imported", "{n} events imported")
            + Plural.Of(skipped, " ; {n} ligne en erreur non importée.", " ; {n} lignes en erreur non importées.", "; {n} row with errors not imported.", "; {n} rows with errors not imported.");
        return Redirect("/gestion/agenda/import");
    }

    private async Task<ImportPreview> ReadAsync(byte[] bytes, CancellationToken ct)
    {
        SpreadsheetFile.TryParseFormat(FileName, out var format);
        using var stream = new MemoryStream(bytes, writable: false);
        return await importer.PreviewAsync(stream, format, CiteId, ct);
    }

    private bool CiteAllowed() => Cites.Any(c => c.Id == CiteId);

    private async Task LoadCitesAsync() =>
        Cites = await (await access.ManageableCitesAsync(StaffAccess.NetworkManagers)).OrderBy(c => c.Name).Select(c => new CiteChoice(c.Id, c.Name)).ToListAsync();
}
