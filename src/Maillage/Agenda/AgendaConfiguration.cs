using Maillage.Network;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Maillage.Agenda;

internal sealed class AgendaEventConfiguration : IEntityTypeConfiguration<AgendaEvent>
{
    public void Configure(EntityTypeBuilder<AgendaEvent> b)
    {
        b.ToTable("agenda_events");
        b.HasOne<Cite>().WithMany().HasForeignKey(e => e.CiteId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(e => e.Structure).WithMany().HasForeignKey(e => e.StructureId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(e => e.VenueTerritory).WithMany().HasForeignKey(e => e.VenueTerritoryId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(e => e.Series).WithMany().HasForeignKey(e => e.SeriesId).OnDelete(DeleteBehavior.SetNull);
        b.Property(e => e.Title).HasMaxLength(200);
        b.Property(e => e.Description).HasMaxLength(8000);
        b.Property(e => e.AccessibilityNotes).HasMaxLength(2000);
        b.Property(e => e.Tags).HasMaxLength(400);
        b.Property(e => e.Language).HasMaxLength(2);
        b.Property(e => e.TimeZoneId).HasMaxLength(40);
        b.Property(e => e.CancellationReason).HasMaxLength(1000);
        b.HasMany(e => e.Organisers).WithOne().HasForeignKey(o => o.EventId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(e => e.Questions).WithOne().HasForeignKey(q => q.EventId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(e => e.Registrations).WithOne(r => r.Event).HasForeignKey(r => r.EventId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(e => e.WalkIns).WithOne().HasForeignKey(w => w.EventId).OnDelete(DeleteBehavior.Cascade);
        // The public agenda reads published events by date; staff lists by Cité and date.
        b.HasIndex(e => new { e.Status, e.StartsAt });
        b.HasIndex(e => new { e.CiteId, e.StartsAt });
        b.HasIndex(e => new { e.SeriesId, e.StartsAt });
        b.HasIndex(e => e.StructureId);
    }
}

internal sealed class EventSeriesConfiguration : IEntityTypeConfiguration<EventSeries>
{
    public void Configure(EntityTypeBuilder<EventSeries> b)
    {
        b.ToTable("agenda_series");
        b.HasOne<Cite>().WithMany().HasForeignKey(s => s.CiteId).OnDelete(DeleteBehavior.Cascade);
        b.Property(s => s.Title).HasMaxLength(200);
    }
}

internal sealed class EventOrganiserConfiguration : IEntityTypeConfiguration<EventOrganiser>
{
    public void Configure(EntityTypeBuilder<EventOrganiser> b)
    {
        b.ToTable("agenda_event_organisers");
        b.HasKey(o => new { o.EventId, o.PartnerId });
        b.HasOne(o => o.Partner).WithMany().HasForeignKey(o => o.PartnerId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(o => o.PartnerId);
    }
}

internal sealed class EventQuestionConfiguration : IEntityTypeConfiguration<EventQuestion>
{
    public void Configure(EntityTypeBuilder<EventQuestion> b)
    {
        b.ToTable("agenda_event_questions");
        b.Property(q => q.Label).HasMaxLength(300);
        b.Property(q => q.Choices).HasMaxLength(2000);
        b.HasIndex(q => new { q.EventId, q.Order });
    }
}

internal sealed class EventWalkInConfiguration : IEntityTypeConfiguration<EventWalkIn>
{
    public void Configure(EntityTypeBuilder<EventWalkIn> b)
    {
        b.ToTable("agenda_walk_ins");
        b.HasIndex(w => new { w.EventId, w.PublicStatus }).IsUnique();
    }
}

internal sealed class SurveyResponseConfiguration : IEntityTypeConfiguration<SurveyResponse>
{
    public void Configure(EntityTypeBuilder<SurveyResponse> b)
    {
        b.ToTable("agenda_survey_responses");
        b.HasOne<AgendaEvent>().WithMany().HasForeignKey(s => s.EventId).OnDelete(DeleteBehavior.Cascade);
        b.Property(s => s.Comment).HasMaxLength(2000);
        b.HasIndex(s => s.EventId);
    }
}

internal sealed class RegistrationConfiguration : IEntityTypeConfiguration<Registration>
{
    public void Configure(EntityTypeBuilder<Registration> b)
    {
        b.ToTable("agenda_registrations");
        b.OwnsOne(r => r.Person, p =>
        {
            p.Property(x => x.FirstName).HasColumnName("person_first_name").HasMaxLength(100);
            p.Property(x => x.LastName).HasColumnName("person_last_name").HasMaxLength(100);
            p.Property(x => x.Email).HasColumnName("person_email").HasMaxLength(254);
            p.Property(x => x.Phone).HasColumnName("person_phone").HasMaxLength(40);
        });
        b.Navigation(r => r.Person).IsRequired();
        b.Property(r => r.EmailKey).HasMaxLength(254);
        b.Property(r => r.ManageToken).HasMaxLength(64);
        b.Property(r => r.SurveyToken).HasMaxLength(64);
        b.HasIndex(r => r.ManageToken).IsUnique();
        // Partial indexes: most rows have no survey token yet and no offer, and a registration rush then writes
        // two B-trees fewer per row. Lookups by token and the expiry scan compare the column, so they still use them.
        b.HasIndex(r => r.SurveyToken).IsUnique().HasFilter("\"SurveyToken\" IS NOT NULL");
        // One registration per e-mail and event: a second attempt answers with the first.
        b.HasIndex(r => new { r.EventId, r.EmailKey }).IsUnique();
        b.HasIndex(r => new { r.EventId, r.Status, r.Id });
        b.HasIndex(r => new { r.Status, r.OfferExpiresAt }).HasFilter("\"OfferExpiresAt\" IS NOT NULL");
        b.HasMany(r => r.Answers).WithOne().HasForeignKey(a => a.RegistrationId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class RegistrationAnswerConfiguration : IEntityTypeConfiguration<RegistrationAnswer>
{
    public void Configure(EntityTypeBuilder<RegistrationAnswer> b)
    {
        b.ToTable("agenda_registration_answers");
        b.Property(a => a.Value).HasMaxLength(1000);
        b.HasOne<EventQuestion>().WithMany().HasForeignKey(a => a.QuestionId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(a => new { a.RegistrationId, a.QuestionId }).IsUnique();
    }
}
