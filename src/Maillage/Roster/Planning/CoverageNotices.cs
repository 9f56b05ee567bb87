using System.ComponentModel.DataAnnotations;
using System.Text;
using Maillage.Network;
using Maillage.Platform.Data;
using Maillage.Platform.Email;
using Maillage.Platform.Identity;
using Maillage.Platform.Jobs;
using Maillage.Platform.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Maillage.Roster.Planning;

/// <summary>Settings under <c>Roster</c> (planning part).</summary>
internal sealed class RosterPlanningOptions
{
    public const string Section = "Roster";

    /// <summary>The coverage-gap e-mail is about the day this many days ahead.</summary>
    [Range(1, 60)]
    public int GapNoticeDays { get; set; } = 7;

    /// <summary>How often the gap check runs (it sends each structure's e-mail for a date once, whatever the interval).</summary>
    [Range(1, 86400)]
    public int GapCheckSeconds { get; set; } = 3600;
}

/// <summary>
/// The coverage-gap e-mail (job <c>roster-gaps</c>): for each structure that uses the roster (a duty within 60 days of
/// the date), the half-days of the day <see cref="RosterPlanningOptions.GapNoticeDays"/> ahead where a pole is open with
/// nobody on duty, sent to the structure's coordinators (of the structure, its parent or its Cité) — once per structure
/// and date: the <see cref="CoverageAlert"/> row and the outbox messages are saved together, and the unique
/// (structure, date) index refuses a second one, across restarts and instances.
/// </summary>
internal sealed class CoverageNotices(MaillageDb db, TimeProvider clock, IOptions<RosterPlanningOptions> options, IOptions<EmailOptions> email, ILogger<CoverageNotices> logger)
{
    public async Task<int> SendAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var sent = 0;
        var structures = await db.Structures.AsNoTracking().Where(s => s.Status == StructureStatus.Open && s.Poles.Any()).Select(s => s.Id).ToListAsync(ct);
        foreach (var id in structures)
        {
            var structure = await db.Structures.AsNoTracking().Include(s => s.Poles).Include(s => s.WeeklyHours).Include(s => s.Exceptions).AsSplitQuery().FirstAsync(s => s.Id == id, ct);
            var place = new PlanningPlace(structure, structure.Schedule());
            var date = DutyRules.ToLocal(now, place.Zone).Date.AddDays(options.Value.GapNoticeDays);
            if (await db.CoverageAlerts.AnyAsync(a => a.StructureId == id && a.Date == date, ct)) continue;
            var near = await Coverage.SlotsAsync(db, place, date.AddDays(-60), date.AddDays(61), ct);
            if (near.Count == 0 && !await db.DutySlots.AnyAsync(s => s.StructureId == id && s.Status == DutyStatus.Cancelled, ct)) continue;
            var gaps = Coverage.Cells(place, near, date, date.AddDays(1)).Where(c => c.IsGap).ToList();
            if (gaps.Count == 0) continue;
            var parent = structure.ParentId;
            var coordinators = await db.RoleAssignments.AsNoTracking()
                .Where(a => a.Role == StaffRole.Coordinator && ((a.Scope == ScopeKind.Structure && (a.StructureId == id || a.StructureId == parent)) || (a.Scope == ScopeKind.Cite && a.CiteId == structure.CiteId)))
                .Join(db.Users, a => a.UserId, u => u.Id, (a, u) => new { u.Email, u.DisplayName, u.Language })
                .Where(u => u.Email != null).Distinct().ToListAsync(ct);
            if (coordinators.Count == 0) continue;
            // Each coordinator reads it in the language of their messages (« Mon compte »), French by default. The alert
            // row and the e-mails are saved together; its unique (structure, date) index makes it sent once.
            var alert = new CoverageAlert { CiteId = structure.CiteId, StructureId = id, Date = date, Gaps = gaps.Count, SentAt = now };
            var messages = coordinators.Select(c =>
            {
                var (title, body) = Message(place, date, gaps, c.Language == "en" ? "en" : "fr");
                return new EmailMessage("roster.gaps", c.Email!, c.DisplayName, title, body, CiteId: structure.CiteId, About: $"structure:{id}:{date:yyyy-MM-dd}");
            }).ToList();
            if (await Outbox.SendOnceAsync(db, alert, messages, now, ct)) sent++;
            else logger.LogInformation("Coverage alert for structure {Structure} on {Date} already sent", id, date);
        }
        return sent;
    }

    /// <summary>
    /// The e-mail, wholly in one language (issue 20): the coordinator's language of messages (<see cref="StaffUser.Language"/>),
    /// French by default; "en" writes it wholly in English (English pole names, an English link).
    /// </summary>
    internal (string Title, string Body) Message(PlanningPlace place, DateOnly date, IReadOnlyList<HalfDayCell> gaps, string language = "fr")
    {
        var english = language == "en";
        var day = HumanDates.Day(date, System.Globalization.CultureInfo.GetCultureInfo(english ? "en-GB" : "fr-FR"));
        var count = Plural.Of(gaps.Count, "{n} demi-journée sans personne", "{n} demi-journées sans personne", "{n} half-day with nobody on duty", "{n} half-days with nobody on duty");
        var title = english ? $"Duties: {count.En} on {day} — {place.Structure.Name}" : $"Permanences : {count.Fr} le {day} — {place.Structure.Name}";
        var text = new StringBuilder();
        text.AppendLine(english ? "Hello," : "Bonjour,");
        text.AppendLine();
        text.AppendLine(english ? $"On {day}, {place.Structure.Name} is open with nobody on duty:" : $"Le {day}, {place.Structure.Name} est ouvert sans personne de permanence :");
        foreach (var g in gaps)
        {
            var pole = place.Structure.Poles.First(p => p.Id == g.PoleId);
            var half = Coverage.Name(g.Half);
            text.AppendLine(english ? $"- {pole.NameEn ?? pole.Name}: {half.En.ToLowerInvariant()}" : $"- {pole.Name} : {half.Fr.ToLowerInvariant()}");
        }
        text.AppendLine();
        var link = $"{email.Value.PublicBaseUrl.TrimEnd('/')}/gestion/planning?structure={place.Structure.Id}&week={date:yyyy-MM-dd}";
        text.AppendLine(english ? $"Planning: {link}&culture=en" : $"Planning : {link}");
        return (title, text.ToString());
    }
}

/// <summary>Runs <see cref="CoverageNotices"/>.</summary>
internal sealed class CoverageNoticeJob(CoverageNotices notices) : IBackgroundJob
{
    public Task RunAsync(IReadOnlyDictionary<string, string> data, CancellationToken ct) => notices.SendAsync(ct);
}
