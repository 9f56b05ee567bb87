using Maillage.Platform.Data;
using Maillage.Platform.Errors;
using Maillage.Platform.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Agenda.Events;

/// <summary>
/// Edit an event: every field, publish a draft, cancel with a reason (registrants are told). For an
/// occurrence of a series, the organiser chooses "this occurrence only" or "this and the following ones".
/// </summary>
[Authorize(Policy = Policies.Staff)]
internal sealed class EditModel(MaillageDb db, EventAccess events, EventUpdate update, EventLifecycle lifecycle, StaffAccess access, TimeProvider clock) : EventFormModel(db, events, access)
{
    public override bool IsNew => false;
    [FromRoute] public int Id { get; set; }
    [TempData] public string? Notice { get; set; }
    [BindProperty] public string? Reason { get; set; }
    public AgendaEvent Event { get; private set; } = null!;
    public override EventStatus? CurrentStatus => Event.Status;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } refused) return refused;
        Input = EventInput.From(Event);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? intent, CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } refused) return refused;
        var (fields, _) = await ReadAsync(intent == "publish" ? EventStatus.Published : null, ct);
        if (fields is null) return Page();
        var (outcome, otherwise) = await RunAsync(() => update.UpdateAsync(Id, fields, InSeries ? Input.Scope : SeriesEditScope.ThisOccurrence, ct));
        if (outcome is null) return otherwise!;
        Notice = outcome.Changed.Count > 1
            ? T($"Modifications enregistrées sur {outcome.Changed.Count} séances.", $"Changes saved on {outcome.Changed.Count} occurrences.")
            : intent == "publish" ? T("Action publiée.", "Event published.") : T("Modifications enregistrées.", "Changes saved.");
        return Redirect($"/gestion/agenda/{Id}/modifier");
    }

    public async Task<IActionResult> OnPostCancelAsync(CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } refused) return refused;
        Input = EventInput.From(Event);
        var (outcome, otherwise) = await RunAsync(() => lifecycle.CancelAsync(Id, Reason, ct));
        if (outcome is null) return otherwise!;
        Notice = T("Action annulée : les inscrit·es sont prévenu·es par e-mail.", "Event cancelled: registrants are told by email.");
        return Redirect($"/gestion/agenda/{Id}/modifier");
    }

    private async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        AgendaEvent e;
        try
        {
            e = await Events.LoadAsync(Id, ct);
        }
        catch (NotFoundProblem)
        {
            return NotFound();
        }
        if (!await Events.CanManageAsync(e)) return Forbid();
        Db.ChangeTracker.Clear();
        Event = e;
        InSeries = e.SeriesId is not null;
        if (e.SeriesId is { } sid)
        {
            var now = clock.GetUtcNow();
            FollowingCount = await Db.Events.CountAsync(x => x.SeriesId == sid && x.SeriesIndex > e.SeriesIndex && x.Status != EventStatus.Cancelled && x.StartsAt > now, ct);
        }
        await LoadChoicesAsync(e.CiteId, ct);
        return null;
    }
}
