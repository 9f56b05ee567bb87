using System.Text.RegularExpressions;
using Maillage.Funding.Rules;
using Maillage.Network;
using Maillage.Platform.Data;
using Maillage.Platform.Errors;
using Maillage.Platform.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Funding.Conventions;

/// <summary>
/// What a convention is made of, kept without SQL (issue 21, items 1–5): its parties, its actions with their days per
/// year, its subsidy tables (columns and yearly lines), its shares of actual costs, its payment rules and its targets.
/// The same pattern as « Saisie » (<see cref="ConventionFormPage"/>): one small form each, « Modifier » fills the form
/// with the item, « Retirer » removes it unless something still refers to it.
/// </summary>
[Authorize(Policy = FundingModule.ManagersPolicy)]
internal sealed partial class ContentsModel(MaillageDb db, ConventionReader reader, Platform.Indicators.Indicators indicators) : ConventionFormPage(reader)
{
    public const int MaxText = 300;
    protected override string PagePath => "contenu";

    public IReadOnlyList<Network.Partner> Partners { get; private set; } = [];
    public IReadOnlyList<Network.Territory> TerritoryChoices { get; private set; } = [];
    public IReadOnlyList<Network.Structure> StructureChoices { get; private set; } = [];
    public IReadOnlyList<Platform.Indicators.IndicatorDefinition> Catalogue => indicators.Catalogue;

    [FromQuery(Name = "partie")] public int? EditParty { get; set; }
    [FromQuery(Name = "action")] public int? EditAction { get; set; }
    [FromQuery(Name = "tableau")] public int? EditTable { get; set; }
    [FromQuery(Name = "colonne")] public int? EditColumn { get; set; }
    [FromQuery(Name = "ligne")] public string? EditLine { get; set; }
    [FromQuery(Name = "partage")] public int? EditSharing { get; set; }
    [FromQuery(Name = "regle")] public int? EditRule { get; set; }
    [FromQuery(Name = "objectif")] public int? EditTarget { get; set; }

    [BindProperty] public PartyInput Party { get; set; } = new();
    [BindProperty] public ActionInput Act { get; set; } = new();
    [BindProperty] public TableInput Table { get; set; } = new();
    [BindProperty] public ColumnInput Column { get; set; } = new();
    [BindProperty] public LineInput Line { get; set; } = new();
    [BindProperty] public SharingInput Sharing { get; set; } = new();
    [BindProperty] public RuleInput Rule { get; set; } = new();
    [BindProperty] public TargetInput Target { get; set; } = new();
    [BindProperty] public ConcernsInput Concerns { get; set; } = new();

    /// <summary>The structures and territories a convention concerns (ticked boxes; none ticked: the whole Cité).</summary>
    public sealed class ConcernsInput { public List<int> StructureIds { get; set; } = []; public List<int> TerritoryIds { get; set; } = []; }
    // Set while the concerns form itself is posted: its ticks are then the ones sent, else the convention's own.
    private bool _concernsPosted;

    public sealed class PartyInput { public int? ItemId { get; set; } public int? PartnerId { get; set; } public string? Name { get; set; } public PartyRole Role { get; set; } public string? Representative { get; set; } public string? BankDetails { get; set; } }
    public sealed class YearDays { public int Year { get; set; } public string? ForecastDays { get; set; } public string? FinancedDays { get; set; } }
    public sealed class ActionInput { public int? ItemId { get; set; } public string? Code { get; set; } public string? Title { get; set; } public string? Description { get; set; } public List<YearDays> Years { get; set; } = []; }
    public sealed class TableInput { public int? ItemId { get; set; } public string? Title { get; set; } public DayCountRule DayCount { get; set; } public string? PeriodStart { get; set; } public string? PeriodEnd { get; set; } }
    public sealed class ColumnInput { public int? ItemId { get; set; } public int? TableId { get; set; } public string? Label { get; set; } public int? PartyId { get; set; } public string? AnnualAmount { get; set; } }
    public sealed class LineFigure { public int ColumnId { get; set; } public string? Signed { get; set; } }
    public sealed class LineInput { public int? TableId { get; set; } public int? Year { get; set; } public string? YearLabel { get; set; } public List<LineFigure> Figures { get; set; } = []; }
    public sealed class SharingInput { public int? ItemId { get; set; } public string? Label { get; set; } public int? PayerPartyId { get; set; } public string? Budget { get; set; } public string? SharePercent { get; set; } public string? Cap { get; set; } }
    public sealed class RuleInput
    {
        public int? ItemId { get; set; }
        public PaymentRuleKind Kind { get; set; }
        public int? PayerPartyId { get; set; }
        public int? PayeePartyId { get; set; }
        public string? Month { get; set; }
        public string? TermDays { get; set; }
        public bool RequiresAnnualReport { get; set; }
        public bool PartialFirstYearWithNext { get; set; }
        public int? SubsidyColumnId { get; set; }
        public bool IncludesCostSharing { get; set; }
        public string? Wording { get; set; }
    }
    public sealed class TargetInput
    {
        public int? ItemId { get; set; }
        public int? Year { get; set; }
        public bool EveryYear { get; set; }
        public string? Label { get; set; }
        public string? Indicator { get; set; }
        public string? Part { get; set; }
        public string? Value { get; set; }
        public bool IsPercent { get; set; }
        public int? TerritoryId { get; set; }
    }

