using Maillage.Agenda.Registrations;
using Maillage.Platform.Errors;
using Maillage.Platform.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Maillage.Agenda.PublicAgenda;

/// <summary>The personal page a registrant reaches from the link in their e-mails: view, confirm an offered seat, cancel.</summary>
[AllowAnonymous]
internal sealed class ManageModel(RegistrationDesk desk, Cancellations cancellations, WaitingList waitingList) : PageModel
{
    public Registration Registration { get; private set; } = null!;
    public int? Position { get; private set; }
    public string? Error { get; private set; }
    /// <summary>
    /// The second step of cancelling (<c>?annuler</c>): the page asks "are you sure?" and only its form cancels — a
    /// confirmation that works without JavaScript.
    /// </summary>
    public bool Confirming { get; private set; }

    public async Task<IActionResult> OnGetAsync(string token, string? annuler, CancellationToken ct)
    {
        try { Registration = await desk.FindAsync(token, ct); }
        catch (NotFoundProblem) { return NotFound(); }
        if (Registration.Status == RegistrationStatus.Waitlisted) Position = await desk.PositionAsync(Registration, ct);
        Confirming = annuler is not null && Registration.IsActive;
        return Page();
    }

    public async Task<IActionResult> OnPostCancelAsync(string token, CancellationToken ct)
    {
        try { await cancellations.CancelAsync(token, ct: ct); }
        catch (NotFoundProblem) { return NotFound(); }
        TempData["Notice"] = Text.T("Votre inscription est annulée. Un e-mail vous le confirme.", "Your registration is cancelled. An email confirms it.");
        return Redirect($"/agenda/inscription/{token}");
    }

    public async Task<IActionResult> OnPostAcceptAsync(string token, CancellationToken ct)
    {
        try
        {
            await waitingList.AcceptOfferAsync(token, ct);
            TempData["Notice"] = Text.T("C'est confirmé : la place est à vous.", "Confirmed: the seat is yours.");
        }
        catch (NotFoundProblem) { return NotFound(); }
        catch (RuleViolation rule) { TempData["Notice"] = rule.Text.ToString(); }
        return Redirect($"/agenda/inscription/{token}");
    }
}
