using Maillage.Platform.Localization;

namespace Maillage.Network.OpeningHours;

/// <summary>Which public holidays close a structure.</summary>
public enum HolidayCalendar { None, France, Geneva }

/// <summary>
/// Public holidays of France and of the canton of Geneva, computed from the date of Easter
/// (anonymous Gregorian algorithm) so that no yearly table needs maintaining.
/// </summary>
internal static class PublicHolidays
{
    public static IReadOnlyDictionary<DateOnly, LocalizedText> For(HolidayCalendar calendar, int year)
    {
        var easter = EasterSunday(year);
        var days = new Dictionary<DateOnly, LocalizedText>();
        void Add(DateOnly d, string fr, string en) => days[d] = new LocalizedText(fr, en);
        switch (calendar)
        {
            case HolidayCalendar.France:
                Add(new(year, 1, 1), "Jour de l'an", "New Year's Day");
                Add(easter.AddDays(1), "Lundi de Pâques", "Easter Monday");
                Add(new(year, 5, 1), "Fête du Travail", "Labour Day");
                Add(new(year, 5, 8), "Victoire 1945", "Victory in Europe Day");
                Add(easter.AddDays(39), "Ascension", "Ascension Day");
                Add(easter.AddDays(50), "Lundi de Pentecôte", "Whit Monday");
                Add(new(year, 7, 14), "Fête nationale", "Bastille Day");
                Add(new(year, 8, 15), "Assomption", "Assumption Day");
                Add(new(year, 11, 1), "Toussaint", "All Saints' Day");
                Add(new(year, 11, 11), "Armistice 1918", "Armistice Day");
                Add(new(year, 12, 25), "Noël", "Christmas Day");
                break;
            case HolidayCalendar.Geneva:
                Add(new(year, 1, 1), "Nouvel An", "New Year's Day");
                Add(easter.AddDays(-2), "Vendredi saint", "Good Friday");
                Add(easter.AddDays(1), "Lundi de Pâques", "Easter Monday");
                Add(easter.AddDays(39), "Ascension", "Ascension Day");
                Add(easter.AddDays(50), "Lundi de Pentecôte", "Whit Monday");
                Add(new(year, 8, 1), "Fête nationale suisse", "Swiss National Day");
                Add(JeuneGenevois(year), "Jeûne genevois", "Genevan Fast");
                Add(new(year, 12, 25), "Noël", "Christmas Day");
                Add(new(year, 12, 31), "Restauration de la République", "Restoration of the Republic");
                break;
        }
        return days;
    }

    public static LocalizedText? NameOf(HolidayCalendar calendar, DateOnly date) =>
        For(calendar, date.Year).TryGetValue(date, out var name) ? name : null;

    public static DateOnly EasterSunday(int year)
    {
        int a = year % 19, b = year / 100, c = year % 100, d = b / 4, e = b % 4;
        int f = (b + 8) / 25, g = (b - f + 1) / 3, h = (19 * a + b - d - g + 15) % 30;
        int i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7;
        int m = (a + 11 * h + 22 * l) / 451;
        int month = (h + l - 7 * m + 114) / 31, day = (h + l - 7 * m + 114) % 31 + 1;
        return new DateOnly(year, month, day);
    }

    /// <summary>The Thursday following the first Sunday of September.</summary>
    public static DateOnly JeuneGenevois(int year)
    {
        var firstSunday = new DateOnly(year, 9, 1);
        while (firstSunday.DayOfWeek != DayOfWeek.Sunday) firstSunday = firstSunday.AddDays(1);
        return firstSunday.AddDays(4);
    }
}
