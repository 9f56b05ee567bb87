using System.Globalization;
using Maillage.Network;
using Maillage.Platform.Data;
using Maillage.Platform.Errors;
using Maillage.Platform.Identity;
using Maillage.Platform.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Maillage.Roster.Contributions;

/// <summary>What the lines of a valuation are grouped by; several may be combined (partner and pole…).</summary>
internal enum ContributionGrouping { Partner, Pole, Structure, Month, Year }

/// <summary>A valuation's period (local dates, both included), scope and grouping.</summary>
internal sealed record ContributionFilter(int? CiteId, int? StructureId, DateOnly From, DateOnly To, IReadOnlyList<ContributionGrouping> GroupBy)
{
    public const int MaxYears = 10;

    public static readonly IReadOnlyList<ContributionGrouping> DefaultGrouping = [ContributionGrouping.Partner];

    /// <summary>The API's and the page's names of the groupings, e.g. "partner,pole".</summary>
    public string GroupByText => string.Join(",", GroupBy.Select(Name));

    public static string Name(ContributionGrouping g) => g.ToString().ToLowerInvariant();

    public static LocalizedText Label(ContributionGrouping g) => g switch
    {
        ContributionGrouping.Partner => new("Partenaire", "Partner"),
        ContributionGrouping.Pole => new("Pôle", "Pole"),
        ContributionGrouping.Structure => new("Structure", "Structure"),
        ContributionGrouping.Month => new("Mois", "Month"),
        _ => new("Année", "Year"),
    };

    /// <summary>Reads "partner,pole" (any case, any order); empty: by partner; anything else: a 400 naming groupBy.</summary>
    public static IReadOnlyList<ContributionGrouping> ParseGrouping(IEnumerable<string?> values)
    {
        var parts = values.Where(v => v is not null).SelectMany(v => v!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
        if (parts.Count == 0) return DefaultGrouping;
        var result = new List<ContributionGrouping>();
        foreach (var part in parts)
        {
            if (!Enum.TryParse<ContributionGrouping>(part, ignoreCase: true, out var g) || int.TryParse(part, out _))
                throw new RuleViolation("groupBy", new(
                    $"« {DateInput.Shown(part)} » : regroupez par partner, pole, structure, month ou year (plusieurs séparés par des virgules).",
                    $"\"{DateInput.Shown(part)}\": group by partner, pole, structure, month or year (several separated by commas)."), StatusCodes.Status400BadRequest);
            if (!result.Contains(g)) result.Add(g);
        }
        return result.OrderBy(g => g).ToList();
    }

    /// <summary>The period from the query: the current year by default; a bad date, an inverted or too long period → a 400 naming the field.</summary>
    public static (DateOnly From, DateOnly To) ParsePeriod(string? from, string? to, DateOnly today)
    {
        var start = DateInput.Parse(from, "from") ?? new DateOnly(today.Year, 1, 1);
        var end = DateInput.Parse(to, "to") ?? (from is null ? new DateOnly(today.Year, 12, 31) : start.AddYears(1).AddDays(-1));
        if (end < start)
            throw new RuleViolation("to", new("La fin de la période doit suivre son début.", "The end of the period must follow its start."), StatusCodes.Status400BadRequest);
        if (end > start.AddYears(MaxYears))
            throw new RuleViolation("to", new($"Une période couvre au plus {MaxYears} ans.", $"A period covers at most {MaxYears} years."), StatusCodes.Status400BadRequest);
        return (start, end);
    }
}

/// <summary>One line of a valuation: the hours held by the group, converted and valued, against what was committed.</summary>
internal sealed record ContributionLine(
    int? PartnerId, string? Partner, string? Pole, int? StructureId, string? Structure, DateOnly? Month, int? Year,
    int Slots, decimal Hours, decimal HalfDays, decimal Days, decimal FullTimeEquivalents, decimal? Euros,
    decimal? CommittedHours, decimal? CommittedDays, decimal? DifferenceHours, decimal? PercentHeld);

internal sealed record ContributionReport(ContributionFilter Filter, IReadOnlyList<ContributionLine> Lines, ContributionLine Total, bool ShowsCommitments);

/// <summary>
/// The valuation of contributions (issue 20, item 4): hours actually held — the held slots (planned; an absence is not
/// held, a replacement is a held slot of the replacing partner) — per partner, pole, structure, month and year, summed
/// in the database (one GROUP BY, never every slot), then converted (<see cref="ContributionOptions"/>) and compared
/// with the partners' commitments. Coordinators of a structure read theirs, administrators their Cité.
/// </summary>
internal sealed class Contributions(MaillageDb db, StaffAccess access, IOptions<ContributionOptions> options)
{
    /// <summary>Those who read and edit the valuation: coordinators (of their structures) and administrators (of their Cité).</summary>
    public static readonly StaffRole[] ReaderRoles = StaffAccess.NetworkManagers;

