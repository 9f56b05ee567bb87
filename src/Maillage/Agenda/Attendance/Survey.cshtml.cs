using Maillage.Platform.Data;
using Maillage.Platform.Errors;
using Maillage.Platform.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Agenda.Attendance;

/// <summary>
/// The anonymous satisfaction questionnaire, reached through the personal link of the e-mail sent after
/// the event. The token only proves the right to answer once: the answer is stored apart, without a
/// link to the person, and dated to the day only.
/// </summary>
[AllowAnonymous]
internal sealed class SurveyModel(MaillageDb db, TimeProvider clock) : PageModel
{
    [FromRoute] public string Token { get; set; } = "";
    [BindProperty] public SurveyInput Input { get; set; } = new();

    public string EventTitle { get; private set; } = "";
    public bool AlreadyAnswered { get; private set; }
    public bool Thanked { get; private set; }

    public sealed class SurveyInput
    {
        public int? Score { get; set; }
        public string? Comment { get; set; }
    }

    private sealed record Holder(long Id, int EventId, int CiteId, string Title, DateTimeOffset? AnsweredAt);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var holder = await FindAsync(ct);
        if (holder is null) return NotFound();
        EventTitle = holder.Title;
        AlreadyAnswered = holder.AnsweredAt is not null;
        Thanked = Request.Query.ContainsKey("merci");
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var holder = await FindAsync(ct);
        if (holder is null) return NotFound();
        EventTitle = holder.Title;
        ModelState.LocalizeBindingErrors();
        if (!ModelState.IsValid) return Page();
        try
        {
            SurveyResponse.Check(Input.Score ?? 0, Input.Comment);
        }
        catch (RuleViolation rule)
        {
            ModelState.AddRule(rule);
            return Page();
        }
        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var claimed = await db.Registrations.Where(r => r.Id == holder.Id && r.SurveyAnsweredAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.SurveyAnsweredAt, now), ct);
        if (claimed == 1)
        {
            var day = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero);
            db.SurveyResponses.Add(new SurveyResponse
            {
                CiteId = holder.CiteId, EventId = holder.EventId, Score = Input.Score!.Value,
                Comment = string.IsNullOrWhiteSpace(Input.Comment) ? null : Input.Comment.Trim(), SubmittedAt = day,
            });
            await db.SaveChangesAsync(ct);
        }
        await transaction.CommitAsync(ct);
        return Redirect($"/agenda/questionnaire/{Uri.EscapeDataString(Token)}?merci");
    }

    private Task<Holder?> FindAsync(CancellationToken ct) =>
        string.IsNullOrEmpty(Token) || Token.Length > 64
            ? Task.FromResult<Holder?>(null)
            : db.Registrations.AsNoTracking().Where(r => r.SurveyToken == Token && r.AnonymisedAt == null)
                .Select(r => new Holder(r.Id, r.EventId, r.CiteId, r.Event.Title, r.SurveyAnsweredAt)).FirstOrDefaultAsync(ct);
}
