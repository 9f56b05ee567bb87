namespace Maillage.Network.OpeningHours;

/// <summary>One range of the weekly pattern: a structure may open several times a day.</summary>
public sealed class OpeningRange : Platform.Audit.IAuditPlaced
{
    int? Platform.Audit.IAuditPlaced.AuditStructureId => StructureId;
    public int Id { get; set; }
    public int StructureId { get; set; }
    public DayOfWeek Day { get; set; }
    public TimeOnly Opens { get; set; }
    public TimeOnly Closes { get; set; }
}

/// <summary>
/// An exceptional day: closed (<see cref="Closed"/>), or open with its own range instead of the weekly
/// pattern (several rows on one date give several ranges). Exceptions win over public holidays.
/// </summary>
public sealed class OpeningException : Platform.Audit.IAuditPlaced
{
    int? Platform.Audit.IAuditPlaced.AuditStructureId => StructureId;
    public int Id { get; set; }
    public int StructureId { get; set; }
    public DateOnly Date { get; set; }
    public bool Closed { get; set; }
    public TimeOnly? Opens { get; set; }
    public TimeOnly? Closes { get; set; }
    public string? Reason { get; set; }
}

public readonly record struct TimeRange(TimeOnly Opens, TimeOnly Closes)
{
    public bool Contains(TimeOnly time) => time >= Opens && time < Closes;
}
