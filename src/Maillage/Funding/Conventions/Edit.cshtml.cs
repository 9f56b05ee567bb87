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

/// <summary>Creates a convention of a Cité or changes its terms: dates, validity, notice, status, clauses, manager.</summary>
[Authorize(Policy = FundingModule.ManagersPolicy)]
internal sealed class EditModel(MaillageDb db, ConventionReader reader, StaffAccess access) : PageModel
{
    [FromRoute] public int? Id { get; set; }
    [FromQuery(Name = "cite")] public string? CiteSlug { get; set; }
    [BindProperty] public ConventionInput Input { get; set; } = new();
    public IReadOnlyList<Network.Cite> Cites { get; private set; } = [];
    public string Heading { get; private set; } = "";

    public sealed class ConventionInput
    {
        public int? CiteId { get; set; }
        public string? Title { get; set; }
        public string? Object { get; set; }
        public ConventionStatus Status { get; set; }
        public string? SignedOn { get; set; }
        public string? EffectiveFrom { get; set; }
        public string? EffectiveTo { get; set; }
        public string? ValidUntil { get; set; }
        public string? TermMonths { get; set; }
        public string? NoticeMonths { get; set; }
        public string? NoticeForm { get; set; }
        public bool TacitRenewal { get; set; }
        public string? DisputesClause { get; set; }
        public string? ManagerEmail { get; set; }
        public AmountRounding Rounding { get; set; } = AmountRounding.Euro;
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Cites = await reader.CitesAsync(ct);
        if (Id is { } id)
        {
            var c = await db.Conventions.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
            if (c is null || !await access.CanOnCiteAsync(FundingModule.Managers, c.CiteId)) return NotFound();
            Heading = c.Title;
            Input = new ConventionInput
            {
                CiteId = c.CiteId, Title = c.Title, Object = c.Object, Status = c.Status, SignedOn = c.SignedOn?.ToString("yyyy-MM-dd"),
                EffectiveFrom = c.EffectiveFrom?.ToString("yyyy-MM-dd"), EffectiveTo = c.EffectiveTo?.ToString("yyyy-MM-dd"), ValidUntil = c.ValidUntil?.ToString("yyyy-MM-dd"),
                TermMonths = c.TermMonthsFromSignature?.ToString(), NoticeMonths = c.NoticeMonths?.ToString(), NoticeForm = c.NoticeForm, TacitRenewal = c.TacitRenewal,
                DisputesClause = c.DisputesClause, ManagerEmail = c.ManagerEmail, Rounding = c.Rounding,
            };
        }
        else Input.CiteId = Cites.FirstOrDefault(c => c.Slug == CiteSlug)?.Id ?? Cites.FirstOrDefault()?.Id;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        ModelState.LocalizeBindingErrors();
        Cites = await reader.CitesAsync(ct);
        Convention? c = null;
        if (Id is { } id)
        {
            c = await db.Conventions.FirstOrDefaultAsync(x => x.Id == id, ct);
            if (c is null || !await access.CanOnCiteAsync(FundingModule.Managers, c.CiteId)) return NotFound();
            Heading = c.Title;
        }
        var problems = new List<RuleViolation>();
        var citeId = c?.CiteId ?? Input.CiteId;
        if (c is null && (citeId is null || Cites.All(x => x.Id != citeId)))
            problems.Add(new RuleViolation("citeId", new("Choisissez une Cité de votre périmètre.", "Choose a Cité in your scope.")));
        if (string.IsNullOrWhiteSpace(Input.Title))
            problems.Add(new RuleViolation("title", new("Le titre de la convention est obligatoire.", "The convention needs a title.")));
        else if (Input.Title.Trim().Length > Convention.MaxTitle)
            problems.Add(new RuleViolation("title", new($"Le titre fait au plus {Convention.MaxTitle} caractères.", $"The title is at most {Convention.MaxTitle} characters.")));
        var signed = FundingInput.Date(Input.SignedOn, "signedOn", problems);
        var from = FundingInput.Date(Input.EffectiveFrom, "effectiveFrom", problems);
        var to = FundingInput.Date(Input.EffectiveTo, "effectiveTo", problems);
        var valid = FundingInput.Date(Input.ValidUntil, "validUntil", problems);
        var term = FundingInput.Whole(Input.TermMonths, "termMonths", problems);
        var notice = FundingInput.Whole(Input.NoticeMonths, "noticeMonths", problems);
        if (!string.IsNullOrWhiteSpace(Input.ManagerEmail) && !System.Net.Mail.MailAddress.TryCreate(Input.ManagerEmail.Trim(), out _))
            problems.Add(new RuleViolation("managerEmail", new("Indiquez une adresse électronique valide.", "Give a valid e-mail address.")));
        if (problems.Count == 0)
            problems.AddRange(Rules.Deadlines.Validate(from, to, valid, notice, term));
        if (problems.Count > 0)
        {
            ModelState.AddRule(RuleViolation.Of(problems));
            return Page();
        }
        c ??= db.Conventions.Add(new Convention { CiteId = citeId!.Value, Title = "" }).Entity;
        c.Title = Input.Title!.Trim();
        c.Object = FundingInput.Text(Input.Object);
        c.Status = Input.Status;
        c.SignedOn = signed;
        c.EffectiveFrom = from;
        c.EffectiveTo = to;
        c.ValidUntil = valid;
        c.TermMonthsFromSignature = term;
        c.NoticeMonths = notice;
        c.NoticeForm = FundingInput.Text(Input.NoticeForm);
        c.TacitRenewal = Input.TacitRenewal;
        c.DisputesClause = FundingInput.Text(Input.DisputesClause);
        c.ManagerEmail = FundingInput.Text(Input.ManagerEmail);
        c.Rounding = Input.Rounding;
        await db.SaveChangesAsync(ct);
        return Redirect($"/gestion/conventions/{c.Id}?enregistre=1");
    }
}

