using Maillage.Network;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Maillage.Rooms;

internal sealed class RoomConfiguration : IEntityTypeConfiguration<Room>
{
    public void Configure(EntityTypeBuilder<Room> b)
    {
        b.ToTable("rooms");
        b.Property(r => r.Name).HasMaxLength(120);
        b.Property(r => r.Layout).HasMaxLength(500);
        b.Property(r => r.Equipment).HasMaxLength(1000);
        b.Property(r => r.Accessibility).HasMaxLength(1000);
        b.Property(r => r.Source).HasMaxLength(1000);
        b.HasIndex(r => new { r.StructureId, r.Name }).IsUnique();
        b.HasIndex(r => r.CiteId);
        b.Property(r => r.FeedTokenHash).HasMaxLength(64);
        b.HasIndex(r => r.FeedTokenHash).IsUnique();
        b.HasOne<Cite>().WithMany().HasForeignKey(r => r.CiteId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Structure>().WithMany().HasForeignKey(r => r.StructureId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(r => r.Hours).WithOne().HasForeignKey(h => h.RoomId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(r => r.Closures).WithOne().HasForeignKey(c => c.RoomId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(r => r.Partners).WithOne().HasForeignKey(p => p.RoomId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class RoomHoursConfiguration : IEntityTypeConfiguration<RoomHours>
{
    public void Configure(EntityTypeBuilder<RoomHours> b) => b.ToTable("room_hours");
}

internal sealed class RoomClosureConfiguration : IEntityTypeConfiguration<RoomClosure>
{
    public void Configure(EntityTypeBuilder<RoomClosure> b)
    {
        b.ToTable("room_closures");
        b.Property(c => c.Reason).HasMaxLength(300);
        b.HasIndex(c => new { c.RoomId, c.Date });
    }
}

internal sealed class RoomPartnerConfiguration : IEntityTypeConfiguration<RoomPartner>
{
    public void Configure(EntityTypeBuilder<RoomPartner> b)
    {
        b.ToTable("room_partners");
        b.HasKey(p => new { p.RoomId, p.PartnerId });
        b.HasOne<Partner>().WithMany().HasForeignKey(p => p.PartnerId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class RoomBookingConfiguration : IEntityTypeConfiguration<RoomBooking>
{
    public void Configure(EntityTypeBuilder<RoomBooking> b)
    {
        b.ToTable("room_bookings");
        b.Property(x => x.Title).HasMaxLength(RoomBooking.MaxTitle);
        b.Property(x => x.RequestedById).HasMaxLength(450);
        b.Property(x => x.RequestedByName).HasMaxLength(256);
        b.Property(x => x.DecidedById).HasMaxLength(450);
        b.Property(x => x.DecidedByName).HasMaxLength(256);
        b.Property(x => x.DecisionNote).HasMaxLength(1000);
        b.Property(x => x.RequestedLanguage).HasMaxLength(8);
        // A decision, a cancellation or a change saves only over the status it read: two coordinators deciding at once do
        // not both win (issue 20 item 3; the loser is told who decided and when).
        b.Property(x => x.Status).IsConcurrencyToken();
        // The overlap guard (RoomsNoOverlap migration) and the calendars read a room's bookings by time.
        b.HasIndex(x => new { x.RoomId, x.HeldFrom });
        b.HasIndex(x => new { x.CiteId, x.Status });
        b.HasIndex(x => x.SeriesId);
        b.HasIndex(x => x.AgendaEventId);
        b.HasOne<Room>().WithMany().HasForeignKey(x => x.RoomId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Partner>().WithMany().HasForeignKey(x => x.PartnerId).OnDelete(DeleteBehavior.SetNull);
    }
}

/// <summary>The module's tables on <see cref="Platform.Data.MaillageDb"/>: <c>db.Rooms</c>, <c>db.RoomBookings</c>.</summary>
public static class RoomsData
{
    extension(Platform.Data.MaillageDb db)
    {
        public DbSet<Room> Rooms => db.Set<Room>();
        public DbSet<RoomBooking> RoomBookings => db.Set<RoomBooking>();
    }
}
