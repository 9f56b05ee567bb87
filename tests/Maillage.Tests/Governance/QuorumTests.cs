using Maillage.Governance;
using static Maillage.Tests.Governance.GovernanceTestData;

namespace Maillage.Tests.Governance;

/// <summary>The quorum, counts, proxy and substitute rules (issue 22 item 3), pure: no database.</summary>
public sealed class QuorumTests
{
    private static readonly DateOnly Day = new(2026, 3, 12);
    private static readonly QuorumRule Default = QuorumRule.LocalAuthorityDefault;

    [Theory]
    [InlineData(44, 1, 2, true, 23)]   // more than half of 44
    [InlineData(45, 1, 2, true, 23)]   // more than half of 45 (22.5)
    [InlineData(44, 1, 3, false, 15)]  // at least a third of 44 (14.67)
    [InlineData(30, 1, 3, false, 10)]  // at least a third of 30
    [InlineData(12, 2, 3, false, 8)]
    [InlineData(0, 1, 2, true, 1)]
    public void Given_a_fraction_of_the_members_in_office_Then_the_required_count_is_exact(int inOffice, int num, int den, bool strict, int required) =>
        Assert.Equal(required, new QuorumRule(num, den, strict, ProxiesCount: false, 1).Required(inOffice));

    [Fact]
    public void Given_the_seed_002_attendance_pattern_Then_31_present_4_proxies_17_excused_1_absent_and_the_quorum_of_23_reached()
    {
        var members = Members(44, substitutes: 5);
        var entries = new List<AttendanceEntry>();
        entries.AddRange(Enumerable.Range(10, 26).Select(i => new AttendanceEntry(i, AttendanceStatus.Present)));             // 10…35
        entries.AddRange(Enumerable.Range(1, 5).Select(i => new AttendanceEntry(i, AttendanceStatus.Replaced, SubstituteId: 100 + i)));
        entries.AddRange(Enumerable.Range(6, 4).Select(i => new AttendanceEntry(i, AttendanceStatus.Represented, ProxyHolderId: 4 + 2 * i)));
        entries.AddRange(Enumerable.Range(36, 8).Select(i => new AttendanceEntry(i, AttendanceStatus.Excused)));               // 36…43; 44 absent
        Assert.Empty(Quorum.Check(Default, members, Day, entries));
        var counts = Quorum.Count(Default, members, Day, entries);
        Assert.Equal((44, 26, 5, 31, 4, 17, 1, 35), (counts.InOffice, counts.TitularPresent, counts.Substitutes, counts.Present, counts.Represented, counts.Excused, counts.Absent, counts.Voting));
        Assert.Equal((23, 31, 4, 31, true), (counts.Quorum.Required, counts.Quorum.Present, counts.Quorum.Represented, counts.Quorum.Counted, counts.Quorum.Reached));
    }

    [Fact]
    public void Given_proxies_that_count_Then_the_represented_members_reach_the_quorum_they_would_miss_otherwise()
    {
        var members = Members(10);
        var entries = Enumerable.Range(1, 5).Select(i => new AttendanceEntry(i, AttendanceStatus.Present))
            .Concat(Enumerable.Range(6, 2).Select(i => new AttendanceEntry(i, AttendanceStatus.Represented, ProxyHolderId: i - 5))).ToList();
        var without = Quorum.Count(Default, members, Day, entries).Quorum;
        Assert.Equal((6, 5, false, 1), (without.Required, without.Counted, without.Reached, without.Missing));
        var with = Quorum.Count(Default with { ProxiesCount = true }, members, Day, entries).Quorum;
        Assert.Equal((7, true), (with.Counted, with.Reached));
    }

    [Fact]
    public void Given_a_proxy_to_an_absent_member_or_beyond_the_limit_or_to_oneself_Then_each_is_refused_naming_the_givers_field()
    {
        var members = Members(10);
        var entries = new List<AttendanceEntry>
        {
            new(1, AttendanceStatus.Present),
            new(2, AttendanceStatus.Excused),
            new(3, AttendanceStatus.Represented, ProxyHolderId: 2),  // to an excused member
            new(4, AttendanceStatus.Represented, ProxyHolderId: 9),  // to an absent member (no row)
            new(5, AttendanceStatus.Represented, ProxyHolderId: 1),  // first proxy of member 1: fine
            new(6, AttendanceStatus.Represented, ProxyHolderId: 1),  // second: beyond the limit of one
            new(7, AttendanceStatus.Represented, ProxyHolderId: 7),  // to oneself
            new(8, AttendanceStatus.Represented),                    // to no one
        };
        var problems = Quorum.Check(Default, members, Day, entries);
        Assert.Equal(["attendance[3].proxyHolder", "attendance[4].proxyHolder", "attendance[6].proxyHolder", "attendance[7].proxyHolder", "attendance[8].proxyHolder"], problems.Select(p => p.Field).Order());
        Assert.Contains("n'est pas présent", problems.Single(p => p.Field == "attendance[4].proxyHolder").Text.Fr);
        Assert.Contains("détient déjà 1 pouvoir", problems.Single(p => p.Field == "attendance[6].proxyHolder").Text.Fr);
        Assert.Empty(Quorum.Check(Default with { MaxProxiesPerMember = 2 }, members, Day, entries.Where(e => e.MemberId is 1 or 5 or 6).ToList()));
    }

