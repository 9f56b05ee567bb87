using Maillage.Network;
using Maillage.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Maillage.Governance;

internal sealed class BodyConfiguration : IEntityTypeConfiguration<Body>
{
    public void Configure(EntityTypeBuilder<Body> b)
    {
        b.ToTable("governance_bodies");
        b.Property(x => x.Name).HasMaxLength(Body.MaxName);
        b.Property(x => x.Organisation).HasMaxLength(200);
        b.Property(x => x.Seat).HasMaxLength(300);
        b.Property(x => x.District).HasMaxLength(200);
        b.Property(x => x.NumberPrefix).HasMaxLength(12);
        b.Property(x => x.SecretaryUserId).HasMaxLength(450);
        b.Property(x => x.SecretaryName).HasMaxLength(200);
        b.Property(x => x.Source).HasMaxLength(1000);
        b.ComplexProperty(x => x.Quorum);
        b.HasIndex(x => new { x.CiteId, x.Name }).IsUnique();
        b.HasOne<Cite>().WithMany().HasForeignKey(x => x.CiteId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Partner>().WithMany().HasForeignKey(x => x.PartnerId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.Members).WithOne().HasForeignKey(m => m.BodyId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class BodyMemberConfiguration : IEntityTypeConfiguration<BodyMember>
{
    public void Configure(EntityTypeBuilder<BodyMember> b)
    {
        b.ToTable("governance_members");
        b.Property(x => x.Civility).HasMaxLength(10);
        b.Property(x => x.FirstName).HasMaxLength(100);
        b.Property(x => x.LastName).HasMaxLength(100);
        b.Property(x => x.Email).HasMaxLength(256);
        b.Property(x => x.Organisation).HasMaxLength(200);
        b.Property(x => x.UserId).HasMaxLength(450);
        b.Property(x => x.Source).HasMaxLength(1000);
        // Set null, not restrict: SQLite checks RESTRICT row by row, so a self-reference would stop dropping the table (migrating down).
        b.HasOne<BodyMember>().WithMany().HasForeignKey(x => x.SubstituteOfId).OnDelete(DeleteBehavior.SetNull);
        b.HasIndex(x => x.CiteId);
        // « Mes convocations » and its menu entry ask on every staff page whether the user is a member.
        b.HasIndex(x => x.UserId);
    }
}

internal sealed class SessionConfiguration : IEntityTypeConfiguration<Session>
{
    public void Configure(EntityTypeBuilder<Session> b)
    {
        b.ToTable("governance_sessions");
        b.Property(x => x.TimeZone).HasMaxLength(64);
        b.Property(x => x.Place).HasMaxLength(300);
        b.Property(x => x.VideoLink).HasMaxLength(500);
        b.Property(x => x.ConvokedPlace).HasMaxLength(300);
        b.Property(x => x.Source).HasMaxLength(1000);
        b.HasIndex(x => new { x.BodyId, x.StartsAt });
        b.HasIndex(x => x.CiteId);
        b.HasOne<Body>().WithMany().HasForeignKey(x => x.BodyId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<BodyMember>().WithMany().HasForeignKey(x => x.ChairMemberId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<BodyMember>().WithMany().HasForeignKey(x => x.SecretaryMemberId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.Agenda).WithOne().HasForeignKey(a => a.SessionId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(x => x.Attendance).WithOne().HasForeignKey(a => a.SessionId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ConvocationConfiguration : IEntityTypeConfiguration<Convocation>
{
    public void Configure(EntityTypeBuilder<Convocation> b)
    {
        b.ToTable("governance_convocations");
        b.Property(x => x.TokenHash).HasMaxLength(64);
        b.HasIndex(x => x.TokenHash).IsUnique();
        b.HasIndex(x => new { x.SessionId, x.MemberId }).IsUnique();
        b.HasIndex(x => x.CiteId);
        b.HasOne<Session>().WithMany().HasForeignKey(x => x.SessionId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<BodyMember>().WithMany().HasForeignKey(x => x.MemberId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class AgendaItemConfiguration : IEntityTypeConfiguration<AgendaItem>
{
    public void Configure(EntityTypeBuilder<AgendaItem> b)
    {
        b.ToTable("governance_agenda_items");
        b.Property(x => x.Title).HasMaxLength(500);
        b.Property(x => x.DocumentUrl).HasMaxLength(500);
    }
}

internal sealed class AttendanceConfiguration : IEntityTypeConfiguration<Attendance>
{
    public void Configure(EntityTypeBuilder<Attendance> b)
    {
        b.ToTable("governance_attendance");
        b.HasIndex(x => new { x.SessionId, x.MemberId }).IsUnique();
        b.HasOne<BodyMember>().WithMany().HasForeignKey(x => x.MemberId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<BodyMember>().WithMany().HasForeignKey(x => x.SubstituteId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<BodyMember>().WithMany().HasForeignKey(x => x.ProxyHolderId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class DeliberationConfiguration : IEntityTypeConfiguration<Deliberation>
{
    public void Configure(EntityTypeBuilder<Deliberation> b)
    {
        b.ToTable("governance_deliberations");
        b.Property(x => x.Number).HasMaxLength(40);
        b.Property(x => x.Object).HasMaxLength(Deliberation.MaxObject);
        b.Property(x => x.Rapporteur).HasMaxLength(200);
        b.Property(x => x.BudgetImputation).HasMaxLength(300);
        b.Property(x => x.TransmittedTo).HasMaxLength(200);
        b.Property(x => x.LinkKind).HasMaxLength(40);
        b.Property(x => x.LinkId).HasMaxLength(64);
        b.Property(x => x.LinkLabel).HasMaxLength(300);
        b.Property(x => x.Source).HasMaxLength(1000);
        b.ComplexProperty(x => x.Vote);
        // The guards of the numbering: one number per body, one place per body and year.
        b.HasIndex(x => new { x.BodyId, x.Number }).IsUnique();
        b.HasIndex(x => new { x.BodyId, x.Year, x.Sequence }).IsUnique();
        b.HasIndex(x => new { x.LinkKind, x.LinkId });
        b.HasIndex(x => x.CiteId);
        b.HasOne<Body>().WithMany().HasForeignKey(x => x.BodyId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Session>().WithMany().HasForeignKey(x => x.SessionId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.Recitals).WithOne().HasForeignKey(r => r.DeliberationId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(x => x.Articles).WithOne().HasForeignKey(r => r.DeliberationId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class RecitalConfiguration : IEntityTypeConfiguration<Recital>
{
    public void Configure(EntityTypeBuilder<Recital> b)
    {
        b.ToTable("governance_recitals");
        b.Property(x => x.Text).HasMaxLength(8000);
    }
}

internal sealed class ArticleConfiguration : IEntityTypeConfiguration<Article>
{
    public void Configure(EntityTypeBuilder<Article> b)
    {
        b.ToTable("governance_articles");
        b.Property(x => x.Text).HasMaxLength(4000);
    }
}

internal sealed class DeliberationCounterConfiguration : IEntityTypeConfiguration<DeliberationCounter>
{
    public void Configure(EntityTypeBuilder<DeliberationCounter> b)
    {
        b.ToTable("governance_deliberation_counters");
        b.HasKey(x => new { x.BodyId, x.Year });
        b.HasOne<Body>().WithMany().HasForeignKey(x => x.BodyId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class MinutesConfiguration : IEntityTypeConfiguration<Minutes>
{
    public void Configure(EntityTypeBuilder<Minutes> b)
    {
        b.ToTable("governance_minutes");
        b.Property(x => x.Text).HasMaxLength(Minutes.MaxText);
        b.Property(x => x.WrittenBy).HasMaxLength(256);
        // One text per session; the approving session is kept (restrict: it cannot be deleted while it approves).
        b.HasIndex(x => x.SessionId).IsUnique();
        b.HasIndex(x => x.CiteId);
        b.HasOne<Session>().WithMany().HasForeignKey(x => x.SessionId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Session>().WithMany().HasForeignKey(x => x.ApprovedAtSessionId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Body>().WithMany().HasForeignKey(x => x.BodyId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ActionItemConfiguration : IEntityTypeConfiguration<ActionItem>
{
    public void Configure(EntityTypeBuilder<ActionItem> b)
    {
        b.ToTable("governance_action_items");
        b.Property(x => x.Title).HasMaxLength(ActionItem.MaxTitle);
        b.Property(x => x.OwnerName).HasMaxLength(200);
        b.HasIndex(x => new { x.BodyId, x.Status, x.DueOn });
        b.HasIndex(x => x.CiteId);
        b.HasOne<Body>().WithMany().HasForeignKey(x => x.BodyId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Session>().WithMany().HasForeignKey(x => x.SessionId).OnDelete(DeleteBehavior.SetNull);
        b.HasOne<BodyMember>().WithMany().HasForeignKey(x => x.OwnerMemberId).OnDelete(DeleteBehavior.SetNull);
    }
}

public static class GovernanceData
{
    extension(MaillageDb db)
    {
        public DbSet<Body> GovernanceBodies => db.Set<Body>();
        public DbSet<Session> GovernanceSessions => db.Set<Session>();
        public DbSet<Deliberation> Deliberations => db.Set<Deliberation>();
    }
}