    private ContributionOptions Settings => options.Value;

    /// <summary>The structures the reader may value, with their Cité, zone and name.</summary>
    public async Task<IReadOnlyList<ScopeStructure>> ScopeAsync(CancellationToken ct) =>
        await (await access.ManageableStructuresAsync(ReaderRoles)).AsNoTracking()
            .OrderBy(s => s.Name).Select(s => new ScopeStructure(s.Id, s.Name, s.CiteId, s.Cite.Slug, s.Cite.Name, s.TimeZoneId)).ToListAsync(ct);

    internal sealed record ScopeStructure(int Id, string Name, int CiteId, string CiteSlug, string CiteName, string TimeZoneId);

    /// <summary>Narrows the scope to a Cité (by slug) and a structure; outside the reader's scope → 403 (a RuleViolation with that status).</summary>
    public static IReadOnlyList<ScopeStructure> Narrow(IReadOnlyList<ScopeStructure> scope, string? cite, int? structure)
    {
        var result = scope;
        if (!string.IsNullOrWhiteSpace(cite))
        {
            result = result.Where(s => string.Equals(s.CiteSlug, cite.Trim(), StringComparison.OrdinalIgnoreCase)).ToList();
            if (result.Count == 0)
                throw new RuleViolation("cite", new($"La Cité « {DateInput.Shown(cite)} » n'est pas dans votre périmètre.", $"The Cité \"{DateInput.Shown(cite)}\" is not in your scope."), StatusCodes.Status403Forbidden);
        }
        if (structure is { } id)
        {
            result = result.Where(s => s.Id == id).ToList();
            if (result.Count == 0)
                throw new RuleViolation("structure", new($"La structure n° {id} n'est pas dans votre périmètre.", $"Structure #{id} is not in your scope."), StatusCodes.Status403Forbidden);
        }
        return result;
    }

