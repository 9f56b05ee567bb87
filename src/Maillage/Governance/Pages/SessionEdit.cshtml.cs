using System.Globalization;
using Maillage.Platform.Data;
using Maillage.Platform.Errors;
using Maillage.Platform.Identity;
using Maillage.Platform.Localization;
using Maillage.Platform.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Governance.Pages;

/// <summary>
/// Schedules (no session id) or edits a session of a body (issue 22 item 1): date and time in the session's time zone,
/// place or videoconference link, convocation date, chair and session secretary (members in office that day), agenda
/// items (one a line, with the address of their documents after « | »). A convocation after the session is refused; a
/// delay shorter than the body's minimum is shown as a warning on the session's page.
/// </summary>
[Authorize(Policy = Policies.Staff)]
internal sealed class SessionEditModel(MaillageDb db, GovernanceAccess access) : PageModel
{
    public sealed class SessionInput
    {
        public DateOnly? Date { get; set; }
        public string? Time { get; set; } = "18:00";
        public string? Place { get; set; }
        public bool Videoconference { get; set; }
        public string? VideoLink { get; set; }
        public DateOnly? ConvenedOn { get; set; }
        public int? ChairMemberId { get; set; }
        public int? SecretaryMemberId { get; set; }
        public string? Agenda { get; set; }
    }

