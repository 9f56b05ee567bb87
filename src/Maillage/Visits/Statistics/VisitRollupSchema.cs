using System.Data.Common;
using Maillage.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Maillage.Visits.Statistics;

/// <summary>
/// Installs the triggers that keep <see cref="VisitRollup"/> exact, and rebuilds the rollups from the visits
/// when a trigger version is installed for the first time (a new database, an upgrade, or a database that
/// had visits before the rollups existed). Runs after the migrations at every start; does nothing when the
/// current version is in place. Kept out of the migration files so that regenerating migrations cannot
/// lose it (docs/decisions/0004-visit-rollups.md).
///
/// PostgreSQL: statement-level triggers with transition tables — one grouped upsert per statement, so a
/// batch of 1 000 visits or a COPY of a million costs one aggregation. SQLite: row-level triggers (SQLite has
/// no other kind), one upsert per grouping per visit, inside the writer's transaction.
/// </summary>
internal static class VisitRollupSchema
{
    /// <summary>Raise when a grouping or an expression changes: the next start rebuilds the rollups.</summary>
    public const int Version = 5;
    private const string Prefix = "visit_rollups_";
    private static string Name(string what) => $"{Prefix}v{Version}_{what}";

    private const string Key = "\"CiteId\", \"Grouping\", \"Month\", \"StructureId\", \"Kind\", \"A\", \"B\", \"C\", \"Slot\"";

    /// <summary>
    /// PostgreSQL writers add to the slot of their connection (one of <see cref="VisitRollup.Slots"/>), so that concurrent
    /// single entries at one structure do not all wait for the same rollup row until their commit; readers sum the slots.
    /// </summary>
    private static readonly string PostgresSlot = $"(pg_backend_pid() % {VisitRollup.Slots})";

    /// <summary>The dimensions of each grouping as SQL over a visit row (<paramref name="row"/> is "NEW." or "").</summary>
    internal static (RollupGrouping Grouping, string A, string B, string C)[] Groupings(string row) =>
    [
        (RollupGrouping.Profile, $"{row}\"PublicStatus\"", $"{row}\"AgeBracket\"", $"{row}\"Gender\""),
        (RollupGrouping.NeedsByPublic, $"{row}\"Needs\"", $"{row}\"PublicStatus\"", "0"),
        (RollupGrouping.Channel, $"{row}\"Channel\"", $"({row}\"Extra\" % {VisitExtra.FirstVisitSize})", $"{row}\"Services\""),
        (RollupGrouping.Partner, $"{row}\"PartnerId\"", $"{row}\"Needs\"", "0"),
        (RollupGrouping.Residence, $"{row}\"ResidenceId\"", $"{row}\"AgeBracket\"", "0"),
        (RollupGrouping.AgeGender, $"{row}\"AgeBracket\"", $"{row}\"Gender\"", "0"),
    ];

    /// <summary>The calendar month (UTC) of a quarter-hour number, as months since January 1970.</summary>
    public static string MonthSql(bool postgres, string quarter) => postgres
        ? $"((extract(year from to_timestamp({quarter}::bigint * 900) at time zone 'UTC')::int - 1970) * 12 + extract(month from to_timestamp({quarter}::bigint * 900) at time zone 'UTC')::int - 1)"
        : $"((CAST(strftime('%Y', {quarter} * 900, 'unixepoch') AS INTEGER) - 1970) * 12 + CAST(strftime('%m', {quarter} * 900, 'unixepoch') AS INTEGER) - 1)";

    public static int MonthOf(DateOnly day) => (day.Year - 1970) * 12 + day.Month - 1;
    public static DateOnly FirstDayOf(int month) => new(1970 + month / 12, month % 12 + 1, 1);

