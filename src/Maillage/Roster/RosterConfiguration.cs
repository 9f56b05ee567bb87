using Maillage.Network;
using Maillage.Platform.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Maillage.Roster;

internal sealed class DutySlotConfiguration : IEntityTypeConfiguration<DutySlot>
{
    public void Configure(EntityTypeBuilder<DutySlot> b)
    {
        b.ToTable("roster_slots");
        b.HasOne<Cite>().WithMany().HasForeignKey(s => s.CiteId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Structure>().WithMany().HasForeignKey(s => s.StructureId).OnDelete(DeleteBehavior.Cascade);
        // A pole or a partner removed from the network takes its duties with it (the network knows no module).
        b.HasOne<Pole>().WithMany().HasForeignKey(s => s.PoleId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Partner>().WithMany().HasForeignKey(s => s.PartnerId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<StaffUser>().WithMany().HasForeignKey(s => s.CounsellorId).OnDelete(DeleteBehavior.SetNull);
        b.HasOne<DutyPattern>().WithMany().HasForeignKey(s => s.PatternId).OnDelete(DeleteBehavior.SetNull);
        b.HasOne<DutySlot>().WithMany().HasForeignKey(s => s.ReplacesSlotId).OnDelete(DeleteBehavior.SetNull);
        b.Property(s => s.AbsenceReason).HasMaxLength(500);
        b.Property(s => s.Note).HasMaxLength(500);
        // The grid and the place page read a structure's slots by time; contributions by Cité and partner.
        b.HasIndex(s => new { s.StructureId, s.StartsAt });
        b.HasIndex(s => new { s.CiteId, s.StartsAt });
        b.HasIndex(s => new { s.PartnerId, s.StartsAt });
        b.HasIndex(s => s.CounsellorId);
        // One occurrence of a pattern is generated once, however often the pattern is filled.
        b.HasIndex(s => new { s.PatternId, s.StartsAt }).IsUnique();
        b.HasIndex(s => s.ReplacesSlotId);
    }
}

internal sealed class DutyPatternConfiguration : IEntityTypeConfiguration<DutyPattern>
{
    public void Configure(EntityTypeBuilder<DutyPattern> b)
    {
        b.ToTable("roster_patterns");
        b.HasOne<Cite>().WithMany().HasForeignKey(p => p.CiteId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Structure>().WithMany().HasForeignKey(p => p.StructureId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Pole>().WithMany().HasForeignKey(p => p.PoleId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Partner>().WithMany().HasForeignKey(p => p.PartnerId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<StaffUser>().WithMany().HasForeignKey(p => p.CounsellorId).OnDelete(DeleteBehavior.SetNull);
        b.Property(p => p.RecurrenceRule).HasMaxLength(300);
        b.Property(p => p.ExceptionDates).HasMaxLength(4000);
        b.Property(p => p.Note).HasMaxLength(500);
        b.HasIndex(p => p.StructureId);
    }
}

internal sealed class DutySwapConfiguration : IEntityTypeConfiguration<DutySwap>
{
    public void Configure(EntityTypeBuilder<DutySwap> b)
    {
        b.ToTable("roster_swaps");
        b.HasOne<Cite>().WithMany().HasForeignKey(s => s.CiteId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<DutySlot>().WithMany().HasForeignKey(s => s.SlotId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<DutySlot>().WithMany().HasForeignKey(s => s.WithSlotId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Partner>().WithMany().HasForeignKey(s => s.ToPartnerId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<StaffUser>().WithMany().HasForeignKey(s => s.ToCounsellorId).OnDelete(DeleteBehavior.SetNull);
        b.Property(s => s.Message).HasMaxLength(1000);
        b.HasIndex(s => new { s.StructureId, s.Status });
        b.HasIndex(s => s.SlotId);
        b.HasIndex(s => s.WithSlotId);
    }
}

internal sealed class PartnerCommitmentConfiguration : IEntityTypeConfiguration<PartnerCommitment>
{
    public void Configure(EntityTypeBuilder<PartnerCommitment> b)
    {
        b.ToTable("roster_commitments");
        b.HasOne<Cite>().WithMany().HasForeignKey(c => c.CiteId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Partner>().WithMany().HasForeignKey(c => c.PartnerId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Structure>().WithMany().HasForeignKey(c => c.StructureId).OnDelete(DeleteBehavior.Cascade);
        b.Property(c => c.Days).HasPrecision(9, 2);
        b.Property(c => c.Hours).HasPrecision(9, 2);
        b.Property(c => c.HourlyRate).HasPrecision(9, 2);
        b.Property(c => c.Currency).HasMaxLength(3);
        b.Property(c => c.Source).HasMaxLength(500);
        b.HasIndex(c => new { c.PartnerId, c.StructureId, c.Year }).IsUnique();
    }
}

internal sealed class FunctionRateConfiguration : IEntityTypeConfiguration<FunctionRate>
{
    public void Configure(EntityTypeBuilder<FunctionRate> b)
    {
        b.ToTable("roster_function_rates");
        b.HasOne<Cite>().WithMany().HasForeignKey(r => r.CiteId).OnDelete(DeleteBehavior.Cascade);
        b.Property(r => r.Function).HasMaxLength(FunctionRate.MaxFunctionLength);
        b.Property(r => r.HourlyRate).HasPrecision(9, 2);
        b.Property(r => r.Currency).HasMaxLength(3);
        b.Property(r => r.Source).HasMaxLength(500);
        b.HasIndex(r => new { r.CiteId, r.Year, r.Function }).IsUnique();
    }
}

internal sealed class CoverageAlertConfiguration : IEntityTypeConfiguration<CoverageAlert>
{
    public void Configure(EntityTypeBuilder<CoverageAlert> b)
    {
        b.ToTable("roster_coverage_alerts");
        b.HasOne<Cite>().WithMany().HasForeignKey(a => a.CiteId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Structure>().WithMany().HasForeignKey(a => a.StructureId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(a => new { a.StructureId, a.Date }).IsUnique();
    }
}
