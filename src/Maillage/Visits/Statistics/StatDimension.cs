using Maillage.Platform.Localization;
using Maillage.Visits.Categories;

namespace Maillage.Visits.Statistics;

/// <summary>What visits can be counted by. Periods (year … day) are dimensions like the others.</summary>
internal enum StatDimension
{
    Structure, Kind, Channel, PublicStatus, AgeBracket, Gender, Needs, Services, Partner, Residence, FirstVisit,
    Year, Month, Week, Day,
}

/// <summary>
/// A dimension as the API names it (<c>groupBy=pole,publicStatus</c>), how it is computed from a visit row
/// and from a rollup row, and how its stored value reads (API value, label).
/// Needs and services are bit masks: grouping by them counts each <em>combination</em> once, so that a
/// visit with two needs falls in exactly one row ("jobSearch + orientation") and the rows add up to the total.
/// </summary>
internal static class StatDimensions
{
    /// <summary>API names; <c>pole</c> is the need a visitor comes with (the poles are named after the needs).</summary>
    public static readonly IReadOnlyDictionary<string, StatDimension> ByName = new Dictionary<string, StatDimension>(StringComparer.Ordinal)
    {
        ["structure"] = StatDimension.Structure, ["kind"] = StatDimension.Kind, ["channel"] = StatDimension.Channel,
        ["publicStatus"] = StatDimension.PublicStatus, ["ageBracket"] = StatDimension.AgeBracket, ["age"] = StatDimension.AgeBracket,
        ["gender"] = StatDimension.Gender, ["needs"] = StatDimension.Needs, ["pole"] = StatDimension.Needs,
        ["services"] = StatDimension.Services, ["service"] = StatDimension.Services, ["partner"] = StatDimension.Partner,
        ["residence"] = StatDimension.Residence, ["firstVisit"] = StatDimension.FirstVisit,
        ["year"] = StatDimension.Year, ["month"] = StatDimension.Month, ["week"] = StatDimension.Week, ["day"] = StatDimension.Day,
    };

    public static bool IsPeriod(this StatDimension d) => d is StatDimension.Year or StatDimension.Month or StatDimension.Week or StatDimension.Day;

