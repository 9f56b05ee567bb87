using System.Security.Cryptography;
using Maillage.Funding.Rules;
using Maillage.Platform.Data;
using Maillage.Platform.Errors;
using Maillage.Platform.Identity;
using Maillage.Platform.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Funding.Conventions;

/// <summary>
/// What a coordinator enters on a convention, one small form each: days of an action for a year, a year's rate and
/// signed amount, a payment received, an actual cost with its document, an amendment, a signed document. French
/// decimals accepted; each refusal names its field and saves nothing; every change goes to the audit trail.
/// </summary>
[Authorize(Policy = FundingModule.ManagersPolicy)]
[RequestSizeLimit(ConventionDocument.MaxBytes + 1024 * 1024)]
[RequestFormLimits(MultipartBodyLengthLimit = ConventionDocument.MaxBytes + 1024 * 1024)]
internal sealed class EntriesModel(MaillageDb db, ConventionReader reader, TimeProvider clock) : ConventionFormPage(reader)
{
    protected override string PagePath => "saisie";
    public IReadOnlyList<ConventionDocument> Documents { get; private set; } = [];

    [BindProperty] public DaysInput Days { get; set; } = new();
    [BindProperty] public YearInput YearRate { get; set; } = new();
    [BindProperty] public PaymentInput Payment { get; set; } = new();
    [BindProperty] public CostInput Cost { get; set; } = new();
    [BindProperty] public AmendmentInput Amend { get; set; } = new();
    [BindProperty] public DocumentInput Doc { get; set; } = new();

    public sealed class DaysInput { public int? ActionId { get; set; } public int? Year { get; set; } public string? ForecastDays { get; set; } public string? FinancedDays { get; set; } }
    public sealed class YearInput { public int? Year { get; set; } public string? DayRate { get; set; } public string? VatPercent { get; set; } public string? SignedAmount { get; set; } }
    public sealed class PaymentInput { public int? Year { get; set; } public string? ReceivedOn { get; set; } public string? Amount { get; set; } public string? Reference { get; set; } }
    public sealed class CostInput { public int? RuleId { get; set; } public int? Year { get; set; } public string? SpentOn { get; set; } public string? Label { get; set; } public string? Amount { get; set; } public IFormFile? File { get; set; } }
    public sealed class AmendmentInput { public AmendedTerm Term { get; set; } public string? EffectiveFrom { get; set; } public string? EffectiveTo { get; set; } public string? Value { get; set; } public string? SignedOn { get; set; } public string? Description { get; set; } }
    public sealed class DocumentInput { public DocumentKind Kind { get; set; } public IFormFile? File { get; set; } }

    protected override async Task LoadMoreAsync(CancellationToken ct) =>
        Documents = await db.ConventionDocuments.AsNoTracking().Where(d => d.ConventionId == Id).OrderBy(d => d.UploadedAt).ToListAsync(ct);

    /// <summary>Downloads an attached document.</summary>
    public async Task<IActionResult> OnGetDocumentAsync(int documentId, CancellationToken ct)
    {
        if (await Reader.GetAsync(Id, ct, ConventionUse.Keep) is null) return NotFound();
        var doc = await db.ConventionDocuments.AsNoTracking().Include(d => d.Content).FirstOrDefaultAsync(d => d.Id == documentId && d.ConventionId == Id, ct);
        if (doc?.Content is null) return NotFound();
        return File(doc.Content.Bytes, doc.ContentType, doc.FileName);
    }

