using Maillage.Platform.Audit;
using Maillage.Platform.Localization;
using Maillage.Platform.Tenancy;

namespace Maillage.Funding;

/// <summary>
/// A convention of a Cité (SPEC §7): who signs it and in which role, what it is for, when it runs, how it ends, what
/// money it moves (days financed at a day rate, subsidy tables, shares of actual costs) and on which schedule. Every
/// figure the signed document gives is kept as signed; the computed figure is shown beside it (<see cref="Rules"/>).
/// </summary>
public sealed class Convention : ITenantOwned, IAuditPlaced
{
    public const int MaxTitle = 300;

    public int Id { get; set; }
    public int CiteId { get; set; }
    /// <summary>Short name, e.g. "AA–CCG 2022-2024".</summary>
    public required string Title { get; set; }
    /// <summary>Its purpose, as the convention's first article says it.</summary>
    public string? Object { get; set; }
    public ConventionStatus Status { get; set; }
    /// <summary>Null while unknown (a blank in the signed document): deadlines counted from it cannot be computed until entered.</summary>
    public DateOnly? SignedOn { get; set; }
    public DateOnly? EffectiveFrom { get; set; }
    /// <summary>The last day of the period the convention covers (its actions, its figures).</summary>
    public DateOnly? EffectiveTo { get; set; }
    /// <summary>The last day the convention is valid, when the document gives a date.</summary>
    public DateOnly? ValidUntil { get; set; }
    /// <summary>A term counted from the signature ("cinq ans à compter de sa date de signature"), when no date is given.</summary>
    public int? TermMonthsFromSignature { get; set; }
    public int? NoticeMonths { get; set; }
    /// <summary>How notice is given: "courrier recommandé avec accusé de réception"…</summary>
    public string? NoticeForm { get; set; }
    public bool TacitRenewal { get; set; }
    public string? DisputesClause { get; set; }
    public string Currency { get; set; } = "EUR";
    /// <summary>How amounts are rounded, as the convention writes them (18 539 € TTC: to the euro).</summary>
    public AmountRounding Rounding { get; set; } = AmountRounding.Euro;
    /// <summary>The member of staff who follows it: the deadline e-mails go to this address.</summary>
    public string? ManagerEmail { get; set; }
    /// <summary>Where the facts come from (a seed document) and what was derived from them.</summary>
    public string? Source { get; set; }

    public List<ConventionParty> Parties { get; set; } = [];
    public List<ConventionStructure> Structures { get; set; } = [];
    public List<ConventionTerritory> Territories { get; set; } = [];
    public List<ConventionAction> Actions { get; set; } = [];
    public List<ConventionYear> Years { get; set; } = [];
    public List<CostSharingRule> CostSharing { get; set; } = [];
    public List<SubsidyTable> SubsidyTables { get; set; } = [];
    public List<PaymentRule> PaymentRules { get; set; } = [];
    public List<PaymentReceived> Payments { get; set; } = [];
    public List<ConventionTarget> Targets { get; set; } = [];
    public List<Amendment> Amendments { get; set; } = [];

    int? IAuditPlaced.AuditCiteId => CiteId;
}

public enum ConventionStatus { Draft, Signed, InForce, Ended, Terminated }

public enum AmountRounding { Cent, Euro }

/// <summary>A party's part in a convention (a party may hold several).</summary>
public enum PartyRole { Funder, Operator, Provider, Host, Partner }

/// <summary>
/// A signatory or a party named by the convention: a partner of the Cité's network when one exists (then its name is
/// the partner's), else an organisation named here.
/// </summary>
public sealed class ConventionParty : IAuditPlaced
{
    public int Id { get; set; }
    public int ConventionId { get; set; }
    public int? PartnerId { get; set; }
    public required string Name { get; set; }
    public PartyRole Role { get; set; }
    /// <summary>Who signs for it and in which capacity ("son Président, Monsieur Pierre-Jean CRASTES").</summary>
    public string? Representative { get; set; }
    /// <summary>Bank details given by the convention for payments to this party.</summary>
    public string? BankDetails { get; set; }
}

/// <summary>A structure of the Cité the convention concerns.</summary>
public sealed class ConventionStructure : IAuditPlaced
{
    public int ConventionId { get; set; }
    public int StructureId { get; set; }

    int? IAuditPlaced.AuditStructureId => StructureId;
}

/// <summary>A territory the convention concerns: its activity there is what the annual report counts.</summary>
public sealed class ConventionTerritory : IAuditPlaced
{
    public int ConventionId { get; set; }
    public int TerritoryId { get; set; }
}

