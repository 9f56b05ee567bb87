using Maillage.Platform.Data;
using Maillage.Platform.Errors;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Governance;

/// <summary>A deliberation as entered by the secretary (form, API or reference data).</summary>
public sealed record DeliberationInput(
    string? Object,
    Vote Vote,
    IReadOnlyList<(RecitalKind Kind, string Text)> Recitals,
    IReadOnlyList<string> Articles,
    string? Rapporteur = null,
    string? BudgetImputation = null,
    string? TransmittedTo = null,
    DateOnly? TransmittedOn = null,
    DateOnly? PublishedOn = null,
    (string Kind, string Id, string Label)? Link = null,
    /// <summary>A number already given elsewhere (a register taken over): its place in the year's sequence. Null: the next one.</summary>
    int? Sequence = null,
    string? Source = null);

/// <summary>
/// Writes what a secretary records at a session: the attendance list (checked as a whole, saved in one go) and the
/// deliberations, numbered from the body's yearly sequence by the database itself so that two recorded at once never
/// share a number, on SQLite and on PostgreSQL.
/// </summary>
public sealed class GovernanceRegister(MaillageDb db, SqliteWriteGate gate)
{
    public async Task<(Session Session, Body Body)> SessionAsync(int sessionId, CancellationToken ct, bool ignoreTenant = false)
    {
        var sessions = ignoreTenant ? db.Set<Session>().IgnoreQueryFilters() : db.Set<Session>();
        var session = await sessions.Include(s => s.Attendance).Include(s => s.Agenda).AsSplitQuery().FirstOrDefaultAsync(s => s.Id == sessionId, ct)
            ?? throw new NotFoundProblem(new($"Aucune séance n'a le numéro {sessionId}.", $"No session has the id {sessionId}."));
        var body = await db.Set<Body>().IgnoreQueryFilters().Include(b => b.Members).FirstAsync(b => b.Id == session.BodyId, ct);
        return (session, body);
    }

    public static AttendanceCounts Counts(Session session, Body body) =>
        Quorum.Count(body.Quorum, body.Members, session.Day, session.Attendance.Select(Entry));

    public static AttendanceEntry Entry(Attendance a) => new(a.MemberId, a.Status, a.SubstituteId, a.ProxyHolderId);

    /// <summary>Replaces the session's attendance list with <paramref name="entries"/> (members left out are absent), after checking it whole: nothing is saved when a rule is broken.</summary>
    public async Task<AttendanceCounts> RecordAttendanceAsync(int sessionId, IReadOnlyCollection<AttendanceEntry> entries, CancellationToken ct, bool ignoreTenant = false)
    {
        var (session, body) = await SessionAsync(sessionId, ct, ignoreTenant);
        var kept = entries.Where(e => e.Status != AttendanceStatus.Absent || e.SubstituteId is not null || e.ProxyHolderId is not null).ToList();
        RuleViolation.ThrowIfAny(Quorum.Check(body.Quorum, body.Members, session.Day, kept));
        db.RemoveRange(session.Attendance.Where(a => !kept.Any(e => e.MemberId == a.MemberId)));
        foreach (var e in kept)
        {
            var row = session.Attendance.FirstOrDefault(a => a.MemberId == e.MemberId);
            if (row is null) session.Attendance.Add(row = new Attendance { CiteId = session.CiteId, SessionId = session.Id, MemberId = e.MemberId });
            (row.Status, row.SubstituteId, row.ProxyHolderId) = (e.Status, e.SubstituteId, e.ProxyHolderId);
        }
        using (await gate.TurnAsync(db, ct)) await db.SaveChangesAsync(ct);
        session.Attendance.RemoveAll(a => !kept.Any(e => e.MemberId == a.MemberId));
        return Counts(session, body);
    }

