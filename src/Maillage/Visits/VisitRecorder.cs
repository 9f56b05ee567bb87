using System.Data;
using System.Data.Common;
using Maillage.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Maillage.Visits;

/// <summary>A visit ready to store, with the uuid its client gave it.</summary>
internal readonly record struct VisitToRecord(Guid ClientId, Visit Visit);

/// <summary>
/// Stores visits and their receipts in one transaction, counting each client uuid once. The rows are written
/// with plain SQL (no change tracking, no audit: the records are anonymous), in one statement per batch on
/// PostgreSQL and prepared statements on SQLite (an in-process call each).
/// Concurrent resends of one uuid meet the receipts' primary key: the second waits for the first and
/// inserts nothing (<c>ON CONFLICT DO NOTHING</c>), on both databases.
/// Small requests (a reception entry) go through <see cref="VisitCommitGroups"/>, which writes the entries
/// arriving together in one transaction (decision 0007).
/// </summary>
internal sealed class VisitRecorder(MaillageDb db, SqliteWriteGate writeGate, TimeProvider clock, VisitCommitGroups groups)
{
    /// <summary>Records what is new, ignores what was already received; returns the number recorded.</summary>
    public async Task<int> RecordAsync(IReadOnlyList<VisitToRecord> entries, CancellationToken ct = default)
    {
        if (entries.Count == 0) return 0;
        if (entries.Count <= VisitCommitGroups.GroupedUpTo && db.Database.CurrentTransaction is null)
            return await groups.RecordAsync(entries, ct);
        return (await RecordTogetherAsync(entries, ct)).Count;
    }

    /// <summary>Stores the entries now, in one transaction; returns the client ids that were new.</summary>
    public async Task<IReadOnlySet<Guid>> RecordTogetherAsync(IReadOnlyList<VisitToRecord> entries, CancellationToken ct = default)
    {
        if (entries.Count == 0) return new HashSet<Guid>();
        var receivedAt = clock.GetUtcNow().ToUnixTimeMilliseconds();
        if (db.Database.GetDbConnection() is NpgsqlConnection pg && db.Database.CurrentTransaction is null)
        {
            // One statement inserts receipts and visits together: atomic by itself, no BEGIN/COMMIT round trips.
            await db.Database.OpenConnectionAsync(ct);
            try { return await RecordPostgresAsync(pg, null, entries, receivedAt, ct); }
            finally { await db.Database.CloseConnectionAsync(); }
        }
        // On SQLite, writers of this process queue at the gate rather than in SQLite's sleeping busy handler.
        using var turn = await writeGate.TurnAsync(db, ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var connection = db.Database.GetDbConnection();
        var tx = transaction.GetDbTransaction();
        var recorded = connection is NpgsqlConnection npgsql
            ? await RecordPostgresAsync(npgsql, (NpgsqlTransaction)tx, entries, receivedAt, ct)
            : await RecordSqliteAsync(connection, tx, entries, receivedAt, ct);
        await transaction.CommitAsync(ct);
        return recorded;
    }

    /// <summary>The PostgreSQL path, public so that the benchmark's ADO.NET baseline runs the very same statement.</summary>
    public static async Task<HashSet<Guid>> RecordPostgresAsync(NpgsqlConnection connection, NpgsqlTransaction? tx, IReadOnlyList<VisitToRecord> entries, long receivedAt, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(PostgresInsert, connection, tx);
        Array<Guid>(command, "client", NpgsqlDbType.Uuid, entries, e => e.ClientId);
        Array(command, "quarter", NpgsqlDbType.Integer, entries, e => e.Visit.Quarter);
        Array(command, "structure", NpgsqlDbType.Integer, entries, e => e.Visit.StructureId);
        Array(command, "cite", NpgsqlDbType.Integer, entries, e => e.Visit.CiteId);
        Array(command, "partner", NpgsqlDbType.Integer, entries, e => e.Visit.PartnerId);
        Array(command, "residence", NpgsqlDbType.Integer, entries, e => e.Visit.ResidenceId);
        Array(command, "needs", NpgsqlDbType.Smallint, entries, e => (short)e.Visit.Needs);
        Array(command, "services", NpgsqlDbType.Smallint, entries, e => (short)e.Visit.Services);
        Array(command, "kind", NpgsqlDbType.Smallint, entries, e => (short)e.Visit.Kind);
        Array(command, "channel", NpgsqlDbType.Smallint, entries, e => (short)e.Visit.Channel);
        Array(command, "status", NpgsqlDbType.Smallint, entries, e => (short)e.Visit.PublicStatus);
        Array(command, "age", NpgsqlDbType.Smallint, entries, e => (short)e.Visit.AgeBracket);
        Array(command, "gender", NpgsqlDbType.Smallint, entries, e => (short)e.Visit.Gender);
        Array(command, "extra", NpgsqlDbType.Smallint, entries, e => e.Visit.Extra);
        command.Parameters.Add(new NpgsqlParameter<long>("received", NpgsqlDbType.Bigint) { TypedValue = receivedAt });
        var recorded = new HashSet<Guid>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) recorded.Add(reader.GetGuid(0));
        return recorded;
    }

