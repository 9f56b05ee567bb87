using System.Globalization;
using Maillage.Platform.Errors;
using Maillage.Platform.Localization;
using Maillage.Platform.Spreadsheets;

namespace Maillage.Agenda.Reports;

/// <summary>The query string of the report page and API (<c>from</c>, <c>to</c>, <c>groupBy</c>, <c>structure</c>, <c>territory</c>, <c>organiser</c>, <c>type</c>).</summary>
internal sealed class ReportRequest
{
    public const int MaxYears = 10;

    public string? From { get; set; }
    public string? To { get; set; }
    public string? GroupBy { get; set; }
    public int? Structure { get; set; }
    public int? Territory { get; set; }
    public int? Organiser { get; set; }
    public string? Type { get; set; }

    /// <summary>The filter, the current year when no dates are given; a bad value throws a RuleViolation naming it.</summary>
    public ReportFilter ToFilter(ReportFilter thisYear)
    {
        var from = Date(From, "from") ?? thisYear.From;
        var to = Date(To, "to") ?? (From is null ? thisYear.To : from.AddYears(1).AddDays(-1));
        if (to < from)
            throw new RuleViolation("to", new("La fin de la période doit suivre son début.", "The end of the period must follow its start."));
        if (to > from.AddYears(MaxYears))
            throw new RuleViolation("to", new($"Une période couvre au plus {MaxYears} ans.", $"A period covers at most {MaxYears} years."));
        var grouping = ReportGrouping.Event;
        if (!string.IsNullOrWhiteSpace(GroupBy) && !Enum.TryParse(GroupBy, ignoreCase: true, out grouping) || !Enum.IsDefined(grouping))
            throw new RuleViolation("groupBy", new("Regroupez par action, structure, territoire, organisateur ou type.", "Group by event, structure, territory, organiser or type."));
        EventType? type = null;
        if (!string.IsNullOrWhiteSpace(Type))
        {
            if (!Enum.TryParse<EventType>(Type, ignoreCase: true, out var t) || !Enum.IsDefined(t))
                throw new RuleViolation("type", new("Ce type d'action n'existe pas.", "This type of event does not exist."));
            type = t;
        }
        return new ReportFilter(from, to, grouping, Structure, Territory, Organiser, type);
    }

