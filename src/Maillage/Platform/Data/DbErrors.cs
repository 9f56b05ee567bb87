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