    private static void Array<T>(NpgsqlCommand command, string name, NpgsqlDbType type, IReadOnlyList<VisitToRecord> entries, Func<VisitToRecord, T> value)
    {
        var values = new T[entries.Count];
        for (var i = 0; i < values.Length; i++) values[i] = value(entries[i]);
        command.Parameters.Add(new NpgsqlParameter<T[]>(name, NpgsqlDbType.Array | type) { TypedValue = values });
    }

    // Ids are drawn first so that each receipt names its visit; only the rows whose receipt was inserted
    // (a uuid not seen before) become visits. The CTE is materialised once (it calls nextval). The statement
    // answers the uuids recorded (PostgreSQL runs a data-modifying WITH once, whether read or not).
    private const string PostgresInsert = """
        WITH input AS MATERIALIZED (
            SELECT nextval(pg_get_serial_sequence('"Visits"', 'Id'))::int AS id, t.*
            FROM unnest(@client, @quarter, @structure, @cite, @partner, @residence, @needs, @services, @kind, @channel, @status, @age, @gender, @extra)
                 AS t(client, quarter, structure, cite, partner, residence, needs, services, kind, channel, status, age, gender, extra)),
        accepted AS (
            INSERT INTO "VisitReceipts" ("ClientId", "CiteId", "StructureId", "VisitId", "ReceivedAt")
            SELECT client, cite, structure, id, @received FROM input
            ON CONFLICT ("ClientId") DO NOTHING
            RETURNING "VisitId", "ClientId"),
        visits AS (
            INSERT INTO "Visits" ("Id", "Quarter", "StructureId", "CiteId", "PartnerId", "ResidenceId", "Needs", "Services", "Kind", "Channel", "PublicStatus", "AgeBracket", "Gender", "Extra")
            SELECT i.id, i.quarter, i.structure, i.cite, i.partner, i.residence, i.needs, i.services, i.kind, i.channel, i.status, i.age, i.gender, i.extra
            FROM input i JOIN accepted a ON a."VisitId" = i.id
            ORDER BY i.id)
        SELECT "ClientId" FROM accepted
        """;

    /// <summary>The SQLite path, public so that the benchmark's ADO.NET baseline runs the very same statements.</summary>
    public static async Task<HashSet<Guid>> RecordSqliteAsync(DbConnection connection, DbTransaction tx, IReadOnlyList<VisitToRecord> entries, long receivedAt, CancellationToken ct)
    {
        using var statements = new SqliteVisitStatements(connection);
        return await statements.RecordAsync(tx, entries, receivedAt, ct);
    }

