using Maillage.Agenda.Registrations;
using Maillage.Platform.Audit;
using Maillage.Platform.Data;
using Maillage.Platform.Errors;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Entrepreneurship.Prospects;

/// <summary>
/// Prospects (issue 23 item 2): the registrants of a programme's awareness meetings — agenda events of type
/// <i>réunion de sensibilisation CitésLab</i> held at the programme's permanence or organised by its operating partner —
/// offered to its coaches for a year after the meeting. Nothing is copied from the agenda: a prospect becomes a holder
/// only through the new-holder form, with the consent the coach reads to the person, and a prospect turned into a
/// holder or dismissed is not offered again (<see cref="ProspectDecision"/>).
/// </summary>
public sealed class Prospects(MaillageDb db, AwarenessMeetingRegistrants agenda, ProgrammeAccess access, IAuditActor actor, TimeProvider clock)
{
    /// <summary>How long after the meeting a registrant is offered (the agenda anonymises registrants a year after by default).</summary>
    public const int OfferedMonths = 12;

    public sealed record Prospect(long Id, int ProgrammeId, string FirstName, string LastName, string? Email, string? Phone, int EventId, string EventTitle, DateOnly Day)
    {
        public string Name => $"{FirstName} {LastName}";
    }

    /// <summary>
    /// A prospect whose e-mail matches a holder already recorded in the programme, as its coach sees it: "already
    /// followed: <see cref="HolderName"/>", with the action that adds the meeting's <c>sensitised</c> step to that holder.
    /// </summary>
    public sealed record Match(Prospect Prospect, int HolderId, string HolderName);

    /// <summary>The prospects of the signed-in person's programmes not yet decided and not matching a recorded holder, most recent meeting first.</summary>
    public async Task<IReadOnlyList<Prospect>> OfferedAsync(CancellationToken ct = default) => (await SortAsync(await UndecidedAsync(ct), ct)).Fresh;

    /// <summary>The undecided prospects whose e-mail matches a holder the signed-in person sees (<see cref="ProgrammeAccess.VisibleAsync"/>).</summary>
    public async Task<IReadOnlyList<Match>> MatchedAsync(CancellationToken ct = default) => (await SortAsync(await UndecidedAsync(ct), ct)).Matched;

    /// <summary>Both, read once: what the board shows.</summary>
    public async Task<(IReadOnlyList<Prospect> Fresh, IReadOnlyList<Match> Matched)> BoardAsync(CancellationToken ct = default)
    {
        var (fresh, matched) = await SortAsync(await UndecidedAsync(ct), ct);
        return (fresh, matched);
    }

