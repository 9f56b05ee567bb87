using Maillage.Platform.Data;
using Maillage.Platform.Documents;
using Maillage.Platform.Errors;
using Maillage.Platform.Localization;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Funding.Conventions;

/// <summary>A convention's annual report (<i>bilan annuel</i>) for a year, as computed now (issue 21, item 9).</summary>
/// <param name="DaysAmount">The year's amount for the days financed: the signed figure when there is one (what the parties agreed), else the computed one.</param>
/// <param name="Refunds">The shares of actual costs of the year, per rule.</param>
internal sealed record AnnualReport(ConventionView View, int Year, IReadOnlyList<TargetStatus> Targets, Rules.YearAmount? Days, decimal DaysAmount,
    IReadOnlyList<(string Label, decimal ActualCosts, decimal Refund)> Refunds, ConventionReportText? Texts)
{
    public decimal AmountDue => DaysAmount + Refunds.Sum(r => r.Refund);

    /// <summary>Whether a figure of the report is hidden by disclosure control (the page and the document then say why).</summary>
    public bool AnySecret => Targets.Any(t => t.State == TargetState.Secret);

    /// <summary>The key of its frozen versions in the platform's <see cref="DocumentArchive"/>.</summary>
    public static string ArchiveKey(int conventionId, int year) => $"funding/convention/{conventionId}/report/{year}";
}

/// <summary>Builds a convention's annual report from live data — targets through the indicators, amounts from the sheet — and describes it once as a <see cref="Document"/>.</summary>
internal sealed class AnnualReports(MaillageDb db, TargetProgress progress)
{
    /// <summary>The years a report may be made for: those the convention's period touches (else those its figures or targets name).</summary>
    public static IReadOnlyList<int> Years(Convention c)
    {
        if (c.EffectiveFrom is { } from && c.EffectiveTo is { } to) return [.. Enumerable.Range(from.Year, to.Year - from.Year + 1)];
        return [.. c.Years.Select(y => y.Year).Concat(c.Targets.Select(t => t.Year)).Distinct().Order()];
    }

    /// <summary>Refuses a year the convention does not cover (422 naming <c>year</c>).</summary>
    public static void CheckYear(Convention c, int year)
    {
        var years = Years(c);
        if (!years.Contains(year))
            throw new RuleViolation("year", years.Count == 0
                ? new($"La convention ne couvre aucune année : pas de bilan {year}.", $"The agreement covers no year: no {year} report.")
                : new($"La convention ne couvre pas l'année {year} (années couvertes : {years[0]}–{years[^1]}).",
                      $"The agreement does not cover {year} (years covered: {years[0]}–{years[^1]})."));
    }

    public async Task<AnnualReport> BuildAsync(ConventionView v, int year, CancellationToken ct)
    {
        var c = v.Convention;
        CheckYear(c, year);
        // The report is a funder-facing document: its counts of people are under disclosure control for every reader, the
        // coordinator previewing it included, so that what she previews is what is sent and frozen (docs/funding.md).
        var targets = await progress.ComputeAsync(c, [year], disclosureControl: true, ct: ct);
        var days = v.Sheet.Amounts.FirstOrDefault(a => a.Year == year);
        var refunds = v.Sheet.CostSharing.SelectMany(r => r.Years.Where(y => y.Year == year).Select(y => (r.Label, y.ActualCosts, y.Refund))).ToList();
        var texts = await db.ConventionReportTexts.AsNoTracking().FirstOrDefaultAsync(t => t.ConventionId == c.Id && t.Year == year, ct);
        return new AnnualReport(v, year, targets, days, days?.Amount?.Agreed ?? 0m, refunds, texts);
    }

    /// <summary>Saves the coordinator's commentary of a year (empty sections are kept empty).</summary>
    public async Task SaveTextsAsync(Convention c, int year, string? activity, string? outlook, CancellationToken ct)
    {
        CheckYear(c, year);
        var problems = new List<RuleViolation>();
        if (activity?.Length > ConventionReportText.MaxText) problems.Add(new("activity", new($"{ConventionReportText.MaxText} caractères au plus.", $"At most {ConventionReportText.MaxText} characters.")));
        if (outlook?.Length > ConventionReportText.MaxText) problems.Add(new("outlook", new($"{ConventionReportText.MaxText} caractères au plus.", $"At most {ConventionReportText.MaxText} characters.")));
        RuleViolation.ThrowIfAny(problems);
        var row = await db.ConventionReportTexts.FirstOrDefaultAsync(t => t.ConventionId == c.Id && t.Year == year, ct);
        if (row is null) db.ConventionReportTexts.Add(row = new ConventionReportText { ConventionId = c.Id, Year = year });
        row.Activity = string.IsNullOrWhiteSpace(activity) ? null : activity.Trim();
        row.Outlook = string.IsNullOrWhiteSpace(outlook) ? null : outlook.Trim();
        await db.SaveChangesAsync(ct);
    }

    private static string Money(decimal value, string currency) => FundingFormat.Money(value, currency);

    /// <summary>Why a figure reads « secret », in the document and on its page (docs/disclosure-control.md).</summary>
    public static string SecretNote => Text.T(
        "« secret » : un petit nombre de personnes n'est pas publié (secret statistique), ni un chiffre qui permettrait de le retrouver ; ce bilan est destiné au financeur, ses effectifs de personnes suivent cette règle pour tous ses lecteurs.",
        "“secret”: a small number of people is not published (statistical disclosure control), nor a figure from which it could be worked out; this report is meant for the funder, so its counts of people follow that rule for every reader.");

