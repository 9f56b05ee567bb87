using System.Globalization;
using Maillage.Funding.Rules;
using Maillage.Platform.Data;
using Maillage.Platform.Documents;
using Maillage.Platform.Errors;
using Maillage.Platform.Localization;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Funding.Conventions;

/// <summary>
/// Calls for funds (issue 21, item 10): one per line of a convention's payment schedule, issued by those who keep the
/// convention, numbered per Cité and year of issue, kept as issued, described once as a <see cref="Document"/> (page,
/// PDF, DOCX) that the payer reads too. An issued call is never deleted: it is cancelled with its reason, keeps its number
/// and reads « ANNULÉ »; issuing the line again makes a new numbered call that names the one it replaces.
/// </summary>
internal sealed class CallsForFunds(MaillageDb db, TimeProvider clock, IHttpContextAccessor http)
{
    /// <summary>How many times an issue retries when another took the number it counted (a unique index keeps numbers apart).</summary>
    private const int Attempts = 20;

    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-FR");

    public static string Url(int conventionId, int callId) => $"/gestion/conventions/{conventionId}/appels/{callId}";

    public Task<List<CallForFunds>> OfAsync(int conventionId, CancellationToken ct) =>
        db.CallsForFunds.AsNoTracking().Include(x => x.Lines).Where(x => x.ConventionId == conventionId).OrderBy(x => x.Year).ThenBy(x => x.Sequence).ToListAsync(ct);

    public Task<CallForFunds?> GetAsync(int conventionId, int callId, CancellationToken ct) =>
        db.CallsForFunds.AsNoTracking().Include(x => x.Lines).FirstOrDefaultAsync(x => x.Id == callId && x.ConventionId == conventionId, ct);

    /// <summary>
    /// The lines a schedule line calls, in French (the language of the documents a Cité issues): the year's days
    /// financed or the subsidy column's figure, then, when the rule adds them, the shares of actual costs.
    /// </summary>
    public static IReadOnlyList<(string Label, decimal Amount)> LinesOf(ConventionView v, AgedLine line)
    {
        var c = v.Convention;
        var rule = c.PaymentRules.FirstOrDefault(r => r.Id == line.RuleId);
        var lines = new List<(string, decimal)>();
        var fr = CultureInfo.GetCultureInfo("fr-FR");
        string Money(decimal x) => Rules.Money.Format(x, c.Currency);
        string Number(decimal x) => x.ToString("0.##", fr);
        foreach (var year in line.Line.Years)
        {
            if (rule?.SubsidyColumnId is { } colId)
            {
                var col = c.SubsidyTables.SelectMany(t => t.Columns).FirstOrDefault(x => x.Id == colId);
                var cell = v.Sheet.Subsidies.SelectMany(s => s.Columns).FirstOrDefault(x => col is not null && x.Label == col.Label && x.AnnualAmount == col.AnnualAmount)
                    ?.Years.FirstOrDefault(y => y.Year == year);
                if (cell is not null)
                    lines.Add(($"{col!.Label} — {cell.YearLabel ?? year.ToString(CultureInfo.InvariantCulture)}", cell.Figure.Agreed));
            }
            else if (v.Sheet.Amounts.FirstOrDefault(a => a.Year == year) is { Amount: { } figure } a)
                lines.Add(($"Participation {year} : {Number(a.FinancedDays)} jours"
                    + (a.DayRate is { } rate ? $" × {Money(rate)} HT × (1 + TVA {Number(a.VatRate * 100)} %)" : "")
                    + (figure.Signed is not null ? " — montant signé" : ""), figure.Agreed));
            if (rule?.IncludesCostSharing == true)
                foreach (var s in v.Sheet.CostSharing)
                    if (s.Years.FirstOrDefault(y => y.Year == year) is { Refund: > 0 } cost)
                        lines.Add(($"{s.Label} {year} : {Number(s.Share * 100)} % des frais réels de {Money(cost.ActualCosts)}"
                            + (s.Cap is { } cap ? $", plafonné à {Money(cap)}" : ""), cost.Refund));
        }
        return lines;
    }

    /// <summary>The call in force of a schedule line (not cancelled), if any: the one its « Appel de fonds » column shows.</summary>
    public static CallForFunds? InForce(IEnumerable<CallForFunds> calls, AgedLine line) =>
        calls.FirstOrDefault(x => !x.IsCancelled && x.PaymentRuleId == line.RuleId && x.Years == line.YearsKey);

