using Maillage.Platform.Data;
using Maillage.Platform.Identity;
using Maillage.Platform.Localization;
using Maillage.Platform.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Network.Territories;

internal sealed class TerritoryInput
{
    public int CiteId { get; set; }
    public TerritoryKind Kind { get; set; }
    public string? Name { get; set; }
    public string? Code { get; set; }
    public int? ParentId { get; set; }
}

internal sealed record TerritoryChoice(int Id, string Name, TerritoryKind Kind, int CiteId, string Cite);

/// <summary>The territory form, shared by the list page (create) and the edit page.</summary>
internal abstract class TerritoryFormModel(MaillageDb db, StaffAccess access) : PageModel
{
    [BindProperty] public TerritoryInput Input { get; set; } = new();
    public IReadOnlyList<(int Id, string Name)> Cites { get; private set; } = [];
    public IReadOnlyList<TerritoryChoice> Parents { get; private set; } = [];
    public abstract bool IsNew { get; }
    protected MaillageDb Db => db;
    protected StaffAccess Access => access;

    protected async Task LoadChoicesAsync(int? onlyCite, int? exclude)
    {
        var cites = await (await access.ManageableCitesAsync(StaffAccess.NetworkManagers)).AsNoTracking()
            .Where(c => onlyCite == null || c.Id == onlyCite).OrderBy(c => c.Name).Select(c => new { c.Id, c.Name }).ToListAsync();
        Cites = cites.Select(c => (c.Id, c.Name)).ToList();
        var ids = cites.Select(c => c.Id).ToArray();
        var names = cites.ToDictionary(c => c.Id, c => c.Name);
        Parents = (await db.Territories.AsNoTracking().Where(t => ids.Contains(t.CiteId) && t.Id != exclude)
                .OrderBy(t => t.Kind).ThenBy(t => t.Name).Select(t => new { t.Id, t.Name, t.Kind, t.CiteId }).ToListAsync())
            .Select(t => new TerritoryChoice(t.Id, t.Name, t.Kind, t.CiteId, names[t.CiteId])).ToList();
    }

    protected async Task<bool> ApplyAsync(Territory territory)
    {
        ModelState.LocalizeBindingErrors();
        var name = Input.Name?.Trim() ?? "";
        if (name.Length == 0)
            ModelState.AddModelError("Input.Name", Text.T("Indiquez le nom du territoire.", "Enter the territory's name."));
        else if (name.Length > 200)
            ModelState.AddModelError("Input.Name", Text.T("Le nom ne doit pas dépasser 200 caractères.", "The name must be at most 200 characters."));
        else if (await db.Territories.AnyAsync(t => t.CiteId == Input.CiteId && t.Kind == Input.Kind && t.Id != territory.Id && t.Name.ToLower() == name.ToLower()))
            ModelState.AddModelError("Input.Name", Text.T($"Ce territoire existe déjà dans cette Cité : « {name} ».", $"This territory already exists in this Cité: \"{name}\"."));
        if (!Enum.IsDefined(Input.Kind))
            ModelState.AddModelError("Input.Kind", Text.T("Choisissez un type de territoire.", "Choose a kind of territory."));
        var code = Input.Code?.Trim();
        if (code?.Length > 20)
            ModelState.AddModelError("Input.Code", Text.T("Le code ne doit pas dépasser 20 caractères.", "The code must be at most 20 characters."));
        if (Input.ParentId is { } parentId && (parentId == territory.Id || !await db.Territories.AnyAsync(t => t.Id == parentId && t.CiteId == Input.CiteId)
                                              || territory.Id != 0 && await IsBelowAsync(parentId, territory.Id)))
            ModelState.AddModelError("Input.ParentId", Text.T("Choisissez un autre territoire de la même Cité, qui ne soit pas compris dans celui-ci.", "Choose another territory of the same Cité that is not inside this one."));
        if (!ModelState.IsValid) return false;
        territory.CiteId = Input.CiteId;
        territory.Kind = Input.Kind;
        territory.Name = name;
        territory.Code = string.IsNullOrEmpty(code) ? null : code;
        territory.ParentId = Input.ParentId;
        return true;
    }

    private async Task<bool> IsBelowAsync(int candidate, int ancestor)
    {
        int? current = candidate;
        for (var depth = 0; current is not null && depth < 20; depth++)
        {
            if (current == ancestor) return true;
            var c = current.Value;
            current = await db.Territories.Where(t => t.Id == c).Select(t => t.ParentId).FirstOrDefaultAsync();
        }
        return false;
    }
}
