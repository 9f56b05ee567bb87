namespace Maillage.Platform.Jobs;

/// <summary>
/// The tables of Quartz.NET's ADO job store, as the Quartz assembly itself describes them for each
/// database (its embedded create_sqlite.sql / create_postgres.sql: every statement creates only what is
/// missing). Our migration <c>QuartzJobStore</c> runs them, so the schema always matches the Quartz
/// version we reference; Quartz validates it at start and refuses to run on a missing table.
/// </summary>
internal static class QuartzSchema
{
    public const string TablePrefix = "QRTZ_";

    public static IReadOnlyList<string> Statements(string? efProvider)
    {
        var dialect = efProvider?.Contains("Npgsql", StringComparison.OrdinalIgnoreCase) == true ? "postgres" : "sqlite";
        var resource = $"Quartz.Impl.AdoJobStore.Schema.create_{dialect}.sql";
        using var stream = typeof(Quartz.IScheduler).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Quartz.NET no longer ships {resource}: see docs/decisions/0003.");
        using var reader = new StreamReader(stream);
        var script = reader.ReadToEnd().Replace("{0}", TablePrefix).Replace("{1}", TablePrefix);
        return script.Split("\n--;;", StringSplitOptions.RemoveEmptyEntries)
            .Select(s => s.Trim())
            .Where(s => s.Split('\n').Any(line => line.Trim().Length > 0 && !line.TrimStart().StartsWith("--", StringComparison.Ordinal)))
            .ToList();
    }
}
