using Maillage.Governance;
using Maillage.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Maillage.Tests.Governance;

/// <summary>The Governance module's test data: a test's own body on the Grand Genève Cité, its members, a session.</summary>
public static class GovernanceTestData
{
    public static readonly DateTimeOffset SessionTime = new(2026, 3, 12, 18, 0, 0, TimeSpan.FromHours(1));

    /// <summary>A members list for the pure rules: <paramref name="titular"/> titular members (ids 1…n) and substitutes (ids 101…) of the first ones.</summary>
    public static List<BodyMember> Members(int titular, int substitutes = 0, DateOnly? from = null)
    {
        var list = Enumerable.Range(1, titular).Select(i => new BodyMember { Id = i, FirstName = "Titulaire", LastName = $"N{i}", Role = MandateRole.Titular, From = from ?? new DateOnly(2020, 1, 1) }).ToList();
        list.AddRange(Enumerable.Range(1, substitutes).Select(i => new BodyMember { Id = 100 + i, FirstName = "Suppléant", LastName = $"S{i}", Role = MandateRole.Substitute, SubstituteOfId = i, From = from ?? new DateOnly(2020, 1, 1) }));
        return list;
    }

    /// <summary>A body of the Grand Genève Cité with <paramref name="titular"/> titular members and a session on <see cref="SessionTime"/>.</summary>
    public static async Task<(Body Body, Session Session)> BodyWithSessionAsync(this MaillageApp app, int titular = 10, int substitutes = 0, QuorumRule? rule = null)
    {
        var citeId = await app.CiteIdAsync("grand-geneve");
        return await app.WithDbAsync(async db =>
        {
            var body = new Body
            {
                CiteId = citeId, Kind = BodyKind.Board, Name = $"Conseil {Guid.NewGuid():N}"[..20], NumberPrefix = "T", Quorum = rule ?? QuorumRule.LocalAuthorityDefault,
            };
            foreach (var m in Members(titular, substitutes)) body.Members.Add(new BodyMember { CiteId = citeId, FirstName = m.FirstName, LastName = m.LastName, Role = m.Role, From = m.From });
            db.Add(body);
            await db.SaveChangesAsync();
            var subs = body.Members.Where(m => m.Role == MandateRole.Substitute).ToList();
            var tits = body.Members.Where(m => m.Role == MandateRole.Titular).ToList();
            for (var i = 0; i < subs.Count; i++) subs[i].SubstituteOfId = tits[i].Id;
            var session = new Session { CiteId = citeId, BodyId = body.Id, StartsAt = SessionTime.ToUniversalTime(), ConvenedOn = new DateOnly(2026, 3, 2) };
            db.Add(session);
            await db.SaveChangesAsync();
            return (body, session);
        });
    }

    public static Task<AttendanceCounts> RecordAttendanceAsync(this MaillageApp app, int sessionId, IReadOnlyCollection<AttendanceEntry> entries) =>
        app.WithScopeAsync2(sp => sp.GetRequiredService<GovernanceRegister>().RecordAttendanceAsync(sessionId, entries, CancellationToken.None, ignoreTenant: true));

    public static Task<Deliberation> RecordDeliberationAsync(this MaillageApp app, int sessionId, DeliberationInput input) =>
        app.WithScopeAsync2(sp => sp.GetRequiredService<GovernanceRegister>().RecordDeliberationAsync(sessionId, input, CancellationToken.None, ignoreTenant: true));

    public static DeliberationInput Unanimous(string obj = "Approbation du budget", int? sequence = null) =>
        new(obj, new Vote(0, 0, 0, 0, Unanimous: true), [(RecitalKind.Vu, "Vu les statuts ;")], ["APPROUVE le budget."], Sequence: sequence);

    /// <summary>Everyone present: the quorum is reached.</summary>
    public static async Task<AttendanceCounts> AllPresentAsync(this MaillageApp app, Body body, Session session) =>
        await app.RecordAttendanceAsync(session.Id, [.. body.Members.Where(m => m.Role == MandateRole.Titular).Select(m => new AttendanceEntry(m.Id, AttendanceStatus.Present))]);

    public static Task<List<Deliberation>> DeliberationsAsync(this MaillageApp app, int bodyId) =>
        app.WithDbAsync(db => db.Set<Deliberation>().IgnoreQueryFilters().Where(d => d.BodyId == bodyId).OrderBy(d => d.Sequence).ToListAsync());
}