/// <summary>An action of the convention ("1.1 – Gérer les espaces d'accueil…") with its days per year.</summary>
public sealed class ConventionAction : IAuditPlaced
{
    public int Id { get; set; }
    public int ConventionId { get; set; }
    /// <summary>Its number in the document: "1.1".</summary>
    public required string Code { get; set; }
    public required string Title { get; set; }
    public string? Description { get; set; }
    public List<ActionDays> Days { get; set; } = [];
}

/// <summary>One year of an action: the days of work forecast in all, and those a party finances.</summary>
public sealed class ActionDays : IAuditPlaced
{
    public int Id { get; set; }
    public int ActionId { get; set; }
    public int Year { get; set; }
    public decimal? ForecastDays { get; set; }
    public decimal FinancedDays { get; set; }
}

/// <summary>
/// One year of a convention that pays for days: the day rate before tax and the VAT rate that turn the financed days
/// into an amount, and the amount as signed. The signed figure is never overwritten by the computed one.
/// </summary>
public sealed class ConventionYear : IAuditPlaced
{
    public int Id { get; set; }
    public int ConventionId { get; set; }
    public int Year { get; set; }
    /// <summary>The party that pays the days.</summary>
    public int? PayerPartyId { get; set; }
    public decimal? DayRateExclVat { get; set; }
    /// <summary>VAT rate as a fraction: 0.20 for 20 %.</summary>
    public decimal VatRate { get; set; }
    /// <summary>The amount the signed document gives for the year, including VAT.</summary>
    public decimal? SignedAmount { get; set; }
}

/// <summary>
/// A share of actual costs with a cap: "50 % des frais réels, dans la limite de 1 000 €" of a budget of 2 000 € per
/// ceremony. The refund of a year is min(share × actual costs of the year, cap).
/// </summary>
public sealed class CostSharingRule : IAuditPlaced
{
    public int Id { get; set; }
    public int ConventionId { get; set; }
    public required string Label { get; set; }
    /// <summary>The party that refunds its share.</summary>
    public int? PayerPartyId { get; set; }
    public decimal? Budget { get; set; }
    /// <summary>The share as a fraction: 0.5 for 50 %.</summary>
    public decimal Share { get; set; }
    public decimal? Cap { get; set; }
    public List<ActualCost> Costs { get; set; } = [];
}

/// <summary>A cost actually spent under a cost-sharing rule, with its supporting document.</summary>
public sealed class ActualCost : IAuditPlaced
{
    public int Id { get; set; }
    public int RuleId { get; set; }
    public int Year { get; set; }
    public DateOnly? SpentOn { get; set; }
    public required string Label { get; set; }
    public decimal Amount { get; set; }
    public string? DocumentName { get; set; }
    /// <summary>The supporting document (invoice…), stored with the convention's documents.</summary>
    public int? DocumentId { get; set; }
    public ConventionDocument? Document { get; set; }
}

/// <summary>
/// A subsidy table: columns (the total cost, a co-funder's subsidy, the net cost of the funder) each with its amount for
/// a full year; a partial year gets that amount pro rata temporis under <see cref="DayCount"/>, from
/// <see cref="PeriodStart"/> to <see cref="PeriodEnd"/> (the dates as the document writes them: "à compter du 1er
/// septembre 2021", "jusqu'au 09/05").
/// </summary>
public sealed class SubsidyTable : IAuditPlaced
{
    public int Id { get; set; }
    public int ConventionId { get; set; }
    public required string Title { get; set; }
    public DayCountRule DayCount { get; set; }
    public DateOnly PeriodStart { get; set; }
    public DateOnly PeriodEnd { get; set; }
    public List<SubsidyColumn> Columns { get; set; } = [];
}

/// <summary>How a partial year counts (docs/funding.md, "Pro rata temporis").</summary>
public enum DayCountRule
{
    /// <summary>Days from the start date to the end date (end not counted) over 365; a whole calendar year is 1.</summary>
    Actual365,
    /// <summary>Months of 30 days over a year of 360 (the 30/360 rule); a whole calendar year is 1.</summary>
    Thirty360,
}

public sealed class SubsidyColumn : IAuditPlaced
{
    public int Id { get; set; }
    public int TableId { get; set; }
    public int Position { get; set; }
    public required string Label { get; set; }
    /// <summary>The party whose money the column is, when there is one (Bpifrance; the CCG for its net cost).</summary>
    public int? PartyId { get; set; }
    /// <summary>The amount of a full year, which partial years get pro rata.</summary>
    public decimal AnnualAmount { get; set; }
    public List<SubsidyFigure> Figures { get; set; } = [];
}

/// <summary>The figure the signed table gives for a year of a column.</summary>
public sealed class SubsidyFigure : IAuditPlaced
{
    public int Id { get; set; }
    public int ColumnId { get; set; }
    public int Year { get; set; }
    /// <summary>What the table's row says of the year ("2023 (jusqu'au 09/05)").</summary>
    public string? YearLabel { get; set; }
    public decimal? Signed { get; set; }
}

