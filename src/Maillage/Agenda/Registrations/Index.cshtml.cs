using Maillage.Platform.Data;
using Maillage.Platform.Errors;
using Maillage.Platform.Identity;
using Maillage.Platform.Localization;
using Maillage.Platform.Spreadsheets;
using Maillage.Platform.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Agenda.Registrations;

/// <summary>
/// The organiser's page of an event's registrants, grouped by status, with the counts against the
/// capacity. Every action is one form post (accept, decline, promote, move, remove, add, capacity) that
/// goes through its feature's class in this folder (<see cref="Approvals"/>, <see cref="WaitingList"/>, <see cref="Cancellations"/>, <see cref="Moves"/>, <see cref="RegistrationDesk"/>, <see cref="Seats"/>), e-mails the person through the outbox in the same
/// transaction, then redirects back with a message; it all works without JavaScript.
/// </summary>
[Authorize(Policy = Policies.Staff)]
internal sealed class RegistrantsModel(MaillageDb db, Registrants registrants, TimeProvider clock) : PageModel
{
    [FromRoute] public int Id { get; set; }
    [FromQuery(Name = "format")] public string? Format { get; set; }
    [TempData] public string? Notice { get; set; }
    [TempData] public string? Problem { get; set; }

    [BindProperty] public AddInput Add { get; set; } = new();
    [BindProperty] public CapacityInput Capacity { get; set; } = new();

    public AgendaEvent Event { get; private set; } = null!;
    public RegistrantList List { get; private set; } = null!;

    public sealed class AddInput
    {
        public string? FirstName { get; set; }
        public string? LastName { get; set; }
        public string? Email { get; set; }
        public string? Phone { get; set; }
        public PublicStatus? PublicStatus { get; set; }
        public Dictionary<int, string> Answers { get; set; } = [];
        public bool Consent { get; set; }
    }