    private static string Figure(decimal? value, bool percent) => value is { } x ? FundingFormat.Number(x) + (percent ? " %" : "") : "—";

    /// <summary>The report described once: the page, the PDF, the DOCX and the sheets come from it (docs/documents.md).</summary>
    public static Document Describe(AnnualReport r, string? reference = null)
    {
        var v = r.View;
        var c = v.Convention;
        var t = (string fr, string en) => Text.T(fr, en);
        var territories = c.Territories.Select(x => v.Territories.GetValueOrDefault(x.TerritoryId, "?")).Order().ToList();
        var funders = c.Parties.Where(p => p.Role == PartyRole.Funder).Select(p => p.Name).ToList();
        var operators = c.Parties.Where(p => p.Role == PartyRole.Operator).Select(p => p.Name).ToList();
        var blocks = new List<DocumentBlock>
        {
            new Fields([
                new(t("Convention", "Agreement"), c.Title),
                new(t("Année", "Year"), r.Year.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                new(t("Financeur", "Funder"), funders.Count > 0 ? string.Join(", ", funders) : "—"),
                new(t("Porteur", "Operator"), operators.Count > 0 ? string.Join(", ", operators) : "—"),
                new(t("Territoire", "Territory"), territories.Count > 0 ? string.Join(", ", territories) : t("toute la Cité", "the whole Cité")),
            ]),
            new Heading(t("Activité et objectifs", "Activity and targets")),
        };
        if (r.Targets.Count == 0) blocks.Add(new Paragraph(t("La convention ne fixe pas d'objectif pour cette année.", "The agreement sets no target for this year.")));
        else
        {
            var counted = r.Targets.Where(x => x.Actual is not null).Select(x => (x.From, x.To)).Distinct().ToList();
            if (counted.Count > 0)
                blocks.Add(new Paragraph(t(
                    $"Activité comptée sur le territoire de la convention du {FundingFormat.Date(counted.Min(x => x.From))} au {FundingFormat.Date(counted.Max(x => x.To))}, par les indicateurs de la plateforme.",
                    $"Activity counted on the agreement's territory from {FundingFormat.Date(counted.Min(x => x.From))} to {FundingFormat.Date(counted.Max(x => x.To))}, by the platform's indicators."), TextStyle.Small));
            blocks.Add(new Table(t("Objectifs et réalisé", "Targets and actual"),
                [new(t("Objectif", "Target")), new(t("Cible", "Target value"), ColumnAlign.End), new(t("Réalisé", "Actual"), ColumnAlign.End), new(t("État", "State"))],
                [.. r.Targets.Select(x => (IReadOnlyList<Cell>)[
                    new Cell(x.Target.Label),
                    new Cell(Figure(x.Target.Value, x.Target.IsPercent), x.Target.Value),
                    new Cell(Figure(x.Actual, x.Target.IsPercent), x.Actual),
                    new Cell(x.Describe()),
                ])]));
            if (r.AnySecret) blocks.Add(new Paragraph(SecretNote, TextStyle.Small));
        }

        blocks.Add(new Heading(t("Montants dus", "Amounts due")));
        var rows = new List<IReadOnlyList<Cell>>();
        if (r.Days is { } d)
            rows.Add([
                new Cell(t($"Journées financées : {FundingFormat.Number(d.FinancedDays)} j × {(d.DayRate is { } rate ? Money(rate, c.Currency) : "—")} HT × (1 + TVA {FundingFormat.Percent(d.VatRate)})",
                           $"Days financed: {FundingFormat.Number(d.FinancedDays)} d × {(d.DayRate is { } rate2 ? Money(rate2, c.Currency) : "—")} excl. VAT × (1 + VAT {FundingFormat.Percent(d.VatRate)})")
                         + (d.Amount?.Signed is not null ? t(" — montant signé", " — signed amount") : "")),
                new Cell(Money(r.DaysAmount, c.Currency), r.DaysAmount),
            ]);
        foreach (var (label, actual, refund) in r.Refunds)
            rows.Add([new Cell(t($"{label} : part des frais réels ({Money(actual, c.Currency)})", $"{label}: share of actual costs ({Money(actual, c.Currency)})")), new Cell(Money(refund, c.Currency), refund)]);
        if (rows.Count == 0) blocks.Add(new Paragraph(t("Aucun montant n'est dû pour cette année.", "No amount is due for this year.")));
        else
            blocks.Add(new Table(t("Détail des montants dus", "Amounts due in detail"), [new(t("Ligne", "Line")), new(t("Montant", "Amount"), ColumnAlign.End)], rows,
                Totals: [new Cell(t("Total dû", "Total due")), new Cell(Money(r.AmountDue, c.Currency), r.AmountDue)]));

        blocks.Add(new Heading(t("Bilan qualitatif", "Qualitative review")));
        blocks.Add(new Paragraph(r.Texts?.Activity ?? t("(à rédiger)", "(to be written)")));
        blocks.Add(new Heading(t("Perspectives", "Outlook")));
        blocks.Add(new Paragraph(r.Texts?.Outlook ?? t("(à rédiger)", "(to be written)")));

        return new Document(t($"Bilan annuel {r.Year} — {c.Title}", $"Annual report {r.Year} — {c.Title}"), v.CiteName,
            LocalizedText.IsEnglish ? "en" : "fr", blocks, reference, CiteId: c.CiteId);
    }
}
