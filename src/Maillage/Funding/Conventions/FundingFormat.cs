using System.Globalization;
using Maillage.Funding.Rules;
using Maillage.Platform.Localization;

namespace Maillage.Funding.Conventions;

/// <summary>How the pages write the module's dates, periods, amounts and percentages, in the reader's language.</summary>
internal static class FundingFormat
{
    private static CultureInfo Culture => CultureInfo.GetCultureInfo(LocalizedText.IsEnglish ? "en-GB" : "fr-FR");

    /// <summary>"1er janvier 2022" / "1 January 2022": through the platform's one date writer (<see cref="HumanDates"/>).</summary>
    public static string Date(DateOnly? d) => d is { } x ? HumanDates.Date(x, Culture) : Text.T("inconnue", "unknown");

    public static string Money(decimal? value, string currency = "EUR") => value is { } v ? Rules.Money.Format(v, currency, LocalizedText.IsEnglish ? "en" : "fr") : "—";

    public static string Number(decimal? value) => value is { } v ? v.ToString("0.##", Culture) : "—";

    /// <summary>A number as a form field shows it back ("6,5" in French; empty when none), which the forms read again.</summary>
    public static string? Field(decimal? value) => value?.ToString("0.####", Culture);

    public static string Percent(decimal? fraction, int decimals = 1) => fraction is { } f ? (f * 100).ToString("0." + new string('#', decimals), Culture) + " %" : "—";

    public static string Period(Convention c) => c.EffectiveFrom is null && c.EffectiveTo is null
        ? (c.TermMonthsFromSignature is { } m ? Text.T($"{m / 12} ans à compter de la signature", $"{m / 12} years from signature") : "—")
        : Text.T($"du {Date(c.EffectiveFrom)} au {Date(c.EffectiveTo)}", $"{Date(c.EffectiveFrom)} to {Date(c.EffectiveTo)}");

    public static string Discrepancy(CheckedFigure f) => f.Discrepancy is not { } d ? "—"
        : d == 0 ? "0" : (d > 0 ? "+" : "−") + Money(Math.Abs(d)) + (f.Relative is { } r ? $" ({(r > 0 ? "+" : "−")}{Percent(Math.Abs(r), 2)})" : "");
}
