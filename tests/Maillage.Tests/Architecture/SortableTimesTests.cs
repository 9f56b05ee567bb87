using Maillage.Platform.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Tests.Architecture;

/// <summary>Times on SQLite compare and sort in every module by default (SortableTimes); only earlier entities keep text.</summary>
public sealed class SortableTimesTests
{
    private sealed class Probe
    {
        public int Id { get; set; }
        public DateTimeOffset At { get; set; }
        public DateTimeOffset? Until { get; set; }
    }

    /// <summary>A module that did nothing about times: its entity goes through the same convention as MaillageDb's.</summary>
    private sealed class NewModuleDb(DbContextOptions options) : DbContext(options)
    {
        protected override void OnModelCreating(ModelBuilder builder)
        {
            builder.Entity<Probe>();
            SortableTimes.Apply(builder);
        }
    }

    [Fact]
    public async Task Given_a_new_entity_with_times_on_SQLite_When_filtering_and_ordering_Then_the_database_compares_instants()
    {
        await using var connection = new SqliteConnection("Data Source=:memory:");
        await connection.OpenAsync();
        await using var db = new NewModuleDb(new DbContextOptionsBuilder<NewModuleDb>().UseSqlite(connection).Options);
        await db.Database.EnsureCreatedAsync();
        // 10:00 in Paris is 08:00 UTC, before 09:00 UTC: as text the two would sort the other way.
        db.Add(new Probe { At = new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.FromHours(2)) });
        db.Add(new Probe { At = new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero), Until = new DateTimeOffset(2026, 11, 24, 0, 0, 0, TimeSpan.Zero) });
        db.Add(new Probe { At = new DateTimeOffset(2026, 11, 23, 8, 30, 0, TimeSpan.Zero) });
        await db.SaveChangesAsync();

        var ordered = await db.Set<Probe>().OrderBy(p => p.At).Select(p => p.At.UtcDateTime.Hour * 60 + p.At.UtcDateTime.Minute).ToListAsync();
        Assert.Equal([8 * 60, 8 * 60 + 30, 9 * 60], ordered);
        var cutoff = new DateTimeOffset(2026, 11, 23, 10, 15, 0, TimeSpan.FromHours(2)); // 08:15 UTC
        Assert.Equal(2, await db.Set<Probe>().CountAsync(p => p.At > cutoff));
        Assert.Equal(1, await db.Set<Probe>().CountAsync(p => p.Until > cutoff));
    }

    [Fact]
    public void Given_the_application_model_on_SQLite_Then_every_time_is_stored_sortable_but_for_the_entities_of_earlier_migrations()
    {
        using var db = new SqliteMaillageDb(new DbContextOptionsBuilder<SqliteMaillageDb>().UseSqlite("Data Source=:memory:").Options);
        var text = db.Model.GetEntityTypes()
            .SelectMany(e => e.GetProperties().Where(p => p.ClrType == typeof(DateTimeOffset) || p.ClrType == typeof(DateTimeOffset?))
                .Where(p => p.GetValueConverter() is null).Select(_ => e.ClrType.Name))
            .Distinct().Order().ToList();
        // The entities whose SQLite columns were created as text before times were sortable by default, and no other:
        // a new entity never joins this list.
        Assert.Equal(["ApiToken", "AuditEntry", "KioskDevice", "RoleAssignment", "StaffUser"], text);
        Assert.NotNull(db.Model.FindEntityType(typeof(Maillage.Agenda.AgendaEvent))!.FindProperty(nameof(Maillage.Agenda.AgendaEvent.StartsAt))!.GetValueConverter());
    }
}
