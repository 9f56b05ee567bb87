namespace Maillage.Tests.Infrastructure;

/// <summary>
/// A test about PostgreSQL alone: on a SQLite run it is reported as skipped, with the reason, instead of passing
/// without checking anything. The provider is fixed for a test process (<c>MAILLAGE_TEST_DATABASE</c>), so the
/// choice is made when the test is discovered; plain xunit, no package (Xunit.SkippableFact decides at run time,
/// which only a test that learns its provider while running would need).
/// </summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (!TestDatabase.IsPostgres) Skip = "PostgreSQL only: this run is on SQLite (MAILLAGE_TEST_DATABASE=postgres runs it)";
    }
}

/// <summary>A test about SQLite alone: on a PostgreSQL run it is reported as skipped, with the reason.</summary>
public sealed class SqliteFactAttribute : FactAttribute
{
    public SqliteFactAttribute()
    {
        if (TestDatabase.IsPostgres) Skip = "SQLite only: this run is on PostgreSQL (MAILLAGE_TEST_DATABASE=sqlite runs it)";
    }
}
