using System.Collections.Concurrent;
using Maillage.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Maillage.Tests.Platform;

/// <summary>The application started on an empty database, every log entry kept: its first start migrates from nothing.</summary>
public sealed class FirstStartApp() : MaillageApp(TestDatabase.CreateEmpty())
{
    public ConcurrentQueue<(string Category, LogLevel Level, string Message)> Logs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        // Every entry of EF Core's migrations reaches this provider, whatever the configured levels: the test sees the
        // migrations run (information), so a missing warning is not a missing log.
        builder.ConfigureLogging(logging => logging.AddProvider(new CapturingLoggerProvider(Logs))
            .AddFilter<CapturingLoggerProvider>("Microsoft.EntityFrameworkCore", LogLevel.Information));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing) TestDatabase.Drop(ConnectionString);
    }

    public sealed class CapturingLoggerProvider(ConcurrentQueue<(string Category, LogLevel Level, string Message)> logs) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, logs);
        public void Dispose() { }

        private sealed class Logger(string category, ConcurrentQueue<(string Category, LogLevel Level, string Message)> logs) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
            public bool IsEnabled(LogLevel logLevel) => true;
            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                logs.Enqueue((category, logLevel, formatter(state, exception)));
        }
    }
}

/// <summary>Issue 19, item 16: a first start migrates an empty database without a single migration warning.</summary>
public sealed class FirstStartMigrationTests(FirstStartApp app) : IClassFixture<FirstStartApp>
{
    [Fact]
    public async Task Given_an_empty_database_When_the_application_first_starts_Then_it_is_migrated_and_no_migration_warning_is_logged()
    {
        using var client = app.CreateClient();
        Assert.Empty(await app.WithDbAsync(db => db.Database.GetPendingMigrationsAsync()));
        Assert.Contains(app.Logs, l => l.Category.StartsWith("Microsoft.EntityFrameworkCore.Migrations", StringComparison.Ordinal));
        var warnings = app.Logs.Where(l => l.Category.StartsWith("Microsoft.EntityFrameworkCore.Migrations", StringComparison.Ordinal) && l.Level >= LogLevel.Warning)
            .Select(l => $"{l.Category}: {l.Message}").ToList();
        Assert.True(warnings.Count == 0, string.Join("\n", warnings));
        // The rollup table the rebuild made keeps its nine-column key: a second row differing by its slot only is accepted.
        await app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(
            "INSERT INTO \"VisitRollups\" (\"CiteId\", \"Grouping\", \"Month\", \"StructureId\", \"Kind\", \"A\", \"B\", \"C\", \"Slot\", \"Count\") " +
            "VALUES (-1, 0, 0, 0, 0, 0, 0, 0, 0, 1), (-1, 0, 0, 0, 0, 0, 0, 0, 1, 1)"));
        await Assert.ThrowsAnyAsync<Exception>(() => app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(
            "INSERT INTO \"VisitRollups\" (\"CiteId\", \"Grouping\", \"Month\", \"StructureId\", \"Kind\", \"A\", \"B\", \"C\", \"Slot\", \"Count\") " +
            "VALUES (-1, 0, 0, 0, 0, 0, 0, 0, 1, 1)")));
    }

    [SqliteFact]
    public async Task Given_rollups_on_SQLite_When_migrated_down_before_the_slots_and_up_again_Then_the_counts_are_kept_and_no_warning_is_logged()
    {
        using var app = new FirstStartApp();
        using var client = app.CreateClient();
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Maillage.Platform.Data.MaillageDb>();
        var migrator = Microsoft.EntityFrameworkCore.Infrastructure.AccessorExtensions.GetService<Microsoft.EntityFrameworkCore.Migrations.IMigrator>(db);
        var migrations = db.Database.GetMigrations().ToList();
        await db.Database.ExecuteSqlRawAsync(
            "INSERT INTO \"VisitRollups\" (\"CiteId\", \"Grouping\", \"Month\", \"StructureId\", \"Kind\", \"A\", \"B\", \"C\", \"Slot\", \"Count\") " +
            "VALUES (-2, 0, 0, 0, 0, 0, 0, 0, 0, 2), (-2, 0, 0, 0, 0, 0, 0, 0, 3, 5)");
        // The rollup triggers are schema outside the migrations, installed on start after migrating: a table rebuild
        // cannot rename under a trigger naming a dropped table, so they go first, as on a database of that time.
        foreach (var trigger in await db.Database.SqlQueryRaw<string>("SELECT name AS \"Value\" FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'visit_rollups%'").ToListAsync())
#pragma warning disable EF1002 // a trigger's name read from sqlite_master: identifiers cannot be parameters
            await db.Database.ExecuteSqlRawAsync($"DROP TRIGGER \"{trigger}\"");
#pragma warning restore EF1002
        var before = app.Logs.Count;

        // Down, the two slots of one key add up; up again, the total is in slot 0.
        await migrator.MigrateAsync(migrations.Single(m => m.EndsWith("_VisitRollups", StringComparison.Ordinal)));
        Assert.Equal(7, await db.Database.SqlQueryRaw<int>("SELECT \"Count\" AS \"Value\" FROM \"VisitRollups\" WHERE \"CiteId\" = -2").SingleAsync());
        await migrator.MigrateAsync();
        Assert.Equal(7, await db.Database.SqlQueryRaw<int>("SELECT \"Count\" AS \"Value\" FROM \"VisitRollups\" WHERE \"CiteId\" = -2 AND \"Slot\" = 0").SingleAsync());
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        var warnings = app.Logs.Skip(before).Where(l => l.Category.StartsWith("Microsoft.EntityFrameworkCore.Migrations", StringComparison.Ordinal)
            && l.Level >= LogLevel.Warning && l.Message.Contains("VisitRollupSlots", StringComparison.Ordinal)).ToList();
        Assert.Empty(warnings);
    }
}