    [FromRoute] public int BodyId { get; set; }
    [FromRoute] public int? SessionId { get; set; }
    [BindProperty] public SessionInput Input { get; set; } = new();
    public Body Body { get; private set; } = null!;
    public IReadOnlyList<BodyMember> Members { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        if (await LoadAsync() is { } refused) return refused;
        if (SessionId is { } id)
        {
            var s = await db.Set<Session>().Include(x => x.Agenda).FirstOrDefaultAsync(x => x.Id == id && x.BodyId == BodyId);
            if (s is null) return NotFound();
            var start = s.LocalStart;
            Input = new SessionInput
            {
                Date = DateOnly.FromDateTime(start.DateTime), Time = start.ToString("HH:mm", CultureInfo.InvariantCulture), Place = s.Place, Videoconference = s.Videoconference,
                VideoLink = s.VideoLink, ConvenedOn = s.ConvenedOn, ChairMemberId = s.ChairMemberId, SecretaryMemberId = s.SecretaryMemberId,
                Agenda = string.Join("\n", s.Agenda.OrderBy(a => a.Position).Select(a => a.DocumentUrl is null ? a.Title : $"{a.Title} | {a.DocumentUrl}")),
            };
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (await LoadAsync() is { } refused) return refused;
        ModelState.LocalizeBindingErrors();
        Session? session = null;
        if (SessionId is { } id && (session = await db.Set<Session>().Include(x => x.Agenda).FirstOrDefaultAsync(x => x.Id == id && x.BodyId == BodyId, ct)) is null) return NotFound();
        var zone = TimeZoneInfo.FindSystemTimeZoneById(session?.TimeZone ?? "Europe/Paris");
        DateTimeOffset startsAt = default;
        List<(string Title, string? Url)> agenda = [];
        try
        {
            (startsAt, agenda) = Check(Body, Input, zone);
        }
        catch (RuleViolation rule)
        {
            ModelState.AddRule(rule);
        }
        if (!ModelState.IsValid) return Page();
        if (session is null) db.Add(session = new Session { CiteId = Body.CiteId, BodyId = Body.Id, TimeZone = zone.Id });
        session.StartsAt = startsAt.ToUniversalTime();
        (session.Place, session.Videoconference, session.VideoLink, session.ConvenedOn) = (BodyEditModel.Blank(Input.Place), Input.Videoconference, BodyEditModel.Blank(Input.VideoLink), Input.ConvenedOn);
        (session.ChairMemberId, session.SecretaryMemberId) = (Input.ChairMemberId, Input.SecretaryMemberId);
        // The agenda as typed: items kept in place (their documents and links stay), new lines added, removed lines dropped.
        for (var i = 0; i < agenda.Count; i++)
        {
            var item = i < session.Agenda.Count ? session.Agenda.OrderBy(a => a.Position).ElementAt(i) : null;
            if (item is null) session.Agenda.Add(item = new AgendaItem { CiteId = Body.CiteId, Title = "" });
            (item.Position, item.Title, item.DocumentUrl) = (i + 1, agenda[i].Title, agenda[i].Url);
        }
        foreach (var extra in session.Agenda.OrderBy(a => a.Position).Skip(agenda.Count).ToList()) { session.Agenda.Remove(extra); db.Remove(extra); }
        await db.SaveChangesAsync(ct);
        TempData["Notice"] = Text.T("Séance enregistrée.", "Session saved.");
        return Redirect($"/gestion/instances/seances/{session.Id}");
    }

    /// <summary>Every rule of the form, checked together; the start as an instant of <paramref name="zone"/> and the agenda's items.</summary>
    public static (DateTimeOffset Start, List<(string Title, string? Url)> Agenda) Check(Body body, SessionInput input, TimeZoneInfo zone)
    {
        var problems = new List<RuleViolation>();
        DateTimeOffset start = default;
        if (input.Date is null)
            problems.Add(new("date", new("La date de la séance est obligatoire.", "The session's date is required.")));
        if (!TimeOnly.TryParseExact(input.Time?.Trim(), ["HH:mm", "H:mm", "HH'h'mm", "H'h'mm", "HH'h'", "H'h'"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
            problems.Add(new("time", new("L'heure de la séance s'écrit 18:00.", "The session's time is written 18:00.")));
        else if (input.Date is { } date)
        {
            var local = date.ToDateTime(time);
            if (date.Year is < 2000 or > 2100)
                problems.Add(new("date", new("La date de la séance est entre 2000 et 2100.", "The session's date lies between 2000 and 2100.")));
            else if (zone.IsInvalidTime(local))
                problems.Add(new("time", new($"{local:dd/MM/yyyy HH\\:mm} n'existe pas à l'heure locale : ce jour-là les horloges avancent d'une heure.", $"{local:yyyy-MM-dd HH\\:mm} does not exist in local time: the clocks go forward that day.")));
            else
            {
                start = new DateTimeOffset(local, zone.GetUtcOffset(local));
                try
                {
                    Session.Check(start, input.ConvenedOn, body.MinConvocationDays);
                }
                catch (RuleViolation rule)
                {
                    problems.AddRange(rule.Problems);
                }
                foreach (var (field, id, what) in new[] { ("chairMemberId", input.ChairMemberId, new LocalizedText("La présidence", "The chair")), ("secretaryMemberId", input.SecretaryMemberId, new LocalizedText("Le secrétaire de séance", "The session secretary")) })
                {
                    if (id is null) continue;
                    var m = body.Members.FirstOrDefault(x => x.Id == id);
                    if (m is null)
                        problems.Add(new(field, new($"{what.Fr} est un membre de l'instance.", $"{what.En} is a member of the body.")));
                    else if (!m.CoversDay(date))
                        problems.Add(new(field, new($"Le mandat de {m.DisplayName} ne couvre pas le {date:dd/MM/yyyy} (du {m.From:dd/MM/yyyy}{(m.To is { } t ? $" au {t:dd/MM/yyyy}" : "")}).",
                            $"{m.DisplayName}'s mandate does not cover {date:yyyy-MM-dd} (from {m.From:yyyy-MM-dd}{(m.To is { } t2 ? $" to {t2:yyyy-MM-dd}" : "")}).")));
                }
            }
        }
        if (input.ConvenedOn?.Year is < 2000 or > 2100)
            problems.Add(new("convenedOn", new("La date de convocation est entre 2000 et 2100.", "The convocation date lies between 2000 and 2100.")));
        if (input.Videoconference && string.IsNullOrWhiteSpace(input.VideoLink) && string.IsNullOrWhiteSpace(input.Place))
            problems.Add(new("videoLink", new("Donnez le lien de la visioconférence que recevront les membres.", "Give the videoconference link the members will receive.")));
        if (!input.Videoconference && string.IsNullOrWhiteSpace(input.Place))
            problems.Add(new("place", new("Le lieu de la séance est obligatoire (ou cochez la visioconférence).", "The session's place is required (or tick videoconference).")));
        if (input.Place?.Trim().Length > 300)
            problems.Add(new("place", new("Le lieu tient en 300 caractères.", "The place fits in 300 characters.")));
        if (!string.IsNullOrWhiteSpace(input.VideoLink) && !IsHttps(input.VideoLink))
            problems.Add(new("videoLink", new("Le lien de visioconférence est une adresse https:// (500 caractères au plus).", "The videoconference link is an https:// address (at most 500 characters).")));
        var agenda = new List<(string, string?)>();
        foreach (var line in (input.Agenda ?? "").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0))
        {
            var bar = line.LastIndexOf('|');
            var (title, url) = bar < 0 ? (line, null) : (line[..bar].Trim(), line[(bar + 1)..].Trim());
            if (title.Length is 0 or > 300 || url is not null && !IsHttps(url))
            {
                problems.Add(new("agenda", new($"Point « {line} » : un titre (300 caractères au plus), suivi s'il y a lieu de « | » et de l'adresse https:// de ses documents.",
                    $"Item « {line} »: a title (at most 300 characters), followed where needed by « | » and the https:// address of its documents.")));
                break;
            }
            agenda.Add((title, url));
        }
        RuleViolation.ThrowIfAny(problems);
        return (start, agenda);
    }

    private static bool IsHttps(string text) =>
        text.Trim().Length <= 500 && Uri.TryCreate(text.Trim(), UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps;

    private async Task<IActionResult?> LoadAsync()
    {
        var body = await db.Set<Body>().Include(b => b.Members).FirstOrDefaultAsync(b => b.Id == BodyId);
        if (body is null) return NotFound();
        if (!await access.MayManageAsync(body)) return Forbid();
        Body = body;
        Members = [.. body.Members.OrderBy(m => m.Role).ThenBy(m => m.LastName, StringComparer.CurrentCulture)];
        return null;
    }
}
