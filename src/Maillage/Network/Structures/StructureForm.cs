using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Maillage.Network.OpeningHours;
using Maillage.Platform.Data;
using Maillage.Platform.Localization;
using Maillage.Platform.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Network.Structures;

/// <summary>
/// The fields of a structure, shared by the create and edit pages (one form, two routes), with the
/// checks that need the database: a name and a slug unique in the Cité, a commune, QPV and parent of the same Cité.
/// </summary>
internal sealed class StructureInput
{
    public int CiteId { get; set; }
    public StructureKind Kind { get; set; }
    public string? Name { get; set; }
    public string? Slug { get; set; }
    public string? Description { get; set; }
    public StructureStatus Status { get; set; }
    public string? OpenedOn { get; set; }
    public string? Street { get; set; }
    public string? PostalCode { get; set; }
    public string? City { get; set; }
    public string? Country { get; set; } = "FR";
    public string? Latitude { get; set; }
    public string? Longitude { get; set; }
    public int? CommuneId { get; set; }
    public int? QpvId { get; set; }
    public string? Accessibility { get; set; }
    public string? Phone { get; set; }
    public string? Email { get; set; }
    public string? Website { get; set; }
    public int? ParentId { get; set; }
    public string? Operator { get; set; }
    public string? OperatorUntil { get; set; }
    public string? TimeZoneId { get; set; } = "Europe/Paris";
    public HolidayCalendar Holidays { get; set; } = HolidayCalendar.France;

    public static StructureInput From(Structure s) => new()
    {
        CiteId = s.CiteId, Kind = s.Kind, Name = s.Name, Slug = s.Slug, Description = s.Description, Status = s.Status,
        OpenedOn = s.OpenedOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        Street = s.Street, PostalCode = s.PostalCode, City = s.City, Country = s.Country,
        Latitude = s.Latitude?.ToString(CultureInfo.InvariantCulture), Longitude = s.Longitude?.ToString(CultureInfo.InvariantCulture),
        CommuneId = s.CommuneId, QpvId = s.QpvId, Accessibility = s.Accessibility, Phone = s.Phone, Email = s.Email,
        Website = s.Website, ParentId = s.ParentId, Operator = s.Operator,
        OperatorUntil = s.OperatorUntil?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), TimeZoneId = s.TimeZoneId, Holidays = s.Holidays,
    };
}

internal sealed record Choice(int Id, string Name, int CiteId, string Cite);

/// <summary>What the structure form offers and how it checks and copies its input.</summary>
internal abstract class StructureFormModel(MaillageDb db) : PageModel
{
    public static readonly string[] TimeZones = ["Europe/Paris", "Europe/Zurich"];
    public static readonly string[] Countries = ["FR", "CH"];

    [BindProperty] public StructureInput Input { get; set; } = new();
    public IReadOnlyList<Choice> Cites { get; protected set; } = [];
    public IReadOnlyList<Choice> Communes { get; private set; } = [];
    public IReadOnlyList<Choice> Qpvs { get; private set; } = [];
    public IReadOnlyList<Choice> Parents { get; private set; } = [];
    public abstract bool IsNew { get; }
    protected MaillageDb Db => db;

    protected async Task LoadChoicesAsync(int[] citeIds, int? excludeStructure)
    {
        var names = await db.Cites.AsNoTracking().Where(c => citeIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Name);
        var territories = await db.Territories.AsNoTracking().Where(t => citeIds.Contains(t.CiteId) && (t.Kind == TerritoryKind.Commune || t.Kind == TerritoryKind.Qpv))
            .OrderBy(t => t.Name).Select(t => new { t.Id, t.Name, t.CiteId, t.Kind }).ToListAsync();
        Communes = territories.Where(t => t.Kind == TerritoryKind.Commune).Select(t => new Choice(t.Id, t.Name, t.CiteId, names[t.CiteId])).ToList();
        Qpvs = territories.Where(t => t.Kind == TerritoryKind.Qpv).Select(t => new Choice(t.Id, t.Name, t.CiteId, names[t.CiteId])).ToList();
        Parents = (await db.Structures.AsNoTracking().Where(s => citeIds.Contains(s.CiteId) && s.Id != excludeStructure)
            .OrderBy(s => s.Name).Select(s => new { s.Id, s.Name, s.CiteId }).ToListAsync())
            .Select(s => new Choice(s.Id, s.Name, s.CiteId, names[s.CiteId])).ToList();
    }

