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

    /// <summary>The prospects of the signed-in person's programmes not yet decided, most recent meeting first.</summary>
    public async Task<IReadOnlyList<Prospect>> OfferedAsync(CancellationToken ct = default)
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

    /// <summary>A prospect still offered to the signed-in person; 404 otherwise (unknown, of another programme, decided, anonymised).</summary>
    public async Task<Prospect> FindAsync(long id, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        foreach (var programme in await ProgrammesAsync(ct))
        {
            if (await agenda.FindAsync(Place(programme), id, now, ct) is not { } r || r.StartsAt < now.AddMonths(-OfferedMonths)) continue;
            if (await db.Set<ProspectDecision>().IgnoreQueryFilters().AnyAsync(d => d.ProgrammeId == programme.Id && d.RegistrationId == id, ct)) break;
            return Of(programme.Id, r);
        }
        throw new NotFoundProblem(new($"Aucun prospect à proposer n'a le numéro {id}.", $"No prospect to offer has the id {id}."));
    }

    /// <summary>The prospect is not offered again (the person did not want coaching, or cannot be reached).</summary>
    public async Task DismissAsync(long id, CancellationToken ct = default)
    {
        var prospect = await FindAsync(id, ct);
        db.Add(await DecisionAsync(prospect, ProspectOutcome.Dismissed, ct));
        await SaveOnceAsync(prospect, ct);
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

    private static AwarenessMeetingRegistrants.Place Place(Programme p) =>
        new(p.CiteId, p.StructureId is { } s ? [s] : [], p.OperatorPartnerId is { } o ? [o] : []);

    private async Task<List<Programme>> ProgrammesAsync(CancellationToken ct)
    {
        var mine = (await access.ProgrammeIdsAsync(ct)).ToArray();
        return await db.Set<Programme>().IgnoreQueryFilters().AsNoTracking().Where(p => mine.Contains(p.Id)).OrderBy(p => p.Id).ToListAsync(ct);
    }
}
