using Maillage.Platform.Data;
using Maillage.Platform.Spreadsheets;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Governance;

/// <summary>
/// What the public sees of a body (issue 22 item 7), without signing in: a body marked public, its sessions already
/// held, and its deliberations once published (publication date reached) with their register extracts; nothing else —
/// no draft, no unpublished deliberation, no member's e-mail. The pages are kept in the public output cache under
/// <see cref="CacheTag"/>, evicted when a body, member, session, attendance or deliberation is saved.
/// </summary>
public sealed class GovernancePublic(MaillageDb db, TimeProvider clock)
{
    public const string CacheTag = "governance-public";

    public DateTimeOffset Now => clock.GetUtcNow();
    public DateOnly Today => DateOnly.FromDateTime(Now.UtcDateTime);

    /// <summary>The columns of the SCDL <i>délibérations</i> schema (2.1), in its order.</summary>
    public static readonly IReadOnlyList<string> ScdlColumns =
    [
        "COLL_NOM", "COLL_SIRET", "DELIB_ID", "DELIB_DATE", "DELIB_MATIERE_CODE", "DELIB_MATIERE_NOM", "DELIB_OBJET", "BUDGET_ANNEE", "BUDGET_NOM",
        "PREF_ID", "PREF_DATE", "VOTE_EFFECTIF", "VOTE_REEL", "VOTE_POUR", "VOTE_CONTRE", "VOTE_ABSTENTION", "DELIB_URL",
    ];

    public sealed record PublishedDeliberation(Deliberation Deliberation, Session Session);

    /// <summary>
    /// A public body, or null when there is none or it is not public. <paramref name="full"/>: with its members, which the
    /// extracts and the SCDL counts need; the page lists none of them, so it reads the body's row only.
    /// </summary>
    public Task<Body?> BodyAsync(int id, CancellationToken ct, bool full = true)
    {
        var bodies = db.Set<Body>().IgnoreQueryFilters().AsNoTracking();
        return (full ? bodies.Include(b => b.Members) : bodies).FirstOrDefaultAsync(b => b.Id == id && b.Public, ct);
    }

    /// <summary>
    /// The body's sessions already begun, latest first. <paramref name="full"/>: with their attendance rows (the counts
    /// of the extracts and the SCDL file); the page shows the day and place only (80 members × 12 sessions are 960 rows
    /// it would read for nothing: bench/governance).
    /// </summary>
    public async Task<List<Session>> HeldSessionsAsync(int bodyId, CancellationToken ct, bool full = true)
    {
        var now = Now;
        var sessions = db.Set<Session>().IgnoreQueryFilters().AsNoTracking().Where(s => s.BodyId == bodyId);
        var list = await (full ? sessions.Include(s => s.Attendance) : sessions).ToListAsync(ct);
        return [.. list.Where(s => s.StartsAt <= now).OrderByDescending(s => s.StartsAt)];
    }

    /// <summary>
    /// The body's published deliberations (publication date reached) of held sessions, in number order.
    /// <paramref name="full"/>: with their recitals and articles (the extracts); the page lists number, object and vote.
    /// </summary>
    public async Task<List<PublishedDeliberation>> PublishedAsync(int bodyId, IReadOnlyList<Session> held, CancellationToken ct, bool full = true)
    {
        var today = Today;
        var sessions = held.ToDictionary(s => s.Id);
        var deliberations = db.Set<Deliberation>().IgnoreQueryFilters().AsNoTracking();
        if (full) deliberations = deliberations.Include(d => d.Recitals).Include(d => d.Articles).AsSplitQuery();
        var list = await deliberations.Where(d => d.BodyId == bodyId && d.PublishedOn != null && d.PublishedOn <= today).ToListAsync(ct);
        return [.. list.Where(d => sessions.ContainsKey(d.SessionId)).OrderBy(d => d.Year).ThenBy(d => d.Sequence).Select(d => new PublishedDeliberation(d, sessions[d.SessionId]))];
    }

    /// <summary>One published deliberation of a public body, or null.</summary>
    public async Task<(Body Body, PublishedDeliberation Published)?> DeliberationAsync(int id, CancellationToken ct)
    {
        var today = Today;
        var deliberation = await db.Set<Deliberation>().IgnoreQueryFilters().AsNoTracking().Include(d => d.Recitals).Include(d => d.Articles).AsSplitQuery()
            .FirstOrDefaultAsync(d => d.Id == id && d.PublishedOn != null && d.PublishedOn <= today, ct);
        if (deliberation is null || await BodyAsync(deliberation.BodyId, ct) is not { } body) return null;
        var session = await db.Set<Session>().IgnoreQueryFilters().AsNoTracking().Include(s => s.Attendance).FirstOrDefaultAsync(s => s.Id == deliberation.SessionId, ct);
        return session is null || session.StartsAt > Now ? null : (body, new PublishedDeliberation(deliberation, session));
    }

    /// <summary>
    /// The SCDL <i>délibérations</i> CSV of the body's published deliberations. The platform holds no SIRET, no ACTES
    /// subject code and no prefecture code: those columns are left empty (docs/governance.md).
    /// </summary>
    public static byte[] Scdl(Body body, IReadOnlyList<PublishedDeliberation> rows, string baseUrl) =>
        ScdlCsv.Write(ScdlColumns, rows.Select(p =>
        {
            var (d, s) = (p.Deliberation, p.Session);
            var counts = GovernanceRegister.Counts(s, body);
            var v = d.Vote;
            return (IReadOnlyList<string?>)
            [
                body.Organisation ?? body.Name, "", d.Number, ScdlCsv.Iso(s.Day), "", "", d.Object,
                d.BudgetImputation is null ? "" : d.Year.ToString(System.Globalization.CultureInfo.InvariantCulture), d.BudgetImputation,
                "", ScdlCsv.Iso(d.TransmittedOn), N(counts.InOffice), N(counts.Voting), N(v.For), N(v.Against), N(v.Abstentions),
                $"{baseUrl}/instances/deliberations/{d.Id}/extrait?format=pdf",
            ];
        }));

    private static string N(int n) => n.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
