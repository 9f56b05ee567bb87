using Maillage.Governance;
using Maillage.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Maillage.Tests.Governance;

/// <summary>The reference bodies (issue 22 item 9): the comité syndical of seed 002 with its session and CS2021-15, the CitésLab committees of seed 001.</summary>
public sealed class ReferenceGovernanceTests(MaillageApp app) : IClassFixture<MaillageApp>
{
    private async Task<(Body Body, Session Session, Deliberation Deliberation)> SeedAsync()
    {
        // The initialiser runs again, as at every start: nothing is added twice.
        await app.WithScopeAsync(async sp =>
        {
            foreach (var init in sp.GetServices<Maillage.Platform.Modules.IDatabaseInitialiser>()) await init.InitialiseAsync(CancellationToken.None);
        });
        return await app.WithDbAsync(async db =>
        {
            var body = await db.Set<Body>().IgnoreQueryFilters().Include(b => b.Members).SingleAsync(b => b.Name == ReferenceGovernance.ComiteSyndical);
            var session = await db.Set<Session>().IgnoreQueryFilters().Include(s => s.Attendance).SingleAsync(s => s.BodyId == body.Id);
            var deliberation = await db.Set<Deliberation>().IgnoreQueryFilters().Include(d => d.Recitals).Include(d => d.Articles).SingleAsync(d => d.BodyId == body.Id);
            return (body, session, deliberation);
        });
    }

    [Fact]
    public async Task Given_a_started_application_Then_the_seed_002_counts_come_out_of_the_attendance_rows_exactly()
    {
        var (body, session, _) = await SeedAsync();
        var counts = GovernanceRegister.Counts(session, body);
        Assert.Equal((44, 31, 26, 5, 4, 17, 1), (counts.InOffice, counts.Present, counts.TitularPresent, counts.Substitutes, counts.Represented, counts.Excused, counts.Absent));
        Assert.Equal((23, true), (counts.Quorum.Required, counts.Quorum.Reached));
        Assert.Equal(5, body.Members.Count(m => m.Role == MandateRole.Substitute));

        string Name(int? id) => body.Members.Single(m => m.Id == id).DisplayName;
        var substitutes = session.Attendance.Where(a => a.Status == AttendanceStatus.Replaced).OrderBy(a => a.SubstituteId).Select(a => $"{Name(a.SubstituteId)} / {Name(a.MemberId)}");
        Assert.Equal(["Mme Annick GROSROYAT / M. Philippe NOUVELLE", "M. Bernard VUAILLAT / Mme Aurélie CHARILLON", "M. Gaëtan COME / Mme Muriel BENIER", "M. Christian AEBISCHER / M. Denis MAIRE", "M. Marc MENEGHETTI / M. Julien BOUCHET"], substitutes);
        var proxies = session.Attendance.Where(a => a.Status == AttendanceStatus.Represented).OrderBy(a => a.MemberId).Select(a => $"{Name(a.MemberId)} → {Name(a.ProxyHolderId)}");
        Assert.Equal(["Mme Chrystelle BEURRIER → M. Christophe ARMINJON", "M. François DEVILLE → M. Cyril DEMOLIS", "M. Jean-Claude GEORGET → M. Marin GAILLARD", "M. Christophe MAYET → Mme Catherine BRUN"], proxies);
        Assert.Equal(("M. Christian DUPESSEY", "M. Pierre-Jean CRASTES"), (Name(session.ChairMemberId), Name(session.SecretaryMemberId)));
        Assert.Equal((new DateOnly(2021, 4, 15), true, new DateTimeOffset(2021, 4, 22, 16, 0, 0, TimeSpan.Zero)), (session.ConvenedOn, session.Videoconference, session.StartsAt.ToUniversalTime()));
        Assert.Null(Session.Check(session.StartsAt, session.ConvenedOn, body.MinConvocationDays));
    }

    [Fact]
    public async Task Given_a_started_application_Then_deliberation_CS2021_15_is_unanimous_with_its_recitals_articles_and_dates()
    {
        var (body, _, d) = await SeedAsync();
        Assert.Equal(("CS2021-15", 2021, 15), (d.Number, d.Year, d.Sequence));
        Assert.Equal((35, 0, 0, 0, true), (d.Vote.For, d.Vote.Against, d.Vote.Abstentions, d.Vote.NotVoting, d.Vote.Unanimous));
        Assert.Equal("à l'unanimité", d.Vote.Describe().Fr);
        Assert.Equal(("Préfecture d'Annecy", new DateOnly(2021, 4, 30), new DateOnly(2021, 4, 30)), (d.TransmittedTo, d.TransmittedOn, d.PublishedOn));
        Assert.Equal(4, d.Recitals.Count(r => r.Kind == RecitalKind.Vu));
        Assert.StartsWith("Vu la convention cadre 2018-2020", d.Recitals.OrderBy(r => r.Position).First().Text);
        Assert.Equal(7, d.Articles.Count);
        Assert.StartsWith("IMPUTE", d.Articles.Single(a => a.Number == 7).Text);
        Assert.Equal("budget principal, article 6574", d.BudgetImputation);
        // The Pôle métropolitain is a partner of the Grand Genève Cité: its comité syndical is a partner body there.
        var (cite, partner) = await app.WithDbAsync(async db => (
            await db.Set<Maillage.Network.Cite>().Where(c => c.Id == body.CiteId).Select(c => c.Slug).SingleAsync(),
            await db.Set<Maillage.Network.Partner>().IgnoreQueryFilters().Where(p => p.Id == body.PartnerId).Select(p => p.Name).SingleAsync()));
        Assert.Equal(("grand-geneve", "Pôle métropolitain du Genevois français"), (cite, partner));
        Assert.Equal(("CS", "15 avenue Emile Zola, 74100 ANNEMASSE"), (body.NumberPrefix, body.Seat));
        // The next deliberation of 2021 takes 16: the counter moved past the number taken over.
        var counter = await app.WithDbAsync(db => db.Set<DeliberationCounter>().SingleAsync(c => c.BodyId == body.Id && c.Year == 2021));
        Assert.Equal(15, counter.Last);
    }

    [Fact]
    public async Task Given_a_started_application_Then_the_CitesLab_steering_committee_meets_once_a_year_and_the_technical_committee_three_times()
    {
        await SeedAsync();
        var bodies = await app.WithDbAsync(db => db.Set<Body>().IgnoreQueryFilters().Where(b => b.Name.Contains("CitésLab")).OrderBy(b => b.Kind).ToListAsync());
        Assert.Equal([(BodyKind.SteeringCommittee, 1), (BodyKind.TechnicalCommittee, 3)], bodies.Select(b => (b.Kind, b.ExpectedSessionsPerYear ?? 0)));
        Assert.All(bodies, b => Assert.Contains("seed 001", b.Source));
        var bodyCount = await app.WithDbAsync(db => db.Set<Body>().IgnoreQueryFilters().CountAsync(b => b.Name == ReferenceGovernance.ComiteSyndical || b.Name.Contains("CitésLab")));
        Assert.Equal(3, bodyCount);
    }
}
