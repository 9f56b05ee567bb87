using Maillage.Platform.Audit;
using Maillage.Platform.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Maillage.Platform.Data;

internal sealed class RoleAssignmentConfiguration : IEntityTypeConfiguration<RoleAssignment>
{
    public void Configure(EntityTypeBuilder<RoleAssignment> b)
    {
        b.HasIndex(a => a.UserId);
        b.HasIndex(a => new { a.UserId, a.Role, a.Scope, a.CiteId, a.StructureId, a.PartnerId }).IsUnique();
        b.HasOne<StaffUser>().WithMany(u => u.Assignments).HasForeignKey(a => a.UserId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Network.Cite>().WithMany().HasForeignKey(a => a.CiteId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Network.Structure>().WithMany().HasForeignKey(a => a.StructureId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Network.Partner>().WithMany().HasForeignKey(a => a.PartnerId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ApiTokenConfiguration : IEntityTypeConfiguration<ApiToken>
{
    public void Configure(EntityTypeBuilder<ApiToken> b)
    {
        b.HasIndex(t => t.Hash).IsUnique();
        b.Property(t => t.Name).HasMaxLength(100);
        b.HasOne(t => t.User).WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.Property(a => a.Before).Metadata.SetMaxLength(null);
        b.Property(a => a.After).Metadata.SetMaxLength(null);
        b.HasIndex(a => new { a.CiteId, a.Id });
    }
}

internal sealed class DataProtectionKeyConfiguration : IEntityTypeConfiguration<Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey>
{
    public void Configure(EntityTypeBuilder<Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey> b) =>
        b.Property(k => k.Xml).Metadata.SetMaxLength(null);
}
