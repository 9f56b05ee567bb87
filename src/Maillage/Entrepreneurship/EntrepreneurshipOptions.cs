using System.ComponentModel.DataAnnotations;
using Maillage.Platform.Indicators;

namespace Maillage.Entrepreneurship;

/// <summary>Settings of the Entrepreneurship module (section <c>Entrepreneurship</c>, README's configuration table).</summary>
internal sealed class EntrepreneurshipOptions
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

    /// <summary>
    /// Under disclosure control (a funder's reading of the CitésLab indicators), a count of people between 1 and this
    /// minus one is hidden (docs/disclosure-control.md); 1 turns the control off.
    /// </summary>
    [Range(1, 1000)]
    public int DisclosureThreshold { get; set; } = DisclosureControl.DefaultThreshold;
}