/// <summary>How payments fall due, as the convention writes it (docs/funding.md, "Échéancier").</summary>
public enum PaymentRuleKind
{
    /// <summary>Each year's amount is due in <see cref="PaymentRule.Month"/> of the next year, on presentation of the annual report.</summary>
    YearInArrears,
    /// <summary>One call at the start of each calendar year for the year; a partial first year is billed with the next one.</summary>
    CallAtYearStart,
}

public sealed class PaymentRule : IAuditPlaced
{
    public int Id { get; set; }
    public int ConventionId { get; set; }
    public PaymentRuleKind Kind { get; set; }
    public int? PayerPartyId { get; set; }
    public int? PayeePartyId { get; set; }
    /// <summary>For <see cref="PaymentRuleKind.YearInArrears"/>: the month of the next year (2 for February).</summary>
    public int? Month { get; set; }
    /// <summary>Days allowed to pay from the call (30).</summary>
    public int? TermDays { get; set; }
    public bool RequiresAnnualReport { get; set; }
    /// <summary>For <see cref="PaymentRuleKind.CallAtYearStart"/>: a first year that does not start on 1 January is billed with the next.</summary>
    public bool PartialFirstYearWithNext { get; set; }
    /// <summary>The subsidy column whose signed figures are the amounts called (the funder's net cost); null: the days' signed amounts.</summary>
    public int? SubsidyColumnId { get; set; }
    /// <summary>The shares of actual costs are added to the year's amount.</summary>
    public bool IncludesCostSharing { get; set; }
    /// <summary>The rule as the document writes it.</summary>
    public string? Wording { get; set; }
}

/// <summary>A payment received, set against the schedule line of the year it pays.</summary>
public sealed class PaymentReceived : IAuditPlaced
{
    public int Id { get; set; }
    public int ConventionId { get; set; }
    /// <summary>The year of the schedule line it pays (the first year of a line covering two).</summary>
    public int Year { get; set; }
    public DateOnly ReceivedOn { get; set; }
    public decimal Amount { get; set; }
    public string? Reference { get; set; }
}

/// <summary>An activity target for a year, counted by a named indicator (docs/indicators.md), on a territory or not.</summary>
public sealed class ConventionTarget : IAuditPlaced
{
    public int Id { get; set; }
    public int ConventionId { get; set; }
    public int Year { get; set; }
    public required string Label { get; set; }
    /// <summary>The indicator's name ("agenda.information-days-and-workshops"); null when no module counts it yet.</summary>
    public string? Indicator { get; set; }
    public decimal Value { get; set; }
    /// <summary>Null: the convention's territories.</summary>
    public int? TerritoryId { get; set; }
    public bool IsPercent { get; set; }
}

/// <summary>The terms an amendment may change from a date.</summary>
public enum AmendedTerm { DayRate, VatRate, ValidUntil, NoticeMonths }

/// <summary>An amendment (<i>avenant</i>): a term changed from a date, up to an optional date.</summary>
public sealed class Amendment : IAuditPlaced
{
    public int Id { get; set; }
    public int ConventionId { get; set; }
    public int Number { get; set; }
    public DateOnly? SignedOn { get; set; }
    public AmendedTerm Term { get; set; }
    public DateOnly EffectiveFrom { get; set; }
    public DateOnly? EffectiveTo { get; set; }
    /// <summary>The new value as text in invariant form ("600.00", "2025-06-30", "3").</summary>
    public required string Value { get; set; }
    public string? Description { get; set; }
}

public enum DocumentKind { SignedConvention, Amendment, SupportingCost, Other }

/// <summary>
/// A file attached to a convention: the signed convention, an amendment, an invoice supporting an actual cost. PDF, ODT
/// or DOCX checked by content, at most 20 MB; kept in the database (docs/decisions/0015-convention-documents-in-the-database.md).
/// </summary>
public sealed class ConventionDocument : IAuditPlaced
{
    public const long MaxBytes = 20L * 1024 * 1024;

    public int Id { get; set; }
    public int ConventionId { get; set; }
    public DocumentKind Kind { get; set; }
    public required string FileName { get; set; }
    public required string ContentType { get; set; }
    public long Size { get; set; }
    /// <summary>SHA-256 of the content, hex: the audit trail records it, the bytes stay out of it (<see cref="ConventionDocumentContent"/>).</summary>
    public required string Sha256 { get; set; }
    public DateTimeOffset UploadedAt { get; set; }
    public string? UploadedBy { get; set; }
    public ConventionDocumentContent? Content { get; set; }
}

/// <summary>The bytes of a <see cref="ConventionDocument"/>, in a row of their own so that lists never load them and the audit trail never copies them.</summary>
public sealed class ConventionDocumentContent : INotAudited
{
    public int DocumentId { get; set; }
    public required byte[] Bytes { get; set; }
}

