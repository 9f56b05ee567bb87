using Maillage.Platform.Data;
using Maillage.Platform.Errors;
using Maillage.Platform.Identity;
using Maillage.Platform.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Governance.Pages;

/// <summary>
/// A session as its secretary runs it: when and where, the convocation's delay, the counts and the quorum (recomputed
/// on each save of the attendance), the attendance of every titular member in one form, and the deliberations taken.
/// </summary>
[Authorize(Policy = Policies.Staff)]
internal sealed class SessionPageModel(MaillageDb db, GovernanceRegister register, GovernanceAccess access, Convocations convocations) : PageModel
{
    public sealed class Line
    {
        public AttendanceStatus Status { get; set; }
        public int? Substitute { get; set; }
        public int? ProxyHolder { get; set; }
    }

    [FromRoute] public int Id { get; set; }
    [BindProperty] public Dictionary<int, Line> Lines { get; set; } = [];
    public Session Session { get; private set; } = null!;
    public Body Body { get; private set; } = null!;
    public AttendanceCounts Counts { get; private set; } = null!;
    public IReadOnlyList<BodyMember> Titular { get; private set; } = [];
    public IReadOnlyList<BodyMember> Substitutes { get; private set; } = [];
    public IReadOnlyList<Deliberation> Deliberations { get; private set; } = [];
    public LocalizedText? DelayWarning { get; private set; }
    public IReadOnlyList<Convocation> Receipts { get; private set; } = [];
    public string? Notice { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (await LoadAsync() is { } refused) return refused;
        Lines = Titular.ToDictionary(m => m.Id, m => Session.Attendance.FirstOrDefault(a => a.MemberId == m.Id) is { } a
            ? new Line { Status = a.Status, Substitute = a.SubstituteId, ProxyHolder = a.ProxyHolderId }
            : new Line());
        Notice = TempData["Notice"] as string;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (await LoadAsync() is { } refused) return refused;
        var entries = Lines.Select(l => new AttendanceEntry(l.Key, l.Value.Status, l.Value.Substitute, l.Value.ProxyHolder)).ToList();
        try
        {
            var counts = await register.RecordAttendanceAsync(Id, entries, ct);
            TempData["Notice"] = Text.T(
                $"Présences enregistrées : {counts.Present} présents, {counts.Represented} pouvoirs ; quorum {(counts.Quorum.Reached ? "atteint" : "non atteint")}.",
                $"Attendance saved: {counts.Present} present, {counts.Represented} proxies; quorum {(counts.Quorum.Reached ? "reached" : "not reached")}.");
            return Redirect($"/gestion/instances/seances/{Id}");
        }
        catch (RuleViolation rule)
        {
            foreach (var p in rule.Problems) ModelState.AddModelError(FormKey(p.Field), p.Text);
            return Page();
        }
    }

    /// <summary>Sends the convocation to every member with an address; again only after a change of date or place.</summary>
    public async Task<IActionResult> OnPostConvokeAsync(CancellationToken ct)
    {
        if (await LoadAsync() is { } refused) return refused;
        var outcome = await convocations.SendAsync(Session, Body, ct);
        TempData["Notice"] = outcome.Refused
            ? Text.T("Aucune convocation envoyée : aucun membre en exercice n'a d'adresse électronique.", "No convocation sent: no member in office has an e-mail address.")
            : outcome.Sent == 0
            ? Text.T("Convocation déjà envoyée et rien n'a changé (date, heure, lieu) : aucun message renvoyé.", "Convocation already sent and nothing changed (date, time, place): no message sent again.")
            : Text.T($"Convocation {(outcome.Changed ? "modifiée renvoyée" : "envoyée")} à {outcome.Sent} membre(s).{(outcome.DelayWarning is { } w ? " " + w.Fr : "")}",
                $"Convocation {(outcome.Changed ? "change sent" : "sent")} to {outcome.Sent} member(s).{(outcome.DelayWarning is { } w2 ? " " + w2.En : "")}");
        return Redirect($"/gestion/instances/seances/{Id}");
    }

    /// <summary>"attendance[12].proxyHolder" (the rules' field) → "Lines[12].ProxyHolder" (the form's).</summary>
    public static string FormKey(string field)
    {
        if (!field.StartsWith("attendance[", StringComparison.Ordinal)) return "";
        var dot = field.IndexOf("].", StringComparison.Ordinal);
        return $"Lines[{field[11..dot]}].{char.ToUpperInvariant(field[dot + 2])}{field[(dot + 3)..]}";
    }

    private async Task<IActionResult?> LoadAsync()
    {
        try
        {
            (Session, Body) = await register.SessionAsync(Id, HttpContext.RequestAborted);
        }
        catch (NotFoundProblem)
        {
            return NotFound();
        }
        if (!await access.MayManageAsync(Body)) return Forbid();
        Titular = [.. Body.InOffice(Session.Day).OrderBy(m => m.Id)];
        Substitutes = [.. Body.Members.Where(m => m.Role == MandateRole.Substitute && m.CoversDay(Session.Day)).OrderBy(m => m.LastName)];
        Counts = GovernanceRegister.Counts(Session, Body);
        DelayWarning = Session.Check(Session.LocalStart, Session.ConvenedOn, Body.MinConvocationDays);
        Receipts = await db.Set<Convocation>().Where(c => c.SessionId == Id).ToListAsync();
        Deliberations = await db.Set<Deliberation>().Where(d => d.SessionId == Id).OrderBy(d => d.Sequence).ToListAsync();
        return null;
    }

    public string MemberName(int? id) => Body.Members.FirstOrDefault(m => m.Id == id)?.DisplayName ?? "";
}
