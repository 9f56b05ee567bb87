using System.Globalization;
using Maillage.Network;
using Maillage.Platform.Data;
using Maillage.Platform.Errors;
using Maillage.Platform.Identity;
using Maillage.Platform.Spreadsheets;
using Maillage.Platform.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Roster.Contributions;

/// <summary>
/// The valuation of the partners' contributions (issue 20, item 4): hours held per partner, pole, structure, month or
/// year, converted and valued, against the commitments, which the coordinator enters here. Printable; CSV, XLSX, ODS.
/// </summary>
[Authorize(Policy = RosterModule.ContributionsPolicy)]
internal sealed class IndexModel(MaillageDb db, Contributions contributions, StaffAccess access, TimeProvider clock) : PageModel
{
    [FromQuery(Name = "cite")] public string? Cite { get; set; }
    [FromQuery(Name = "structure")] public int? Structure { get; set; }
    [FromQuery(Name = "from")] public string? From { get; set; }
    [FromQuery(Name = "to")] public string? To { get; set; }
    [FromQuery(Name = "groupBy")] public string[] GroupBy { get; set; } = [];
    [FromQuery(Name = "format")] public string? Format { get; set; }

    public IReadOnlyList<Contributions.ScopeStructure> Scope { get; private set; } = [];
    public ContributionReport? Report { get; private set; }
    public IReadOnlyList<ContributionGrouping> Grouping { get; private set; } = ContributionFilter.DefaultGrouping;
    public DateOnly PeriodFrom { get; private set; }
    public DateOnly PeriodTo { get; private set; }
    public string ScopeName { get; private set; } = "";

    /// <summary>The commitments of the structures shown, for the years of the period, with the partner's and structure's names.</summary>
    public IReadOnlyList<(PartnerCommitment Commitment, string Partner, string Structure)> Commitments { get; private set; } = [];
    public IReadOnlyList<(int Id, string Name)> Partners { get; private set; } = [];
    public IReadOnlyList<Contributions.ScopeStructure> Shown { get; private set; } = [];
    [BindProperty] public CommitmentInput Input { get; set; } = new();
    public string? Saved { get; private set; }

    /// <summary>The rates per function of the Cités shown, for the years of the period; the functions (poles' names) to choose from.</summary>
    public IReadOnlyList<(FunctionRate Rate, string Cite)> Rates { get; private set; } = [];
    public IReadOnlyList<string> Functions { get; private set; } = [];
    /// <summary>The Cités whose rates the reader may set: administrators of the Cité only (a rate is the whole Cité's).</summary>
    public IReadOnlyList<(int Id, string Name)> RateCites { get; private set; } = [];
    [BindProperty] public RateInput Rate { get; set; } = new();

    public sealed class RateInput
    {
        public int? CiteId { get; set; }
        public int? Year { get; set; }
        public string? Function { get; set; }
        public string? HourlyRate { get; set; }
        public string? Source { get; set; }
    }

    public sealed class CommitmentInput
    {
        public int? PartnerId { get; set; }
        public int? StructureId { get; set; }
        public int? Year { get; set; }
        public string? Days { get; set; }
        public string? Hours { get; set; }
        public string? HourlyRate { get; set; }
        public string? Source { get; set; }
    }

    private DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    public async Task<IActionResult> OnGetAsync(string? saved, CancellationToken ct)
    {
        Saved = saved;
        Input.Year ??= Today.Year;
        if (!await LoadAsync(ct)) return Page();
        if (Format is null) return Page();
        if (!SpreadsheetFile.TryParseFormat(Format, out var format)) return BadRequest();
        return SpreadsheetFile.DownloadPage(format, ContributionSheets.FileName(Report!.Filter),
            ContributionSheets.Build(Report, ContributionSheets.Title(Report.Filter, ScopeName, Today)));
    }

