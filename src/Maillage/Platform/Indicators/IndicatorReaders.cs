using System.Globalization;
using Maillage.Network;
using Maillage.Platform.Data;
using Maillage.Platform.Errors;
using Maillage.Platform.Identity;
using Maillage.Platform.Localization;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Platform.Indicators;

/// <summary>
/// What one reader may read of a Cité's indicators (docs/indicators.md, "Who reads what"): everything, exactly, for its
/// coordinators and administrators (and platform operators); the structures they manage, exactly, for those of a
/// structure; what the registered <see cref="IIndicatorAudience"/>s grant, under disclosure control, for anyone else.
/// </summary>
public sealed record IndicatorRight(int CiteId, IReadOnlySet<int>? Territories, IReadOnlySet<int>? Structures, bool DisclosureControl);

/// <summary>A reading asked for (query string of the API and of the staff page), checked against the reader's right.</summary>
public sealed record IndicatorReading(int CiteId, DateOnly From, DateOnly To, IReadOnlyList<string> Names,
    IReadOnlyCollection<int>? Structures, IReadOnlyCollection<int>? Territories, bool DisclosureControl);

/// <summary>The door's checks before <see cref="Indicators.ComputeAsync"/>: who reads, which Cité, which period, which places.</summary>
public sealed class IndicatorReaders(StaffAccess access, IEnumerable<IIndicatorAudience> audiences, IHttpContextAccessor http, MaillageDb db,
    Indicators indicators, TimeProvider clock)
{
    public const int MaxYears = 10;

    /// <summary>The reader's right on a Cité, or null when it reads nothing of it.</summary>
    public async Task<IndicatorRight?> RightAsync(int citeId, CancellationToken ct = default)
    {
        if (await access.CanOnCiteAsync(StaffAccess.NetworkManagers, citeId)) return new IndicatorRight(citeId, null, null, false);
        var managed = await (await access.ManageableStructuresAsync(StaffAccess.NetworkManagers)).AsNoTracking()
            .Where(s => s.CiteId == citeId).Select(s => s.Id).ToListAsync(ct);
        if (managed.Count > 0) return new IndicatorRight(citeId, null, managed.ToHashSet(), false);
        if (http.HttpContext?.User is not { } user) return null;
        var grants = new List<IndicatorGrant>();
        foreach (var audience in audiences)
            if (await audience.GrantAsync(user, citeId, ct) is { } grant) grants.Add(grant);
        if (grants.Count == 0) return null;
        var territories = grants.Any(g => g.Territories is null) ? null : grants.SelectMany(g => g.Territories!).ToHashSet();
        return new IndicatorRight(citeId, territories, null, true);
    }

    /// <summary>The Cités the reader may read something of, by name (the page's choice of Cité).</summary>
    public async Task<IReadOnlyList<(int Id, string Slug, string Name)>> CitesAsync(CancellationToken ct = default)
    {
        var ids = await access.CiteIdsAsync();
        var cites = await db.Cites.AsNoTracking().Where(c => ids == null || ids.Contains(c.Id)).OrderBy(c => c.Name)
            .Select(c => new { c.Id, c.Slug, c.Name }).ToListAsync(ct);
        var result = new List<(int, string, string)>();
        foreach (var c in cites)
            if (await RightAsync(c.Id, ct) is not null) result.Add((c.Id, c.Slug, c.Name));
        return result;
    }

    /// <summary>
    /// Reads and checks a query: <paramref name="cite"/> (slug or id; optional when the reader reads one Cité),
    /// <paramref name="scope"/> (cite, structure or territory: what the figures are narrowed to, checked against the other
    /// parameters), ids of territories and structures (repeated or comma-separated), the period (default: this year),
    /// the names. A bad value is a problem naming its field; what the reader may not read, a 403 naming it.
    /// </summary>
    public async Task<IndicatorReading> ReadAsync(string? cite, string? scope, IEnumerable<string?> territory, IEnumerable<string?> structure,
        string? from, string? to, string? names, CancellationToken ct = default)
    {
        var citeId = await CiteAsync(cite, ct);
        var right = await RightAsync(citeId, ct)
            ?? throw new RuleViolation("cite", new("Vous n'avez pas accès aux indicateurs de cette Cité.", "You may not read the indicators of this Cité."), StatusCodes.Status403Forbidden);
        var territories = Ids(territory, "territory", new("territoire", "territory"));
        var structures = Ids(structure, "structure", new("structure", "structure"));
        CheckScope(scope, territories, structures);
        var (start, end) = Period(from, to);
        var asked = (names ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal).ToList();

        if (right.Structures is { } own)
        {
            var outside = structures.Where(s => !own.Contains(s)).ToList();
            if (outside.Count > 0)
                throw new RuleViolation("structure", new($"Vous n'avez pas accès aux indicateurs de la structure n° {string.Join(", ", outside)}.",
                    $"You may not read the indicators of structure #{string.Join(", ", outside)}."), StatusCodes.Status403Forbidden);
            if (structures.Count == 0) structures = [.. own];
        }
        if (right.Territories is { } granted)
        {
            // A reader held to some territories never reads the whole Cité (issue 21, item 11): asking for it is refused, not narrowed silently.
            if (scope?.Trim().Equals("cite", StringComparison.OrdinalIgnoreCase) == true)
                throw new RuleViolation("scope", new("Vous n'avez pas accès aux indicateurs de toute la Cité : demandez un de vos territoires (scope=territory&territory=).",
                    "You may not read the indicators of the whole Cité: ask for one of your territories (scope=territory&territory=)."), StatusCodes.Status403Forbidden);
            var open = await indicators.ExpandAsync(citeId, granted, ct);
            var outside = territories.Where(t => !open.Contains(t)).ToList();
            if (outside.Count > 0)
                throw new RuleViolation("territory", new($"Vous n'avez pas accès aux indicateurs du territoire n° {string.Join(", ", outside)}.",
                    $"You may not read the indicators of territory #{string.Join(", ", outside)}."), StatusCodes.Status403Forbidden);
            if (territories.Count == 0) territories = [.. granted];
        }
        return new IndicatorReading(citeId, start, end, asked, structures.Count > 0 ? structures : null, territories.Count > 0 ? territories : null, right.DisclosureControl);
    }

    /// <summary>The figures of a checked reading.</summary>
    public Task<IReadOnlyList<IndicatorValue>> ComputeAsync(IndicatorReading r, CancellationToken ct = default) =>
        indicators.ComputeAsync(r.Names, r.CiteId, r.From, r.To, r.Structures, r.Territories, ct, r.DisclosureControl);

    private async Task<int> CiteAsync(string? cite, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(cite))
        {
            var readable = await CitesAsync(ct);
            if (readable.Count == 1) return readable[0].Id;
            throw new RuleViolation("cite", readable.Count == 0
                ? new("Vous n'avez accès aux indicateurs d'aucune Cité.", "You may not read the indicators of any Cité.")
                : new("Indiquez la Cité (cite=, son identifiant court).", "Name the Cité (cite=, its slug)."),
                readable.Count == 0 ? StatusCodes.Status403Forbidden : StatusCodes.Status400BadRequest);
        }
        var text = cite.Trim();
        var id = int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            ? await db.Cites.AsNoTracking().Where(c => c.Id == n).Select(c => (int?)c.Id).FirstOrDefaultAsync(ct)
            : await db.Cites.AsNoTracking().Where(c => c.Slug == text).Select(c => (int?)c.Id).FirstOrDefaultAsync(ct);
        // An unknown Cité and one outside the reader's right read the same: nothing tells them apart.
        return id ?? throw new RuleViolation("cite", new($"Vous n'avez pas accès aux indicateurs de la Cité « {DateInput.Shown(text)} ».",
            $"You may not read the indicators of the Cité \"{DateInput.Shown(text)}\"."), StatusCodes.Status403Forbidden);
    }

    private static List<int> Ids(IEnumerable<string?> values, string field, LocalizedText what)
    {
        var ids = new List<int>();
        foreach (var token in values.Where(v => v is not null).SelectMany(v => v!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            if (!int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id <= 0)
                throw new RuleViolation(field, new($"« {DateInput.Shown(token)} » n'est pas un identifiant de {what.Fr} (un entier ; plusieurs séparés par des virgules).",
                    $"\"{DateInput.Shown(token)}\" is not a {what.En} id (an integer; several separated by commas)."), StatusCodes.Status400BadRequest);
            if (!ids.Contains(id)) ids.Add(id);
        }
        if (ids.Count > 200)
            throw new RuleViolation(field, new("Au plus 200 identifiants.", "At most 200 ids."), StatusCodes.Status400BadRequest);
        return ids;
    }

    private static void CheckScope(string? scope, List<int> territories, List<int> structures)
    {
        if (string.IsNullOrWhiteSpace(scope)) return;
        var ok = scope.Trim().ToLowerInvariant() switch
        {
            "cite" => territories.Count == 0 && structures.Count == 0,
            "territory" => territories.Count > 0,
            "structure" or "structures" => structures.Count > 0,
            _ => throw new RuleViolation("scope", new($"« {DateInput.Shown(scope)} » : le périmètre est cite, structure ou territory.",
                $"\"{DateInput.Shown(scope)}\": the scope is cite, structure or territory."), StatusCodes.Status400BadRequest),
        };
        if (!ok)
            throw new RuleViolation("scope", new("Le périmètre ne correspond pas aux paramètres : scope=territory demande territory=, scope=structure demande structure=, scope=cite n'en prend aucun.",
                "The scope does not match the parameters: scope=territory needs territory=, scope=structure needs structure=, scope=cite takes neither."), StatusCodes.Status400BadRequest);
    }

    /// <summary>The period asked (both days included); the current calendar year by default, a year from <paramref name="from"/> when only it is given.</summary>
    public (DateOnly From, DateOnly To) Period(string? from, string? to)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var start = DateInput.Parse(from, "from") ?? new DateOnly(today.Year, 1, 1);
        var end = DateInput.Parse(to, "to") ?? (from is null ? new DateOnly(start.Year, 12, 31) : start.AddYears(1).AddDays(-1));
        if (end < start)
            throw new RuleViolation("to", new("La fin de la période précède son début.", "The period ends before it starts."));
        if (end > start.AddYears(MaxYears))
            throw new RuleViolation("to", new($"Une période couvre au plus {MaxYears} ans.", $"A period covers at most {MaxYears} years."));
        return (start, end);
    }
}
