using Maillage.Network;
using Maillage.Platform.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Maillage.Entrepreneurship.Permanences;

/// <summary>
/// A day the programme's permanence was held, recorded by its coach or manager (issue 23 item 5: "permanence days held
/// — from the roster when it exists, else recorded here"). Counted with the roster's duties at the permanence, a day
/// once whatever its sources (<see cref="PermanenceDays"/>). Holds nothing of a person.
/// </summary>
public sealed class PermanenceDay : ITenantOwned
{
    public const int MaxNote = 500;
    public int Id { get; set; }
    public int CiteId { get; set; }
    public int ProgrammeId { get; set; }
    /// <summary>The programme's permanence on that day (a structure of the network).</summary>
    public int StructureId { get; set; }
    public DateOnly Date { get; set; }
    public string? Note { get; set; }
    public string? RecordedBy { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
}

internal sealed class PermanenceDayConfiguration : IEntityTypeConfiguration<PermanenceDay>
{
    public void Configure(EntityTypeBuilder<PermanenceDay> b)
    {
        b.ToTable("entrepreneurship_permanence_days");
        b.Property(x => x.Note).HasMaxLength(PermanenceDay.MaxNote);
        b.Property(x => x.RecordedBy).HasMaxLength(200);
        // A day once per programme: a second record of it (two coaches at once) is refused.
        b.HasIndex(x => new { x.ProgrammeId, x.Date }).IsUnique();
        b.HasIndex(x => x.CiteId);
        b.HasOne<Programme>().WithMany().HasForeignKey(x => x.ProgrammeId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Structure>().WithMany().HasForeignKey(x => x.StructureId).OnDelete(DeleteBehavior.Restrict);
    }
}
