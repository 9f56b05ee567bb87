using System.ComponentModel.DataAnnotations;

namespace Maillage.Funding;

/// <summary>Settings of the Funding module (section <c>Funding</c>, README's configuration table).</summary>
internal sealed class FundingOptions
{
    public const string Section = "Funding";

    /// <summary>A signed figure further than this from the computed one, in percent of the computed figure, is flagged.</summary>
    [Range(0, 100)]
    public decimal DiscrepancyTolerancePercent { get; set; } = 1m;

    /// <summary>How many days before a deadline its e-mail goes to the convention's manager.</summary>
    [Range(1, 365)]
    public int DeadlineNoticeDays { get; set; } = 30;

    /// <summary>How often the deadlines are checked (each e-mail goes once, whatever the interval).</summary>
    [Range(1, 86400)]
    public int DeadlineCheckSeconds { get; set; } = 3600;

    public decimal Tolerance => DiscrepancyTolerancePercent / 100m;
}