    [Fact]
    public void Given_a_proxy_to_a_substitute_sitting_Then_it_is_accepted_as_a_member_in_the_room()
    {
        var members = Members(4, substitutes: 1);
        List<AttendanceEntry> entries = [new(1, AttendanceStatus.Replaced, SubstituteId: 101), new(2, AttendanceStatus.Represented, ProxyHolderId: 101)];
        Assert.Empty(Quorum.Check(Default, members, Day, entries));
    }

    [Fact]
    public void Given_substitute_mistakes_Then_each_is_refused_naming_the_member_replaced()
    {
        var members = Members(6, substitutes: 3);
        var entries = new List<AttendanceEntry>
        {
            new(1, AttendanceStatus.Present, SubstituteId: 101),     // a substitute for a member who is present
            new(2, AttendanceStatus.Replaced, SubstituteId: 103),    // 103 stands in for member 3, not 2
            new(3, AttendanceStatus.Replaced),                       // no substitute named
            new(4, AttendanceStatus.Replaced, SubstituteId: 5),      // 5 is titular
            new(5, AttendanceStatus.Excused),
        };
        var problems = Quorum.Check(Default, members, Day, entries);
        Assert.Equal(["attendance[1].substitute", "attendance[2].substitute", "attendance[3].substitute", "attendance[4].substitute"], problems.Select(p => p.Field).Order());
        Assert.Contains("est présent", problems.Single(p => p.Field == "attendance[1].substitute").Text.Fr);
        Assert.Contains("est suppléant de Titulaire N3, pas de Titulaire N2", problems.Single(p => p.Field == "attendance[2].substitute").Text.Fr);
    }

    [Fact]
    public void Given_a_member_whose_mandate_does_not_cover_the_day_Then_they_are_not_in_office_and_cannot_be_counted()
    {
        var members = Members(4);
        members[3].To = new DateOnly(2025, 12, 31);
        Assert.Equal(3, Quorum.Count(Default, members, Day, []).InOffice);
        var problems = Quorum.Check(Default, members, Day, [new(4, AttendanceStatus.Present)]);
        Assert.Equal("attendance[4].status", Assert.Single(problems).Field);
        Assert.Contains("ne couvre pas le 12/03/2026", problems[0].Text.Fr);
        Assert.Equal(0, Quorum.Count(Default, members, Day, [new(4, AttendanceStatus.Present)]).Present);
    }

    [Theory]
    [InlineData(30, 2, 3, 0, false, 35, null)]
    [InlineData(30, 2, 3, 1, false, 35, "plus de voix que de votants")]
    [InlineData(30, 2, 2, 0, false, 35, "chaque votant")]
    [InlineData(33, 2, 0, 0, true, 35, "aucune voix contre")]
    [InlineData(35, 0, 0, 0, true, 35, null)]
    [InlineData(-1, 36, 0, 0, false, 35, "négatifs")]
    public void Given_a_vote_Then_it_is_checked_against_the_members_voting(int @for, int against, int abstentions, int notVoting, bool unanimous, int voting, string? message)
    {
        var problems = new Vote(@for, against, abstentions, notVoting, unanimous).Check(voting).ToList();
        if (message is null) Assert.Empty(problems);
        else Assert.Contains(problems, p => p.Field == "vote" && p.Text.Fr.Contains(message));
    }

    [Fact]
    public void Given_a_convocation_Then_after_the_session_is_refused_and_too_short_a_delay_is_warned()
    {
        var at = new DateTimeOffset(2021, 4, 22, 18, 0, 0, TimeSpan.FromHours(2));
        Assert.Null(Session.Check(at, new DateOnly(2021, 4, 15), 5));
        Assert.Contains("2 jours avant la séance", Session.Check(at, new DateOnly(2021, 4, 20), 5)?.Fr);
        var e = Assert.Throws<Maillage.Platform.Errors.RuleViolation>(() => Session.Check(at, new DateOnly(2021, 4, 23), 5));
        Assert.Equal("convenedOn", e.Field);
    }
}