    public sealed class CapacityInput
    {
        public string? Value { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await LoadEventAsync(ct) is { } refused) return refused;
        SpreadsheetFormat format = default;
        if (Format is not null && !SpreadsheetFile.TryParseFormat(Format, out format)) return BadRequest();
        await LoadListAsync(ct);
        return Format is null ? Page() : SpreadsheetFile.DownloadPage(format, Registrants.FileName(Event), Registrants.Sheet(List, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime)));
    }

    public Task<IActionResult> OnPostAcceptAsync(long registrationId, [FromServices] Approvals approvals, CancellationToken ct) =>
        ActAsync(registrationId, ct, async name =>
        {
            await approvals.DecideAsync(registrationId, accept: true, ct);
            return new($"{name} : demande acceptée, la place est confirmée. Un e-mail l'en informe.", $"{name}: request accepted, the seat is confirmed. An email tells them.");
        });

    public Task<IActionResult> OnPostDeclineAsync(long registrationId, [FromServices] Approvals approvals, CancellationToken ct) =>
        ActAsync(registrationId, ct, async name =>
        {
            await approvals.DecideAsync(registrationId, accept: false, ct);
            return new($"{name} : demande refusée. Un e-mail l'en informe.", $"{name}: request declined. An email tells them.");
        });

    public Task<IActionResult> OnPostPromoteAsync(long registrationId, [FromServices] WaitingList waitingList, CancellationToken ct) =>
        ActAsync(registrationId, ct, async name =>
        {
            await waitingList.PromoteNowAsync(registrationId, ct);
            return new($"{name} est confirmé·e. Un e-mail l'en informe.", $"{name} is confirmed. An email tells them.");
        });

    public Task<IActionResult> OnPostRemoveAsync(long registrationId, [FromServices] Cancellations cancellations, CancellationToken ct) =>
        ActAsync(registrationId, ct, async name =>
        {
            await cancellations.RemoveAsync(registrationId, ct);
            return new($"{name} est retiré·e de la liste ; un e-mail l'en informe. Une place libérée passe à la personne suivante en attente.",
                $"{name} is removed from the list; an email tells them. A freed seat goes to the next waiting person.");
        });

    public Task<IActionResult> OnPostMoveAsync(long registrationId, int? targetEventId, [FromServices] Moves moves, CancellationToken ct) =>
        ActAsync(registrationId, ct, async name =>
        {
            var target = (await registrants.MoveTargetsAsync(Event, ct)).FirstOrDefault(e => e.Id == targetEventId)
                         ?? throw new RuleViolation("eventId", new("Choisissez une action de la liste.", "Choose an event from the list."));
            var outcome = await moves.MoveAsync(registrationId, target.Id, ct);
            return outcome.Registration.Status == RegistrationStatus.Confirmed
                ? new($"{name} est déplacé·e vers « {target.Title} » ({AgendaText.When(target)}), place confirmée. Un e-mail l'en informe.",
                    $"{name} is moved to \"{target.Title}\" ({AgendaText.When(target)}), seat confirmed. An email tells them.")
                : new($"{name} est déplacé·e vers « {target.Title} » ({AgendaText.When(target)}), en position {outcome.Position} sur la liste d'attente. Un e-mail l'en informe.",
                    $"{name} is moved to \"{target.Title}\" ({AgendaText.When(target)}), number {outcome.Position} on the waiting list. An email tells them.");
        });

    public async Task<IActionResult> OnPostAddAsync([FromServices] RegistrationDesk desk, CancellationToken ct)
    {
        if (await LoadEventAsync(ct) is { } refused) return refused;
        ModelState.Clear();
        try
        {
            var a = Add;
            var outcome = await desk.RegisterAsync(Id, new RegistrationRequest(a.FirstName, a.LastName, a.Email, a.Phone, a.PublicStatus, a.Consent, a.Answers), RegistrationSource.Organiser, ct);
            var r = outcome.Registration;
            var name = r.Person.FullName;
            Notice = outcome.Existing
                ? Text.T($"{name} était déjà inscrit·e avec cette adresse ({r.Status.Describe().Fr.ToLowerInvariant()}) : rien n'est changé.",
                    $"{name} had already registered with this address ({r.Status.Describe().En.ToLowerInvariant()}): nothing changed.")
                : r.Status == RegistrationStatus.Confirmed
                    ? Text.T($"{name} est inscrit·e, place confirmée. Un e-mail de confirmation lui est envoyé.", $"{name} is registered, seat confirmed. A confirmation email is sent.")
                    : Text.T($"{name} est inscrit·e en position {outcome.Position} sur la liste d'attente. Un e-mail l'en informe.", $"{name} is number {outcome.Position} on the waiting list. An email tells them.");
            return Redirect($"/gestion/agenda/{Id}/inscrits#r-{r.Id}");
        }
        catch (RuleViolation rule)
        {
            ModelState.AddRule(rule, nameof(Add), RegistrationDesk.FormLevel);
        }
        await LoadListAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostCapacityAsync([FromServices] Seats seats, CancellationToken ct)
    {
        if (await LoadEventAsync(ct) is { } refused) return refused;
        ModelState.Clear();
        if (!int.TryParse(Capacity.Value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var capacity))
            ModelState.AddModelError("Capacity.Value", Text.T("Indiquez la capacité en nombre entier de places.", "Give the capacity as a whole number of seats."));
        else
        {
            try
            {
                var before = await ConfirmedCountAsync(ct);
                await seats.ChangeCapacityAsync(Id, capacity, ct);
                var promoted = await ConfirmedCountAsync(ct) - before;
                Notice = Plural.Of(capacity, "Capacité : {n} place.", "Capacité : {n} places.", "Capacity: {n} seat.", "Capacity: {n} seats.") + (promoted > 0
                    ? " " + Plural.Of(promoted, "{n} personne de la liste d'attente confirmée ou invitée, et prévenue par e-mail.", "{n} personnes de la liste d'attente confirmées ou invitées, et prévenues par e-mail.",
                        "{n} waiting person confirmed or offered a seat, and told by email.", "{n} waiting people confirmed or offered a seat, and told by email.")
                    : "");
                return Redirect($"/gestion/agenda/{Id}/inscrits");
            }
            catch (RuleViolation rule)
            {
                ModelState.AddModelError("Capacity.Value", rule.Text);
            }
        }
        await LoadListAsync(ct);
        return Page();
    }

    private Task<int> ConfirmedCountAsync(CancellationToken ct) =>
        db.Registrations.CountAsync(r => r.EventId == Id && (r.Status == RegistrationStatus.Confirmed || r.Status == RegistrationStatus.Offered), ct);

    /// <summary>One action on one registration of this event: 404 for another event's, the rule's message when refused.</summary>
    private async Task<IActionResult> ActAsync(long registrationId, CancellationToken ct, Func<string, Task<LocalizedText>> action)
    {
        if (await LoadEventAsync(ct) is { } refused) return refused;
        var name = await db.Registrations.Where(r => r.Id == registrationId && r.EventId == Id)
            .Select(r => r.Person.FirstName + " " + r.Person.LastName).FirstOrDefaultAsync(ct);
        if (name is null) return NotFound();
        try
        {
            Notice = (await action(name.Trim())).ToString();
            return Redirect($"/gestion/agenda/{Id}/inscrits#r-{registrationId}");
        }
        catch (RuleViolation rule)
        {
            Problem = $"{name.Trim()} : {rule.Text}";
            return Redirect($"/gestion/agenda/{Id}/inscrits#message");
        }
    }

    private async Task<IActionResult?> LoadEventAsync(CancellationToken ct)
    {
        var found = await registrants.FindEventAsync(Id, ct);
        if (found is null) return NotFound();
        if (!await registrants.CanManageAsync(found)) return Forbid();
        Event = await db.Events.AsNoTracking().Include(e => e.Structure).Include(e => e.Questions.OrderBy(q => q.Order)).FirstAsync(e => e.Id == Id, ct);
        return null;
    }

    private async Task LoadListAsync(CancellationToken ct)
    {
        List = await registrants.ListAsync(Event, ct);
    }
}