    private static DateOnly? Date(string? text, string field)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (DateOnly.TryParseExact(text.Trim(), ["yyyy-MM-dd", "dd/MM/yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            && d.Year is >= 2000 and <= 2100)
            return d;
        throw new RuleViolation(field, new("Indiquez une date (jj/mm/aaaa).", "Give a date (yyyy-mm-dd)."));
    }
}

/// <summary>The report as spreadsheet sheets: the groups first (what a CSV holds), then the events.</summary>
internal static class ReportSheets
{
    public static string FileName(ReportFilter f) => $"bilan-agenda-{f.From:yyyyMMdd}-{f.To:yyyyMMdd}";

    /// <summary>The title row of the XLSX and ODS sheets: what the report covers, its period and the day it was extracted.</summary>
    /// <param name="scope">The structure chosen, by name; null: every structure the reader may count.</param>
    public static string Title(ReportFilter f, string? scope, DateOnly extracted)
    {
        scope ??= Text.T("toutes les structures de votre périmètre", "every structure in your scope");
        return Text.T(
        $"Bilan de l'agenda — {scope} — du {HumanDates.Date(f.From)} au {HumanDates.Date(f.To)} — extrait le {HumanDates.Date(extracted)}",
        $"Agenda report — {scope} — {HumanDates.Date(f.From)} to {HumanDates.Date(f.To)} — extracted on {HumanDates.Date(extracted)}");
    }

    public static Sheet[] Build(AgendaReport report, string? title = null)
    {
        var figureColumns = FigureColumns();
        var groupColumns = new List<string> { GroupingLabel(report.Filter.GroupBy) };
        groupColumns.AddRange(figureColumns);
        var groupRows = report.Groups.Select(g => (IReadOnlyList<object?>)[g.Label, .. FigureCells(g.Figures)]).ToList();
        groupRows.Add([Text.T("Total", "Total"), .. FigureCells(report.Total)]);

        var eventColumns = new List<string>
        {
            Text.T("Action", "Event"), Text.T("Date", "Date"), Text.T("Type", "Type"), Text.T("Lieu", "Place"),
            Text.T("Territoire", "Territory"), Text.T("Organisateurs", "Organisers"),
        };
        eventColumns.AddRange(figureColumns.Skip(1)); // "events" is always 1 here
        var eventRows = report.Events.Select(e => (IReadOnlyList<object?>)
        [
            e.Title, TimeZoneInfo.ConvertTime(e.StartsAt, AgendaReports.ReportZone).DateTime, e.Type.Describe().ToString(), e.Place, e.Area,
            string.Join(", ", e.Organisers.Select(o => o.Name)), .. FigureCells(e.Figures).Skip(1),
        ]).ToList();
        return
        [
            new Sheet(Text.T("Bilan", "Summary"), groupColumns, groupRows, title),
            new Sheet(Text.T("Actions", "Events"), eventColumns, eventRows, title),
        ];
    }

    public static string GroupingLabel(ReportGrouping g) => GroupingText(g).Label;

    /// <summary>"Fréquentation par territoire (EPCI, canton)": the grouping inside a sentence, acronyms kept in capitals.</summary>
    public static string GroupingCaption(ReportGrouping g) => GroupingText(g).InSentence;

    private static (LocalizedText Label, LocalizedText InSentence) GroupingText(ReportGrouping g) => g switch
    {
        ReportGrouping.Event => (new("Action", "Event"), new("Fréquentation par action", "Attendance by event")),
        ReportGrouping.Structure => (new("Structure ou lieu", "Structure or place"), new("Fréquentation par structure ou lieu", "Attendance by structure or place")),
        ReportGrouping.Territory => (new("Territoire (EPCI, canton)", "Territory (EPCI, canton)"), new("Fréquentation par territoire (EPCI, canton)", "Attendance by territory (EPCI, canton)")),
        ReportGrouping.Organiser => (new("Organisateur", "Organiser"), new("Fréquentation par organisateur", "Attendance by organiser")),
        _ => (new("Type d'action", "Type of event"), new("Fréquentation par type d'action", "Attendance by type of event")),
    };

    public static List<string> FigureColumns()
    {
        var columns = new List<string>
        {
            Text.T("Actions", "Events"), Text.T("Inscriptions", "Registrations"), Text.T("Confirmées", "Confirmed"),
            Text.T("En attente", "Waiting"), Text.T("Annulations", "Cancellations"), Text.T("Présents", "Attendees"),
            Text.T("Sans inscription", "Walk-ins"), Text.T("Excusés", "Excused"), Text.T("Absents non excusés", "No-shows"),
            Text.T("Taux d'absence (%)", "No-show rate (%)"), Text.T("Réponses au questionnaire", "Survey answers"),
            Text.T("Satisfaction moyenne (sur 5)", "Average satisfaction (out of 5)"),
        };
        columns.AddRange(Enum.GetValues<PublicStatus>().Select(p => Text.T($"Public : {p.Describe().Fr}", $"Public: {p.Describe().En}")));
        columns.Add(Text.T("Public non renseigné", "Public not given"));
        return columns;
    }

    public static IEnumerable<object?> FigureCells(Figures f)
    {
        yield return f.Events;
        yield return f.Registrations;
        yield return f.Confirmed;
        yield return f.Waiting;
        yield return f.Cancellations;
        yield return f.Attendees;
        yield return f.WalkIns;
        yield return f.Excused;
        yield return f.NoShows;
        yield return f.NoShowRate is { } r ? Math.Round((decimal)r * 100, 1) : null;
        yield return f.SurveyAnswers;
        yield return f.AverageScore is { } s ? Math.Round((decimal)s, 2) : null;
        foreach (var p in Enum.GetValues<PublicStatus>()) yield return f.PublicCount(p);
        yield return f.PublicNotGiven;
    }

    public static bool TryFormat(string? format, out SpreadsheetFormat parsed) => SpreadsheetFile.TryParseFormat(format, out parsed);
}
