using Maillage.Platform.Indicators;
using System.ComponentModel.DataAnnotations;
using Maillage.Visits.Statistics;

namespace Maillage.Visits;

/// <summary>Settings under <c>Maillage:Visits</c>.</summary>
internal sealed class VisitsOptions
{
    public const string Section = "Maillage:Visits";

    /// <summary>Counts below this are shown as "secret" to funders and the public (docs/disclosure-control.md).</summary>
    [Range(1, 1000)]
    public int DisclosureThreshold { get; set; } = DisclosureControl.DefaultThreshold;
}

/// <summary>Settings under <c>Maillage:RateLimits</c> that the visits read.</summary>
internal sealed class KioskRateLimitOptions
{
    public const string Section = "Maillage:RateLimits";

    /// <summary>Requests per minute of one kiosk tablet (or address).</summary>
    [Range(1, int.MaxValue)]
    public int KioskPerMinute { get; set; } = 30;
}

/// <summary>Settings directly under <c>Maillage</c> that the visits read.</summary>
internal sealed class DemoVisitsOptions
{
    public const string Section = "Maillage";

    /// <summary>On a first start in Development, three years of synthetic visits into a database that has none.</summary>
    public bool SeedDemoVisits { get; set; } = true;
}