/// <summary>A deadline e-mail sent to a convention's manager: one row per convention, kind and date, so that it goes once across restarts and instances.</summary>
public sealed class DeadlineNotice : ITenantOwned, INotAudited
{
    public int Id { get; set; }
    public int CiteId { get; set; }
    public int ConventionId { get; set; }
    public Rules.DeadlineKind Kind { get; set; }
    public DateOnly Date { get; set; }
    public DateTimeOffset SentAt { get; set; }
}

internal static class FundingText
{
    public static LocalizedText Describe(this ConventionStatus status) => status switch
    {
        ConventionStatus.Draft => new("Projet", "Draft"),
        ConventionStatus.Signed => new("Signée", "Signed"),
        ConventionStatus.InForce => new("En vigueur", "In force"),
        ConventionStatus.Ended => new("Échue", "Ended"),
        _ => new("Résiliée", "Terminated"),
    };

    public static LocalizedText Describe(this PartyRole role) => role switch
    {
        PartyRole.Funder => new("Financeur", "Funder"),
        PartyRole.Operator => new("Porteur", "Operator"),
        PartyRole.Provider => new("Prestataire", "Provider"),
        PartyRole.Host => new("Accueil", "Host"),
        _ => new("Partenaire", "Partner"),
    };

    public static LocalizedText Describe(this DayCountRule rule) => rule switch
    {
        DayCountRule.Actual365 => new("jours exacts / 365", "actual days / 365"),
        _ => new("30/360 (mois de 30 jours)", "30/360 (30-day months)"),
    };

    public static string ApiName(this ConventionStatus s) => s switch
    {
        ConventionStatus.InForce => "in-force",
        _ => s.ToString().ToLowerInvariant(),
    };
}

/// <summary>The commentary a coordinator writes in a convention's annual report for a year (issue 21, item 9).</summary>
public sealed class ConventionReportText : IAuditPlaced
{
    public const int MaxText = 10_000;
    public int Id { get; set; }
    public int ConventionId { get; set; }
    public int Year { get; set; }
    /// <summary>« Bilan qualitatif de l'année »: what was done, for whom, what worked.</summary>
    public string? Activity { get; set; }
    /// <summary>« Perspectives »: what comes next year.</summary>
    public string? Outlook { get; set; }
}

/// <summary>
/// A call for funds (<i>appel de fonds</i>, issue 21 item 10): what a payer is asked to pay for one line of a convention's
/// payment schedule, numbered per Cité and year of issue (2023-001, 2023-002…). Its lines and total are kept as issued:
/// later changes to the convention do not alter it (the page says when the schedule now differs).
/// </summary>
public sealed class CallForFunds : Platform.Tenancy.ITenantOwned, IAuditPlaced
{
    public const int MaxText = 500;
    public int Id { get; set; }
    public int CiteId { get; set; }
    public int ConventionId { get; set; }
    /// <summary>The payment rule whose schedule line it calls, and the years that line covers ("2022" or "2021,2022").</summary>
    public int PaymentRuleId { get; set; }
    public required string Years { get; set; }
    /// <summary>The year of issue: its number counts from 1 in each Cité and year.</summary>
    public int Year { get; set; }
    public int Sequence { get; set; }
    public string Number => $"{Year}-{Sequence:000}";
    public DateOnly IssuedOn { get; set; }
    public DateOnly DueOn { get; set; }
    public decimal Amount { get; set; }
    public string Currency { get; set; } = "EUR";
    public required string Payer { get; set; }
    public string? Payee { get; set; }
    public string? PayeeBankDetails { get; set; }
    public string? IssuedBy { get; set; }
    public List<CallForFundsLine> Lines { get; set; } = [];

    /// <summary>
    /// Cancelled (<i>annulé</i>), as a public body cancels a numbered demand for payment: never deleted, it keeps its number,
    /// and says when, by whom and why. A new call of its schedule line replaces it (<see cref="ReplacesId"/>).
    /// </summary>
    public DateOnly? CancelledOn { get; set; }
    public string? CancelledBy { get; set; }
    public string? CancellationReason { get; set; }
    public bool IsCancelled => CancelledOn is not null;
    /// <summary>The cancelled call of the same schedule line that this one replaces (re-issued), if any.</summary>
    public int? ReplacesId { get; set; }

    int? IAuditPlaced.AuditCiteId => CiteId;
}

/// <summary>One line of a call for funds: "Participation 2022 : 26,5 jours…", "Cérémonie 2022 : 50 % des frais réels…".</summary>
public sealed class CallForFundsLine : IAuditPlaced
{
    public int Id { get; set; }
    public int CallForFundsId { get; set; }
    public int Position { get; set; }
    public required string Label { get; set; }
    public decimal Amount { get; set; }
}
