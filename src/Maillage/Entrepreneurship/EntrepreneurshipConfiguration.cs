using Maillage.Network;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Maillage.Entrepreneurship;

internal sealed class ProgrammeConfiguration : IEntityTypeConfiguration<Programme>
{
    public void Configure(EntityTypeBuilder<Programme> b)
    {
        b.ToTable("entrepreneurship_programmes");
        b.Property(x => x.Name).HasMaxLength(Programme.MaxName);
        b.Property(x => x.Source).HasMaxLength(1000);
        b.HasIndex(x => new { x.CiteId, x.Name }).IsUnique();
        b.HasOne<Cite>().WithMany().HasForeignKey(x => x.CiteId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Structure>().WithMany().HasForeignKey(x => x.StructureId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Partner>().WithMany().HasForeignKey(x => x.OperatorPartnerId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.Partners).WithOne().HasForeignKey(p => p.ProgrammeId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(x => x.Targets).WithOne().HasForeignKey(p => p.ProgrammeId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ReferralPartnerConfiguration : IEntityTypeConfiguration<ReferralPartner>
{
    public void Configure(EntityTypeBuilder<ReferralPartner> b)
    {
        b.ToTable("entrepreneurship_referral_partners");
        b.Property(x => x.Key).HasMaxLength(60);
        b.Property(x => x.Name).HasMaxLength(200);
        b.Property(x => x.ContactName).HasMaxLength(Partners.PartnerLinks.MaxContactName);
        b.Property(x => x.ContactEmail).HasMaxLength(256);
        b.HasIndex(x => new { x.ProgrammeId, x.Key }).IsUnique();
    }
}

internal sealed class ProgrammeTargetConfiguration : IEntityTypeConfiguration<ProgrammeTarget>
{
    public void Configure(EntityTypeBuilder<ProgrammeTarget> b)
    {
        b.ToTable("entrepreneurship_targets");
        b.Property(x => x.Indicator).HasMaxLength(80);
        b.Property(x => x.Value).HasPrecision(12, 2);
        b.HasIndex(x => new { x.ProgrammeId, x.Year, x.Indicator }).IsUnique();
    }
}

internal sealed class ProjectHolderConfiguration : IEntityTypeConfiguration<ProjectHolder>
{
    public void Configure(EntityTypeBuilder<ProjectHolder> b)
    {
        b.ToTable("entrepreneurship_holders");
        b.Property(x => x.FirstName).HasMaxLength(ProjectHolder.MaxName);
        b.Property(x => x.LastName).HasMaxLength(ProjectHolder.MaxName);
        b.Property(x => x.Email).HasMaxLength(256);
        b.Property(x => x.Phone).HasMaxLength(40);
        b.Property(x => x.CoachUserId).HasMaxLength(450);
        b.Property(x => x.CoachName).HasMaxLength(200);
        b.Property(x => x.PrescriberDetail).HasMaxLength(200);
        b.Property(x => x.Activity).HasMaxLength(300);
        b.Property(x => x.Sector).HasMaxLength(200);
        b.Property(x => x.IntendedLegalForm).HasMaxLength(100);
        b.Property(x => x.NextAction).HasMaxLength(ProjectHolder.MaxNextAction);
        b.OwnsOne(x => x.Consent, c =>
        {
            c.Property(p => p.GivenOn).HasColumnName("ConsentGivenOn");
            c.Property(p => p.TextVersion).HasColumnName("ConsentTextVersion").HasMaxLength(40);
            c.Property(p => p.Covers).HasColumnName("ConsentCovers");
        });
        b.Navigation(x => x.Consent).IsRequired();
        b.HasIndex(x => new { x.ProgrammeId, x.LastName });
        b.HasIndex(x => x.LastContactOn);
        // The coach's board: a programme's (or a coach's) holders by stage, the day's appointments, the overdue follow-ups.
        b.HasIndex(x => new { x.ProgrammeId, x.CurrentStage, x.FirstName, x.LastName });
        b.HasIndex(x => new { x.CoachUserId, x.ProgrammeId, x.CurrentStage, x.FirstName, x.LastName });
        b.HasIndex(x => new { x.CoachUserId, x.ProgrammeId, x.FollowUpDueOn });
        b.HasIndex(x => new { x.CoachUserId, x.ProgrammeId, x.NextActionOn });
        b.HasIndex(x => new { x.ProgrammeId, x.NextActionOn });
        b.HasIndex(x => new { x.ProgrammeId, x.FollowUpDueOn });
        // The board's counts per stage, from an index alone and a narrow one: on PostgreSQL the wide ones above are not
        // chosen for 10 000 holders of one coach (a sequential scan comparing each row's coach id, 13–30 ms against 1.5).
        b.HasIndex(x => new { x.CoachUserId, x.ProgrammeId, x.CurrentStage }).HasDatabaseName("IX_entrepreneurship_holders_board_coach");
        b.HasIndex(x => new { x.ProgrammeId, x.CurrentStage }).HasDatabaseName("IX_entrepreneurship_holders_board_programme");
        b.HasIndex(x => x.CiteId);
        b.HasOne<Programme>().WithMany().HasForeignKey(x => x.ProgrammeId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Territory>().WithMany().HasForeignKey(x => x.CommuneId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Territory>().WithMany().HasForeignKey(x => x.QpvId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.Steps).WithOne().HasForeignKey(s => s.HolderId).OnDelete(DeleteBehavior.Cascade);
        b.Ignore(x => x.Stage);
        b.Ignore(x => x.FromQpv);
        b.Ignore(x => x.DisplayName);
    }
}

internal sealed class PipelineStepConfiguration : IEntityTypeConfiguration<PipelineStep>
{
    public void Configure(EntityTypeBuilder<PipelineStep> b)
    {
        b.ToTable("entrepreneurship_steps");
        b.Property(x => x.Note).HasMaxLength(PipelineStep.MaxNote);
        b.Property(x => x.LegalForm).HasMaxLength(100);
        b.Property(x => x.Siret).HasMaxLength(14);
        b.Property(x => x.RecordedBy).HasMaxLength(200);
        b.HasIndex(x => new { x.ProgrammeId, x.Date });
        b.HasIndex(x => x.HolderId);
        b.HasIndex(x => x.CiteId);
        b.HasOne<ReferralPartner>().WithMany().HasForeignKey(x => x.ReferralPartnerId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Structure>().WithMany().HasForeignKey(x => x.StructureId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class AnonymousCountConfiguration : IEntityTypeConfiguration<AnonymousCount>
{
    public void Configure(EntityTypeBuilder<AnonymousCount> b)
    {
        b.ToTable("entrepreneurship_anonymous_counts");
        b.HasIndex(x => new { x.ProgrammeId, x.Month });
        b.HasIndex(x => x.CiteId);
        b.HasOne<Programme>().WithMany().HasForeignKey(x => x.ProgrammeId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class FollowUpAlertConfiguration : IEntityTypeConfiguration<Holders.FollowUpAlert>
{
    public void Configure(EntityTypeBuilder<Holders.FollowUpAlert> b)
    {
        b.ToTable("entrepreneurship_follow_up_alerts");
        // Sent once per holder and due date, whatever the runs, restarts and instances.
        b.HasIndex(x => new { x.HolderId, x.DueOn }).IsUnique();
        b.HasIndex(x => x.CiteId);
        b.HasOne<ProjectHolder>().WithMany().HasForeignKey(x => x.HolderId).OnDelete(DeleteBehavior.Cascade);
    }
}
