using Maillage.Platform.Data;
using Maillage.Platform.Documents;
using Maillage.Platform.Identity;
using Maillage.Platform.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Network.Logos;

/// <summary>
/// The logo of each Cité the administrator administers: upload (PNG or JPEG, 1 MB at most, checked by its content),
/// replace, remove. It heads the Cité's documents (annual reports, calls for funds, register extracts…).
/// </summary>
[Authorize(Policy = Policies.Administrators)]
[RequestSizeLimit(10 * LogoImage.MaxBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = 10 * LogoImage.MaxBytes)] // a bigger file than 1 MB gets its field message, up to 10 MB
internal sealed class IndexModel(MaillageDb db, StaffAccess access) : PageModel
{
    private const int LogoMaxBytes = LogoImage.MaxBytes;

    public sealed record CiteRow(int Id, string Name, DocumentLogo? Logo);

    public IReadOnlyList<CiteRow> Cites { get; private set; } = [];
    [BindProperty] public int CiteId { get; set; }
    [BindProperty] public IFormFile? Upload { get; set; }
    [TempData] public string? Notice { get; set; }

    public async Task OnGetAsync(int? cite)
    {
        await LoadAsync();
        CiteId = cite is { } asked && Cites.Any(c => c.Id == asked) ? asked : Cites.FirstOrDefault()?.Id ?? 0;
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await LoadAsync();
        if (!await access.CanOnCiteAsync(StaffAccess.Administrators, CiteId) || Cites.All(c => c.Id != CiteId)) return Forbid();
        var refusal = CiteLogo.Refusal.Missing;
        CiteLogo? uploaded = null;
        if (Upload is { Length: > LogoMaxBytes }) refusal = CiteLogo.Refusal.TooLarge;
        else if (Upload is { Length: > 0 })
        {
            using var buffer = new MemoryStream();
            await Upload.CopyToAsync(buffer, ct);
            (uploaded, var why) = CiteLogo.From(CiteId, buffer.ToArray());
            refusal = why ?? refusal;
        }
        if (uploaded is null)
        {
            ModelState.AddModelError(nameof(Upload), refusal switch
            {
                CiteLogo.Refusal.TooLarge => Text.T("Le logo dépasse 1 Mo : réduisez-le (une largeur de 600 pixels suffit).", "The logo is over 1 MB: make it smaller (600 pixels wide is enough)."),
                CiteLogo.Refusal.NotAnImage => Text.T("Le fichier n'est pas une image PNG ou JPEG lisible : enregistrez le logo au format PNG ou JPEG.", "The file is not a readable PNG or JPEG image: save the logo as PNG or JPEG."),
                _ => Text.T("Choisissez le fichier du logo (PNG ou JPEG, 1 Mo au plus).", "Choose the logo's file (PNG or JPEG, 1 MB at most)."),
            });
            return Page();
        }
        var current = await db.Set<CiteLogo>().FirstOrDefaultAsync(l => l.CiteId == CiteId, ct);
        if (current is null) db.Add(uploaded);
        else current.ReplaceWith(uploaded);
        await db.SaveChangesAsync(ct);
        Notice = Text.T($"Logo de {NameOf(CiteId)} enregistré : il figure désormais sur ses documents.", $"Logo of {NameOf(CiteId)} saved: it now heads its documents.");
        return Redirect($"/gestion/cites/logo?cite={CiteId}");
    }

    public async Task<IActionResult> OnPostRemoveAsync(CancellationToken ct)
    {
        await LoadAsync();
        if (!await access.CanOnCiteAsync(StaffAccess.Administrators, CiteId) || Cites.All(c => c.Id != CiteId)) return Forbid();
        var current = await db.Set<CiteLogo>().FirstOrDefaultAsync(l => l.CiteId == CiteId, ct);
        if (current is not null)
        {
            db.Remove(current);
            await db.SaveChangesAsync(ct);
        }
        Notice = Text.T($"Logo de {NameOf(CiteId)} retiré : ses documents n'en ont plus.", $"Logo of {NameOf(CiteId)} removed: its documents have none any more.");
        return Redirect($"/gestion/cites/logo?cite={CiteId}");
    }

    private string NameOf(int citeId) => Cites.First(c => c.Id == citeId).Name;

    private async Task LoadAsync()
    {
        var cites = await (await access.ManageableCitesAsync(StaffAccess.Administrators)).OrderBy(c => c.Name).Select(c => new { c.Id, c.Name }).ToListAsync();
        var ids = cites.Select(c => c.Id).ToArray();
        var logos = await db.Set<CiteLogo>().AsNoTracking().Where(l => ids.Contains(l.CiteId))
            .Select(l => new { l.CiteId, l.ContentType, l.Width, l.Height, l.Version }).ToListAsync();
        Cites = [.. cites.Select(c => new CiteRow(c.Id, c.Name, logos.FirstOrDefault(l => l.CiteId == c.Id) is { } l
            ? new DocumentLogo(c.Id, c.Name, l.ContentType, l.Width, l.Height, l.Version) : null))];
    }
}
