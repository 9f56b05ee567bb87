using Maillage.Network;
using Maillage.Tests.Infrastructure;
using Maillage.Visits;
using Maillage.Visits.Categories;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Maillage.Tests.Visits;

/// <summary>
/// The Visits module's test data: visits as the API receives them, random but reproducible visits written through
/// the real recorder (so through the rollup triggers), and the count a test checks after recording.
/// </summary>
internal static class VisitsTestData
{
    /// <summary>One visit as the API's JSON body describes it (a common walk-in), to change field by field.</summary>
    public static Dictionary<string, object?> AVisit(int structureId, Guid? clientId = null, DateTimeOffset? at = null) => new()
    {
        ["clientId"] = clientId ?? Guid.NewGuid(),
        ["structureId"] = structureId,
        ["occurredAt"] = at,
        ["kind"] = "visit",
        ["channel"] = "walkIn",
        ["publicStatus"] = "jobSeeker",
        ["ageBracket"] = "26-44",
        ["gender"] = "female",
        ["needs"] = new[] { "jobSearch" },
        ["services"] = new[] { "informationOnly" },
    };

    /// <summary>How many visits a structure has, whoever reads (no tenant filter).</summary>
    public static Task<int> VisitsAtAsync(this MaillageApp app, int structureId) =>
        app.WithDbAsync(db => db.Visits.IgnoreQueryFilters().CountAsync(v => v.StructureId == structureId));

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

    /// <summary>
    /// A year of random visits (a quarter of them at <paramref name="second"/>, the rest at <paramref name="first"/>),
    /// once per application: the fixture's database outlives each test instance. False when they were already there.
    /// </summary>
    public static async Task<bool> SeedYearOnceAsync(this MaillageApp app, Random random, int year, int count, Structure first, Structure second)
    {
        var from = new DateTimeOffset(year, 1, 1, 0, 0, 0, TimeSpan.Zero);
        if (await app.WithDbAsync(db => db.Visits.IgnoreQueryFilters().AnyAsync(v => v.Quarter < QuarterHour.Of(from.AddYears(1))))) return false;
        await app.RecordAsync(Enumerable.Range(0, count).Select(i => RandomVisit(random, i % 4 == 0 ? second : first, from, from.AddDays(364))));
        return true;
    }

    /// <summary>Records the visits through the application's recorder, 500 at a time; returns their client ids.</summary>
    public static async Task<List<Guid>> RecordAsync(this MaillageApp app, IEnumerable<Visit> visits)
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
