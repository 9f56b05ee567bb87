using System.ComponentModel.DataAnnotations;

namespace Maillage.Roster.Contributions;

/// <summary>
/// Settings under <c>Roster</c> for the valuation of contributions (issue 20, item 4): how hours held convert to
/// half-days, days and full-time equivalents, and what an hour is worth when the partner's commitment names no rate.
/// </summary>
internal sealed class ContributionOptions
{
    public const string Section = "Roster";

    /// <summary>Hours of a full-time year (the French legal figure, 1 607 h): the hours of one full-time equivalent (FTE).</summary>
    [Range(1, 3000)]
    public decimal FullTimeHours { get; set; } = 1607m;

    /// <summary>Hours of a day of presence (a convention's "day"): 7 h.</summary>
    [Range(1, 24)]
    public decimal HoursPerDay { get; set; } = 7m;

    /// <summary>Hours of a half-day of presence: 3.5 h.</summary>
    [Range(0.5, 12)]
    public decimal HoursPerHalfDay { get; set; } = 3.5m;

    /// <summary>The value of an hour held when the partner's commitment for the structure and year names none (0: no value, euros left blank).</summary>
    [Range(0, 10000)]
    public decimal DefaultHourlyRate { get; set; }
}
