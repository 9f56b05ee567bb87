using System.Collections.Concurrent;
using System.Data.Common;
using System.Text;
using Maillage.Platform.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Maillage.Platform.Data;

/// <summary>
/// Inserts one new row with one plain statement, <c>INSERT … RETURNING</c> the generated key, in the caller's
/// transaction — for hot write paths (a registration and its e-mail during a rush) where change tracking and
/// the save pipeline cost more than the row itself. The statement is built once per entity type and database
/// from the EF Core model: table, columns (owned types included), and each property's type mapping, so that
/// value converters (enums, times stored as ticks on SQLite) apply exactly as in <c>SaveChanges</c>.
/// Only for types kept out of the audit trail (<see cref="INotAudited"/>): nothing that <c>SaveChanges</c>
/// would have audited can be written past it. The entity is not tracked; its key is set from the database.
/// </summary>
public static class PlainInsert
{
    private static readonly ConcurrentDictionary<(IModel, Type, bool), Statement> Statements = new();

    /// <summary>Inserts <paramref name="entity"/> and sets its generated key.</summary>
    public static Task InsertAsync<T>(MaillageDb db, T entity, CancellationToken ct = default) where T : class, INotAudited =>
        InsertRowAsync(db, entity, false, ct);

    /// <summary>
    /// Inserts an audited Cité-owned <paramref name="entity"/> and its audit entry — the entry <c>SaveChanges</c> writes for
    /// an added row: who, when, "Added", every value after — so that the row never stands without its entry (the room
    /// bookings' rush, issue 20).
    /// <para>On PostgreSQL, in <b>one statement</b> (the row inserted in a <c>WITH</c>, the entry from what it returned),
    /// atomic by itself: no transaction is needed, and none is held open across round trips while a concurrent writer of
    /// a conflicting row waits for it. In the caller's transaction when there is one. With
    /// <paramref name="skipOnConflict"/> the row is written <c>ON CONFLICT DO NOTHING</c>: a row that a unique index or an
    /// exclusion constraint refuses is not written (false, no entry, no error) — PostgreSQL's speculative insertion waits
    /// for a concurrent writer of a conflicting row instead of deadlocking with it (decision 0014).</para>
    /// <para>On SQLite, two statements in the caller's transaction, which is required; a refusal (guards are triggers)
    /// stays an error.</para>
    /// </summary>
    /// <returns>Whether the row was written.</returns>
    public static async Task<bool> InsertAuditedAsync<T>(MaillageDb db, T entity, CancellationToken ct = default, bool skipOnConflict = false) where T : class, Tenancy.ITenantOwned
    {
        if (!db.OnSqlite) return await InsertWithEntryAsync(db, entity, skipOnConflict, ct);
        if (db.Database.CurrentTransaction is null)
            throw new InvalidOperationException("An audited plain insert runs in the caller's transaction: the row and its audit entry are saved together.");
        var statement = await InsertRowAsync(db, entity, skipOnConflict && !db.OnSqlite, ct);
        if (statement is null) return false;
        var values = new List<(string, object?)>(statement.Columns.Length + 1);
        if (statement.Key is { } key) values.Add((key.Name, key.PropertyInfo!.GetValue(entity)));
        foreach (var column in statement.Columns) values.Add((column.Property.Name, column.Read(entity)));
        await InsertRowAsync(db, db.AddedEntry(typeof(T).Name, entity.CiteId, values), false, ct);
        return true;
    }

    /// <summary>Writes the row; null when <paramref name="skipOnConflict"/> and the database refused it (nothing returned).</summary>
    private static async Task<Statement?> InsertRowAsync<T>(MaillageDb db, T entity, bool skipOnConflict, CancellationToken ct) where T : class
    {
        var statement = Statements.GetOrAdd((db.Model, typeof(T), skipOnConflict), key => Statement.For(db, key.Item2, key.Item3));
        var key = await ExecuteAsync(db, statement.Sql, command => statement.AddParameters(command, entity, "p"), ct);
        if (skipOnConflict && key is null) return null;
        statement.SetKey(entity, key);
        return statement;
    }