/// <summary>Reads the fields of the module's forms: French decimals ("6,5", "18 539,40"), dates, whole numbers; each problem names its field.</summary>
internal static class FundingInput
{
    public static string? Text(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    public static DateOnly? Date(string? text, string field, List<RuleViolation> problems)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (DateInput.TryParseForm(text, out var d)) return d;
        problems.Add(new RuleViolation(field, new("Indiquez une date existante entre 2000 et 2100 (JJ/MM/AAAA).", "Give an existing date between 2000 and 2100 (YYYY-MM-DD).")));
        return null;
    }

    public static int? Whole(string? text, string field, List<RuleViolation> problems)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (int.TryParse(text.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) && n <= 10_000) return n;
        problems.Add(new RuleViolation(field, new("Indiquez un nombre entier positif.", "Give a whole positive number.")));
        return null;
    }

    /// <summary>A decimal written the French way or the English way ("6,5", "6.5", "18 539,40"); at most <paramref name="max"/>.</summary>
    public static decimal? Number(string? text, string field, List<RuleViolation> problems, decimal max, bool required = false)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            if (required) problems.Add(new RuleViolation(field, new("Ce montant est obligatoire.", "This amount is required.")));
            return null;
        }
        var cleaned = new string(text.Where(ch => !char.IsWhiteSpace(ch) && ch != '\u202F' && ch != '\u00A0' && ch != '€').ToArray()).Replace(',', '.');
        if (decimal.TryParse(cleaned, System.Globalization.NumberStyles.AllowDecimalPoint, System.Globalization.CultureInfo.InvariantCulture, out var value) && value <= max)
            return value;
        problems.Add(new RuleViolation(field, new($"Indiquez un nombre positif d'au plus {max:N0}, par exemple 6,5.", $"Give a positive number of at most {max:N0}, for example 6.5.")));
        return null;
    }
}
