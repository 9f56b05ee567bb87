using Maillage.Governance;

namespace Maillage.Tests.Governance;

/// <summary>Issue 22: the register extract writes its dates through the platform's one formatter (HumanDates): "1er" for the first of the month in French.</summary>
public sealed class RegisterExtractDateTests
{
    [Fact]
    public void Given_a_session_on_the_first_of_the_month_Then_the_extract_says_1er_in_French_and_1_in_English()
    {
        var body = new Body { Id = 1, Kind = BodyKind.Board, Name = "Conseil", NumberPrefix = "C", Quorum = QuorumRule.LocalAuthorityDefault };
        body.Members.AddRange(GovernanceTestData.Members(2));
        var session = new Session { Id = 1, BodyId = 1, StartsAt = new DateTimeOffset(2026, 4, 1, 16, 0, 0, TimeSpan.Zero), ConvenedOn = new DateOnly(2026, 3, 1) };
        var deliberation = new Deliberation { Id = 1, BodyId = 1, SessionId = 1, Year = 2026, Sequence = 1, Number = "C2026-1", Object = "Budget", Vote = new Vote(0, 0, 0, 0, true),
            TransmittedOn = new DateOnly(2026, 5, 1) };
        var fr = RegisterExtract.Build(body, session, deliberation, english: false);
        Assert.Equal("Délibération n° C2026-1 — séance du 1er avril 2026", fr.Reference);
        var en = RegisterExtract.Build(body, session, deliberation, english: true);
        Assert.Equal("Deliberation No. C2026-1 — session of 1 April 2026", en.Reference);
    }

    /// <summary>Found in the review of issue 22: « sous la présidence de Anne ALPHA » — French elides the preposition before a vowel.</summary>
    [Fact]
    public void Given_a_chair_whose_name_starts_with_a_vowel_Then_the_opening_paragraph_says_d_apostrophe()
    {
        var body = new Body { Id = 1, Kind = BodyKind.Board, Name = "Conseil", NumberPrefix = "C", Quorum = QuorumRule.LocalAuthorityDefault };
        body.Members.AddRange(GovernanceTestData.Members(2));
        body.Members[0].FirstName = "Anne";
        var session = new Session { Id = 1, BodyId = 1, StartsAt = new DateTimeOffset(2026, 4, 1, 16, 0, 0, TimeSpan.Zero), Place = "Annemasse", ChairMemberId = body.Members[0].Id };
        var deliberation = new Deliberation { Id = 1, BodyId = 1, SessionId = 1, Year = 2026, Sequence = 1, Number = "C2026-1", Object = "Budget", Vote = new Vote(0, 0, 0, 0, true) };
        var text = string.Join("\n", RegisterExtract.Build(body, session, deliberation, english: false).Blocks.OfType<Maillage.Platform.Documents.Paragraph>().Select(p => p.Text));
        Assert.Contains("sous la présidence d'Anne N1.", text);
        body.Members[0].FirstName = "Christian";
        text = string.Join("\n", RegisterExtract.Build(body, session, deliberation, english: false).Blocks.OfType<Maillage.Platform.Documents.Paragraph>().Select(p => p.Text));
        Assert.Contains("sous la présidence de Christian N1.", text);
    }
}
