using Maillage.Governance;
using Maillage.Platform.Errors;
using Maillage.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Tests.Governance;

/// <summary>Recording attendance and deliberations (issue 22 items 3–4): numbering under concurrency, the quorum's block, nothing half-saved.</summary>
public sealed class DeliberationRecordingTests(MaillageApp app) : IClassFixture<MaillageApp>
{
    [Fact]
    public async Task Given_20_deliberations_recorded_at_once_Then_they_get_20_different_numbers_following_on_from_1()
    {
        var (body, session) = await app.BodyWithSessionAsync();
        await app.AllPresentAsync(body, session);
        using var start = new SemaphoreSlim(0);
        var tasks = Enumerable.Range(1, 20).Select(i => Task.Run(async () =>
        {
            await start.WaitAsync();
            return await app.RecordDeliberationAsync(session.Id, GovernanceTestData.Unanimous($"Point {i}"));
        })).ToList();
        start.Release(20);
        var recorded = await Task.WhenAll(tasks);
        Assert.Equal(Enumerable.Range(1, 20), recorded.Select(d => d.Sequence).Order());
        Assert.Equal(Enumerable.Range(1, 20).Select(i => $"T2026-{i}").Order(), recorded.Select(d => d.Number).Order());
        Assert.Equal(20, (await app.DeliberationsAsync(body.Id)).Select(d => d.Number).Distinct().Count());
        Assert.All(recorded, d => Assert.Equal(10, d.Vote.For));
    }

    [Fact]
    public async Task Given_a_number_already_taken_Then_the_second_is_refused_naming_the_number_and_the_sequence_continues_past_it()
    {
        var (body, session) = await app.BodyWithSessionAsync();
        await app.AllPresentAsync(body, session);
        await app.RecordDeliberationAsync(session.Id, GovernanceTestData.Unanimous(sequence: 7));
        var e = await Assert.ThrowsAsync<RuleViolation>(() => app.RecordDeliberationAsync(session.Id, GovernanceTestData.Unanimous("Doublon", sequence: 7)));
        Assert.Equal(("number", 409), (e.Field, e.Status));
        Assert.Contains("T2026-7", e.Text.Fr);
        Assert.Equal("T2026-8", (await app.RecordDeliberationAsync(session.Id, GovernanceTestData.Unanimous("Suivante"))).Number);
    }

    [Fact]
    public async Task Given_the_quorum_not_reached_Then_a_vote_is_refused_and_nothing_is_saved()
    {
        var (body, session) = await app.BodyWithSessionAsync(titular: 10);
        var titular = body.Members.Where(m => m.Role == MandateRole.Titular).OrderBy(m => m.Id).ToList();
        var counts = await app.RecordAttendanceAsync(session.Id, [.. titular.Take(5).Select(m => new AttendanceEntry(m.Id, AttendanceStatus.Present))]);
        Assert.Equal((5, 6, false), (counts.Quorum.Counted, counts.Quorum.Required, counts.Quorum.Reached));
        var e = await Assert.ThrowsAsync<RuleViolation>(() => app.RecordDeliberationAsync(session.Id, GovernanceTestData.Unanimous()));
        Assert.Equal("quorum", e.Field);
        Assert.Contains("5 membres comptés pour 6 requis sur 10 en exercice", e.Text.Fr);
        Assert.Empty(await app.DeliberationsAsync(body.Id));
    }

    [Fact]
    public async Task Given_a_vote_with_more_votes_than_voters_Then_it_is_refused_naming_the_vote()
    {
        var (body, session) = await app.BodyWithSessionAsync(titular: 10);
        await app.AllPresentAsync(body, session);
        var input = GovernanceTestData.Unanimous() with { Vote = new Vote(9, 1, 1, 0, Unanimous: false) };
        var e = await Assert.ThrowsAsync<RuleViolation>(() => app.RecordDeliberationAsync(session.Id, input));
        Assert.Equal("vote", e.Field);
        Assert.Contains("11 voix comptées pour 10 votants", e.Text.Fr);
        Assert.Equal("T2026-1", (await app.RecordDeliberationAsync(session.Id, input with { Vote = new Vote(8, 1, 1, 0, false) })).Number);
    }

    [Fact]
    public async Task Given_an_attendance_list_with_a_bad_proxy_Then_nothing_of_it_is_saved()
    {
        var (body, session) = await app.BodyWithSessionAsync(titular: 6);
        var t = body.Members.Where(m => m.Role == MandateRole.Titular).OrderBy(m => m.Id).Select(m => m.Id).ToList();
        await app.RecordAttendanceAsync(session.Id, [new(t[0], AttendanceStatus.Present)]);
        var e = await Assert.ThrowsAsync<RuleViolation>(() => app.RecordAttendanceAsync(session.Id,
            [new(t[0], AttendanceStatus.Excused), new(t[1], AttendanceStatus.Present), new(t[2], AttendanceStatus.Represented, ProxyHolderId: t[0])]));
        Assert.Equal($"attendance[{t[2]}].proxyHolder", e.Field);
        var rows = await app.WithDbAsync(db => db.Set<Attendance>().Where(a => a.SessionId == session.Id).ToListAsync());
        Assert.Equal((t[0], AttendanceStatus.Present), (Assert.Single(rows).MemberId, rows[0].Status));
    }
}