    /// <summary>
    /// Issues the call of a schedule line (or returns the one in force): its next number in the Cité's year, its lines and
    /// total as the schedule gives them today; when the line's last call was cancelled, the new one names it as the call it
    /// replaces. A line with nothing to call is refused, naming <c>line</c>.
    /// </summary>
    public async Task<CallForFunds> IssueAsync(ConventionView v, int ruleId, string years, CancellationToken ct)
    {
        var c = v.Convention;
        var line = v.Sheet.Schedule.FirstOrDefault(l => l.RuleId == ruleId && l.YearsKey == years)
            ?? throw new RuleViolation("line", new("Cette ligne d'échéancier n'existe pas.", "This schedule line does not exist."), StatusCodes.Status404NotFound);
        if (await FindAsync(c.Id, ruleId, years, ct) is { } issued) return issued;
        var lines = LinesOf(v, line);
        var total = lines.Sum(l => l.Amount);
        if (total <= 0)
            throw new RuleViolation("line", new($"Rien à appeler pour {line.Line.Label.Fr.ToLowerInvariant()} : le montant est nul.",
                $"Nothing to call for {line.Line.Label.En.ToLowerInvariant()}: the amount is zero."));
        var rule = c.PaymentRules.First(r => r.Id == ruleId);
        var payer = c.Parties.FirstOrDefault(p => p.Id == rule.PayerPartyId) ?? c.Parties.FirstOrDefault(p => p.Role == PartyRole.Funder);
        var payee = c.Parties.FirstOrDefault(p => p.Id == rule.PayeePartyId);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var replaces = await db.CallsForFunds.AsNoTracking().Where(x => x.ConventionId == c.Id && x.PaymentRuleId == ruleId && x.Years == years && x.CancelledOn != null)
            .OrderByDescending(x => x.Id).Select(x => (int?)x.Id).FirstOrDefaultAsync(ct);
        for (var attempt = 0; ; attempt++)
        {
            var sequence = 1 + (await db.CallsForFunds.IgnoreQueryFilters().Where(x => x.CiteId == c.CiteId && x.Year == today.Year)
                .MaxAsync(x => (int?)x.Sequence, ct) ?? 0);
            var call = new CallForFunds
            {
                CiteId = c.CiteId, ConventionId = c.Id, PaymentRuleId = ruleId, Years = years, Year = today.Year, Sequence = sequence,
                IssuedOn = today, DueOn = line.Line.DueOn, Amount = total, Currency = c.Currency,
                Payer = payer?.Name ?? "—", Payee = payee?.Name, PayeeBankDetails = payee?.BankDetails,
                IssuedBy = http.HttpContext?.User.Identity?.Name, ReplacesId = replaces,
                Lines = [.. lines.Select((l, i) => new CallForFundsLine { Position = i + 1, Label = l.Label, Amount = l.Amount })],
            };
            db.CallsForFunds.Add(call);
            try
            {
                await db.SaveChangesAsync(ct);
                return call;
            }
            catch (DbUpdateException) when (attempt < Attempts)
            {
                // Another issue took this number (or this very line) first: forget ours, then count again.
                db.ChangeTracker.Clear();
                if (await FindAsync(c.Id, ruleId, years, ct) is { } theirs) return theirs;
            }
        }
    }

    private Task<CallForFunds?> FindAsync(int conventionId, int ruleId, string years, CancellationToken ct) =>
        db.CallsForFunds.AsNoTracking().Include(x => x.Lines)
            .FirstOrDefaultAsync(x => x.ConventionId == conventionId && x.PaymentRuleId == ruleId && x.Years == years && x.CancelledOn == null, ct);

    /// <summary>
    /// Cancels an issued call with its reason (date and who kept; the change is in the audit trail). Refused, naming the
    /// field: no reason (<c>reason</c>), a call already cancelled, or a call whose schedule line has a payment recorded
    /// (<c>call</c>: a payment received is set against the line the call demanded; cancelling would leave it paying nothing).
    /// </summary>
    public async Task<CallForFunds> CancelAsync(ConventionView v, int callId, string? reason, CancellationToken ct)
    {
        var call = await db.CallsForFunds.Include(x => x.Lines).FirstOrDefaultAsync(x => x.Id == callId && x.ConventionId == v.Convention.Id, ct)
            ?? throw new RuleViolation("call", new("Cet appel de fonds n'existe pas.", "This call for funds does not exist."), StatusCodes.Status404NotFound);
        var problems = new List<RuleViolation>();
        if (string.IsNullOrWhiteSpace(reason))
            problems.Add(new("reason", new("Indiquez le motif de l'annulation.", "Give the reason for cancelling.")));
        else if (reason.Trim().Length > CallForFunds.MaxText)
            problems.Add(new("reason", new($"{CallForFunds.MaxText} caractères au plus.", $"At most {CallForFunds.MaxText} characters.")));
        if (call.IsCancelled)
            problems.Add(new("call", new($"L'appel n° {call.Number} est déjà annulé.", $"Call No. {call.Number} is already cancelled.")));
        else if (v.Sheet.Schedule.FirstOrDefault(l => l.RuleId == call.PaymentRuleId && l.YearsKey == call.Years) is { Received: > 0 } paid)
            problems.Add(new("call", new(
                $"Un paiement de {Rules.Money.Format(paid.Received, call.Currency)} est enregistré sur cette ligne : l'appel n° {call.Number} ne peut plus être annulé. Corrigez d'abord le paiement, ou émettez un nouvel appel pour la différence.",
                $"A payment of {Rules.Money.Format(paid.Received, call.Currency)} is recorded on this line: call No. {call.Number} can no longer be cancelled. Correct the payment first, or issue a new call for the difference.")));
        RuleViolation.ThrowIfAny(problems);
        call.CancelledOn = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        call.CancelledBy = http.HttpContext?.User.Identity?.Name;
        call.CancellationReason = reason!.Trim();
        await db.SaveChangesAsync(ct);
        return call;
    }

