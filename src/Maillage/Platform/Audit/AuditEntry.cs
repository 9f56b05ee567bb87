namespace Maillage.Platform.Audit;

/// <summary>Who changed what and when, with the values before and after (JSON objects).</summary>
[Data.TimesAsText]
public sealed class AuditEntry
{
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }
    public string? UserId { get; set; }
    public string? UserName { get; set; }
    public int? CiteId { get; set; }
    public required string EntityType { get; set; }
    public required string EntityId { get; set; }
    public required string Action { get; set; }
    public string? Before { get; set; }
    public string? After { get; set; }
}

/// <summary>The person a change is attributed to; the command line and start-up use "system".</summary>
public interface IAuditActor
{
    string? UserId { get; }
    string? UserName { get; }
}

internal sealed class SystemActor : IAuditActor
{
    public string? UserId => null;
    public string UserName => "system";
}

/// <summary>
/// Entities whose changes are not written to the audit trail: anonymous, high-volume records (visits)
/// that hold nothing personal, financial or governance-related; high-volume technical rows (the e-mail
/// outbox); and personal data with a retention limit (registrations), which a copy in the trail would outlive.
/// </summary>
public interface INotAudited;

/// <summary>
/// Where an audited row that is not a Cité's own (<see cref="Tenancy.ITenantOwned"/>) belongs, so that its trail entry
/// reaches the administrators of that Cité: a Cité directly, or a structure, whose Cité the trail looks up.
/// Implemented explicitly by the entity (explicit members are not mapped to columns).
/// </summary>
public interface IAuditPlaced
{
    int? AuditCiteId => null;
    int? AuditStructureId => null;
}