    /// <summary>SQL over a row of <c>Visits</c>.</summary>
    public static string VisitSql(this StatDimension d, bool postgres) => d switch
    {
        StatDimension.Structure => "\"StructureId\"",
        StatDimension.Kind => "\"Kind\"",
        StatDimension.Channel => "\"Channel\"",
        StatDimension.PublicStatus => "\"PublicStatus\"",
        StatDimension.AgeBracket => "\"AgeBracket\"",
        StatDimension.Gender => "\"Gender\"",
        StatDimension.Needs => "\"Needs\"",
        StatDimension.Services => "\"Services\"",
        StatDimension.Partner => "\"PartnerId\"",
        StatDimension.Residence => "\"ResidenceId\"",
        StatDimension.FirstVisit => $"(\"Extra\" % {VisitExtra.FirstVisitSize})",
        StatDimension.Year => $"({VisitRollupSchema.MonthSql(postgres, "\"Quarter\"")} / 12)",
        StatDimension.Month => VisitRollupSchema.MonthSql(postgres, "\"Quarter\""),
        // Days since 1970-01-01 (UTC); weeks start on Monday (1970-01-01 was a Thursday).
        StatDimension.Week => $"((\"Quarter\" / {QuartersPerDay} + 3) / 7)",
        _ => $"(\"Quarter\" / {QuartersPerDay})",
    };

    public const int QuartersPerDay = 96;

    /// <summary>The rollup column holding the dimension in a grouping, or null when the grouping lacks it.</summary>
    public static string? RollupSql(this StatDimension d, RollupGrouping g) => d switch
    {
        StatDimension.Structure => "\"StructureId\"",
        StatDimension.Kind => "\"Kind\"",
        StatDimension.Year => "(\"Month\" / 12)",
        StatDimension.Month => "\"Month\"",
        StatDimension.Week or StatDimension.Day => null,
        _ => (g, d) switch
        {
            (RollupGrouping.Profile, StatDimension.PublicStatus) => "\"A\"",
            (RollupGrouping.Profile, StatDimension.AgeBracket) => "\"B\"",
            (RollupGrouping.Profile, StatDimension.Gender) => "\"C\"",
            (RollupGrouping.NeedsByPublic, StatDimension.Needs) => "\"A\"",
            (RollupGrouping.NeedsByPublic, StatDimension.PublicStatus) => "\"B\"",
            (RollupGrouping.Channel, StatDimension.Channel) => "\"A\"",
            (RollupGrouping.Channel, StatDimension.FirstVisit) => "\"B\"",
            (RollupGrouping.Channel, StatDimension.Services) => "\"C\"",
            (RollupGrouping.Partner, StatDimension.Partner) => "\"A\"",
            (RollupGrouping.Partner, StatDimension.Needs) => "\"B\"",
            (RollupGrouping.Residence, StatDimension.Residence) => "\"A\"",
            (RollupGrouping.Residence, StatDimension.AgeBracket) => "\"B\"",
            (RollupGrouping.AgeGender, StatDimension.AgeBracket) => "\"A\"",
            (RollupGrouping.AgeGender, StatDimension.Gender) => "\"B\"",
            _ => null,
        },
    };

    /// <summary>The value as the API writes it (camelCase names, arrays for combinations, ISO periods).</summary>
    public static object? ApiValue(this StatDimension d, int v) => d switch
    {
        StatDimension.Structure => v,
        StatDimension.Partner => v == 0 ? null : v,
        StatDimension.Kind => CategoryText.ApiName((VisitKind)v),
        StatDimension.Channel => CategoryText.ApiName((Channel)v),
        StatDimension.PublicStatus => CategoryText.ApiName((PublicStatus)v),
        StatDimension.AgeBracket => CategoryText.ApiName((AgeBracket)v),
        StatDimension.Gender => CategoryText.ApiName((Gender)v),
        StatDimension.Needs => Flags<Needs>(v).Select(n => CategoryText.ApiName(n)).ToArray(),
        StatDimension.Services => Flags<Services>(v).Select(s => CategoryText.ApiName(s)).ToArray(),
        StatDimension.Residence => Residence.Areas.Values.Contains(v) || v > 0 ? Residence.ApiName(v) : v.ToString(),
        StatDimension.FirstVisit => v switch { 1 => true, 2 => false, _ => null },
        StatDimension.Year => 1970 + v,
        StatDimension.Month => VisitRollupSchema.FirstDayOf(v).ToString("yyyy-MM"),
        StatDimension.Week => WeekLabel(v),
        _ => DateOnly.FromDayNumber(Epoch + v).ToString("yyyy-MM-dd"),
    };

    private static readonly int Epoch = new DateOnly(1970, 1, 1).DayNumber;

    /// <summary>The Monday starting week number <paramref name="week"/> (weeks since Monday 29 December 1969).</summary>
    public static DateOnly WeekStart(int week) => DateOnly.FromDayNumber(Epoch - 3 + week * 7);

    private static string WeekLabel(int week)
    {
        var monday = WeekStart(week).ToDateTime(TimeOnly.MinValue);
        return $"{System.Globalization.ISOWeek.GetYear(monday)}-W{System.Globalization.ISOWeek.GetWeekOfYear(monday):00}";
    }

    public static IEnumerable<T> Flags<T>(int mask) where T : struct, Enum =>
        CategoryText.Each<T>().Where(f => (mask & Convert.ToInt32(f)) != 0);

    /// <summary>A label for people, in the current language (structures and partners are named by the caller).</summary>
    public static string Label(this StatDimension d, int v) => d switch
    {
        StatDimension.Kind => ((VisitKind)v == VisitKind.Interview ? new LocalizedText("Entretien", "Interview") : new LocalizedText("Visite", "Visit")).ToString(),
        StatDimension.Channel => ((Channel)v).Label().ToString(),
        StatDimension.PublicStatus => ((PublicStatus)v).Label().ToString(),
        StatDimension.AgeBracket => ((AgeBracket)v).Label().ToString(),
        StatDimension.Gender => ((Gender)v).Label().ToString(),
        StatDimension.Needs => v == 0 ? NotStated : string.Join(" + ", Flags<Needs>(v).Select(n => n.Label().ToString())),
        StatDimension.Services => v == 0 ? NotStated : string.Join(" + ", Flags<Services>(v).Select(s => s.Label().ToString())),
        StatDimension.Residence => CategoryText.ResidenceLabel(v).ToString(),
        StatDimension.FirstVisit => v switch { 1 => Text.T("Première visite", "First visit"), 2 => Text.T("Déjà venu·e", "Returning"), _ => NotStated },
        StatDimension.Year => (1970 + v).ToString(),
        StatDimension.Month => VisitRollupSchema.FirstDayOf(v).ToDateTime(TimeOnly.MinValue).ToString("MMMM yyyy", LocalizedText.IsEnglish ? System.Globalization.CultureInfo.GetCultureInfo("en") : System.Globalization.CultureInfo.GetCultureInfo("fr-FR")),
        StatDimension.Week => WeekLabel(v),
        StatDimension.Day => DateOnly.FromDayNumber(Epoch + v).ToString("d", System.Globalization.CultureInfo.CurrentCulture),
        _ => v.ToString(),
    };

    /// <summary>The line of visits for which nothing was chosen (no need, no service, first visit not asked): counted apart, never spread.</summary>
    public static string NotStated => Text.T("Non précisé", "Not stated");

    public static LocalizedText Title(this StatDimension d) => d switch
    {
        StatDimension.Structure => new("Structure", "Structure"),
        StatDimension.Kind => new("Type", "Kind"),
        StatDimension.Channel => new("Canal", "Channel"),
        StatDimension.PublicStatus => new("Public", "Public status"),
        StatDimension.AgeBracket => new("Âge", "Age"),
        StatDimension.Gender => new("Genre", "Gender"),
        StatDimension.Needs => new("Pôle (besoins)", "Pole (needs)"),
        StatDimension.Services => new("Services", "Services"),
        StatDimension.Partner => new("Partenaire", "Partner"),
        StatDimension.Residence => new("Résidence", "Residence"),
        StatDimension.FirstVisit => new("Première visite", "First visit"),
        StatDimension.Year => new("Année", "Year"),
        StatDimension.Month => new("Mois", "Month"),
        StatDimension.Week => new("Semaine", "Week"),
        _ => new("Jour", "Day"),
    };
}
