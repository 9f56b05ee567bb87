using Maillage.Platform.Data;
using Maillage.Platform.Identity;
using Maillage.Platform.Localization;
using Maillage.Platform.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Network.Partners;

/// <summary>The fields of a partner, shared by the create and edit pages.</summary>
internal sealed class PartnerInput
{
    public int CiteId { get; set; }
    public string? Name { get; set; }
    public PartnerType Type { get; set; } = PartnerType.Other;
    public List<PartnerRoles> Roles { get; set; } = [];
    public string? Publics { get; set; }
    public string? Website { get; set; }
    public List<int> PoleIds { get; set; } = [];
}

internal sealed record CiteChoice(int Id, string Name);
internal sealed record PoleChoice(int Id, string Name);
internal sealed record StructurePoles(int StructureId, string Structure, int CiteId, string Cite, IReadOnlyList<PoleChoice> Poles);

internal abstract class PartnerFormModel(MaillageDb db, StaffAccess access) : PageModel
{
    [BindProperty] public PartnerInput Input { get; set; } = new();
    public IReadOnlyList<CiteChoice> Cites { get; private set; } = [];
    public IReadOnlyList<StructurePoles> Structures { get; private set; } = [];
    public abstract bool IsNew { get; }
    protected MaillageDb Db => db;
    protected StaffAccess Access => access;

    /// <summary>Cités the person manages (all of them on create, the partner's on edit) and their poles.</summary>
    protected async Task LoadChoicesAsync(int? onlyCite)
    {
        var cites = await (await access.ManageableCitesAsync(StaffAccess.NetworkManagers)).AsNoTracking()
            .Where(c => onlyCite == null || c.Id == onlyCite).OrderBy(c => c.Name).Select(c => new CiteChoice(c.Id, c.Name)).ToListAsync();
        Cites = cites;
        var ids = cites.Select(c => c.Id).ToArray();
        var names = cites.ToDictionary(c => c.Id, c => c.Name);
        var structures = await db.Structures.AsNoTracking().Where(s => ids.Contains(s.CiteId) && s.Poles.Any())
            .OrderBy(s => s.CiteId).ThenBy(s => s.Name)
            .Select(s => new { s.Id, s.Name, s.CiteId, Poles = s.Poles.OrderBy(p => p.Order).Select(p => new PoleChoice(p.Id, p.Name)).ToList() })
            .ToListAsync();
        Structures = structures.Select(s => new StructurePoles(s.Id, s.Name, s.CiteId, names[s.CiteId], s.Poles)).ToList();
    }

    protected async Task<bool> ApplyAsync(Partner partner)
    {
        ModelState.LocalizeBindingErrors();
        var name = Input.Name?.Trim() ?? "";
        if (name.Length == 0)
            ModelState.AddModelError("Input.Name", Text.T("Indiquez le nom du partenaire.", "Enter the partner's name."));
        else if (name.Length > 200)
            ModelState.AddModelError("Input.Name", Text.T("Le nom ne doit pas dépasser 200 caractères.", "The name must be at most 200 characters."));
        else if (await db.Partners.AnyAsync(p => p.CiteId == Input.CiteId && p.Id != partner.Id && p.Name.ToLower() == name.ToLower()))
            ModelState.AddModelError("Input.Name", Text.T($"Un partenaire s'appelle déjà « {name} » dans cette Cité.", $"A partner called \"{name}\" already exists in this Cité."));
        if (!Enum.IsDefined(Input.Type))
            ModelState.AddModelError("Input.Type", Text.T("Choisissez un type de partenaire.", "Choose a type of partner."));
        var roles = PartnerRoles.None;
        foreach (var r in Input.Roles)
        {
            if (r is PartnerRoles.Funder or PartnerRoles.Prescriber or PartnerRoles.Provider) roles |= r;
            else ModelState.AddModelError("Input.Roles", Text.T("Choisissez des rôles de la liste.", "Choose roles from the list."));
        }
        var website = Input.Website?.Trim();
        if (!string.IsNullOrEmpty(website) && !(Uri.TryCreate(website, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
            ModelState.AddModelError("Input.Website", Text.T("Écrivez l'adresse du site complète, commençant par https://.", "Write the full website address, starting with https://."));
        var poleIds = Input.PoleIds.Distinct().ToList();
        var citePoles = await db.Poles.Where(p => poleIds.Contains(p.Id) && p.CiteId == Input.CiteId).Select(p => p.Id).ToListAsync();
        if (citePoles.Count != poleIds.Count)
            ModelState.AddModelError("Input.PoleIds", Text.T("Choisissez des pôles de la Cité de ce partenaire.", "Choose poles of this partner's Cité."));
        if (!ModelState.IsValid) return false;

        partner.CiteId = Input.CiteId;
        partner.Name = name;
        partner.Type = Input.Type;
        partner.Roles = roles;
        partner.Publics = string.IsNullOrWhiteSpace(Input.Publics) ? null : Input.Publics.Trim();
        partner.Website = string.IsNullOrEmpty(website) ? null : website;
        partner.Poles.RemoveAll(pp => !poleIds.Contains(pp.PoleId));
        foreach (var id in poleIds.Where(id => partner.Poles.All(pp => pp.PoleId != id)))
            partner.Poles.Add(new PartnerPole { CiteId = partner.CiteId, PoleId = id });
        return true;
    }
}
