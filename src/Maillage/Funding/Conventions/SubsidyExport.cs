using System.Globalization;
using Maillage.Funding.Rules;
using Maillage.Platform.Errors;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Funding.Conventions;

/// <summary>
/// The open-data export of the subsidies granted (issue 21, item 12), in the French SCDL « subventions » schema
/// (schema.data.gouv.fr/scdl/subventions, version 2.1.1): one row per funder column of a convention's subsidy table and
/// year, with the schema's column names and formats — comma-separated UTF-8, ISO dates, a decimal point, oui/non.
/// </summary>
internal static class SubsidyExport
{
    public const string SchemaVersion = "2.1.1";

    /// <summary>The schema's columns, in its order.</summary>
    public static readonly string[] Columns =
    [
        "nomAttribuant", "idAttribuant", "dateConvention", "referenceDecision", "nomBeneficiaire", "idBeneficiaire", "rnaBeneficiaire",
        "objet", "montant", "nature", "conditionsVersement", "datesPeriodeVersement", "idRAE", "notificationUE", "pourcentageSubvention", "dispositifAide",
    ];

    public sealed record Row(string Funder, DateOnly? SignedOn, string Reference, string? Beneficiary, string Object, decimal Amount,
        bool Staggered, string PaymentDates, decimal Share);

    /// <summary>
    /// The rows of conventions: each subsidy column paid by a funder party, each year of it; the amount is the signed
    /// figure (what was granted), else the computed one. <paramref name="funderPartnerId"/> keeps one funder's rows.
    /// </summary>
    public static IReadOnlyList<Row> Rows(IEnumerable<ConventionView> views, int? funderPartnerId)
    {
        var rows = new List<Row>();
        foreach (var v in views.OrderBy(x => x.Convention.SignedOn).ThenBy(x => x.Convention.Title))
        {
            var c = v.Convention;
            var beneficiary = c.Parties.FirstOrDefault(p => p.Role == PartyRole.Operator)?.Name;
            foreach (var table in c.SubsidyTables)
            {
                var total = table.Columns.Where(col => col.PartyId is null).OrderBy(col => col.Position).FirstOrDefault();
                foreach (var col in table.Columns.Where(col => col.PartyId is not null).OrderBy(col => col.Position))
                {
                    var party = c.Parties.FirstOrDefault(p => p.Id == col.PartyId);
                    if (party is null || party.Role != PartyRole.Funder) continue;
                    if (funderPartnerId is { } only && party.PartnerId != only) continue;
                    var sheet = Sheet(v, col);
                    var totals = total is null ? null : Sheet(v, total);
                    var rule = c.PaymentRules.FirstOrDefault(r => r.SubsidyColumnId == col.Id);
                    foreach (var cell in sheet?.Years ?? [])
                    {
                        var amount = cell.Figure.Agreed;
                        var whole = totals?.Years.FirstOrDefault(y => y.Year == cell.Year)?.Figure.Agreed;
                        var lines = v.Sheet.Schedule.Where(l => rule is not null && l.RuleId == rule.Id && l.Line.Years.Contains(cell.Year)).ToList();
                        var dates = lines.Count > 0
                            ? string.Join(";", lines.Select(l => Iso(l.Line.DueOn)).Distinct())
                            : $"{Iso(Max(table.PeriodStart, new DateOnly(cell.Year, 1, 1)))}_{Iso(Min(table.PeriodEnd, new DateOnly(cell.Year, 12, 31)))}";
                        rows.Add(new Row(party.Name, c.SignedOn, c.Title, beneficiary,
                            $"{c.Title} — {col.Label}, {cell.YearLabel ?? cell.Year.ToString(CultureInfo.InvariantCulture)}", amount,
                            Staggered: sheet!.Years.Count > 1, dates, whole is > 0 ? Math.Round(amount / whole.Value, 4) : 1m));
                    }
                }
            }
        }
        return rows;
    }

    private static SubsidyColumnSheet? Sheet(ConventionView v, SubsidyColumn col) =>
        v.Sheet.Subsidies.SelectMany(s => s.Columns).FirstOrDefault(x => x.Label == col.Label && x.AnnualAmount == col.AnnualAmount);

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;
    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;

    /// <summary>The CSV as the schema wants it (the platform's SCDL dialect: comma, UTF-8 without byte-order mark, decimal point, formula injection escaped).</summary>
    public static byte[] Csv(IReadOnlyList<Row> rows) =>
        Platform.Spreadsheets.ScdlCsv.Write(Columns, rows.Select(r => (IReadOnlyList<string?>)
        [
            // idAttribuant and idBeneficiaire are SIRET numbers the platform does not hold: left empty (docs/funding.md).
            r.Funder, "", r.SignedOn is { } d ? Iso(d) : "", r.Reference, r.Beneficiary ?? "", "", "",
            r.Object, r.Amount.ToString("0.00", CultureInfo.InvariantCulture), "aide en numéraire", r.Staggered ? "échelonné" : "unique",
            r.PaymentDates, "", "non", r.Share.ToString("0.####", CultureInfo.InvariantCulture), "",
        ]));
}
