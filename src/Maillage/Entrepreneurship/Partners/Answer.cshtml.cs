using Maillage.Platform.Errors;
using Maillage.Platform.Localization;
using Maillage.Platform.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Maillage.Entrepreneurship.Partners;

/// <summary>
/// The partner's answer to a referral, opened from the link of its e-mail (no account): what the e-mail said, and the
/// answer — taken on, refused, redirected (to whom) — with an optional comment, written on the referral step. An unknown
/// or expired link answers 404; rate-limited per address as the other public forms; CSRF-protected as every form.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(RateLimit)]
internal sealed class AnswerModel(PartnerLinks links) : PageModel
{
    public const string RateLimit = "entrepreneurship-partner-answer";

    public sealed class AnswerInput
    {
        public ReferralAnswer? Answer { get; set; }
        public string? RedirectedTo { get; set; }
        public string? Comment { get; set; }
    }

    public static readonly ReferralAnswer[] Choices = [ReferralAnswer.TakenOn, ReferralAnswer.Refused, ReferralAnswer.Redirected];

    [FromRoute] public string Token { get; set; } = "";
    [BindProperty] public AnswerInput Input { get; set; } = new();
    [TempData] public string? Notice { get; set; }
    public PartnerLinks.Opened Opened { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await links.OpenAsync(Token, ct) is not { } opened) return NotFound();
        Opened = opened;
        if (opened.Row.Answer is { } given) Input = new AnswerInput { Answer = given, RedirectedTo = opened.Row.RedirectedTo, Comment = opened.Row.Comment };
        Response.Headers.CacheControl = "no-store";
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        ModelState.LocalizeBindingErrors();
        if (await links.OpenAsync(Token, ct) is not { } opened) return NotFound();
        Opened = opened;
        Response.Headers.CacheControl = "no-store";
        try
        {
            await links.AnswerAsync(opened, Input.Answer, Input.RedirectedTo, Input.Comment, ct);
        }
        catch (RuleViolation rule)
        {
            ModelState.AddRule(rule);
            if (rule.Status == StatusCodes.Status409Conflict) Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }
        Notice = Text.T("Merci : votre réponse est enregistrée et transmise à la chargée de mission.", "Thank you: your answer is recorded and passed on to the coach.");
        return Redirect(PartnerLinks.LinkPath + Token);
    }
}