    /// <summary>Checks the input and copies it onto the structure; returns false (with messages) when something is wrong.</summary>
    protected async Task<bool> ApplyAsync(Structure structure)
    {
        ModelState.LocalizeBindingErrors();
        var i = Input;
        var id = structure.Id;
        var name = i.Name?.Trim() ?? "";
        if (name.Length == 0)
            ModelState.AddModelError("Input.Name", Text.T("Indiquez le nom de la structure.", "Enter the structure's name."));
        else if (name.Length > 200)
            ModelState.AddModelError("Input.Name", Text.T("Le nom ne doit pas dépasser 200 caractères.", "The name must be at most 200 characters."));
        else if (await db.Structures.AnyAsync(s => s.CiteId == i.CiteId && s.Id != id && s.Name.ToLower() == name.ToLower()))
            ModelState.AddModelError("Input.Name", Text.T($"Une structure s'appelle déjà « {name} » dans cette Cité : choisissez un autre nom.",
                $"A structure called \"{name}\" already exists in this Cité: choose another name."));

        var slug = string.IsNullOrWhiteSpace(i.Slug) ? Slugify(name) : i.Slug.Trim();
        if (name.Length > 0 && !Regex.IsMatch(slug, "^[a-z0-9]+(-[a-z0-9]+)*$") || slug.Length > 80)
            ModelState.AddModelError("Input.Slug", Text.T("L'identifiant d'adresse ne peut contenir que des minuscules sans accent, des chiffres et des tirets (80 caractères au plus).",
                "The address identifier may only hold unaccented lower-case letters, digits and hyphens (80 characters at most)."));
        else if (slug.Length > 0 && await db.Structures.AnyAsync(s => s.CiteId == i.CiteId && s.Id != id && s.Slug == slug))
            ModelState.AddModelError("Input.Slug", Text.T($"L'identifiant « {slug} » est déjà pris dans cette Cité.", $"The identifier \"{slug}\" is already taken in this Cité."));

        if (!Enum.IsDefined(i.Kind)) ModelState.AddModelError("Input.Kind", Text.T("Choisissez un type de structure.", "Choose a kind of structure."));
        if (!Enum.IsDefined(i.Status)) ModelState.AddModelError("Input.Status", Text.T("Choisissez un état.", "Choose a status."));
        if (!Enum.IsDefined(i.Holidays)) ModelState.AddModelError("Input.Holidays", Text.T("Choisissez un calendrier de jours fériés.", "Choose a holiday calendar."));
        if (!Countries.Contains(i.Country)) ModelState.AddModelError("Input.Country", Text.T("Choisissez la France ou la Suisse.", "Choose France or Switzerland."));
        if (!TimeZones.Contains(i.TimeZoneId)) ModelState.AddModelError("Input.TimeZoneId", Text.T("Choisissez un fuseau horaire de la liste.", "Choose a time zone from the list."));

        DateOnly? Date(string? value, string field)
        {
            if (string.IsNullOrWhiteSpace(value)) return null;
            if (DateOnly.TryParseExact(value.Trim(), ["yyyy-MM-dd", "dd/MM/yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) return d;
            ModelState.AddModelError($"Input.{field}", Text.T("Écrivez la date sous la forme 31/12/2024.", "Write the date as 31/12/2024."));
            return null;
        }
        var openedOn = Date(i.OpenedOn, nameof(i.OpenedOn));
        var operatorUntil = Date(i.OperatorUntil, nameof(i.OperatorUntil));

        double? latitude = null, longitude = null;
        if (!string.IsNullOrWhiteSpace(i.Latitude))
        {
            if (FormErrors.TryParseNumber(i.Latitude, out var lat) && lat is >= -90 and <= 90) latitude = lat;
            else ModelState.AddModelError("Input.Latitude", Text.T("La latitude est un nombre entre -90 et 90, par exemple 46,2044.", "The latitude is a number between -90 and 90, for example 46.2044."));
        }
        if (!string.IsNullOrWhiteSpace(i.Longitude))
        {
            if (FormErrors.TryParseNumber(i.Longitude, out var lon) && lon is >= -180 and <= 180) longitude = lon;
            else ModelState.AddModelError("Input.Longitude", Text.T("La longitude est un nombre entre -180 et 180, par exemple 6,1432.", "The longitude is a number between -180 and 180, for example 6.1432."));
        }
        if (latitude is null != longitude is null)
            ModelState.AddModelError(latitude is null ? "Input.Latitude" : "Input.Longitude",
                Text.T("Indiquez la latitude et la longitude, ou aucune des deux.", "Give both latitude and longitude, or neither."));

        var email = i.Email?.Trim();
        if (!string.IsNullOrEmpty(email) && !Regex.IsMatch(email, @"^[^@\s]+@[^@\s]+\.[^@\s.]+$"))
            ModelState.AddModelError("Input.Email", Text.T("Écrivez l'adresse e-mail sous la forme nom@exemple.fr.", "Write the email address as name@example.com."));
        var website = i.Website?.Trim();
        if (!string.IsNullOrEmpty(website) && !(Uri.TryCreate(website, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
            ModelState.AddModelError("Input.Website", Text.T("Écrivez l'adresse du site complète, commençant par https://.", "Write the full website address, starting with https://."));

        if (i.CommuneId is { } communeId && !await db.Territories.AnyAsync(t => t.Id == communeId && t.CiteId == i.CiteId && t.Kind == TerritoryKind.Commune))
            ModelState.AddModelError("Input.CommuneId", Text.T("Choisissez une commune du territoire de cette Cité.", "Choose a municipality of this Cité's territory."));
        if (i.QpvId is { } qpvId && !await db.Territories.AnyAsync(t => t.Id == qpvId && t.CiteId == i.CiteId && t.Kind == TerritoryKind.Qpv))
            ModelState.AddModelError("Input.QpvId", Text.T("Choisissez un quartier prioritaire de cette Cité.", "Choose a priority neighbourhood of this Cité."));
        if (i.ParentId is { } parentId && (parentId == id || !await db.Structures.AnyAsync(s => s.Id == parentId && s.CiteId == i.CiteId)
                                          || id != 0 && await IsDescendantAsync(parentId, id)))
            ModelState.AddModelError("Input.ParentId", Text.T("Choisissez une autre structure de la même Cité, qui ne dépende pas de celle-ci.", "Choose another structure of the same Cité that does not depend on this one."));

        if (!ModelState.IsValid) return false;

        structure.CiteId = i.CiteId;
        structure.Kind = i.Kind;
        structure.Name = name;
        structure.Slug = slug;
        structure.Description = Clean(i.Description);
        structure.Status = i.Status;
        structure.OpenedOn = openedOn;
        structure.Street = Clean(i.Street);
        structure.PostalCode = Clean(i.PostalCode);
        structure.City = Clean(i.City);
        structure.Country = i.Country!;
        structure.Latitude = latitude;
        structure.Longitude = longitude;
        structure.CommuneId = i.CommuneId;
        structure.QpvId = i.QpvId;
        structure.Accessibility = Clean(i.Accessibility);
        structure.Phone = Clean(i.Phone);
        structure.Email = Clean(email);
        structure.Website = Clean(website);
        structure.ParentId = i.ParentId;
        structure.Operator = Clean(i.Operator);
        structure.OperatorUntil = structure.Operator is null ? null : operatorUntil;
        structure.TimeZoneId = i.TimeZoneId!;
        structure.Holidays = i.Holidays;
        return true;
    }

    private async Task<bool> IsDescendantAsync(int candidate, int ancestor)
    {
        int? current = candidate;
        for (var depth = 0; current is not null && depth < 20; depth++)
        {
            if (current == ancestor) return true;
            var c = current.Value;
            current = await db.Structures.Where(s => s.Id == c).Select(s => s.ParentId).FirstOrDefaultAsync();
        }
        return false;
    }

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    public static string Slugify(string text)
    {
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder();
        foreach (var ch in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(ch) == UnicodeCategory.NonSpacingMark) continue;
            sb.Append(char.IsAsciiLetterOrDigit(ch) ? char.ToLowerInvariant(ch) : '-');
        }
        var slug = Regex.Replace(sb.ToString(), "-+", "-").Trim('-');
        return slug.Length > 80 ? slug[..80].TrimEnd('-') : slug;
    }
}