    /// <summary>Enters or changes a partner's commitment to a structure for a year (one per partner, structure and year).</summary>
    public async Task<IActionResult> OnPostCommitmentAsync(CancellationToken ct)
    {
        var problems = new List<RuleViolation>();
        var scope = await contributions.ScopeAsync(ct);
        var structure = scope.FirstOrDefault(s => s.Id == Input.StructureId);
        if (structure is null) problems.Add(new RuleViolation(nameof(Input.StructureId), new("Choisissez une structure de votre périmètre.", "Choose a structure in your scope.")));
        Partner? partner = null;
        if (Input.PartnerId is { } pid) partner = await db.Partners.AsNoTracking().FirstOrDefaultAsync(p => p.Id == pid, ct);
        if (partner is null || (structure is not null && partner.CiteId != structure.CiteId))
            problems.Add(new RuleViolation(nameof(Input.PartnerId), new("Choisissez un partenaire de la Cité de cette structure.", "Choose a partner of this structure's Cité.")));
        if (Input.Year is not { } year || year is < DateInput.MinYear or > DateInput.MaxYear)
            problems.Add(new RuleViolation(nameof(Input.Year), new($"Indiquez une année entre {DateInput.MinYear} et {DateInput.MaxYear}.", $"Give a year between {DateInput.MinYear} and {DateInput.MaxYear}.")));
        var days = Amount(Input.Days, nameof(Input.Days), problems, 366);
        var hours = Amount(Input.Hours, nameof(Input.Hours), problems, 8784);
        var rate = Amount(Input.HourlyRate, nameof(Input.HourlyRate), problems, 10000);
        if (days is not null && hours is not null)
            problems.Add(new RuleViolation(nameof(Input.Hours), new("Indiquez des jours ou des heures, pas les deux.", "Give days or hours, not both.")));
        if (Input.Source is { Length: > 500 })
            problems.Add(new RuleViolation(nameof(Input.Source), new("La source tient en 500 caractères au plus.", "The source fits in 500 characters at most.")));
        if (problems.Count == 0)
        {
            var existing = await db.PartnerCommitments.FirstOrDefaultAsync(c => c.PartnerId == partner!.Id && c.StructureId == structure!.Id && c.Year == Input.Year, ct);
            if (existing is null)
                db.PartnerCommitments.Add(existing = new PartnerCommitment { CiteId = structure!.CiteId, PartnerId = partner!.Id, StructureId = structure.Id, Year = Input.Year!.Value });
            existing.Days = days;
            existing.Hours = hours;
            existing.HourlyRate = rate;
            existing.Source = string.IsNullOrWhiteSpace(Input.Source) ? null : Input.Source.Trim();
            await db.SaveChangesAsync(ct);
            return Redirect(Link(null, null) + (Link(null, null).Contains('?') ? "&" : "?") + "saved=1#engagements");
        }
        foreach (var p in problems) ModelState.AddRule(p);
        await LoadAsync(ct);
        return Page();
    }

    /// <summary>
    /// Sets what an hour of a function (a pole's name) is worth in a Cité for a year, by its administrators; an empty rate
    /// removes it. Field messages for a Cité outside one's administration, an unknown function, a bad year or amount.
    /// </summary>
    public async Task<IActionResult> OnPostRateAsync(CancellationToken ct)
    {
        var problems = new List<RuleViolation>();
        var cites = await RateCitesAsync(ct);
        if (Rate.CiteId is not { } citeId || cites.All(c => c.Id != citeId))
            problems.Add(new RuleViolation("Rate.CiteId", new("Choisissez une Cité dont vous êtes administrateur : un taux par fonction vaut pour toute la Cité.",
                "Choose a Cité you administer: a rate per function holds for the whole Cité.")));
        var function = Rate.Function?.Trim();
        if (string.IsNullOrEmpty(function) || (Rate.CiteId is { } cid && !await db.Poles.AnyAsync(p => p.CiteId == cid && p.Name == function, ct)))
            problems.Add(new RuleViolation("Rate.Function", new("Choisissez une fonction, c'est-à-dire un pôle tenu dans les lieux de la Cité.",
                "Choose a function, that is a pole held at the Cité's places.")));
        if (Rate.Year is not { } year || year is < DateInput.MinYear or > DateInput.MaxYear)
            problems.Add(new RuleViolation("Rate.Year", new($"Indiquez une année entre {DateInput.MinYear} et {DateInput.MaxYear}.", $"Give a year between {DateInput.MinYear} and {DateInput.MaxYear}.")));
        var rate = Amount(Rate.HourlyRate, "Rate.HourlyRate", problems, 10000);
        if (Rate.Source is { Length: > 500 })
            problems.Add(new RuleViolation("Rate.Source", new("La source tient en 500 caractères au plus.", "The source fits in 500 characters at most.")));
        if (problems.Count == 0)
        {
            var existing = await db.FunctionRates.FirstOrDefaultAsync(r => r.CiteId == Rate.CiteId && r.Year == Rate.Year && r.Function == function, ct);
            if (rate is null)
            {
                if (existing is not null) db.FunctionRates.Remove(existing);
            }
            else
            {
                if (existing is null)
                    db.FunctionRates.Add(existing = new FunctionRate { CiteId = Rate.CiteId!.Value, Year = Rate.Year!.Value, Function = function! });
                existing.HourlyRate = rate.Value;
                existing.Source = string.IsNullOrWhiteSpace(Rate.Source) ? null : Rate.Source.Trim();
            }
            await db.SaveChangesAsync(ct);
            var link = Link(null, null);
            return Redirect(link + (link.Contains('?') ? "&" : "?") + "saved=rate#taux");
        }
        foreach (var p in problems) ModelState.AddRule(p);
        await LoadAsync(ct);
        return Page();
    }

