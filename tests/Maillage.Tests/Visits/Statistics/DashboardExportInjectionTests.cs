using System.Net;
using Maillage.Network;
using Maillage.Platform.Identity;
using Maillage.Tests.Infrastructure;
using Maillage.Tests.Network;

namespace Maillage.Tests.Visits.Statistics;

/// <summary>Formula injection (issue 18, item 3): the visits statistics export writes structure names as text in CSV.</summary>
public sealed class DashboardExportInjectionTests(MaillageApp app) : IClassFixture<MaillageApp>
{
    [Fact]
    public async Task Given_a_structure_named_like_a_formula_When_the_statistics_are_exported_as_csv_Then_its_name_is_text()
    {
        var hostile = await app.NewStructureAsync("grand-geneve", StructureKind.CentreAssocie, name: CsvCells.Hyperlink);
        var from = new DateTimeOffset(2023, 3, 1, 0, 0, 0, TimeSpan.Zero);
        var random = new Random(18);
        await app.RecordAsync(Enumerable.Range(0, 6).Select(_ => VisitsTestData.RandomVisit(random, hostile, from, from.AddDays(20))));
        var client = await app.SignedInAsAsync(StaffRole.Coordinator, "cite:grand-geneve");

        var response = await client.GetAsync("/gestion/statistiques?handler=Export&format=csv&table=structure&from=2023-01-01&to=2023-12-31");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var rows = CsvCells.AssertNoFormula(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal("6", rows.Single(r => r[0] == CsvCells.Escaped(CsvCells.Hyperlink))[1]);
    }
}
