using Maillage.Platform.Audit;
using Maillage.Platform.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Maillage.Visits.Statistics;

/// <summary>
/// Pre-aggregated visit counts: one row per Cité, grouping, calendar month (UTC), structure, kind and the
/// values of the grouping's dimensions (<see cref="A"/>, <see cref="B"/>, <see cref="C"/>). Maintained by
/// database triggers on <c>Visits</c> in the same transaction as every insert, update or delete, whatever
/// writes the visit (the API, the reception screen, the undo, the seeder), see docs/decisions/0004.
/// A row whose count fell back to 0 after an undo is kept (queries ignore it). Readers always sum over the slots.
/// </summary>
internal sealed class VisitRollup : ITenantOwned, INotAudited
{
    public int CiteId { get; set; }
    public RollupGrouping Grouping { get; set; }
    /// <summary>Months since January 1970 (UTC): <c>(year - 1970) * 12 + month - 1</c>.</summary>
    public int Month { get; set; }
    public int StructureId { get; set; }
    public Categories.VisitKind Kind { get; set; }
    public int A { get; set; }
    public int B { get; set; }
    public int C { get; set; }
    /// <summary>
    /// PostgreSQL only: the writer's connection slot (0 to <see cref="Slots"/> − 1), so that concurrent writers rarely
    /// share a row; a rebuild and SQLite use 0. Counts are sums over the slots (a slot may hold a negative count
    /// after an undo made on another connection).
    /// </summary>
    public short Slot { get; set; }
    public int Count { get; set; }

    public const int Slots = 16;
}

/// <summary>
/// The rollups kept, each a small set of dimensions besides structure, month and kind. A question whose
/// dimensions all belong to one grouping is answered from it; any other reads the visits themselves.
/// Never renumber a member: rows are stored with it. Adding one means a new trigger version (see
/// <see cref="VisitRollupSchema.Version"/>), which rebuilds every rollup on the next start.
/// </summary>
internal enum RollupGrouping : short
{
    /// <summary>A = public status, B = age bracket, C = gender.</summary>
    Profile = 1,
    /// <summary>A = needs (the combination, a bit mask), B = public status.</summary>
    NeedsByPublic = 2,
    /// <summary>A = channel, B = first visit (0 not said, 1 yes, 2 no), C = services (a bit mask).</summary>
    Channel = 3,
    /// <summary>A = partner id (0 none), B = needs (a bit mask).</summary>
    Partner = 4,
    /// <summary>A = residence (territory id or area code), B = age bracket.</summary>
    Residence = 5,
    /// <summary>A = age bracket, B = gender: the smallest grouping (at most 40 rows a structure and month), read for totals too.</summary>
    AgeGender = 6,
}

internal sealed class VisitRollupConfiguration : IEntityTypeConfiguration<VisitRollup>
{
    public void Configure(EntityTypeBuilder<VisitRollup> b)
    {
        b.ToTable("VisitRollups");
        // The key is also the only index: dashboards read one Cité, one grouping, a range of months.
        b.HasKey(r => new { r.CiteId, r.Grouping, r.Month, r.StructureId, r.Kind, r.A, r.B, r.C, r.Slot });
    }
}