    private async Task<List<Prospect>> UndecidedAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var result = new List<Prospect>();
        foreach (var programme in await ProgrammesAsync(ct))
        {
            var registrants = await agenda.HeldAsync(Place(programme), now.AddMonths(-OfferedMonths), now, ct);
            if (registrants.Count == 0) continue;
            var ids = registrants.Select(r => r.Id).ToArray();
            var decided = (await db.Set<ProspectDecision>().IgnoreQueryFilters().AsNoTracking()
                .Where(d => d.ProgrammeId == programme.Id && ids.Contains(d.RegistrationId)).Select(d => d.RegistrationId).ToListAsync(ct)).ToHashSet();
            result.AddRange(registrants.Where(r => !decided.Contains(r.Id)).Select(r => Of(programme.Id, r)));
        }
        return result;
    }

    /// <summary>An e-mail as compared: without any space, in lower case (holders' e-mails are stored trimmed).</summary>
    public static string? Normal(string? email) =>
        string.IsNullOrWhiteSpace(email) ? null : string.Concat(email.Where(c => !char.IsWhiteSpace(c))).ToLowerInvariant();

    /// <summary>
    /// Splits prospects into the new ones and those whose e-mail (case- and space-insensitive) is a holder's of the same
    /// programme. A match is shown only to who sees that holder; to anyone else the prospect is simply not offered, so
    /// that nobody learns that a person is followed by another coach.
    /// </summary>
    private async Task<(List<Prospect> Fresh, List<Match> Matched)> SortAsync(List<Prospect> prospects, CancellationToken ct)
    {
        var emails = prospects.Select(p => Normal(p.Email)).Where(e => e is not null).Distinct().ToArray();
        if (emails.Length == 0) return (prospects, []);
        var programmes = prospects.Select(p => p.ProgrammeId).Distinct().ToArray();
        var holders = await db.Set<ProjectHolder>().IgnoreQueryFilters().AsNoTracking()
            .Where(h => programmes.Contains(h.ProgrammeId) && h.Email != null && emails.Contains(h.Email.ToLower()))
            .OrderBy(h => h.Id).Select(h => new { h.Id, h.ProgrammeId, h.Email, h.FirstName, h.LastName }).ToListAsync(ct);
        if (holders.Count == 0) return (prospects, []);
        var ids = holders.Select(h => h.Id).ToArray();
        var visible = (await (await access.VisibleAsync(ct)).Where(h => ids.Contains(h.Id)).Select(h => h.Id).ToListAsync(ct)).ToHashSet();
        var fresh = new List<Prospect>();
        var matched = new List<Match>();
        foreach (var p in prospects)
        {
            var same = holders.Where(h => h.ProgrammeId == p.ProgrammeId && Normal(h.Email) == Normal(p.Email)).ToList();
            if (same.Count == 0) fresh.Add(p);
            else if (same.FirstOrDefault(h => visible.Contains(h.Id)) is { } mine) matched.Add(new(p, mine.Id, $"{mine.FirstName} {mine.LastName}"));
        }
        return (fresh, matched);
    }

    /// <summary>A prospect still offered to the signed-in person as new; 404 otherwise (unknown, of another programme, decided, anonymised, matching a recorded holder).</summary>
    public async Task<Prospect> FindAsync(long id, CancellationToken ct = default)
    {
        var (fresh, _) = await FindAnyAsync(id, ct);
        return fresh ?? throw NotOffered(id);
    }

    private static NotFoundProblem NotOffered(long id) => new(new($"Aucun prospect à proposer n'a le numéro {id}.", $"No prospect to offer has the id {id}."));

    private async Task<(Prospect? Fresh, Match? Matched)> FindAnyAsync(long id, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        foreach (var programme in await ProgrammesAsync(ct))
        {
            if (await agenda.FindAsync(Place(programme), id, now, ct) is not { } r || r.StartsAt < now.AddMonths(-OfferedMonths)) continue;
            if (await db.Set<ProspectDecision>().IgnoreQueryFilters().AnyAsync(d => d.ProgrammeId == programme.Id && d.RegistrationId == id, ct)) break;
            var (fresh, matched) = await SortAsync([Of(programme.Id, r)], ct);
            return (fresh.FirstOrDefault(), matched.FirstOrDefault());
        }
        return (null, null);
    }

    /// <summary>The prospect is not offered again (the person did not want coaching, or cannot be reached); also one shown as already followed.</summary>
    public async Task DismissAsync(long id, CancellationToken ct = default)
    {
        var (fresh, matched) = await FindAnyAsync(id, ct);
        var prospect = fresh ?? matched?.Prospect ?? throw NotOffered(id);
        db.Add(await DecisionAsync(prospect, ProspectOutcome.Dismissed, ct));
        await SaveOnceAsync(prospect, ct);
    }

    /// <summary>
    /// The prospect is the holder already recorded: the meeting's <c>sensitised</c> step (dated the meeting, linked to the
    /// event) is added to that holder under the pipeline's rules (a refusal says why, nothing saved) and the decision
    /// "matched" is saved with it. 404 for a prospect not shown to the signed-in person as already followed.
    /// </summary>
    public async Task<Match> MatchAsync(long id, string? recordedBy, CancellationToken ct = default)
    {
        var (_, match) = await FindAnyAsync(id, ct);
        if (match is null) throw NotOffered(id);
        var holder = await access.HolderAsync(match.HolderId, ct);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        holder.AddStep(new PipelineStep
        {
            Kind = StepKind.Sensitised, Date = match.Prospect.Day, AgendaEventId = match.Prospect.EventId, RecordedBy = recordedBy,
            Note = $"Réunion de sensibilisation : {match.Prospect.EventTitle}",
        }, today);
        db.Add(await DecisionAsync(match.Prospect, ProspectOutcome.Matched, ct));
        await SaveOnceAsync(match.Prospect, ct);
        return match;
    }

    /// <summary>The decision about a prospect, added by the caller (a conversion saves it with the holder and its step).</summary>
    internal async Task<ProspectDecision> DecisionAsync(Prospect prospect, ProspectOutcome outcome, CancellationToken ct)
    {
        var citeId = await db.Set<Programme>().IgnoreQueryFilters().Where(p => p.Id == prospect.ProgrammeId).Select(p => p.CiteId).SingleAsync(ct);
        return new ProspectDecision
        {
            CiteId = citeId, ProgrammeId = prospect.ProgrammeId, RegistrationId = prospect.Id, Outcome = outcome,
            DecidedAt = clock.GetUtcNow(), DecidedBy = actor.UserName,
        };
    }

    /// <summary>Saves what was added; a decision taken meanwhile by someone else (the unique index) is a 409 naming <c>prospect</c>.</summary>
    internal async Task SaveOnceAsync(Prospect prospect, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            if (!await DecidedAsync(prospect, ct)) throw;
            db.ChangeTracker.Clear();
            throw Taken();
        }
    }

    internal Task<bool> DecidedAsync(Prospect prospect, CancellationToken ct)
    {
        // Read on a fresh query: the failed insert is still tracked.
        return db.Set<ProspectDecision>().IgnoreQueryFilters().AsNoTracking().AnyAsync(d => d.ProgrammeId == prospect.ProgrammeId && d.RegistrationId == prospect.Id, ct);
    }

    internal static RuleViolation Taken() => new("prospect",
        new("Ce prospect vient d'être traité par une autre personne de l'équipe.", "This prospect was just dealt with by someone else on the team."), StatusCodes.Status409Conflict);

    private static Prospect Of(int programmeId, AwarenessMeetingRegistrants.Registrant r) =>
        new(r.Id, programmeId, r.FirstName, r.LastName, r.Email, r.Phone, r.EventId, r.EventTitle, r.Day);

    private static AwarenessMeetingRegistrants.Place Place(ProgrammeAccess.Place p) =>
        new(p.CiteId, p.StructureId is { } s ? [s] : [], p.PartnerId is { } o ? [o] : []);

    /// <summary>The places of the person's programmes (kept by <see cref="ProgrammeAccess"/>, no query).</summary>
    private Task<IReadOnlyList<ProgrammeAccess.Place>> ProgrammesAsync(CancellationToken ct) => access.MyPlacesAsync(ct);
}