    /// <summary>
    /// PostgreSQL: the row and its audit entry in one statement — <c>WITH "row" AS (INSERT … RETURNING key) INSERT INTO
    /// "AuditEntries" … SELECT … FROM "row"</c>. The entry's values are those <see cref="MaillageDb.AddedEntry"/> gives,
    /// except the two that hold the key the database generates: the entity's id (the key as text) and the values after
    /// (the key first, as <c>SaveChanges</c> writes it, then the others, serialised here).
    /// </summary>
    private static async Task<bool> InsertWithEntryAsync<T>(MaillageDb db, T entity, bool skipOnConflict, CancellationToken ct) where T : class, Tenancy.ITenantOwned
    {
        var pair = Pairs.GetOrAdd((db.Model, typeof(T), skipOnConflict), key => AuditedStatement.For(db, key.Item2, key.Item3));
        var row = pair.Row;
        var values = new List<(string, object?)>(row.Columns.Length);
        foreach (var column in row.Columns) values.Add((column.Property.Name, column.Read(entity)));
        var entry = db.AddedEntry(typeof(T).Name, entity.CiteId, values);
        // {"CiteId":…} → ,"CiteId":…} after the key written by the database; {} → }
        entry.After = entry.After is { Length: > 2 } after ? "," + after[1..] : "}";
        var key = await ExecuteAsync(db, pair.Sql, command =>
        {
            row.AddParameters(command, entity, "p");
            pair.Entry.AddParameters(command, entry, "a");
        }, ct);
        if (key is null) return false;
        row.SetKey(entity, key);
        return true;
    }

    /// <summary>Runs <paramref name="sql"/> in the context's transaction (if any) and returns the first value it returns.</summary>
    private static async Task<object?> ExecuteAsync(MaillageDb db, string sql, Action<DbCommand> parameters, CancellationToken ct)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var command = connection.CreateCommand();
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            command.CommandText = sql;
            parameters(command);
            return await command.ExecuteScalarAsync(ct);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static readonly ConcurrentDictionary<(IModel, Type, bool), AuditedStatement> Pairs = new();

    /// <summary>A row's insert and its audit entry's, as one statement (PostgreSQL).</summary>
    private sealed record AuditedStatement(string Sql, Statement Row, Statement Entry)
    {
        public static AuditedStatement For(MaillageDb db, Type type, bool skipOnConflict)
        {
            var row = Statement.For(db, type, skipOnConflict);
            if (row.Key is null)
                throw new NotSupportedException($"{type.Name}: an audited plain insert names the row by its generated key, and it has none.");
            var entry = Statement.For(db, typeof(AuditEntry), false);
            var sql = db.GetService<ISqlGenerationHelper>();
            var entryType = db.Model.FindEntityType(typeof(AuditEntry))!;
            var table = StoreObjectIdentifier.Table(entryType.GetTableName()!, entryType.GetSchema());
            var key = "\"row\"." + sql.DelimitIdentifier(row.Key.GetColumnName(StoreObjectIdentifier.Table(db.Model.FindEntityType(type)!.GetTableName()!, null))!);
            var select = entry.Columns.Select((c, i) => c.Property.Name switch
            {
                nameof(AuditEntry.EntityId) => $"{key}::text",
                nameof(AuditEntry.After) => $"'{{\"{row.Key.Name}\":' || {key} || {sql.GenerateParameterNamePlaceholder("a" + i)}",
                _ => sql.GenerateParameterNamePlaceholder("a" + i),
            });
            var text = new StringBuilder("WITH \"row\" AS (").Append(row.Sql).Append(") INSERT INTO ")
                .Append(sql.DelimitIdentifier(table.Name, table.Schema)).Append(" (")
                .AppendJoin(", ", entry.Columns.Select(c => sql.DelimitIdentifier(c.Property.GetColumnName(table)!)))
                .Append(") SELECT ").AppendJoin(", ", select).Append(" FROM \"row\" RETURNING ")
                .Append(sql.DelimitIdentifier(entry.Columns.Single(c => c.Property.Name == nameof(AuditEntry.EntityId)).Property.GetColumnName(table)!));
            return new AuditedStatement(text.ToString(), row, entry);
        }
    }

