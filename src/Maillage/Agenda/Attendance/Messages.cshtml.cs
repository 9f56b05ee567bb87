using Maillage.Platform.Errors;
using Maillage.Platform.Identity;
using Maillage.Platform.Localization;
using Maillage.Platform.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Agenda.Attendance;

/// <summary>Write to a chosen group of an event's registrants (through the e-mail outbox).</summary>
[Authorize(Policy = Policies.Staff)]
internal sealed class MessagesModel(AttendanceDesk desk, EventStaffAccess access, GroupMessages messages) : PageModel
{
    [FromRoute] public int Id { get; set; }
    [BindProperty] public MessageInput Input { get; set; } = new();
    [TempData] public string? Notice { get; set; }

    public AgendaEvent Event { get; private set; } = null!;
    public IReadOnlyDictionary<MessageGroup, int> Sizes { get; private set; } = new Dictionary<MessageGroup, int>();

    public sealed class MessageInput
    {
        public MessageGroup? Group { get; set; }
        public string? Subject { get; set; }
        public string? Body { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } refused) return refused;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } refused) return refused;
        ModelState.LocalizeBindingErrors();
        if (!ModelState.IsValid) return Page();
        try
        {
            if (Input.Group is null) throw new RuleViolation("group", new("Choisissez à qui écrire.", "Choose whom to write to."));
            var sent = await messages.SendAsync(Event, Input.Group.Value, Input.Subject, Input.Body, ct);
            Notice = Plural.Of(sent, "{n} message mis en file d'envoi.", "{n} messages mis en file d'envoi.", "{n} message queued for sending.", "{n} messages queued for sending.");
            return Redirect($"/gestion/agenda/{Id}/messages");
        }
        catch (RuleViolation rule)
        {
            ModelState.AddRule(rule);
            return Page();
        }
    }

    private async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        var found = await desk.FindEventAsync(Id, ct);
        if (found is null) return NotFound();
        if (!await access.CanRunAttendanceAsync(found)) return Forbid();
        Event = found;
        var sizes = new Dictionary<MessageGroup, int>();
        foreach (var g in Enum.GetValues<MessageGroup>()) sizes[g] = await messages.Members(found, g).CountAsync(ct);
        Sizes = sizes;
        return null;
    }
}
