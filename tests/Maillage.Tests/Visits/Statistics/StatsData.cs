using Maillage.Network;
using Maillage.Tests.Infrastructure;
using Maillage.Visits;
using Maillage.Visits.Categories;
using Microsoft.Extensions.DependencyInjection;

namespace Maillage.Tests.Visits.Statistics;

/// <summary>Random but reproducible visits written through the real recorder (so through the rollup triggers).</summary>
internal static class StatsData
{
    public static Visit RandomVisit(Random random, Structure structure, DateTimeOffset from, DateTimeOffset to)
    {
        var seconds = (long)((to - from).TotalSeconds * random.NextDouble());
        return new Visit
        {
            Quarter = QuarterHour.Of(from.AddSeconds(seconds)),
            StructureId = structure.Id,
            CiteId = structure.CiteId,
            PartnerId = random.Next(3) == 0 ? random.Next(1, 4) : 0,
            ResidenceId = random.Next(-3, 1),
            Needs = (Needs)(random.Next(4) == 0 ? 3 : 1 << random.Next(6)),
            Services = (Services)(1 << random.Next(5)),
            Kind = (VisitKind)random.Next(2),
            Channel = (Channel)random.Next(4),
            PublicStatus = (PublicStatus)random.Next(10),
            AgeBracket = (AgeBracket)random.Next(5),
            Gender = (Gender)random.Next(4),
            Extra = VisitExtra.Pack(random.Next(3) switch { 0 => null, 1 => true, _ => false }, DurationBracket.None, null, DiplomaLevel.NotSaid, EntrySource.Api),
        };
    }

    public static async Task<List<Guid>> RecordAsync(MaillageApp app, IEnumerable<Visit> visits)
    {
        var entries = visits.Select(v => new VisitToRecord(Guid.NewGuid(), v)).ToList();
        await app.WithScopeAsync(async sp =>
        {
            var recorder = sp.GetRequiredService<VisitRecorder>();
            foreach (var chunk in entries.Chunk(500)) await recorder.RecordAsync(chunk);
        });
        return entries.Select(e => e.ClientId).ToList();
    }
}
