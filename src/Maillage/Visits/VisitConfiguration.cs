using Maillage.Network;
using Maillage.Visits.Kiosk;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Maillage.Visits;

internal sealed class VisitConfiguration : IEntityTypeConfiguration<Visit>
{
    public void Configure(EntityTypeBuilder<Visit> b)
    {
        b.ToTable("Visits");
        // Column order keeps the 4-byte integers before the 2-byte ones: no alignment padding on PostgreSQL.
        var order = 0;
        b.Property(v => v.Id).HasColumnOrder(order++);
        b.Property(v => v.Quarter).HasColumnOrder(order++);
        b.Property(v => v.StructureId).HasColumnOrder(order++);
        b.Property(v => v.CiteId).HasColumnOrder(order++);
        b.Property(v => v.PartnerId).HasColumnOrder(order++);
        b.Property(v => v.ResidenceId).HasColumnOrder(order++);
        b.Property(v => v.Needs).HasColumnOrder(order++);
        b.Property(v => v.Services).HasColumnOrder(order++);
        b.Property(v => v.Kind).HasColumnOrder(order++);
        b.Property(v => v.Channel).HasColumnOrder(order++);
        b.Property(v => v.PublicStatus).HasColumnOrder(order++);
        b.Property(v => v.AgeBracket).HasColumnOrder(order++);
        b.Property(v => v.Gender).HasColumnOrder(order++);
        b.Property(v => v.Extra).HasColumnOrder(order);
        // The only index besides the key. On PostgreSQL a BRIN index (a few kilobytes for millions of rows,
        // visits arrive in time order); on SQLite a B-tree that also serves "today at this structure".
        // Leading with StructureId, it also covers the foreign key (EF adds no index of its own).
        b.HasIndex(v => new { v.StructureId, v.Quarter }).HasMethod("brin");
        b.HasOne<Structure>().WithMany().HasForeignKey(v => v.StructureId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class VisitReceiptConfiguration : IEntityTypeConfiguration<VisitReceipt>
{
    public void Configure(EntityTypeBuilder<VisitReceipt> b)
    {
        b.ToTable("VisitReceipts");
        b.HasKey(r => r.ClientId);
        b.HasIndex(r => new { r.StructureId, r.ReceivedAt });
        b.HasIndex(r => r.ReceivedAt);
        b.HasOne<Structure>().WithMany().HasForeignKey(r => r.StructureId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class KioskFeedbackConfiguration : IEntityTypeConfiguration<KioskFeedback>
{
    public void Configure(EntityTypeBuilder<KioskFeedback> b)
    {
        b.ToTable("KioskFeedback");
        b.HasIndex(f => new { f.StructureId, f.Quarter });
        b.HasOne<Structure>().WithMany().HasForeignKey(f => f.StructureId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class KioskDeviceConfiguration : IEntityTypeConfiguration<KioskDevice>
{
    public void Configure(EntityTypeBuilder<KioskDevice> b)
    {
        b.ToTable("KioskDevices");
        b.HasIndex(d => d.Hash).IsUnique();
        b.HasIndex(d => d.StructureId);
        b.Property(d => d.Name).HasMaxLength(80);
        b.Property(d => d.Hash).HasMaxLength(64);
        b.Property(d => d.StartedBy).HasMaxLength(450);
        b.HasOne<Structure>().WithMany().HasForeignKey(d => d.StructureId).OnDelete(DeleteBehavior.Cascade);
    }
}