    public async Task<ContributionReport> BuildAsync(IReadOnlyList<ScopeStructure> structures, DateOnly from, DateOnly to, IReadOnlyList<ContributionGrouping> groupBy, CancellationToken ct)
    {
        var filter = new ContributionFilter(structures.Select(s => s.CiteId).Distinct().Count() == 1 ? structures[0].CiteId : null,
            structures.Count == 1 ? structures[0].Id : null, from, to, groupBy);
        var zone = TimeZoneInfo.FindSystemTimeZoneById(structures.Count > 0 ? structures[0].TimeZoneId : "Europe/Paris");
        var months = Months(from, to);
        var rows = structures.Count == 0 ? [] : await HeldAsync(structures.Select(s => s.Id).ToList(), months, from, to, zone, ct);

        var ids = structures.Select(s => s.Id).ToList();
        var years = months.Select(m => m.Year).Distinct().ToList();
        var commitments = await db.PartnerCommitments.AsNoTracking()
            .Where(c => ids.Contains(c.StructureId) && years.Contains(c.Year)).ToListAsync(ct);
        var rates = commitments.Where(c => c.HourlyRate is not null).ToDictionary(c => (c.PartnerId, c.StructureId, c.Year), c => c.HourlyRate!.Value);
        var citeIds = structures.Select(s => s.CiteId).Distinct().ToList();
        var functionRates = (await db.FunctionRates.AsNoTracking().Where(r => citeIds.Contains(r.CiteId) && years.Contains(r.Year)).ToListAsync(ct))
            .ToDictionary(r => (r.CiteId, r.Year, r.Function), r => r.HourlyRate);
        var citeOf = structures.ToDictionary(s => s.Id, s => s.CiteId);

        var showsCommitments = !groupBy.Contains(ContributionGrouping.Pole) && !groupBy.Contains(ContributionGrouping.Month);
        // A partner who committed and held nothing yet still has a line (0 h, 0 %).
        var fine = rows.Select(r => new Fine(r.PartnerId, r.PoleId, r.StructureId, months[r.Month], r.Slots, r.Ticks)).ToList();
        if (showsCommitments)
            foreach (var c in commitments.Where(c => !fine.Any(f => f.PartnerId == c.PartnerId && f.StructureId == c.StructureId && f.Month.Year == c.Year)))
                fine.Add(new Fine(c.PartnerId, null, c.StructureId, months.First(m => m.Year == c.Year), 0, 0));

        var partnerIds = fine.Select(f => f.PartnerId).Distinct().ToList();
        var partners = await db.Partners.AsNoTracking().Where(p => partnerIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        var poleIds = fine.Where(f => f.PoleId is not null).Select(f => f.PoleId!.Value).Distinct().ToList();
        var poleRows = await db.Poles.AsNoTracking().Where(p => poleIds.Contains(p.Id)).ToListAsync(ct);
        var poles = poleRows.ToDictionary(p => p.Id, p => p.DisplayName);
        var functions = poleRows.ToDictionary(p => p.Id, p => p.Name);
        var structureNames = structures.ToDictionary(s => s.Id, s => s.Name);

        // What a (partner, structure, year) committed over the period: the year's commitment, pro rata of the year the period covers.
        var committed = commitments.ToDictionary(c => (c.PartnerId, c.StructureId, c.Year), c => CommittedHours(c) * YearShare(c.Year, from, to));

        // An hour's worth: the partner's own rate for the structure and year, else the function's (the pole held) in the
        // Cité that year, else the default.
        decimal HourlyRate(Fine f) =>
            rates.TryGetValue((f.PartnerId, f.StructureId, f.Month.Year), out var rate) ? rate
            : f.PoleId is { } pole && functions.TryGetValue(pole, out var function)
              && functionRates.TryGetValue((citeOf[f.StructureId], f.Month.Year, function), out var functionRate) ? functionRate
            : Settings.DefaultHourlyRate;

        ContributionLine Line(IEnumerable<Fine> group, Fine key)
        {
            var list = group.ToList();
            var hours = list.Sum(f => (decimal)f.Ticks / TimeSpan.TicksPerHour);
            decimal? euros = null;
            var valued = list.Select(f => HourlyRate(f)).ToList();
            if (valued.Any(r => r > 0))
                euros = Round(list.Select((f, i) => (decimal)f.Ticks / TimeSpan.TicksPerHour * valued[i]).Sum(), 2);
            decimal? committedHours = null;
            if (showsCommitments)
            {
                var keys = list.Select(f => (f.PartnerId, f.StructureId, f.Month.Year)).Distinct().ToList();
                var found = keys.Where(committed.ContainsKey).ToList();
                if (found.Count > 0) committedHours = found.Sum(k => committed[k]);
            }
            var periodShare = Enumerable.Range(from.Year, to.Year - from.Year + 1).Sum(y => YearShare(y, from, to));
            var has = (ContributionGrouping g) => groupBy.Contains(g);
            return new ContributionLine(
                has(ContributionGrouping.Partner) ? key.PartnerId : null, has(ContributionGrouping.Partner) ? partners.GetValueOrDefault(key.PartnerId) : null,
                has(ContributionGrouping.Pole) && key.PoleId is { } pole ? poles.GetValueOrDefault(pole) : null,
                has(ContributionGrouping.Structure) ? key.StructureId : null, has(ContributionGrouping.Structure) ? structureNames.GetValueOrDefault(key.StructureId) : null,
                has(ContributionGrouping.Month) ? key.Month : null, has(ContributionGrouping.Year) || has(ContributionGrouping.Month) ? key.Month.Year : null,
                list.Sum(f => f.Slots), Round(hours, 2), Round(hours / Settings.HoursPerHalfDay, 2), Round(hours / Settings.HoursPerDay, 2),
                Round(hours / (Settings.FullTimeHours * periodShare), 3), euros,
                committedHours is { } c1 ? Round(c1, 2) : null, committedHours is { } c2 ? Round(c2 / Settings.HoursPerDay, 2) : null,
                committedHours is { } c3 ? Round(hours - c3, 2) : null, committedHours is { } c4 && c4 > 0 ? Round(hours / c4 * 100, 1) : null);
        }

        var lines = fine.GroupBy(f => (
                Partner: groupBy.Contains(ContributionGrouping.Partner) ? f.PartnerId : 0,
                Pole: groupBy.Contains(ContributionGrouping.Pole) && f.PoleId is { } p ? poles.GetValueOrDefault(p, "") : "",
                Structure: groupBy.Contains(ContributionGrouping.Structure) ? f.StructureId : 0,
                Month: groupBy.Contains(ContributionGrouping.Month) ? f.Month : default,
                Year: groupBy.Contains(ContributionGrouping.Year) ? f.Month.Year : 0))
            .Select(g => Line(g, g.First()))
            .OrderBy(l => l.Partner, StringComparer.Create(CultureInfo.GetCultureInfo("fr-FR"), true)).ThenBy(l => l.Structure).ThenBy(l => l.Year).ThenBy(l => l.Month).ThenBy(l => l.Pole)
            .ToList();
        var total = fine.Count == 0
            ? new ContributionLine(null, null, null, null, null, null, null, 0, 0, 0, 0, 0, null, null, null, null, null)
            : Line(fine, fine[0]) with { PartnerId = null, Partner = null, Pole = null, StructureId = null, Structure = null, Month = null, Year = null };
        return new ContributionReport(filter, lines, total, showsCommitments);
    }

    private sealed record Fine(int PartnerId, int? PoleId, int StructureId, DateOnly Month, int Slots, long Ticks);

    /// <summary>A commitment in hours: its hours, else its days at <see cref="ContributionOptions.HoursPerDay"/>.</summary>
    private decimal CommittedHours(PartnerCommitment c) => c.Hours ?? (c.Days ?? 0m) * Settings.HoursPerDay;

    /// <summary>The share of year <paramref name="year"/> the period [from, to] covers (1 for the whole year).</summary>
    public static decimal YearShare(int year, DateOnly from, DateOnly to)
    {
        var first = new DateOnly(year, 1, 1);
        var last = new DateOnly(year, 12, 31);
        var start = from > first ? from : first;
        var end = to < last ? to : last;
        if (end < start) return 0m;
        return (decimal)(end.DayNumber - start.DayNumber + 1) / (last.DayNumber - first.DayNumber + 1);
    }

    /// <summary>Rounded half away from zero, without trailing zeros (PostgreSQL's numeric keeps the column's scale, SQLite's text does not: one output).</summary>
    public static decimal Round(decimal value, int decimals) => Math.Round(value, decimals, MidpointRounding.AwayFromZero) / 1.000000000000000000000000000000000m;

    /// <summary>The first day of each month the period touches.</summary>
    private static List<DateOnly> Months(DateOnly from, DateOnly to)
    {
        var months = new List<DateOnly>();
        for (var m = new DateOnly(from.Year, from.Month, 1); m <= to; m = m.AddMonths(1)) months.Add(m);
        return months;
    }

    /// <summary>One row per (partner, pole, structure, month): held slots and their duration in ticks, summed by the database.</summary>
    private sealed class HeldRow
    {
        public int PartnerId { get; set; }
        public int PoleId { get; set; }
        public int StructureId { get; set; }
        public int Month { get; set; }
        public int Slots { get; set; }
        public long Ticks { get; set; }
    }

    private async Task<List<HeldRow>> HeldAsync(List<int> structureIds, List<DateOnly> months, DateOnly from, DateOnly to, TimeZoneInfo zone, CancellationToken ct)
    {
        var postgres = db.Database.IsNpgsql();
        object Instant(DateOnly date)
        {
            var wall = date.ToDateTime(TimeOnly.MinValue);
            var utc = new DateTimeOffset(wall, zone.GetUtcOffset(wall)).ToUniversalTime();
            return postgres ? utc : utc.UtcTicks;
        }
        // Parameters: {0} start, {1} end, then the start of each month after the first (the CASE picks the month index).
        var parameters = new List<object> { Instant(from), Instant(to.AddDays(1)) };
        var bucket = new System.Text.StringBuilder("CASE");
        for (var i = 1; i < months.Count; i++)
        {
            bucket.Append(CultureInfo.InvariantCulture, $" WHEN s.\"StartsAt\" < {{{parameters.Count}}} THEN {i - 1}");
            parameters.Add(Instant(months[i]));
        }
        bucket.Append(CultureInfo.InvariantCulture, $" ELSE {months.Count - 1} END");
        // A period within one month has no WHEN: "CASE ELSE 0 END" is not SQL; the month index is 0, not grouped on
        // (a constant in GROUP BY would be read as a column's position).
        if (months.Count == 1) bucket.Clear().Append('0');
        var groupByMonth = months.Count == 1 ? "" : $", {bucket}";
        var duration = postgres
            ? "CAST(EXTRACT(EPOCH FROM SUM(s.\"EndsAt\" - s.\"StartsAt\")) * 10000000 AS bigint)"
            : "SUM(s.\"EndsAt\" - s.\"StartsAt\")";
        var ids = string.Join(",", structureIds.Select(i => i.ToString(CultureInfo.InvariantCulture)));
        var held = (int)DutyStatus.Planned;
        var sql = $$"""
            SELECT s."PartnerId" AS "PartnerId", s."PoleId" AS "PoleId", s."StructureId" AS "StructureId", {{bucket}} AS "Month",
                   CAST(COUNT(*) AS integer) AS "Slots", {{duration}} AS "Ticks"
            FROM roster_slots s
            WHERE s."StructureId" IN ({{ids}}) AND s."Status" = {{held}} AND s."StartsAt" >= {0} AND s."StartsAt" < {1}
            GROUP BY s."PartnerId", s."PoleId", s."StructureId"{{groupByMonth}}
            """;
        return await db.Database.SqlQueryRaw<HeldRow>(sql, parameters.ToArray()).ToListAsync(ct);
    }
}
