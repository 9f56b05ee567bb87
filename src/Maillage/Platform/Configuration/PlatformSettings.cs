using System.ComponentModel.DataAnnotations;

namespace Maillage.Platform.Configuration;

/// <summary>Settings under <c>Database</c>: which database, and SQLite's background checkpoints.</summary>
internal sealed class DatabaseOptions : IValidatableObject
{
    public const string Section = "Database";

    /// <summary><c>Sqlite</c> (embedded, the default) or <c>Postgres</c> (production; <c>PostgreSQL</c> is read alike).</summary>
    public string Provider { get; set; } = "Sqlite";

    public SqliteOptions Sqlite { get; set; } = new();

    public bool IsPostgres =>
        string.Equals(Provider, "Postgres", StringComparison.OrdinalIgnoreCase) || string.Equals(Provider, "PostgreSQL", StringComparison.OrdinalIgnoreCase);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!IsPostgres && !string.Equals(Provider, "Sqlite", StringComparison.OrdinalIgnoreCase))
            yield return new ValidationResult("must be Sqlite or Postgres", [nameof(Provider)]);
    }
}

internal sealed class SqliteOptions
{
    /// <summary>How often the write-ahead log is copied into the SQLite file (decision 0008).</summary>
    [Range(10, 3_600_000)]
    public int CheckpointMilliseconds { get; set; } = 1000;
}

/// <summary>Settings directly under <c>Maillage</c> that the platform reads: storage, start-up, the first administrator.</summary>
internal sealed class PlatformOptions
{
    public const string Section = "Maillage";

    /// <summary>Folder of the SQLite file <c>maillage.db</c> (and of the e-mails written as files).</summary>
    [Required(AllowEmptyStrings = false)]
    public string DataDirectory { get; set; } = "data";

    /// <summary>Apply migrations at start (a deployment that migrates with the <c>migrate</c> command may turn it off).</summary>
    public bool MigrateOnStart { get; set; } = true;

    /// <summary>In Development, add the demo users and every module's demo data.</summary>
    public bool SeedDemoUsers { get; set; } = true;

    public BootstrapOptions Bootstrap { get; set; } = new();
}

/// <summary>When no user exists, a platform operator created at start.</summary>
internal sealed class BootstrapOptions
{
    [EmailAddress]
    public string? AdminEmail { get; set; }

    [MinLength(12)]
    public string? AdminPassword { get; set; }
}

/// <summary>Settings under <c>Maillage:RateLimits</c> that the platform reads.</summary>
internal sealed class SignInRateLimitOptions
{
    public const string Section = "Maillage:RateLimits";

    /// <summary>Sign-in attempts per minute and per address.</summary>
    [Range(1, int.MaxValue)]
    public int SignInPerMinute { get; set; } = 10;
}

/// <summary>Settings under <c>Jobs</c>: the background scheduler.</summary>
internal sealed class JobsOptions
{
    public const string Section = "Jobs";

    public bool Enabled { get; set; } = true;

    /// <summary>Instances sharing a database share the name (and thus the work); Quartz keeps one scheduler per name per process.</summary>
    [Required(AllowEmptyStrings = false)]
    public string SchedulerName { get; set; } = "Maillage";
}

/// <summary>Settings under <c>OpenTelemetry</c>: export of traces and metrics over OTLP.</summary>
internal sealed class OpenTelemetryOptions
{
    public const string Section = "OpenTelemetry";

    public bool Enabled { get; set; }
}
