using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Maillage.Platform.Data;

/// <summary>What a failed save means, on either database.</summary>
public static class DbErrors
{
    /// <summary>The save met a unique index (PostgreSQL 23505, SQLite SQLITE_CONSTRAINT_UNIQUE or _PRIMARYKEY).</summary>
    public static bool IsUniqueViolation(DbUpdateException e) => e.InnerException is { } inner && IsUniqueViolation(inner);

    /// <summary>The same, for a statement run without the save pipeline (e.g. <see cref="PlainInsert"/>).</summary>
    public static bool IsUniqueViolation(Exception e) => e switch
    {
        PostgresException pg => pg.SqlState == PostgresErrorCodes.UniqueViolation,
        SqliteException sqlite => sqlite.SqliteExtendedErrorCode is 2067 or 1555,
        _ => false,
    };
}

/// <summary>A named guard of the schema refused a write: an exclusion constraint on PostgreSQL, a trigger's <c>RAISE(ABORT, name)</c> on SQLite.</summary>
public static class GuardErrors
{
    public static bool IsGuard(Exception e, string name) => e switch
    {
        Microsoft.EntityFrameworkCore.DbUpdateException { InnerException: { } inner } => IsGuard(inner, name),
        PostgresException pg => pg.SqlState == PostgresErrorCodes.ExclusionViolation && pg.ConstraintName == name,
        SqliteException sqlite => sqlite.SqliteErrorCode == 19 && sqlite.Message.Contains(name, StringComparison.Ordinal),
        _ => false,
    };
}