    /// <summary>
    /// Records a deliberation of the session: refused while the quorum is not reached, with a vote that does not match
    /// the members voting, or a number already taken. Its number is the next of the body's sequence for the session's
    /// year unless <see cref="DeliberationInput.Sequence"/> gives one.
    /// </summary>
    public async Task<Deliberation> RecordDeliberationAsync(int sessionId, DeliberationInput input, CancellationToken ct, bool ignoreTenant = false)
    {
        var (session, body) = await SessionAsync(sessionId, ct, ignoreTenant);
        var counts = Counts(session, body);
        var problems = new List<RuleViolation>();
        if (!counts.Quorum.Reached)
            problems.Add(new("quorum", new(
                $"Quorum non atteint : {counts.Quorum.CountedMembers.Fr} pour {counts.Quorum.Required} requis sur {counts.InOffice} en exercice. L'instance ne peut pas délibérer ; complétez la liste de présence ou reconvoquez la séance.",
                $"Quorum not reached: {counts.Quorum.CountedMembers.En} for {counts.Quorum.Required} required out of {counts.InOffice} in office. The body cannot deliberate; complete the attendance list or convene the session again."), StatusCodes.Status409Conflict));
        var obj = input.Object?.Trim();
        if (string.IsNullOrWhiteSpace(obj))
            problems.Add(new("object", new("L'objet de la délibération est obligatoire.", "The deliberation needs an object.")));
        else if (obj.Length > Deliberation.MaxObject)
            problems.Add(new("object", new($"L'objet tient en {Deliberation.MaxObject} caractères.", $"The object fits in {Deliberation.MaxObject} characters.")));
        var vote = input.Vote.Unanimous && input.Vote.Total == 0 ? Vote.UnanimousOf(counts.Voting) : input.Vote;
        problems.AddRange(vote.Check(counts.Voting));
        var articles = input.Articles.Select(a => a.Trim()).Where(a => a.Length > 0).ToList();
        if (articles.Count == 0)
            problems.Add(new("articles", new("Une délibération décide : saisissez au moins un article.", "A deliberation decides: enter at least one article.")));
        if (input.Sequence is < 1 or > 9999)
            problems.Add(new("number", new("Le numéro d'ordre va de 1 à 9999.", "The sequence number ranges from 1 to 9999.")));
        problems.AddRange(CheckFollowUp(session.Day, input.TransmittedTo, input.TransmittedOn, input.PublishedOn, input.Link));
        RuleViolation.ThrowIfAny(problems);

        var year = session.LocalStart.Year;
        using var turn = await gate.TurnAsync(db, ct);
        // Within the caller's transaction when there is one (the reference data is loaded whole or not at all).
        await using var tx = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        var sequence = await TakeNumberAsync(body.Id, year, input.Sequence, ct);
        var number = Deliberation.FormatNumber(body.NumberPrefix, year, sequence);
        if (input.Sequence is not null && await db.Set<Deliberation>().IgnoreQueryFilters().AnyAsync(d => d.BodyId == body.Id && d.Number == number, ct))
            throw new RuleViolation("number", new($"Le numéro {number} est déjà celui d'une délibération de l'instance.", $"Number {number} is already a deliberation of this body."), StatusCodes.Status409Conflict);
        var deliberation = new Deliberation
        {
            CiteId = session.CiteId, BodyId = body.Id, SessionId = session.Id, Year = year, Sequence = sequence, Number = number,
            Object = obj!, Rapporteur = input.Rapporteur?.Trim(), BudgetImputation = input.BudgetImputation?.Trim(), Vote = vote,
            TransmittedTo = input.TransmittedTo?.Trim(), TransmittedOn = input.TransmittedOn, PublishedOn = input.PublishedOn,
            LinkKind = input.Link?.Kind, LinkId = input.Link?.Id, LinkLabel = input.Link?.Label, Source = input.Source,
            Recitals = [.. input.Recitals.Where(r => !string.IsNullOrWhiteSpace(r.Text)).Select((r, i) => new Recital { CiteId = session.CiteId, Position = i + 1, Kind = r.Kind, Text = r.Text.Trim() })],
            Articles = [.. articles.Select((a, i) => new Article { CiteId = session.CiteId, Number = i + 1, Text = a })],
        };
        db.Add(deliberation);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            throw new RuleViolation("number", new($"Le numéro {number} est déjà celui d'une délibération de l'instance.", $"Number {number} is already a deliberation of this body."), StatusCodes.Status409Conflict);
        }
        if (tx is not null) await tx.CommitAsync(ct);
        return deliberation;
    }

    /// <summary>
    /// What follows a deliberation's vote, checked alike when it is recorded and afterwards: sent for legality control
    /// (to whom, when) and published, both on or after the session's day; the link to what it decides names a kind
    /// and an id, and for a place (a structure of the shared kernel) the page's caller checks it exists.
    /// </summary>
    public static IEnumerable<RuleViolation> CheckFollowUp(DateOnly sessionDay, string? transmittedTo, DateOnly? transmittedOn, DateOnly? publishedOn, (string Kind, string Id, string Label)? link)
    {
        if (transmittedOn is { } t && (t < sessionDay || t.Year > 2100))
            yield return new("transmittedOn", new($"La transmission suit la séance du {sessionDay:dd/MM/yyyy}.", $"Transmission comes after the session of {sessionDay:yyyy-MM-dd}."));
        if (publishedOn is { } p && (p < sessionDay || p.Year > 2100))
            yield return new("publishedOn", new($"La publication suit la séance du {sessionDay:dd/MM/yyyy}.", $"Publication comes after the session of {sessionDay:yyyy-MM-dd}."));
        if (transmittedTo?.Trim().Length > 200)
            yield return new("transmittedTo", new("Le destinataire de la transmission tient en 200 caractères.", "The transmission's addressee fits in 200 characters."));
        if (link is { } l && (string.IsNullOrWhiteSpace(l.Kind) || string.IsNullOrWhiteSpace(l.Id) || l.Kind.Length > 40 || l.Id.Length > 64 || l.Label?.Length > 300))
            yield return new("linkId", new("Le lien nomme un type (40 caractères au plus), un identifiant (64 au plus) et un libellé (300 au plus).", "The link names a kind (at most 40 characters), an id (at most 64) and a label (at most 300)."));
    }

    /// <summary>Records the transmission, the publication and the link of a deliberation already voted, after checking them (nothing saved otherwise).</summary>
    public async Task<Deliberation> RecordFollowUpAsync(int deliberationId, string? transmittedTo, DateOnly? transmittedOn, DateOnly? publishedOn, (string Kind, string Id, string Label)? link, CancellationToken ct)
    {
        var deliberation = await db.Set<Deliberation>().FirstOrDefaultAsync(d => d.Id == deliberationId, ct)
            ?? throw new NotFoundProblem(new($"Aucune délibération n'a le numéro {deliberationId}.", $"No deliberation has the id {deliberationId}."));
        var (session, _) = await SessionAsync(deliberation.SessionId, ct);
        RuleViolation.ThrowIfAny([.. CheckFollowUp(session.Day, transmittedTo, transmittedOn, publishedOn, link)]);
        (deliberation.TransmittedTo, deliberation.TransmittedOn, deliberation.PublishedOn) = (string.IsNullOrWhiteSpace(transmittedTo) ? null : transmittedTo.Trim(), transmittedOn, publishedOn);
        (deliberation.LinkKind, deliberation.LinkId, deliberation.LinkLabel) = (link?.Kind, link?.Id.Trim(), string.IsNullOrWhiteSpace(link?.Label) ? null : link.Value.Label.Trim());
        using (await gate.TurnAsync(db, ct)) await db.SaveChangesAsync(ct);
        return deliberation;
    }

    /// <summary>
    /// The next number of the body's sequence for the year, taken in the database: the counter row is created if
    /// missing and incremented in one statement whose row lock (PostgreSQL) or write lock (SQLite) orders concurrent
    /// takers. A number given (a register taken over) moves the counter past it.
    /// </summary>
    private async Task<int> TakeNumberAsync(int bodyId, int year, int? given, CancellationToken ct)
    {
        await db.Database.ExecuteSqlInterpolatedAsync(
            $"INSERT INTO governance_deliberation_counters (\"BodyId\", \"Year\", \"Last\") VALUES ({bodyId}, {year}, 0) ON CONFLICT DO NOTHING", ct);
        if (given is { } g)
        {
            await db.Database.ExecuteSqlInterpolatedAsync(
                $"UPDATE governance_deliberation_counters SET \"Last\" = CASE WHEN \"Last\" < {g} THEN {g} ELSE \"Last\" END WHERE \"BodyId\" = {bodyId} AND \"Year\" = {year}", ct);
            return g;
        }
        var taken = await db.Database.SqlQuery<int>(
            $"UPDATE governance_deliberation_counters SET \"Last\" = \"Last\" + 1 WHERE \"BodyId\" = {bodyId} AND \"Year\" = {year} RETURNING \"Last\" AS \"Value\"").ToListAsync(ct);
        return taken.Single();
    }
}