    private async Task<IReadOnlyList<(int Id, string Name)>> RateCitesAsync(CancellationToken ct) =>
        (await (await access.ManageableCitesAsync(StaffAccess.Administrators)).AsNoTracking().OrderBy(c => c.Name).Select(c => new { c.Id, c.Name }).ToListAsync(ct))
            .Select(c => (c.Id, c.Name)).ToList();

    private static decimal? Amount(string? text, string field, List<RuleViolation> problems, decimal max)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (!FormErrors.TryParseNumber(text, out var value) || value < 0 || (decimal)value > max)
        {
            problems.Add(new RuleViolation(field, new($"Indiquez un nombre positif (au plus {max.ToString(CultureInfo.GetCultureInfo("fr-FR"))}), par exemple 26,5.",
                $"Give a positive number (at most {max.ToString(CultureInfo.InvariantCulture)}), for example 26.5.")));
            return null;
        }
        return Math.Round((decimal)value, 2, MidpointRounding.AwayFromZero);
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        Scope = await contributions.ScopeAsync(ct);
        var citeIds = Scope.Select(x => x.CiteId).Distinct().ToList();
        RateCites = await RateCitesAsync(ct);
        Rate.CiteId ??= RateCites.Count == 1 ? RateCites[0].Id : null;
        Rate.Year ??= Today.Year;
        Functions = await db.Poles.AsNoTracking().Where(p => citeIds.Contains(p.CiteId)).Select(p => p.Name).Distinct().OrderBy(n => n).ToListAsync(ct);
        Partners = (await db.Partners.AsNoTracking().Where(p => citeIds.Contains(p.CiteId)).OrderBy(p => p.Name).Select(p => new { p.Id, p.Name }).ToListAsync(ct))
            .Select(p => (p.Id, p.Name)).ToList();
        try
        {
            (PeriodFrom, PeriodTo) = ContributionFilter.ParsePeriod(From, To, Today);
            Grouping = ContributionFilter.ParseGrouping(GroupBy);
            Shown = Contributions.Narrow(Scope, Cite, Structure);
        }
        catch (RuleViolation rule)
        {
            ModelState.AddRule(rule, "");
            return false;
        }
        ScopeName = ContributionApi.ScopeName(Shown);
        Report = await contributions.BuildAsync(Shown, PeriodFrom, PeriodTo, Grouping, ct);
        var ids = Shown.Select(s => s.Id).ToList();
        var years = Enumerable.Range(PeriodFrom.Year, PeriodTo.Year - PeriodFrom.Year + 1).ToList();
        Commitments = (await (from c in db.PartnerCommitments.AsNoTracking()
                              join p in db.Partners on c.PartnerId equals p.Id
                              join s in db.Structures on c.StructureId equals s.Id
                              where ids.Contains(c.StructureId) && years.Contains(c.Year)
                              orderby c.Year, p.Name, s.Name
                              select new { c, Partner = p.Name, Structure = s.Name }).ToListAsync(ct))
            .Select(x => (x.c, x.Partner, x.Structure)).ToList();
        var shownCites = Shown.Select(x => x.CiteId).Distinct().ToList();
        Rates = (await (from r in db.FunctionRates.AsNoTracking()
                        join c in db.Cites on r.CiteId equals c.Id
                        where shownCites.Contains(r.CiteId) && years.Contains(r.Year)
                        orderby r.Year, r.Function
                        select new { r, Cite = c.Name }).ToListAsync(ct))
            .Select(x => (x.r, x.Cite)).ToList();
        return true;
    }

    /// <summary>The page's address with its filters, one of them changed (export links), without the form's state.</summary>
    public string Link(string? key, string? value)
    {
        var query = Request.Query.Where(q => q.Key != key && q.Key is not ("format" or "culture" or "saved" or "handler"))
            .SelectMany(q => q.Value.Select(v => $"{Uri.EscapeDataString(q.Key)}={Uri.EscapeDataString(v ?? "")}")).ToList();
        if (key is not null && value is not null) query.Add($"{Uri.EscapeDataString(key)}={Uri.EscapeDataString(value)}");
        return "/gestion/planning/valorisation" + (query.Count > 0 ? "?" + string.Join("&", query) : "");
    }
}
