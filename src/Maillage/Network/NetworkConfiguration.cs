using Maillage.Network.OpeningHours;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Maillage.Network;

internal sealed class CiteConfiguration : IEntityTypeConfiguration<Cite>
{
    public void Configure(EntityTypeBuilder<Cite> b)
    {
        b.ToTable("Cites");
        b.HasIndex(c => c.Slug).IsUnique();
        b.Property(c => c.Slug).HasMaxLength(60);
        b.Property(c => c.Description).HasMaxLength(4000);
        b.Property(c => c.Source).HasMaxLength(2000);
    }
}

internal sealed class TerritoryConfiguration : IEntityTypeConfiguration<Territory>
{
    public void Configure(EntityTypeBuilder<Territory> b)
    {
        b.ToTable("Territories");
        b.HasIndex(t => new { t.CiteId, t.Kind, t.Name }).IsUnique();
        b.HasOne<Cite>().WithMany().HasForeignKey(t => t.CiteId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(t => t.Parent).WithMany().HasForeignKey(t => t.ParentId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class StructureConfiguration : IEntityTypeConfiguration<Structure>
{
    public void Configure(EntityTypeBuilder<Structure> b)
    {
        b.ToTable("Structures");
        b.HasIndex(s => new { s.CiteId, s.Name }).IsUnique();
        b.HasIndex(s => new { s.CiteId, s.Slug }).IsUnique();
        b.Property(s => s.Slug).HasMaxLength(80);
        b.Property(s => s.Country).HasMaxLength(2);
        b.Property(s => s.TimeZoneId).HasMaxLength(40);
        b.Property(s => s.Description).HasMaxLength(4000);
        b.Property(s => s.Accessibility).HasMaxLength(2000);
        b.Property(s => s.Source).HasMaxLength(2000);
        b.Property(s => s.DemoValues).HasMaxLength(1000);
        b.HasOne(s => s.Cite).WithMany().HasForeignKey(s => s.CiteId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(s => s.Parent).WithMany().HasForeignKey(s => s.ParentId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(s => s.Commune).WithMany().HasForeignKey(s => s.CommuneId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(s => s.Qpv).WithMany().HasForeignKey(s => s.QpvId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(s => s.WeeklyHours).WithOne().HasForeignKey(r => r.StructureId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(s => s.Exceptions).WithOne().HasForeignKey(r => r.StructureId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(s => s.Poles).WithOne().HasForeignKey(p => p.StructureId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class OpeningExceptionConfiguration : IEntityTypeConfiguration<OpeningException>
{
    public void Configure(EntityTypeBuilder<OpeningException> b)
    {
        b.ToTable("OpeningExceptions");
        b.HasIndex(e => new { e.StructureId, e.Date });
    }
}

internal sealed class OpeningRangeConfiguration : IEntityTypeConfiguration<OpeningRange>
{
    public void Configure(EntityTypeBuilder<OpeningRange> b) => b.ToTable("OpeningRanges");
}

internal sealed class PoleConfiguration : IEntityTypeConfiguration<Pole>
{
    public void Configure(EntityTypeBuilder<Pole> b)
    {
        b.ToTable("Poles");
        b.HasIndex(p => new { p.StructureId, p.Name }).IsUnique();
        b.Property(p => p.Description).HasMaxLength(2000);
    }
}

internal sealed class PartnerConfiguration : IEntityTypeConfiguration<Partner>
{
    public void Configure(EntityTypeBuilder<Partner> b)
    {
        b.ToTable("Partners");
        b.HasIndex(p => new { p.CiteId, p.Name }).IsUnique();
        b.HasOne<Cite>().WithMany().HasForeignKey(p => p.CiteId).OnDelete(DeleteBehavior.Cascade);
        b.Property(p => p.Source).HasMaxLength(2000);
    }
}

internal sealed class PartnerPoleConfiguration : IEntityTypeConfiguration<PartnerPole>
{
    public void Configure(EntityTypeBuilder<PartnerPole> b)
    {
        b.ToTable("PartnerPoles");
        b.HasKey(pp => new { pp.PartnerId, pp.PoleId });
        b.HasOne(pp => pp.Partner).WithMany(p => p.Poles).HasForeignKey(pp => pp.PartnerId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(pp => pp.Pole).WithMany(p => p.Partners).HasForeignKey(pp => pp.PoleId).OnDelete(DeleteBehavior.Cascade);
    }
}
