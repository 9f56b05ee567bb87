using Maillage.Agenda;
using Maillage.Platform.Data;
using Maillage.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;

namespace Maillage.Tests.Agenda.Registrations;

/// <summary>
/// Issue 18, finding 5, on a database purged before the fix: the migrations take the guessable "anonymised-{id}"
/// tokens away (and back, going down), on each provider — on SQLite the column change is a table rebuild, which a data
/// statement in the same migration would have run before.
/// </summary>
public sealed class PurgedTokenMigrationTests(FrozenAgendaApp app) : IClassFixture<FrozenAgendaApp>
{
    [Fact]
    public async Task Given_registrations_purged_before_the_fix_When_the_database_is_migrated_Then_their_anonymised_tokens_are_gone()
    {
        var e = await app.EventAsync(capacity: 5);
        var purged = (await app.RegisterAsync(e, "Zoé", "Dupont")).Registration;
        var live = (await app.RegisterAsync(e, "Lou", "Petit")).Registration;
        await app.WithDbAsync(db => db.Registrations.Where(r => r.Id == purged.Id).ExecuteUpdateAsync(s => s.SetProperty(r => r.ManageToken, (string?)null)));

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MaillageDb>();
        var migrations = db.Database.GetMigrations().ToList();
        var fix = migrations.FindIndex(m => m.EndsWith("_RegistrationTokenRemovedByPurge", StringComparison.Ordinal));
        var migrator = db.GetService<IMigrator>();

        // Back to before the fix: the purged registration holds a token again, as the old purge wrote it.
        await migrator.MigrateAsync(migrations[fix - 1]);
        Assert.Equal($"anonymised-{purged.Id}", await TokenAsync(db, purged.Id));

        await migrator.MigrateAsync();
        Assert.Null(await TokenAsync(db, purged.Id));
        Assert.Equal(live.ManageToken, await TokenAsync(db, live.Id));
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
    }

    private static Task<string?> TokenAsync(MaillageDb db, long id) =>
        db.Database.SqlQuery<string?>($"SELECT \"ManageToken\" AS \"Value\" FROM agenda_registrations WHERE \"Id\" = {id}").SingleAsync();
}