    protected override async Task LoadMoreAsync(CancellationToken ct)
    {
        var citeId = View.Convention.CiteId;
        Partners = await db.Set<Network.Partner>().AsNoTracking().Where(p => p.CiteId == citeId).OrderBy(p => p.Name).ToListAsync(ct);
        TerritoryChoices = await db.Territories.AsNoTracking().Where(t => t.CiteId == citeId).OrderBy(t => t.Kind).ThenBy(t => t.Name).ToListAsync(ct);
        StructureChoices = await db.Structures.AsNoTracking().Where(s => s.CiteId == citeId).OrderBy(s => s.Kind).ThenBy(s => s.Name).ToListAsync(ct);
        if (!_concernsPosted)
            Concerns = new() { StructureIds = [.. View.Convention.Structures.Select(x => x.StructureId)], TerritoryIds = [.. View.Convention.Territories.Select(x => x.TerritoryId)] };
    }

    /// <summary>Fills the forms with the item chosen by « Modifier » (or an empty grid of the convention's years).</summary>
    public override async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        var c = View.Convention;
        if (c.Parties.FirstOrDefault(p => p.Id == EditParty) is { } party)
            Party = new() { ItemId = party.Id, PartnerId = party.PartnerId, Name = party.PartnerId is null ? party.Name : null, Role = party.Role, Representative = party.Representative, BankDetails = party.BankDetails };
        var action = c.Actions.FirstOrDefault(a => a.Id == EditAction);
        Act = action is null ? new() : new() { ItemId = action.Id, Code = action.Code, Title = action.Title, Description = action.Description };
        Act.Years = GridYears(action?.Days.Select(d => d.Year) ?? c.Actions.SelectMany(a => a.Days).Select(d => d.Year)).Select(y =>
        {
            var d = action?.Days.FirstOrDefault(x => x.Year == y);
            return new YearDays { Year = y, ForecastDays = FundingFormat.Field(d?.ForecastDays), FinancedDays = FundingFormat.Field(d?.FinancedDays) };
        }).ToList();
        if (c.SubsidyTables.FirstOrDefault(t => t.Id == EditTable) is { } table)
            Table = new() { ItemId = table.Id, Title = table.Title, DayCount = table.DayCount, PeriodStart = table.PeriodStart.ToString("yyyy-MM-dd"), PeriodEnd = table.PeriodEnd.ToString("yyyy-MM-dd") };
        if (c.SubsidyTables.SelectMany(t => t.Columns).FirstOrDefault(x => x.Id == EditColumn) is { } column)
            Column = new() { ItemId = column.Id, TableId = column.TableId, Label = column.Label, PartyId = column.PartyId, AnnualAmount = FundingFormat.Field(column.AnnualAmount) };
        // « ligne=TABLE-YEAR »: a year of a table, its signed figure in each column.
        var line = EditLine?.Split('-') is [var t, var y] && int.TryParse(t, out var tid) && int.TryParse(y, out var year) ? (tid, year) : ((int, int)?)null;
        var lineTable = c.SubsidyTables.FirstOrDefault(x => x.Id == line?.Item1) ?? c.SubsidyTables.OrderBy(x => x.Id).FirstOrDefault();
        if (lineTable is not null)
        {
            var figures = lineTable.Columns.OrderBy(x => x.Position).Select(col => (col, fig: col.Figures.FirstOrDefault(f => f.Year == line?.Item2))).ToList();
            Line = new()
            {
                TableId = lineTable.Id, Year = line?.Item2, YearLabel = figures.Select(x => x.fig?.YearLabel).FirstOrDefault(l => l is not null),
                Figures = figures.Select(x => new LineFigure { ColumnId = x.col.Id, Signed = FundingFormat.Field(x.fig?.Signed) }).ToList(),
            };
        }
        if (c.CostSharing.FirstOrDefault(r => r.Id == EditSharing) is { } sharing)
            Sharing = new() { ItemId = sharing.Id, Label = sharing.Label, PayerPartyId = sharing.PayerPartyId, Budget = FundingFormat.Field(sharing.Budget), SharePercent = FundingFormat.Field(sharing.Share * 100), Cap = FundingFormat.Field(sharing.Cap) };
        if (c.PaymentRules.FirstOrDefault(r => r.Id == EditRule) is { } rule)
            Rule = new()
            {
                ItemId = rule.Id, Kind = rule.Kind, PayerPartyId = rule.PayerPartyId, PayeePartyId = rule.PayeePartyId, Month = rule.Month?.ToString(), TermDays = rule.TermDays?.ToString(),
                RequiresAnnualReport = rule.RequiresAnnualReport, PartialFirstYearWithNext = rule.PartialFirstYearWithNext, SubsidyColumnId = rule.SubsidyColumnId,
                IncludesCostSharing = rule.IncludesCostSharing, Wording = rule.Wording,
            };
        if (c.Targets.FirstOrDefault(x => x.Id == EditTarget) is { } target)
        {
            var (name, part) = target.Indicator is null ? (null, null) : TargetProgress.IndicatorOf(target.Indicator);
            Target = new() { ItemId = target.Id, Year = target.Year, Label = target.Label, Indicator = name, Part = part, Value = FundingFormat.Field(target.Value), IsPercent = target.IsPercent, TerritoryId = target.TerritoryId };
        }
        return Page();
    }

    private static string? Required(string? text, string field, LocalizedText missing, List<RuleViolation> problems, int max = MaxText)
    {
        var value = FundingInput.Text(text);
        if (value is null) problems.Add(new RuleViolation(field, missing));
        else if (value.Length > max) problems.Add(new RuleViolation(field, new($"{max} caractères au plus.", $"At most {max} characters.")));
        return value;
    }

    private static string? Optional(string? text, string field, List<RuleViolation> problems, int max = MaxText)
    {
        var value = FundingInput.Text(text);
        if (value is { Length: var n } && n > max) problems.Add(new RuleViolation(field, new($"{max} caractères au plus.", $"At most {max} characters.")));
        return value;
    }

    private int? PartyOf(int? id, string field, List<RuleViolation> problems)
    {
        if (id is null) return null;
        if (View.Convention.Parties.Any(p => p.Id == id)) return id;
        problems.Add(new RuleViolation(field, new("Choisissez une partie de la convention.", "Choose a party of the convention.")));
        return null;
    }

    /// <summary>An item to change (« Modifier »), or a new one when <paramref name="id"/> is null; null with a problem when it is not this convention's.</summary>
    private static T? Existing<T>(IEnumerable<T> items, int? id, Func<T, int> key, List<RuleViolation> problems) where T : class
    {
        if (id is null) return null;
        var item = items.FirstOrDefault(x => key(x) == id);
        if (item is null) problems.Add(new RuleViolation("", new("Cet élément n'existe plus : rechargez la page.", "This item no longer exists: reload the page.")));
        return item;
    }

    public async Task<IActionResult> OnPostPartyAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        var c = View.Convention;
        var problems = new List<RuleViolation>();
        Existing(c.Parties, Party.ItemId, p => p.Id, problems);
        var partner = Party.PartnerId is null ? null : Partners.FirstOrDefault(p => p.Id == Party.PartnerId);
        if (Party.PartnerId is not null && partner is null) problems.Add(new RuleViolation("partnerId", new("Choisissez un partenaire de la Cité.", "Choose a partner of the Cité.")));
        var name = partner?.Name ?? Required(Party.Name, "name", new("Choisissez un partenaire de la Cité ou nommez l'organisation.", "Choose a partner of the Cité or name the organisation."), problems);
        if (!Enum.IsDefined(Party.Role)) problems.Add(new RuleViolation("role", new("Choisissez un rôle.", "Choose a role.")));
        var representative = Optional(Party.Representative, "representative", problems);
        var bank = Optional(Party.BankDetails, "bankDetails", problems, 500);
        if (name is not null && c.Parties.Any(p => p.Id != Party.ItemId && p.Role == Party.Role && (partner is null ? p.PartnerId is null && p.Name == name : p.PartnerId == partner.Id)))
            problems.Add(new RuleViolation("role", new($"{name} est déjà partie à la convention avec ce rôle.", $"{name} is already a party to the convention in this role.")));
        if (problems.Count > 0) return await RefuseAsync(problems, "Party", ct);
        var row = Party.ItemId is { } id ? await db.Set<ConventionParty>().FirstAsync(p => p.Id == id, ct) : null;
        if (row is null) db.Add(row = new ConventionParty { ConventionId = Id, Name = name! });
        row.PartnerId = partner?.Id;
        row.Name = name!;
        row.Role = Party.Role;
        row.Representative = representative;
        row.BankDetails = bank;
        await db.SaveChangesAsync(ct);
        return Done("partie");
    }

    [GeneratedRegex("^[0-9A-Za-z][0-9A-Za-z.\\-]{0,19}$")]
    private static partial Regex CodePattern();

    public async Task<IActionResult> OnPostActionAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        var c = View.Convention;
        var problems = new List<RuleViolation>();
        Existing(c.Actions, Act.ItemId, a => a.Id, problems);
        var code = Required(Act.Code, "code", new("Le numéro de l'action est obligatoire (1.1).", "The action's number is required (1.1)."), problems, 20);
        if (code is not null && !CodePattern().IsMatch(code)) problems.Add(new RuleViolation("code", new("Le numéro s'écrit en chiffres et lettres, avec des points : 1.1, 2.3b.", "The number is letters and digits with dots: 1.1, 2.3b.")));
        else if (code is not null && c.Actions.Any(a => a.Id != Act.ItemId && a.Code == code)) problems.Add(new RuleViolation("code", new($"L'action {code} existe déjà.", $"Action {code} already exists.")));
        var title = Required(Act.Title, "title", new("L'intitulé de l'action est obligatoire.", "The action needs a title."), problems);
        var description = Optional(Act.Description, "description", problems, 4000);
        var (first, last) = YearsCovered;
        var days = new List<(int Year, decimal? Forecast, decimal Financed)>();
        var cleared = new List<int>();
        for (var i = 0; i < Act.Years.Count; i++)
        {
            var y = Act.Years[i];
            var at = $"years[{i}].";
            if (y.Year < first || y.Year > last)
            {
                problems.Add(new RuleViolation(at + "financedDays", new($"{y.Year} n'est pas une année de la convention ({first}–{last}).", $"{y.Year} is not a year of the convention ({first}–{last}).")));
                continue;
            }
            var yearProblems = new List<RuleViolation>();
            var forecast = FundingInput.Number(y.ForecastDays, at + "forecastDays", yearProblems, 366);
            var financed = FundingInput.Number(y.FinancedDays, at + "financedDays", yearProblems, 366);
            if (yearProblems.Count == 0 && forecast is null && financed is null) { cleared.Add(y.Year); continue; }
            if (yearProblems.Count == 0) yearProblems.AddRange(DayAmounts.Validate(forecast, financed ?? 0, at));
            // The year in each message: the grid has a row per year.
            problems.AddRange(yearProblems.Select(p => new RuleViolation(p.Field, new($"{y.Year} : {p.Text.Fr}", $"{y.Year}: {p.Text.En}"))));
            if (yearProblems.Count == 0) days.Add((y.Year, forecast, financed ?? 0));
        }
        if (problems.Count > 0) return await RefuseAsync(problems, "Act", ct);
        var row = Act.ItemId is { } id ? await db.Set<ConventionAction>().Include(a => a.Days).FirstAsync(a => a.Id == id, ct) : null;
        if (row is null) db.Add(row = new ConventionAction { ConventionId = Id, Code = code!, Title = title! });
        row.Code = code!;
        row.Title = title!;
        row.Description = description;
        foreach (var (year, forecast, financed) in days)
        {
            var d = row.Days.FirstOrDefault(x => x.Year == year);
            if (d is null) row.Days.Add(d = new ActionDays { Year = year });
            d.ForecastDays = forecast;
            d.FinancedDays = financed;
        }
        db.RemoveRange(row.Days.Where(d => cleared.Contains(d.Year)));
        await db.SaveChangesAsync(ct);
        return Done("action");
    }

    public async Task<IActionResult> OnPostTableAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        var c = View.Convention;
        var problems = new List<RuleViolation>();
        Existing(c.SubsidyTables, Table.ItemId, t => t.Id, problems);
        var title = Required(Table.Title, "title", new("Le titre du tableau est obligatoire.", "The table needs a title."), problems);
        if (!Enum.IsDefined(Table.DayCount)) problems.Add(new RuleViolation("dayCount", new("Choisissez une règle de décompte des jours.", "Choose a day-count rule.")));
        var start = RequiredDate(Table.PeriodStart, "periodStart", problems);
        var end = RequiredDate(Table.PeriodEnd, "periodEnd", problems);
        if (start is not null && end is not null && end <= start)
            problems.Add(new RuleViolation("periodEnd", new("La fin de la période du tableau est après son début.", "The table's period must end after it starts.")));
        if (problems.Count > 0) return await RefuseAsync(problems, "Table", ct);
        var row = Table.ItemId is { } id ? await db.Set<SubsidyTable>().FirstAsync(t => t.Id == id, ct) : null;
        if (row is null) db.Add(row = new SubsidyTable { ConventionId = Id, Title = title! });
        row.Title = title!;
        row.DayCount = Table.DayCount;
        row.PeriodStart = start!.Value;
        row.PeriodEnd = end!.Value;
        await db.SaveChangesAsync(ct);
        return Done("tableau");
    }

    private static DateOnly? RequiredDate(string? text, string field, List<RuleViolation> problems)
    {
        var date = FundingInput.Date(text, field, problems);
        if (date is null && !problems.Any(p => p.Field == field)) problems.Add(new RuleViolation(field, new("Cette date est obligatoire.", "This date is required.")));
        return date;
    }

    public async Task<IActionResult> OnPostColumnAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        var c = View.Convention;
        var problems = new List<RuleViolation>();
        var existing = Existing(c.SubsidyTables.SelectMany(t => t.Columns), Column.ItemId, x => x.Id, problems);
        var table = c.SubsidyTables.FirstOrDefault(t => t.Id == (existing?.TableId ?? Column.TableId));
        if (table is null) problems.Add(new RuleViolation("tableId", new("Choisissez un tableau de subventions de la convention.", "Choose a subsidy table of the convention.")));
        var label = Required(Column.Label, "label", new("Nommez la colonne (coût total, subvention Bpifrance, coût net…).", "Name the column (total cost, Bpifrance subsidy, net cost…)."), problems);
        var party = PartyOf(Column.PartyId, "partyId", problems);
        var amount = FundingInput.Number(Column.AnnualAmount, "annualAmount", problems, 100_000_000, required: true);
        if (problems.Count > 0) return await RefuseAsync(problems, "Column", ct);
        var row = Column.ItemId is { } id ? await db.Set<SubsidyColumn>().FirstAsync(x => x.Id == id, ct) : null;
        if (row is null) db.Add(row = new SubsidyColumn { TableId = table!.Id, Label = label!, Position = table.Columns.Select(x => x.Position).DefaultIfEmpty(0).Max() + 1 });
        row.Label = label!;
        row.PartyId = party;
        row.AnnualAmount = amount!.Value;
        await db.SaveChangesAsync(ct);
        return Done("colonne");
    }

    public async Task<IActionResult> OnPostLineAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        var c = View.Convention;
        var problems = new List<RuleViolation>();
        var table = c.SubsidyTables.FirstOrDefault(t => t.Id == Line.TableId);
        if (table is null) problems.Add(new RuleViolation("tableId", new("Choisissez un tableau de subventions de la convention.", "Choose a subsidy table of the convention.")));
        int? year = null;
        if (table is not null && (Line.Year is not { } y || y < table.PeriodStart.Year || y > table.PeriodEnd.AddDays(-1).Year))
            problems.Add(new RuleViolation("year", new($"Choisissez une année de la période du tableau ({table.PeriodStart.Year}–{table.PeriodEnd.AddDays(-1).Year}).", $"Choose a year of the table's period ({table.PeriodStart.Year}–{table.PeriodEnd.AddDays(-1).Year}).")));
        else year = Line.Year;
        var yearLabel = Optional(Line.YearLabel, "yearLabel", problems, 100);
        var figures = new List<(SubsidyColumn Column, decimal? Signed)>();
        for (var i = 0; i < Line.Figures.Count; i++)
        {
            var column = table?.Columns.FirstOrDefault(x => x.Id == Line.Figures[i].ColumnId);
            if (table is null) break;
            if (column is null) { problems.Add(new RuleViolation($"figures[{i}].signed", new("Cette colonne n'est pas du tableau : rechargez la page.", "This column is not the table's: reload the page."))); continue; }
            var signedProblems = new List<RuleViolation>();
            var signed = FundingInput.Number(Line.Figures[i].Signed, $"figures[{i}].signed", signedProblems, 100_000_000);
            problems.AddRange(signedProblems.Select(p => new RuleViolation(p.Field, new($"{column.Label} : {p.Text.Fr}", $"{column.Label}: {p.Text.En}"))));
            figures.Add((column, signed));
        }
        if (table is not null && table.Columns.Count == 0) problems.Add(new RuleViolation("tableId", new("Ajoutez d'abord les colonnes du tableau.", "Add the table's columns first.")));
        if (problems.Count > 0) return await RefuseAsync(problems, "Line", ct);
        var ids = figures.Select(f => f.Column.Id).ToList();
        var rows = await db.Set<SubsidyFigure>().Where(f => ids.Contains(f.ColumnId) && f.Year == year).ToListAsync(ct);
        foreach (var (column, signed) in figures)
        {
            var row = rows.FirstOrDefault(f => f.ColumnId == column.Id);
            if (signed is null && yearLabel is null) { if (row is not null) db.Remove(row); continue; }
            if (row is null) db.Add(row = new SubsidyFigure { ColumnId = column.Id, Year = year!.Value });
            row.Signed = signed;
            row.YearLabel = yearLabel;
        }
        await db.SaveChangesAsync(ct);
        return Done("ligne");
    }

    public async Task<IActionResult> OnPostSharingAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        var c = View.Convention;
        var problems = new List<RuleViolation>();
        Existing(c.CostSharing, Sharing.ItemId, r => r.Id, problems);
        var label = Required(Sharing.Label, "label", new("Nommez les frais partagés (cérémonie du label…).", "Name the shared costs (the label's ceremony…)."), problems);
        var payer = PartyOf(Sharing.PayerPartyId, "payerPartyId", problems);
        var budget = FundingInput.Number(Sharing.Budget, "budget", problems, 100_000_000);
        var share = FundingInput.Number(Sharing.SharePercent, "sharePercent", problems, 1000, required: true);
        var cap = FundingInput.Number(Sharing.Cap, "cap", problems, 100_000_000);
        if (problems.Count == 0)
            problems.AddRange(CostShares.Validate(share!.Value / 100m, cap, budget).Select(p => p.Field == "share" ? new RuleViolation("sharePercent", p.Text) : p));
        if (problems.Count > 0) return await RefuseAsync(problems, "Sharing", ct);
        var row = Sharing.ItemId is { } id ? await db.Set<CostSharingRule>().FirstAsync(x => x.Id == id, ct) : null;
        if (row is null) db.Add(row = new CostSharingRule { ConventionId = Id, Label = label! });
        row.Label = label!;
        row.PayerPartyId = payer;
        row.Budget = budget;
        row.Share = share!.Value / 100m;
        row.Cap = cap;
        await db.SaveChangesAsync(ct);
        return Done("partage");
    }

    public async Task<IActionResult> OnPostRuleAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        var c = View.Convention;
        var problems = new List<RuleViolation>();
        Existing(c.PaymentRules, Rule.ItemId, r => r.Id, problems);
        if (!Enum.IsDefined(Rule.Kind)) problems.Add(new RuleViolation("kind", new("Choisissez une règle.", "Choose a rule.")));
        var payer = PartyOf(Rule.PayerPartyId, "payerPartyId", problems);
        var payee = PartyOf(Rule.PayeePartyId, "payeePartyId", problems);
        var month = FundingInput.Whole(Rule.Month, "month", problems);
        if (Rule.Kind == PaymentRuleKind.YearInArrears && month is null or < 1 or > 12 && !problems.Any(p => p.Field == "month"))
            problems.Add(new RuleViolation("month", new("Indiquez le mois de l'année suivante où le montant est dû (2 pour février).", "Give the month of the next year the amount is due (2 for February).")));
        else if (month is < 1 or > 12) problems.Add(new RuleViolation("month", new("Le mois va de 1 à 12.", "The month runs from 1 to 12.")));
        var term = FundingInput.Whole(Rule.TermDays, "termDays", problems);
        if (term is > 366) problems.Add(new RuleViolation("termDays", new("Le délai de paiement va de 0 à 366 jours.", "The payment term runs from 0 to 366 days.")));
        var column = Rule.SubsidyColumnId;
        if (column is not null && !c.SubsidyTables.SelectMany(t => t.Columns).Any(x => x.Id == column))
            problems.Add(new RuleViolation("subsidyColumnId", new("Choisissez une colonne d'un tableau de subventions de la convention.", "Choose a column of one of the convention's subsidy tables.")));
        var wording = Optional(Rule.Wording, "wording", problems, 2000);
        if (problems.Count > 0) return await RefuseAsync(problems, "Rule", ct);
        var row = Rule.ItemId is { } id ? await db.Set<PaymentRule>().FirstAsync(x => x.Id == id, ct) : null;
        if (row is null) db.Add(row = new PaymentRule { ConventionId = Id });
        row.Kind = Rule.Kind;
        row.PayerPartyId = payer;
        row.PayeePartyId = payee;
        row.Month = month;
        row.TermDays = term;
        row.RequiresAnnualReport = Rule.RequiresAnnualReport;
        row.PartialFirstYearWithNext = Rule.PartialFirstYearWithNext;
        row.SubsidyColumnId = column;
        row.IncludesCostSharing = Rule.IncludesCostSharing;
        row.Wording = wording;
        await db.SaveChangesAsync(ct);
        return Done("regle");
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9\\-]{0,99}$")]
    private static partial Regex PartPattern();

    public async Task<IActionResult> OnPostTargetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        var c = View.Convention;
        var problems = new List<RuleViolation>();
        var existing = Existing(c.Targets, Target.ItemId, t => t.Id, problems);
        var years = new List<int>();
        if (Target.EveryYear && existing is null)
        {
            var (first, last) = YearsCovered;
            if (c.EffectiveFrom is null || c.EffectiveTo is null)
                problems.Add(new RuleViolation("everyYear", new("La période de la convention n'est pas connue : choisissez une année.", "The convention's period is not known: choose a year.")));
            else years.AddRange(Enumerable.Range(first, last - first + 1));
        }
        else if (CoveredYear(Target.Year, "year", problems) is { } y) years.Add(y);
        var label = Required(Target.Label, "label", new("Écrivez l'objectif comme la convention le dit (5 journées d'information et d'ateliers).", "Write the target as the convention says it (5 information days and workshops)."), problems);
        string? indicator = null;
        var name = FundingInput.Text(Target.Indicator);
        var part = FundingInput.Text(Target.Part);
        if (name is not null)
        {
            var definition = indicators.Find(name);
            // A target already naming an indicator no module publishes yet keeps it (« pas encore compté »).
            var kept = existing?.Indicator is { } old && TargetProgress.IndicatorOf(old).Name == name;
            if (definition is null && !kept) problems.Add(new RuleViolation("indicator", new("Choisissez un indicateur du catalogue.", "Choose an indicator of the catalogue.")));
            else if (part is not null && !PartPattern().IsMatch(part)) problems.Add(new RuleViolation("part", new("La partie s'écrit en minuscules, chiffres et tirets, comme dans le catalogue (technical-committee).", "The part is lower-case letters, digits and dashes, as in the catalogue (technical-committee).")));
            else if (part is not null && definition is { Breakdown: null }) problems.Add(new RuleViolation("part", new("Cet indicateur n'a pas de parties : laissez « Partie » vide.", "This indicator has no parts: leave « Part » empty.")));
            else indicator = part is null ? name : $"{name}/{part}";
        }
        else if (part is not null) problems.Add(new RuleViolation("part", new("Une partie se lit dans un indicateur : choisissez d'abord l'indicateur.", "A part belongs to an indicator: choose the indicator first.")));
        var value = FundingInput.Number(Target.Value, "value", problems, Target.IsPercent ? 100 : 1_000_000, required: true);
        if (Target.TerritoryId is not null && !TerritoryChoices.Any(t => t.Id == Target.TerritoryId))
            problems.Add(new RuleViolation("territoryId", new("Choisissez un territoire de la Cité.", "Choose a territory of the Cité.")));
        if (problems.Count > 0) return await RefuseAsync(problems, "Target", ct);
        foreach (var year in years)
        {
            var row = Target.ItemId is { } id ? await db.Set<ConventionTarget>().FirstAsync(x => x.Id == id, ct) : null;
            if (row is null) db.Add(row = new ConventionTarget { ConventionId = Id, Label = label! });
            row.Year = year;
            row.Label = label!;
            row.Indicator = indicator;
            row.Value = value!.Value;
            row.IsPercent = Target.IsPercent;
            row.TerritoryId = Target.TerritoryId;
        }
        await db.SaveChangesAsync(ct);
        return Done("objectif");
    }

    /// <summary>
    /// The structures of the Cité and the territories (EPCI, communes, QPV) the convention concerns: what the annual
    /// report and the targets count on, and which structures' coordinators read it. A structure or territory of another
    /// Cité is refused on its field; the lists are replaced whole (one audit entry per row added or removed).
    /// </summary>
    public async Task<IActionResult> OnPostConcernsAsync(CancellationToken ct)
    {
        _concernsPosted = true;
        if (!await LoadAsync(ct)) return NotFound();
        var problems = new List<RuleViolation>();
        var structureIds = Concerns.StructureIds.Distinct().ToList();
        var territoryIds = Concerns.TerritoryIds.Distinct().ToList();
        if (structureIds.Any(id => StructureChoices.All(s => s.Id != id)))
            problems.Add(new RuleViolation("structureIds", new("Choisissez des structures de la Cité : une structure choisie n'en fait pas partie.", "Choose structures of the Cité: one chosen is not one of them.")));
        if (territoryIds.Any(id => TerritoryChoices.All(t => t.Id != id)))
            problems.Add(new RuleViolation("territoryIds", new("Choisissez des territoires de la Cité : un territoire choisi n'en fait pas partie.", "Choose territories of the Cité: one chosen is not one of them.")));
        if (problems.Count > 0) return await RefuseAsync(problems, "Concerns", ct);
        var structures = await db.Set<ConventionStructure>().Where(x => x.ConventionId == Id).ToListAsync(ct);
        db.RemoveRange(structures.Where(x => !structureIds.Contains(x.StructureId)));
        db.AddRange(structureIds.Where(id => structures.All(x => x.StructureId != id)).Select(id => new ConventionStructure { ConventionId = Id, StructureId = id }));
        var territories = await db.Set<ConventionTerritory>().Where(x => x.ConventionId == Id).ToListAsync(ct);
        db.RemoveRange(territories.Where(x => !territoryIds.Contains(x.TerritoryId)));
        db.AddRange(territoryIds.Where(id => territories.All(x => x.TerritoryId != id)).Select(id => new ConventionTerritory { ConventionId = Id, TerritoryId = id }));
        await db.SaveChangesAsync(ct);
        return Done("concerne");
    }

    /// <summary>Removes an item of the convention, unless something still refers to it (the message says what).</summary>
    public async Task<IActionResult> OnPostRemoveAsync(string? kind, int itemId, CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        var c = View.Convention;
        var columns = c.SubsidyTables.SelectMany(t => t.Columns).ToList();
        LocalizedText? inUse = null;
        object? row = null;
        switch (kind)
        {
            case "party" when c.Parties.FirstOrDefault(p => p.Id == itemId) is { } p:
                row = await db.Set<ConventionParty>().FindAsync([p.Id], ct);
                if (c.Years.Any(y => y.PayerPartyId == p.Id) || c.CostSharing.Any(r => r.PayerPartyId == p.Id) || c.PaymentRules.Any(r => r.PayerPartyId == p.Id || r.PayeePartyId == p.Id) || columns.Any(x => x.PartyId == p.Id))
                    inUse = new($"{p.Name} paie ou reçoit des montants de la convention (années, frais partagés, règles de paiement, colonnes de subvention) : changez-les d'abord.",
                        $"{p.Name} pays or receives amounts of the convention (years, shared costs, payment rules, subsidy columns): change them first.");
                break;
            case "action" when c.Actions.Any(a => a.Id == itemId):
                row = await db.Set<ConventionAction>().FindAsync([itemId], ct);
                break;
            case "table" when c.SubsidyTables.FirstOrDefault(t => t.Id == itemId) is { } t:
                row = await db.Set<SubsidyTable>().FindAsync([t.Id], ct);
                if (t.Columns.Count > 0) inUse = new("Retirez d'abord les colonnes du tableau.", "Remove the table's columns first.");
                break;
            case "column" when columns.FirstOrDefault(x => x.Id == itemId) is { } col:
                row = await db.Set<SubsidyColumn>().FindAsync([col.Id], ct);
                if (c.PaymentRules.Any(r => r.SubsidyColumnId == col.Id))
                    inUse = new($"Une règle de paiement appelle les montants de « {col.Label} » : changez-la d'abord.", $"A payment rule calls the amounts of '{col.Label}': change it first.");
                break;
            case "sharing" when c.CostSharing.FirstOrDefault(r => r.Id == itemId) is { } s:
                row = await db.Set<CostSharingRule>().FindAsync([s.Id], ct);
                if (s.Costs.Count > 0) inUse = new($"Des frais réels sont saisis sous « {s.Label} » : retirez-les d'abord.", $"Actual costs are entered under '{s.Label}': remove them first.");
                break;
            case "cost" when c.CostSharing.SelectMany(r => r.Costs).Any(x => x.Id == itemId):
                row = await db.Set<ActualCost>().FindAsync([itemId], ct);
                break;
            case "rule" when c.PaymentRules.Any(r => r.Id == itemId):
                row = await db.Set<PaymentRule>().FindAsync([itemId], ct);
                if (await db.Set<CallForFunds>().AnyAsync(x => x.ConventionId == Id && x.PaymentRuleId == itemId, ct))
                    inUse = new("Un appel de fonds a été émis sur cette règle : elle est conservée avec lui.", "A call for funds was issued under this rule: it is kept with it.");
                break;
            case "target" when c.Targets.Any(t => t.Id == itemId):
                row = await db.Set<ConventionTarget>().FindAsync([itemId], ct);
                break;
        }
        if (row is null) return NotFound();
        if (inUse is { } why) return await RefuseAsync([new RuleViolation("", why)], "", ct);
        db.Remove(row);
        await db.SaveChangesAsync(ct);
        return Done("retire");
    }
}

/// <summary>The « Modifier » link and « Retirer » button of an item listed on the contents page (<c>_ItemActions.cshtml</c>).</summary>
internal sealed record ItemActions(int ConventionId, string Kind, int ItemId, string Name, string? EditQuery, string Anchor);
