using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Maillage.Entrepreneurship.Partners;

internal sealed class PartnerReferralConfiguration : IEntityTypeConfiguration<PartnerReferral>
{
    public void Configure(EntityTypeBuilder<PartnerReferral> b)
    {
        b.ToTable("entrepreneurship_partner_referrals");
        b.Property(x => x.TokenHash).HasMaxLength(64);
        b.Property(x => x.RedirectedTo).HasMaxLength(PartnerLinks.MaxRedirectedTo);
        b.Property(x => x.Comment).HasMaxLength(PartnerLinks.MaxComment);
        b.Property(x => x.ConfirmedBy).HasMaxLength(200);
        // One e-mail per referral step, whatever the retries and instances (Outbox.SendOnceAsync's marker).
        b.HasIndex(x => x.StepId).IsUnique();
        b.HasIndex(x => x.TokenHash).IsUnique();
        b.HasIndex(x => new { x.ProgrammeId, x.PartnerId });
        b.HasIndex(x => x.HolderId);
        b.HasIndex(x => x.CiteId);
        // Erased with the step, and so with the holder.
        b.HasOne(x => x.Step).WithMany().HasForeignKey(x => x.StepId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<ReferralPartner>().WithMany().HasForeignKey(x => x.PartnerId).OnDelete(DeleteBehavior.Restrict);
    }
}
