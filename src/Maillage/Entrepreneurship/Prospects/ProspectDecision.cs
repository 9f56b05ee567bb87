using Maillage.Platform.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Maillage.Entrepreneurship.Prospects;

/// <summary>
/// What a programme decided about a prospect (a registrant of one of its awareness meetings): turned into a holder
/// (with the person's consent) or dismissed. Either way the registrant is not offered again. The row names the
/// registration by its number in the agenda and holds nothing of the person, so an erasure of the holder leaves it
/// meaningless but harmless.
/// </summary>
public sealed class ProspectDecision : ITenantOwned
{
    public long Id { get; set; }
    public int CiteId { get; set; }
    public int ProgrammeId { get; set; }
    /// <summary>The registration's id in the agenda (<see cref="Agenda.Registrations.AwarenessMeetingRegistrants"/>).</summary>
    public long RegistrationId { get; set; }
    public ProspectOutcome Outcome { get; set; }
    public DateTimeOffset DecidedAt { get; set; }
    public string? DecidedBy { get; set; }
}

/// <summary>Converted into a new holder; dismissed; or matched by e-mail to a holder already recorded (its <c>sensitised</c> step added).</summary>
public enum ProspectOutcome { Converted, Dismissed, Matched }

internal sealed class ProspectDecisionConfiguration : IEntityTypeConfiguration<ProspectDecision>
{
    public void Configure(EntityTypeBuilder<ProspectDecision> b)
    {
        b.ToTable("entrepreneurship_prospect_decisions");
        b.Property(x => x.DecidedBy).HasMaxLength(200);
        // Decided once: a second conversion or dismissal of the same registrant (two coaches at once) is refused.
        b.HasIndex(x => new { x.ProgrammeId, x.RegistrationId }).IsUnique();
        b.HasIndex(x => x.CiteId);
        b.HasOne<Programme>().WithMany().HasForeignKey(x => x.ProgrammeId).OnDelete(DeleteBehavior.Cascade);
    }
}
