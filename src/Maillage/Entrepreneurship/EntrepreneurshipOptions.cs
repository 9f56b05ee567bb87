using System.ComponentModel.DataAnnotations;
using Maillage.Platform.Indicators;

namespace Maillage.Entrepreneurship;

/// <summary>Settings of the Entrepreneurship module (section <c>Entrepreneurship</c>, README's configuration table).</summary>
public sealed class EntrepreneurshipOptions
{
    public const string Section = "Entrepreneurship";

    /// <summary>A holder's personal data is erased this many months after the last contact (CNIL: 2 years for social support records).</summary>
    [Range(1, 120)]
    public int RetentionMonths { get; set; } = 24;

    /// <summary>How often the retention purge runs.</summary>
    [Range(1, 168)]
    public int RetentionIntervalHours { get; set; } = 24;

    /// <summary>How often the overdue post-creation follow-ups are looked for and e-mailed to their coaches (once per due date).</summary>
    [Range(1, 168)]
    public int FollowUpCheckHours { get; set; } = 6;

    /// <summary>How long a partner's link to answer a referral stays valid, in days (then 404).</summary>
    [Range(1, 730)]
    public int PartnerLinkDays { get; set; } = 90;

    /// <summary>A referral sent by link and unanswered after this many days counts as "no answer" in the partners' figures.</summary>
    [Range(1, 365)]
    public int PartnerNoAnswerDays { get; set; } = 30;

    /// <summary>Answers to a partner's link accepted per minute and per client address (as the public registrations).</summary>
    [Range(1, 10000)]
    public int PartnerAnswersPerMinute { get; set; } = 30;

    /// <summary>
    /// Under disclosure control (a funder's reading of the CitésLab indicators), a count of people between 1 and this
    /// minus one is hidden (docs/disclosure-control.md); 1 turns the control off.
    /// </summary>
    [Range(1, 1000)]
    public int DisclosureThreshold { get; set; } = DisclosureControl.DefaultThreshold;
}