    /// <summary>
    /// Every grouping of the visits of <paramref name="source"/>, counted (<paramref name="count"/>: <c>COUNT(*)</c>, or
    /// <c>-COUNT(*)</c> for removed rows) into <paramref name="slot"/>; columns in <see cref="Key"/> order then the count.
    /// </summary>
    private static string Aggregate(bool postgres, string source, string count = "COUNT(*)", string slot = "0", string? month = null) => string.Join("\nUNION ALL\n", Groupings("").Select(g =>
        $"SELECT \"CiteId\", {(short)g.Grouping}, {month ?? MonthSql(postgres, "\"Quarter\"")}, \"StructureId\", \"Kind\", {g.A}, {g.B}, {g.C}, {slot}, {count} FROM {source} GROUP BY 1, 2, 3, 4, 5, 6, 7, 8"));

    public static async Task EnsureAsync(MaillageDb db, CancellationToken ct = default)
    {
        var postgres = db.Database.IsNpgsql();
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            if (await InstalledAsync(connection, null, postgres, ct)) return;
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var tx = transaction.GetDbTransaction();
            if (postgres)
            {
                // Several instances may start at once: one installs, the others find it done.
                await ExecuteAsync(connection, tx, "SELECT pg_advisory_xact_lock(hashtext('visit_rollups'))", ct);
                if (await InstalledAsync(connection, tx, postgres, ct)) return;
                // No visit may be written between the rebuild and the triggers.
                await ExecuteAsync(connection, tx, "LOCK TABLE \"Visits\" IN SHARE ROW EXCLUSIVE MODE", ct);
            }
            foreach (var old in await OldTriggersAsync(connection, tx, postgres, ct))
                await ExecuteAsync(connection, tx, postgres ? $"DROP TRIGGER IF EXISTS {old} ON \"Visits\"" : $"DROP TRIGGER IF EXISTS {old}", ct);
            await ExecuteAsync(connection, tx, "DELETE FROM \"VisitRollups\"", ct);
            await ExecuteAsync(connection, tx, $"INSERT INTO \"VisitRollups\" ({Key}, \"Count\")\n{Aggregate(postgres, "\"Visits\"")}", ct);
            foreach (var statement in postgres ? PostgresTriggers() : SqliteTriggers())
                await ExecuteAsync(connection, tx, statement, ct);
            await transaction.CommitAsync(ct);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>
    /// For bulk loads on SQLite, where a row trigger per visit is the bottleneck: inside the caller's write
    /// transaction, the triggers are dropped, the visits written, then <see cref="ResumeSqliteTriggersAsync"/>
    /// counts the new rows in one grouped upsert and brings the triggers back, all committed together with
    /// SQLite's single writer lock held throughout, so no other write can slip between (docs/decisions/0004).
    /// </summary>
    public static async Task SuspendSqliteTriggersAsync(DbConnection connection, DbTransaction tx, CancellationToken ct)
    {
        foreach (var what in new[] { "insert", "delete", "update" })
            await ExecuteAsync(connection, tx, $"DROP TRIGGER IF EXISTS {Name(what)}", ct);
    }

    public static async Task ResumeSqliteTriggersAsync(DbConnection connection, DbTransaction tx, long afterVisitId, CancellationToken ct)
    {
        // The new visits once, each with its month worked out once (not once per grouping): the six groupings read that.
        await ExecuteAsync(connection, tx,
            $"WITH added AS MATERIALIZED (SELECT *, {MonthSql(false, "\"Quarter\"")} AS \"Month\" FROM \"Visits\" WHERE \"Id\" > {afterVisitId})\n" +
            $"INSERT INTO \"VisitRollups\" ({Key}, \"Count\")\nSELECT * FROM ({Aggregate(false, "added", month: "\"Month\"")}) WHERE true\n" +
            $"ON CONFLICT ({Key}) DO UPDATE SET \"Count\" = \"Count\" + excluded.\"Count\"", ct);
        foreach (var statement in SqliteTriggers())
            await ExecuteAsync(connection, tx, statement, ct);
    }

    private static async Task<bool> InstalledAsync(DbConnection connection, DbTransaction? tx, bool postgres, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = postgres
            ? $"SELECT COUNT(*) FROM pg_trigger WHERE tgname = '{Name("insert")}'"
            : $"SELECT COUNT(*) FROM sqlite_master WHERE type = 'trigger' AND name = '{Name("insert")}'";
        return Convert.ToInt64(await command.ExecuteScalarAsync(ct)) > 0;
    }

    private static async Task<List<string>> OldTriggersAsync(DbConnection connection, DbTransaction tx, bool postgres, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = postgres
            ? $"SELECT tgname FROM pg_trigger WHERE tgname LIKE '{Prefix}%'"
            : $"SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE '{Prefix}%'";
        var names = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) names.Add(reader.GetString(0));
        return names;
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction? tx, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        command.CommandTimeout = 0;
        await command.ExecuteNonQueryAsync(ct);
    }

    private static IEnumerable<string> PostgresTriggers()
    {
        // One grouped upsert per statement, rows in key order so that two concurrent statements lock rollup rows
        // in the same order (no deadlock). Removed rows are added as negative counts to the writer's slot, the
        // same way: an undo never waits on a row another writer holds in a different order.
        string Upsert(params string[] parts) => $"""
            INSERT INTO "VisitRollups" ({Key}, "Count")
            SELECT c1, c2, c3, c4, c5, c6, c7, c8, c9, SUM(n) FROM ({string.Join("\nUNION ALL\n", parts.Select(p => $"({p})"))}) AS d(c1, c2, c3, c4, c5, c6, c7, c8, c9, n)
            GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9 ORDER BY 1, 2, 3, 4, 5, 6, 7, 8, 9
            ON CONFLICT ({Key}) DO UPDATE SET "Count" = "VisitRollups"."Count" + EXCLUDED."Count";
            """;
        var added = Aggregate(true, "new_rows", slot: PostgresSlot);
        var removed = Aggregate(true, "old_rows", "-COUNT(*)", PostgresSlot);
        yield return Function("add", Upsert(added));
        yield return Function("remove", Upsert(removed));
        yield return Function("change", Upsert(added, removed));
        yield return $"CREATE TRIGGER {Name("insert")} AFTER INSERT ON \"Visits\" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION {Name("add")}()";
        yield return $"CREATE TRIGGER {Name("delete")} AFTER DELETE ON \"Visits\" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION {Name("remove")}()";
        yield return $"CREATE TRIGGER {Name("update")} AFTER UPDATE ON \"Visits\" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION {Name("change")}()";
    }

    private static string Function(string name, string body) => $"""
        CREATE OR REPLACE FUNCTION {Name(name)}() RETURNS trigger LANGUAGE plpgsql AS $body$
        BEGIN
        {body}
        RETURN NULL;
        END
        $body$
        """;

    private static IEnumerable<string> SqliteTriggers()
    {
        // One statement for every grouping, the month computed once: a quarter less work per visit than one
        // upsert per grouping (measured: docs/performance-history.md).
        string Add(string row) => $"""
            INSERT INTO "VisitRollups" ({Key}, "Count")
            SELECT {row}"CiteId", g.grouping, m.month, {row}"StructureId", {row}"Kind", g.a, g.b, g.c, 0, 1
            FROM (SELECT {MonthSql(false, row + "\"Quarter\"")} AS month) AS m,
                 ({string.Join(" UNION ALL ", Groupings(row).Select(g => $"SELECT {(short)g.Grouping} AS grouping, {g.A} AS a, {g.B} AS b, {g.C} AS c"))}) AS g
            WHERE true
            ON CONFLICT ({Key}) DO UPDATE SET "Count" = "Count" + 1;

            """;
        string Remove(string row) => string.Concat(Groupings(row).Select(g => $"""
            UPDATE "VisitRollups" SET "Count" = "Count" - 1
            WHERE "CiteId" = {row}"CiteId" AND "Grouping" = {(short)g.Grouping} AND "Month" = {MonthSql(false, row + "\"Quarter\"")}
              AND "StructureId" = {row}"StructureId" AND "Kind" = {row}"Kind" AND "A" = {g.A} AND "B" = {g.B} AND "C" = {g.C} AND "Slot" = 0;

            """));
        yield return $"CREATE TRIGGER {Name("insert")} AFTER INSERT ON \"Visits\" BEGIN\n{Add("NEW.")}END";
        yield return $"CREATE TRIGGER {Name("delete")} AFTER DELETE ON \"Visits\" BEGIN\n{Remove("OLD.")}END";
        yield return $"CREATE TRIGGER {Name("update")} AFTER UPDATE ON \"Visits\" BEGIN\n{Remove("OLD.")}{Add("NEW.")}END";
    }
}

/// <summary>After every migration: the rollups' triggers, which live outside the migration files (decision 0004).</summary>
internal sealed class VisitRollupInitialiser(MaillageDb db) : Platform.Modules.IDatabaseInitialiser
{
    public Task InitialiseAsync(CancellationToken ct) => VisitRollupSchema.EnsureAsync(db, ct);
}