    /// <summary>Re-issues a cancelled call: a new numbered call of the same schedule line, computed from the schedule as it is now, naming the one it replaces.</summary>
    public async Task<CallForFunds> ReissueAsync(ConventionView v, int callId, CancellationToken ct)
    {
        var call = await GetAsync(v.Convention.Id, callId, ct)
            ?? throw new RuleViolation("call", new("Cet appel de fonds n'existe pas.", "This call for funds does not exist."), StatusCodes.Status404NotFound);
        if (!call.IsCancelled)
            throw new RuleViolation("call", new($"L'appel n° {call.Number} est en vigueur : annulez-le d'abord, avec son motif.", $"Call No. {call.Number} is in force: cancel it first, with its reason."));
        return await IssueAsync(v, call.PaymentRuleId, call.Years, ct);
    }

    /// <summary>The call that replaced a cancelled one, if it was re-issued.</summary>
    public Task<CallForFunds?> ReplacementAsync(CallForFunds call, CancellationToken ct) =>
        db.CallsForFunds.AsNoTracking().Where(x => x.ReplacesId == call.Id).OrderBy(x => x.Id).FirstOrDefaultAsync(ct);

    /// <summary>The numbers of the calls a call replaces and is replaced by, for its document.</summary>
    public sealed record Links(string? Replaces, string? ReplacedBy);

    public async Task<Links> LinksAsync(CallForFunds call, CancellationToken ct)
    {
        var replaces = call.ReplacesId is { } id ? await db.CallsForFunds.AsNoTracking().Where(x => x.Id == id).FirstOrDefaultAsync(ct) : null;
        var replacedBy = await ReplacementAsync(call, ct);
        return new Links(replaces?.Number, replacedBy?.Number);
    }

    /// <summary>The call described once, as issued (French: the language of the documents the Cité sends).</summary>
    public static Document Describe(CallForFunds call, string conventionTitle, string citeName, bool requiresReport, Links? links = null)
    {
        string Money(decimal x) => Rules.Money.Format(x, call.Currency);
        var years = call.Years.Split(',');
        var blocks = new List<DocumentBlock>();
        if (call.CancelledOn is { } cancelledOn)
            blocks.Add(new Paragraph($"ANNULÉ le {HumanDates.Date(cancelledOn, French)}{(call.CancelledBy is null ? "" : " par " + call.CancelledBy)} — motif : {call.CancellationReason}."
                + (links?.ReplacedBy is { } by ? $" Remplacé par l'appel de fonds n° {by}." : " Cet appel n'est plus à régler.")));
        if (links?.Replaces is { } replaced) blocks.Add(new Paragraph($"Cet appel remplace l'appel de fonds n° {replaced}, annulé."));
        blocks.AddRange(new List<DocumentBlock>
        {
            new Fields([
                new("Convention", conventionTitle),
                new("Destinataire", call.Payer),
                new("Bénéficiaire", call.Payee ?? citeName),
                new("Objet", years.Length == 1 ? $"Année {years[0]}" : $"Années {string.Join(" et ", years)}"),
                new("Date d'émission", HumanDates.Date(call.IssuedOn, French)),
                new("À régler au plus tard le", HumanDates.Date(call.DueOn, French)),
            ]),
            new Table("Détail de l'appel de fonds", [new("Ligne"), new("Montant", ColumnAlign.End)],
                [.. call.Lines.OrderBy(l => l.Position).Select(l => (IReadOnlyList<Cell>)[new Cell(l.Label), new Cell(Money(l.Amount), l.Amount)])],
                Totals: [new Cell("Total à régler"), new Cell(Money(call.Amount), call.Amount)]),
        });
        if (requiresReport) blocks.Add(new Paragraph($"Payable sur présentation du bilan annuel {years[^1]}, comme le prévoit la convention."));
        if (call.PayeeBankDetails is { } bank) blocks.Add(new Paragraph($"Règlement par virement : {bank}."));
        blocks.Add(new Paragraph($"Merci de rappeler la référence {call.Number} avec votre règlement.", TextStyle.Small));
        return new Document($"Appel de fonds n° {call.Number}" + (call.IsCancelled ? " — ANNULÉ" : ""), citeName, "fr", blocks, $"Émis le {HumanDates.Date(call.IssuedOn, French)}", CiteId: call.CiteId);
    }
}
