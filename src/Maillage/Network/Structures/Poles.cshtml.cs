using Maillage.Platform.Data;
using Maillage.Platform.Errors;
using Maillage.Platform.Identity;
using Maillage.Platform.Localization;
using Maillage.Platform.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Network.Structures;

[Authorize(Policy = Policies.NetworkManagers)]
internal sealed class PolesModel(MaillageDb db, StaffAccess access) : PageModel
{
    public sealed class NewPoleInput
    {
        public string? Name { get; set; }
        public string? NameEn { get; set; }
        public string? Description { get; set; }
    }

    [FromRoute] public int Id { get; set; }
    [BindProperty] public NewPoleInput NewPole { get; set; } = new();
    [TempData] public string? Notice { get; set; }
    public Structure Structure { get; private set; } = null!;
    /// <summary>What was typed in a rename form that was refused, to show it back.</summary>
    public (int PoleId, string? Name, string? NameEn)? Renaming { get; private set; }

    public static string RenameKey(int poleId) => $"pole-{poleId}-name";

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ?? Page();

    public async Task<IActionResult> OnPostAddAsync()
    {
        if (await LoadAsync() is { } refused) return refused;
        ModelState.LocalizeBindingErrors();
        try
        {
            Structure.AddPole(NewPole.Name ?? "", Clean(NewPole.NameEn), Clean(NewPole.Description));
        }
        catch (RuleViolation rule)
        {
            ModelState.AddRule(rule, nameof(NewPole));
            return Page();
        }
        await db.SaveChangesAsync();
        Notice = Text.T($"Pôle « {NewPole.Name!.Trim()} » ajouté.", $"Pole \"{NewPole.Name!.Trim()}\" added.");
        return Redirect($"/gestion/structures/{Id}/poles");
    }

    public async Task<IActionResult> OnPostRenameAsync(int poleId, string? name, string? nameEn)
    {
        if (await LoadAsync() is { } refused) return refused;
        ModelState.Clear();
        var pole = Structure.Poles.FirstOrDefault(p => p.Id == poleId);
        if (pole is null) return NotFound();
        var newName = name?.Trim() ?? "";
        if (newName.Length == 0)
            ModelState.AddModelError(RenameKey(poleId), Text.T("Le nom du pôle est obligatoire.", "The pole needs a name."));
        else if (Structure.Poles.Any(p => p.Id != poleId && string.Equals(p.Name.Trim(), newName, StringComparison.OrdinalIgnoreCase)))
            ModelState.AddModelError(RenameKey(poleId), Text.T($"Le pôle « {newName} » existe déjà ici.", $"The pole \"{newName}\" already exists here."));
        if (!ModelState.IsValid)
        {
            Renaming = (poleId, name, nameEn);
            return Page();
        }
        pole.Name = newName;
        pole.NameEn = Clean(nameEn);
        await db.SaveChangesAsync();
        Notice = Text.T($"Pôle renommé « {newName} ».", $"Pole renamed \"{newName}\".");
        return Redirect($"/gestion/structures/{Id}/poles");
    }

    public async Task<IActionResult> OnPostRemoveAsync(int poleId)
    {
        if (await LoadAsync() is { } refused) return refused;
        var pole = Structure.Poles.FirstOrDefault(p => p.Id == poleId);
        if (pole is null) return NotFound();
        Structure.Poles.Remove(pole);
        db.Poles.Remove(pole);
        var order = 1;
        foreach (var p in Structure.Poles.OrderBy(p => p.Order)) p.Order = order++;
        await db.SaveChangesAsync();
        Notice = Text.T($"Pôle « {pole.Name} » retiré.", $"Pole \"{pole.Name}\" removed.");
        return Redirect($"/gestion/structures/{Id}/poles");
    }

    /// <summary>Loads the structure; returns the refusal when it is missing or out of the person's scope.</summary>
    private async Task<IActionResult?> LoadAsync()
    {
        var structure = await db.Structures.Include(s => s.Poles).FirstOrDefaultAsync(s => s.Id == Id);
        if (structure is null) return NotFound();
        if (!await access.CanAsync(StaffAccess.NetworkManagers, structure)) return Forbid();
        structure.Poles = structure.Poles.OrderBy(p => p.Order).ThenBy(p => p.Name).ToList();
        Structure = structure;
        return null;
    }

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
