using Maillage.Platform.Data;
using Maillage.Platform.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Maillage.Agenda.Events;

/// <summary>A new event (or a recurring series), saved as a draft or published at once.</summary>
[Authorize(Policy = Policies.Staff)]
internal sealed class CreateModel(MaillageDb db, EventAccess events, EventCreation creation, StaffAccess staffAccess, TimeProvider clock) : EventFormModel(db, events, staffAccess)
{
    public override bool IsNew => true;
    public override EventStatus? CurrentStatus => null;
    [TempData] public string? Notice { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await Access.HasRoleAsync(EventApi.Organisers)) return Forbid();
        await LoadChoicesAsync(null, ct);
        if (Structures.Count == 1) Input.StructureId = Structures[0].Id;
        var tomorrow = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById(EventAccess.DefaultTimeZone)).DateTime).AddDays(7);
        Input.StartsAt = tomorrow.ToDateTime(new TimeOnly(14, 0)).ToString(EventInput.LocalFormat);
        Input.EndsAt = tomorrow.ToDateTime(new TimeOnly(16, 0)).ToString(EventInput.LocalFormat);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? intent, CancellationToken ct)
    {
        if (!await Access.HasRoleAsync(EventApi.Organisers)) return Forbid();
        await LoadChoicesAsync(null, ct);
        var (fields, repeat) = await ReadAsync(intent == "publish" ? EventStatus.Published : EventStatus.Draft, ct);
        if (fields is null) return Page();
        var (outcome, otherwise) = await RunAsync(() => creation.CreateAsync(fields, repeat, ct));
        if (outcome is null) return otherwise!;
        var e = outcome.Event!;
        Notice = (e.Status == EventStatus.Published ? T("Action publiée", "Event published") : T("Brouillon enregistré", "Draft saved"))
                 + (outcome.Changed.Count > 1 ? T($" : série de {outcome.Changed.Count} séances.", $": series of {outcome.Changed.Count} occurrences.") : ".");
        return Redirect($"/gestion/agenda/{e.Id}/modifier");
    }
}
