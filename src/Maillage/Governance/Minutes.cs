using Maillage.Platform.Localization;
using Maillage.Platform.Tenancy;

namespace Maillage.Governance;

/// <summary>What the minutes of a session are: a full account (<i>compte rendu</i>) or the conclusions only (<i>relevé de conclusions</i>).</summary>
public enum MinutesKind { Account, Conclusions }

/// <summary>
/// The minutes of a session (issue 22 item 6): written by the body's secretary, approved at a following session of the
/// same body (which one is recorded), then locked — no edit is accepted after the approval.
/// </summary>
public sealed class Minutes : ITenantOwned
{
    public const int MaxText = 20000;
    public int Id { get; set; }
    public int CiteId { get; set; }
    public int BodyId { get; set; }
    public int SessionId { get; set; }
    public MinutesKind Kind { get; set; }
    public required string Text { get; set; }
    /// <summary>Who wrote the last version (the staff member's name).</summary>
    public string? WrittenBy { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    /// <summary>The session that approved them; set once, and the minutes are then locked.</summary>
    public int? ApprovedAtSessionId { get; set; }
    /// <summary>The day of that session.</summary>
    public DateOnly? ApprovedOn { get; set; }

    public bool Locked => ApprovedAtSessionId is not null;
}

/// <summary>Where an action item stands.</summary>
public enum ActionStatus { Open, InProgress, Done }

/// <summary>
/// An action item decided at a session (issue 22 item 6): what, who (a member of the body, or a name in free text when
/// the owner is not a member — a partner's staff, a service), by when, and where it stands, followed until done.
/// </summary>
public sealed class ActionItem : ITenantOwned
{
    public const int MaxTitle = 300;
    public int Id { get; set; }
    public int CiteId { get; set; }
    public int BodyId { get; set; }
    /// <summary>The session where it was decided.</summary>
    public int? SessionId { get; set; }
    public required string Title { get; set; }
    public int? OwnerMemberId { get; set; }
    public string? OwnerName { get; set; }
    public DateOnly DueOn { get; set; }
    public ActionStatus Status { get; set; }
    /// <summary>The day it was marked done.</summary>
    public DateOnly? DoneOn { get; set; }

    /// <summary>Not done and its due date has passed.</summary>
    public bool IsOverdue(DateOnly today) => Status != ActionStatus.Done && DueOn < today;
}

public static class MinutesText
{
    public static LocalizedText Describe(this MinutesKind kind) => kind switch
    {
        MinutesKind.Conclusions => new("Relevé de conclusions", "Summary of conclusions"),
        _ => new("Compte rendu", "Minutes"),
    };

    public static string ApiName(this MinutesKind kind) => kind == MinutesKind.Conclusions ? "conclusions" : "account";

    public static LocalizedText Describe(this ActionStatus status) => status switch
    {
        ActionStatus.InProgress => new("En cours", "In progress"),
        ActionStatus.Done => new("Fait", "Done"),
        _ => new("À faire", "To do"),
    };

    public static string ApiName(this ActionStatus status) => status switch
    {
        ActionStatus.InProgress => "inProgress",
        ActionStatus.Done => "done",
        _ => "open",
    };
}
