using Maillage.Platform.Audit;
using Maillage.Platform.Tenancy;

namespace Maillage.Roster;

/// <summary>
/// One duty on one day: a partner's counsellor holds a pole at a structure from <see cref="StartsAt"/> to
/// <see cref="EndsAt"/>. The unit everything reads — the planning grid, the public presence, the hours held — so that a
/// change to one day (an absence, a replacement, a swap, an occurrence removed) is a change to one row. Patterns
/// (<see cref="DutyPattern"/>) only generate slots.
/// </summary>
public sealed class DutySlot : ITenantOwned, IAuditPlaced
{
    public int Id { get; set; }
    public int CiteId { get; set; }
    public int StructureId { get; set; }
    public int PoleId { get; set; }
    public int PartnerId { get; set; }
    /// <summary>The named counsellor (a staff account), or none: "a counsellor of the partner", not known yet.</summary>
    public string? CounsellorId { get; set; }
    /// <summary>The pattern that generated it, if any (kept when the day is changed by hand: the pattern will not bring it back).</summary>
    public int? PatternId { get; set; }
    public DateTimeOffset StartsAt { get; set; }
    public DateTimeOffset EndsAt { get; set; }
    public DutyStatus Status { get; set; } = DutyStatus.Planned;
    /// <summary>Why the counsellor is absent (Status Absent), in words.</summary>
    public string? AbsenceReason { get; set; }
    /// <summary>A replacement: this slot covers the absent slot it names (who replaces whom, recorded).</summary>
    public int? ReplacesSlotId { get; set; }
    public string? Note { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? UpdatedAt { get; set; }

    int? IAuditPlaced.AuditCiteId => CiteId;
    int? IAuditPlaced.AuditStructureId => StructureId;

    /// <summary>Held: planned and not absent nor removed. Hours held add these (a replacement is a slot of its own).</summary>
    public bool IsHeld => Status == DutyStatus.Planned;
    public double Hours => (EndsAt - StartsAt).TotalHours;
}

public enum DutyStatus
{
    /// <summary>The counsellor is expected.</summary>
    Planned,
    /// <summary>The counsellor will not come (or did not): the slot is not held; a replacement slot may cover it.</summary>
    Absent,
    /// <summary>An occurrence removed from its pattern (an exception): kept so that filling the pattern again skips it.</summary>
    Cancelled,
}

/// <summary>
/// A recurring duty, in the structure's local time: from <see cref="FirstDate"/>, <see cref="Starts"/>–<see cref="Ends"/>,
/// repeated by an iCalendar RRULE (weekly, every other week, the nth weekday of the month) that must end (UNTIL or
/// COUNT, at most two years). Filling generates one <see cref="DutySlot"/> per occurrence, skipping the dates in
/// <see cref="ExceptionDates"/> and those already generated.
/// </summary>
public sealed class DutyPattern : ITenantOwned, IAuditPlaced
{
    public int Id { get; set; }
    public int CiteId { get; set; }
    public int StructureId { get; set; }
    public int PoleId { get; set; }
    public int PartnerId { get; set; }
    public string? CounsellorId { get; set; }
    public DateOnly FirstDate { get; set; }
    public TimeOnly Starts { get; set; }
    public TimeOnly Ends { get; set; }
    /// <summary>RFC 5545 RRULE without the "RRULE:" prefix, e.g. <c>FREQ=WEEKLY;INTERVAL=2;BYDAY=TU;UNTIL=20271231</c>.</summary>
    public required string RecurrenceRule { get; set; }
    /// <summary>The last date the rule can reach (from UNTIL or COUNT), kept for queries.</summary>
    public DateOnly LastDate { get; set; }
    /// <summary>Local dates left out of the pattern, ISO (yyyy-MM-dd), comma-separated.</summary>
    public string? ExceptionDates { get; set; }
    public string? Note { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    int? IAuditPlaced.AuditCiteId => CiteId;
    int? IAuditPlaced.AuditStructureId => StructureId;
}

/// <summary>
/// A swap proposed by a partner's counsellor and decided by the structure's coordinator: either hand
/// <see cref="SlotId"/> over to another partner or counsellor, or exchange it with <see cref="WithSlotId"/>.
/// </summary>
public sealed class DutySwap : ITenantOwned, IAuditPlaced
{
    public int Id { get; set; }
    public int CiteId { get; set; }
    public int StructureId { get; set; }
    public int SlotId { get; set; }
    public int? WithSlotId { get; set; }
    public int? ToPartnerId { get; set; }
    public string? ToCounsellorId { get; set; }
    public string? Message { get; set; }
    public SwapStatus Status { get; set; } = SwapStatus.Proposed;
    public required string ProposedById { get; set; }
    public DateTimeOffset ProposedAt { get; set; }
    public string? DecidedById { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }

    int? IAuditPlaced.AuditCiteId => CiteId;
    int? IAuditPlaced.AuditStructureId => StructureId;
}

public enum SwapStatus { Proposed, Approved, Refused, Withdrawn }

/// <summary>
/// What a partner committed to give a structure in a year (days or hours), and what an hour of it is worth (for the
/// valuation of contributions; none: the Cité's default rate). Entered by the coordinator now; linked to the
/// convention when the funding module exists.
/// </summary>
public sealed class PartnerCommitment : ITenantOwned, IAuditPlaced
{
    public int Id { get; set; }
    public int CiteId { get; set; }
    public int PartnerId { get; set; }
    public int StructureId { get; set; }
    public int Year { get; set; }
    public decimal? Days { get; set; }
    public decimal? Hours { get; set; }
    public decimal? HourlyRate { get; set; }
    public string Currency { get; set; } = "EUR";
    public string? Source { get; set; }

    int? IAuditPlaced.AuditCiteId => CiteId;
    int? IAuditPlaced.AuditStructureId => StructureId;
}

/// <summary>
/// What an hour of a function is worth in a Cité for a year, whoever holds it: the function is the pole held (an hour at
/// the reception desk, an hour of business-creation counselling). The valuation takes the partner's own rate (its
/// <see cref="PartnerCommitment.HourlyRate"/>) first, then this one, then the default rate.
/// </summary>
public sealed class FunctionRate : ITenantOwned, IAuditPlaced
{
    public const int MaxFunctionLength = 200;

    public int Id { get; set; }
    public int CiteId { get; set; }
    public int Year { get; set; }
    /// <summary>The function: a pole's name as the Cité's places spell it (the same pole at several places is one function).</summary>
    public required string Function { get; set; }
    public decimal HourlyRate { get; set; }
    public string Currency { get; set; } = "EUR";
    public string? Source { get; set; }

    int? IAuditPlaced.AuditCiteId => CiteId;
    int? IAuditPlaced.AuditStructureId => null;
}

/// <summary>A coverage-gap e-mail sent for one structure and one local date: the record that makes it sent once.</summary>
public sealed class CoverageAlert : ITenantOwned
{
    public int Id { get; set; }
    public int CiteId { get; set; }
    public int StructureId { get; set; }
    public DateOnly Date { get; set; }
    public int Gaps { get; set; }
    public DateTimeOffset SentAt { get; set; }
}