    private sealed record Column(IProperty Property, RelationalTypeMapping Mapping, Func<object, object?> Read);

    private sealed record Statement(string Sql, Column[] Columns, IProperty? Key)
    {
        /// <summary>Adds the entity's values as the parameters <paramref name="prefix"/>0, 1, …</summary>
        public void AddParameters(DbCommand command, object entity, string prefix)
        {
            for (var i = 0; i < Columns.Length; i++)
            {
                var column = Columns[i];
                var value = column.Read(entity);
                // The same text rule as SaveChanges (Errors.TextInterceptor): a hot path is no way around it.
                if (value is string text && Errors.TextInterceptor.Problem(column.Property, text) is { } problem) throw problem;
                command.Parameters.Add(column.Mapping.CreateParameter(command, prefix + i, value, column.Property.IsNullable));
            }
        }

        /// <summary>Sets the generated key the database returned (as a number, or as text from an audit entry's id).</summary>
        public void SetKey(object entity, object? key)
        {
            if (Key is { } k) k.PropertyInfo!.SetValue(entity, Convert.ChangeType(key, k.ClrType, System.Globalization.CultureInfo.InvariantCulture));
        }

        public static Statement For(MaillageDb db, Type type, bool skipOnConflict)
        {
            var entityType = db.Model.FindEntityType(type) ?? throw new InvalidOperationException($"{type.Name} is not in the model.");
            var table = StoreObjectIdentifier.Table(entityType.GetTableName()!, entityType.GetSchema());
            var sql = db.GetService<ISqlGenerationHelper>();
            var key = entityType.FindPrimaryKey()!.Properties.SingleOrDefault(p => p.ValueGenerated == ValueGenerated.OnAdd);
            var columns = new List<Column>();
            Collect(entityType, entity => entity, key, columns);

            var text = new StringBuilder("INSERT INTO ").Append(sql.DelimitIdentifier(table.Name, table.Schema)).Append(" (");
            text.AppendJoin(", ", columns.Select(c => sql.DelimitIdentifier(c.Property.GetColumnName(table)!)));
            text.Append(") VALUES (").AppendJoin(", ", columns.Select((_, i) => sql.GenerateParameterNamePlaceholder("p" + i))).Append(')');
            if (skipOnConflict && key is null)
                throw new NotSupportedException($"{entityType.DisplayName()}: a row skipped on conflict is told by its generated key, and it has none.");
            if (skipOnConflict) text.Append(" ON CONFLICT DO NOTHING");
            if (key is not null) text.Append(" RETURNING ").Append(sql.DelimitIdentifier(key.GetColumnName(table)!));
            return new Statement(text.ToString(), columns.ToArray(), key);
        }

        /// <summary>The columns of an entity type and of the owned types stored in its table, each with how to read its value.</summary>
        private static void Collect(IEntityType entityType, Func<object, object?> owner, IProperty? generatedKey, List<Column> columns)
        {
            foreach (var property in entityType.GetProperties())
            {
                if (property == generatedKey) continue;
                if (entityType.FindOwnership() is { } ownership && ownership.Properties.Contains(property)) continue; // the owner's key, same column
                if (property.IsShadowProperty() || property.PropertyInfo is null)
                    throw new NotSupportedException($"{entityType.DisplayName()}.{property.Name}: a plain insert needs a CLR property for every column.");
                var info = property.PropertyInfo;
                columns.Add(new Column(property, (RelationalTypeMapping)property.GetTypeMapping(),
                    entity => owner(entity) is { } o ? info.GetValue(o) : null));
            }
            foreach (var navigation in entityType.GetNavigations().Where(n => n.ForeignKey.IsOwnership && !n.IsOnDependent))
            {
                if (navigation.IsCollection || navigation.TargetEntityType.GetTableName() != entityType.GetTableName())
                    throw new NotSupportedException($"{entityType.DisplayName()}.{navigation.Name}: a plain insert writes owned types of the same table only.");
                var info = navigation.PropertyInfo!;
                Collect(navigation.TargetEntityType, entity => owner(entity) is { } o ? info.GetValue(o) : null, null, columns);
            }
        }
    }
}
