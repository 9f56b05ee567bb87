using Maillage.Platform.Audit;
using Maillage.Platform.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Maillage.Platform.Data;

/// <summary>Used only by <c>dotnet ef migrations add</c>: see docs/decisions/0001.</summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteMaillageDb>
{
    public SqliteMaillageDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteMaillageDb>().UseSqlite("Data Source=design-time.db").Options);
}

internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresMaillageDb>
{
    public PostgresMaillageDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresMaillageDb>().UseNpgsql("Host=localhost;Database=design_time").Options);
}