    /// <summary>
    /// Takes back an entry the reception just made by mistake. The receipt stays (its visit id set to 0) so
    /// that a late resend of the same uuid is still refused. False when there is nothing to undo.
    /// </summary>
    public async Task<bool> UndoAsync(Guid clientId, int structureId, CancellationToken ct = default)
    {
        using var turn = await writeGate.TurnAsync(db, ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var visitId = await db.VisitReceipts.Where(r => r.ClientId == clientId && r.StructureId == structureId && r.VisitId > 0)
            .Select(r => r.VisitId).FirstOrDefaultAsync(ct);
        if (visitId == 0) return false;
        var claimed = await db.VisitReceipts.Where(r => r.ClientId == clientId && r.VisitId == visitId)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.VisitId, 0), ct);
        if (claimed == 0) return false; // undone concurrently
        await db.Visits.Where(v => v.Id == visitId).ExecuteDeleteAsync(ct);
        await transaction.CommitAsync(ct);
        return true;
    }

    /// <summary>Deletes receipts older than <see cref="VisitReceipt.KeptFor"/>; returns how many.</summary>
    public Task<int> PurgeReceiptsAsync(CancellationToken ct = default)
    {
        var before = (clock.GetUtcNow() - VisitReceipt.KeptFor).ToUnixTimeMilliseconds();
        return db.VisitReceipts.IgnoreQueryFilters().Where(r => r.ReceivedAt < before).ExecuteDeleteAsync(ct);
    }
}

/// <summary>
/// The two statements that store visits on SQLite, on one connection. SQLite compiles a statement, with the rollup
/// trigger it fires, when a command first runs; a holder kept with its connection (the commit group's writer,
/// decision 0007) compiles them once, not at every group.
/// </summary>
internal sealed class SqliteVisitStatements : IDisposable
{
    private readonly DbCommand _receipt;
    private readonly DbCommand _visit;

    public SqliteVisitStatements(DbConnection connection)
    {
        _receipt = Command(connection, """
            INSERT INTO "VisitReceipts" ("ClientId", "CiteId", "StructureId", "VisitId", "ReceivedAt") VALUES ($client, $cite, $structure, 0, $received)
            ON CONFLICT ("ClientId") DO NOTHING
            """, "client", "cite", "structure", "received");
        _visit = Command(connection, """
            INSERT INTO "Visits" ("Quarter", "StructureId", "CiteId", "PartnerId", "ResidenceId", "Needs", "Services", "Kind", "Channel", "PublicStatus", "AgeBracket", "Gender", "Extra")
            VALUES ($quarter, $structure, $cite, $partner, $residence, $needs, $services, $kind, $channel, $status, $age, $gender, $extra);
            UPDATE "VisitReceipts" SET "VisitId" = last_insert_rowid() WHERE "ClientId" = $client
            """, "quarter", "structure", "cite", "partner", "residence", "needs", "services", "kind", "channel", "status", "age", "gender", "extra", "client");
    }

    /// <summary>Stores the entries whose client id is new, inside <paramref name="tx"/>; returns those ids.</summary>
    public async Task<HashSet<Guid>> RecordAsync(DbTransaction tx, IReadOnlyList<VisitToRecord> entries, long receivedAt, CancellationToken ct)
    {
        _receipt.Transaction = tx;
        _visit.Transaction = tx;
        var recorded = new HashSet<Guid>();
        foreach (var (clientId, v) in entries)
        {
            // EF Core stores a Guid as upper-case text on SQLite: the same here, so that both read one format.
            var client = clientId.ToString().ToUpperInvariant();
            Set(_receipt, client, v.CiteId, v.StructureId, receivedAt);
            if (await _receipt.ExecuteNonQueryAsync(ct) == 0) continue;
            Set(_visit, v.Quarter, v.StructureId, v.CiteId, v.PartnerId, v.ResidenceId, (short)v.Needs, (short)v.Services, (short)v.Kind,
                (short)v.Channel, (short)v.PublicStatus, (short)v.AgeBracket, (short)v.Gender, v.Extra, client);
            await _visit.ExecuteNonQueryAsync(ct);
            recorded.Add(clientId);
        }
        return recorded;
    }

    private static DbCommand Command(DbConnection connection, string sql, params string[] names)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in names)
        {
            var p = command.CreateParameter();
            p.ParameterName = "$" + name;
            command.Parameters.Add(p);
        }
        return command;
    }

    private static void Set(DbCommand command, params object[] values)
    {
        for (var i = 0; i < values.Length; i++) command.Parameters[i].Value = values[i];
    }

    public void Dispose()
    {
        _receipt.Dispose();
        _visit.Dispose();
    }
}