    public async Task<IActionResult> OnPostDaysAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        var problems = new List<RuleViolation>();
        var action = View.Convention.Actions.FirstOrDefault(a => a.Id == Days.ActionId);
        if (action is null) problems.Add(new RuleViolation("actionId", new("Choisissez une action de la convention.", "Choose an action of the convention.")));
        var year = CoveredYear(Days.Year, "year", problems);
        var forecast = FundingInput.Number(Days.ForecastDays, "forecastDays", problems, 366);
        var financed = FundingInput.Number(Days.FinancedDays, "financedDays", problems, 366, required: true);
        if (problems.Count == 0) problems.AddRange(DayAmounts.Validate(forecast, financed!.Value));
        if (problems.Count > 0) return await RefuseAsync(problems, "Days", ct);
        var row = await db.Set<ActionDays>().FirstOrDefaultAsync(d => d.ActionId == action!.Id && d.Year == year, ct);
        if (row is null) db.Add(row = new ActionDays { ActionId = action!.Id, Year = year!.Value });
        row.ForecastDays = forecast;
        row.FinancedDays = financed!.Value;
        await db.SaveChangesAsync(ct);
        return Done("jours");
    }

    public async Task<IActionResult> OnPostYearAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        var problems = new List<RuleViolation>();
        var year = CoveredYear(YearRate.Year, "year", problems);
        var rate = FundingInput.Number(YearRate.DayRate, "dayRate", problems, 100_000);
        var vat = FundingInput.Number(YearRate.VatPercent, "vatPercent", problems, 100) ?? 0;
        var signed = FundingInput.Number(YearRate.SignedAmount, "signedAmount", problems, 100_000_000);
        if (problems.Count > 0) return await RefuseAsync(problems, "YearRate", ct);
        var row = await db.Set<ConventionYear>().FirstOrDefaultAsync(y => y.ConventionId == Id && y.Year == year, ct);
        if (row is null) db.Add(row = new ConventionYear { ConventionId = Id, Year = year!.Value, PayerPartyId = View.Convention.Parties.FirstOrDefault(p => p.Role == PartyRole.Funder)?.Id });
        row.DayRateExclVat = rate;
        row.VatRate = vat / 100m;
        row.SignedAmount = signed;
        await db.SaveChangesAsync(ct);
        return Done("annee");
    }

    public async Task<IActionResult> OnPostPaymentAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        var problems = new List<RuleViolation>();
        var line = View.Sheet.Schedule.FirstOrDefault(l => l.Line.Year == Payment.Year);
        if (line is null) problems.Add(new RuleViolation("year", new("Choisissez une ligne de l'échéancier.", "Choose a line of the schedule.")));
        var on = FundingInput.Date(Payment.ReceivedOn, "receivedOn", problems);
        if (on is null && !problems.Any(p => p.Field == "receivedOn")) problems.Add(new RuleViolation("receivedOn", new("La date de réception est obligatoire.", "The date received is required.")));
        var amount = FundingInput.Number(Payment.Amount, "amount", problems, 100_000_000, required: true);
        if (amount == 0) problems.Add(new RuleViolation("amount", new("Le montant reçu est positif.", "The amount received is positive.")));
        if (problems.Count > 0) return await RefuseAsync(problems, "Payment", ct);
        db.Add(new PaymentReceived { ConventionId = Id, Year = line!.Line.Year, ReceivedOn = on!.Value, Amount = amount!.Value, Reference = FundingInput.Text(Payment.Reference) });
        await db.SaveChangesAsync(ct);
        return Done("paiement");
    }

    public async Task<IActionResult> OnPostCostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        var problems = new List<RuleViolation>();
        var rule = View.Convention.CostSharing.FirstOrDefault(r => r.Id == Cost.RuleId);
        if (rule is null) problems.Add(new RuleViolation("ruleId", new("Choisissez un partage de frais de la convention.", "Choose a cost-sharing rule of the convention.")));
        var year = CoveredYear(Cost.Year, "year", problems);
        var spent = FundingInput.Date(Cost.SpentOn, "spentOn", problems);
        if (string.IsNullOrWhiteSpace(Cost.Label)) problems.Add(new RuleViolation("label", new("Décrivez la dépense (traiteur, trophées…).", "Describe the cost (catering, trophies…).")));
        var amount = FundingInput.Number(Cost.Amount, "amount", problems, 10_000_000, required: true);
        var upload = await ReadUploadAsync(Cost.File, "file", problems, required: false, ct);
        if (problems.Count > 0) return await RefuseAsync(problems, "Cost", ct);
        var document = upload is null ? null : Attach(DocumentKind.SupportingCost, Cost.File!.FileName, upload.Value);
        db.Add(new ActualCost { RuleId = rule!.Id, Year = year!.Value, SpentOn = spent, Label = Cost.Label!.Trim(), Amount = amount!.Value, Document = document, DocumentName = document?.FileName });
        await db.SaveChangesAsync(ct);
        return Done("frais");
    }

    public async Task<IActionResult> OnPostAmendmentAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        var c = View.Convention;
        var problems = new List<RuleViolation>();
        var from = FundingInput.Date(Amend.EffectiveFrom, "effectiveFrom", problems);
        if (from is null && !problems.Any(p => p.Field == "effectiveFrom")) problems.Add(new RuleViolation("effectiveFrom", new("La date d'effet est obligatoire.", "The date it takes effect is required.")));
        var to = FundingInput.Date(Amend.EffectiveTo, "effectiveTo", problems);
        var signed = FundingInput.Date(Amend.SignedOn, "signedOn", problems);
        string? value = null;
        switch (Amend.Term)
        {
            case AmendedTerm.DayRate:
                value = FundingInput.Number(Amend.Value, "value", problems, 100_000, required: true)?.ToString(System.Globalization.CultureInfo.InvariantCulture);
                break;
            case AmendedTerm.VatRate:
                value = (FundingInput.Number(Amend.Value, "value", problems, 100, required: true) / 100m)?.ToString(System.Globalization.CultureInfo.InvariantCulture);
                break;
            case AmendedTerm.ValidUntil:
                value = FundingInput.Date(Amend.Value, "value", problems)?.ToString("yyyy-MM-dd");
                if (value is null && !problems.Any(p => p.Field == "value")) problems.Add(new RuleViolation("value", new("Indiquez la nouvelle date de fin de validité.", "Give the new end of validity.")));
                break;
            default:
                value = FundingInput.Whole(Amend.Value, "value", problems)?.ToString();
                if (value is null && !problems.Any(p => p.Field == "value")) problems.Add(new RuleViolation("value", new("Indiquez le nouveau préavis en mois.", "Give the new notice in months.")));
                break;
        }
        if (problems.Count == 0)
        {
            var end = Rules.Deadlines.EndOfValidity(c.ValidUntil, c.TermMonthsFromSignature, c.SignedOn) ?? c.EffectiveTo;
            problems.AddRange(Amendments.Validate(Amend.Term, from!.Value, to, c.EffectiveFrom ?? c.SignedOn, end,
                c.Amendments.Select(a => (a.Id, a.Term, a.EffectiveFrom, a.EffectiveTo))));
        }
        if (problems.Count > 0) return await RefuseAsync(problems, "Amend", ct);
        db.Add(new Amendment
        {
            ConventionId = Id, Number = c.Amendments.Select(a => a.Number).DefaultIfEmpty(0).Max() + 1, Term = Amend.Term, EffectiveFrom = from!.Value, EffectiveTo = to,
            SignedOn = signed, Value = value!, Description = FundingInput.Text(Amend.Description),
        });
        await db.SaveChangesAsync(ct);
        return Done("avenant");
    }

    public async Task<IActionResult> OnPostDocumentAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        var problems = new List<RuleViolation>();
        var upload = await ReadUploadAsync(Doc.File, "file", problems, required: true, ct);
        if (problems.Count > 0) return await RefuseAsync(problems, "Doc", ct);
        Attach(Doc.Kind, Doc.File!.FileName, upload!.Value);
        await db.SaveChangesAsync(ct);
        return Done("document");
    }

    private ConventionDocument Attach(DocumentKind kind, string fileName, (byte[] Bytes, string ContentType) upload)
    {
        var name = Path.GetFileNameWithoutExtension(fileName.Replace('\\', '/').Split('/')[^1]);
        name = new string(name.Where(ch => !char.IsControl(ch) && ch is not ('"' or '<' or '>' or '|' or ':' or '*' or '?')).ToArray()).Trim();
        if (name.Length == 0) name = "document";
        if (name.Length > 200) name = name[..200];
        var doc = new ConventionDocument
        {
            ConventionId = Id, Kind = kind, FileName = name + DocumentCheck.Extension(upload.ContentType), ContentType = upload.ContentType, Size = upload.Bytes.Length,
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(upload.Bytes)), UploadedAt = clock.GetUtcNow(), UploadedBy = User.Identity?.Name,
            Content = new ConventionDocumentContent { Bytes = upload.Bytes },
        };
        db.Add(doc);
        return doc;
    }

    internal static async Task<(byte[] Bytes, string ContentType)?> ReadUploadAsync(IFormFile? file, string field, List<RuleViolation> problems, bool required, CancellationToken ct)
    {
        if (file is null || file.Length == 0)
        {
            if (required) problems.Add(new RuleViolation(field, new("Choisissez un fichier PDF, ODT ou DOCX.", "Choose a PDF, ODT or DOCX file.")));
            return null;
        }
        if (file.Length > ConventionDocument.MaxBytes)
        {
            problems.Add(new RuleViolation(field, new("Le fichier dépasse 20 Mo.", "The file is over 20 MB.")));
            return null;
        }
        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, ct);
        var bytes = buffer.ToArray();
        if (DocumentCheck.Detect(bytes) is not { } type)
        {
            problems.Add(new RuleViolation(field, new("Le fichier n'est ni un PDF, ni un ODT, ni un DOCX (son contenu est vérifié, pas seulement son nom).", "The file is not a PDF, an ODT or a DOCX (its content is checked, not only its name).")));
            return null;
        }
        return (bytes, type);
    }
}
