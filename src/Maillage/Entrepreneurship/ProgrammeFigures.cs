using Maillage.Platform.Data;
using Maillage.Platform.Indicators;
using Maillage.Platform.Localization;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Entrepreneurship;

/// <summary>
/// A programme's indicators for a year through the platform's indicators, against its targets, with the projection to
/// year end: its own (people by stage, QPV share) and the programme's share of what other modules publish — permanence
/// days from the roster at its permanence, workshops and events from the agenda at its permanence, technical committees
/// from governance run by its operating partner. Nothing of another module is counted here: each figure is one of
/// that module's indicators, read for the programme's place.
/// </summary>
public sealed class ProgrammeFigures(MaillageDb db, Platform.Indicators.Indicators indicators, Permanences.PermanenceDays permanenceDays, TimeProvider clock)
{
    public sealed record Row(IndicatorDefinition Definition, IndicatorValue Value, decimal? Target, decimal? Projection);
    public sealed record Year(DateOnly From, DateOnly To, IReadOnlyList<Row> Rows);

    public static readonly string[] Names =
    [
        EntrepreneurshipIndicators.Sensitised, EntrepreneurshipIndicators.Received, EntrepreneurshipIndicators.Accompanied,
        EntrepreneurshipIndicators.Referred, EntrepreneurshipIndicators.Created, EntrepreneurshipIndicators.QpvShare,
    ];

    // The indicators of other modules the programme's rows are read from (docs/indicators.md).
    private const string ActionsHeld = "agenda.actions-held";
    /// <summary>The parts of <see cref="PermanenceDays"/>: the roster's days, and the recorded days it does not hold.</summary>
    public const string RosterSource = "roster", RecordedSource = "recorded";
    private const string TechnicalCommittees = "governance.technical-committees";

    public const string PermanenceDays = "programme.permanence-days";
    public const string Workshops = "programme.workshops";
    public const string Events = "programme.events";
    public const string Committees = "programme.technical-committees";

    /// <summary>The agenda's types that are the programme's workshops; every other type held there is an event.</summary>
    private static readonly string[] WorkshopTypes = ["workshop", "awarenessMeeting"];

    public static readonly IReadOnlyList<IndicatorDefinition> ProgrammeRows =
    [
        new(PermanenceDays, new("Jours de permanence tenus", "Permanence days held"),
            new("Permanences tenues à la permanence du programme d'après le planning des permanences (indicateur roster.half-days : demi-journées tenues), en jours de deux demi-journées, plus les jours de permanence enregistrés par l'équipe du programme un jour où le planning n'en tient aucune : un jour compte une fois, quelles que soient ses sources.",
                "Duties held at the programme's permanence according to the duty roster (indicator roster.half-days: half-days held), in days of two half-days, plus the permanence days recorded by the programme's team on a day the roster holds none there: a day counts once, whatever its sources."),
            IndicatorUnit.Days, new("Par source (planning, jours enregistrés)", "By source (roster, recorded days)")),
        new(Workshops, new("Ateliers tenus", "Workshops held"),
            new("Actions de l'agenda tenues à la permanence du programme (indicateur agenda.actions-held) de type atelier ou réunion de sensibilisation CitésLab.",
                "Agenda events held at the programme's permanence (indicator agenda.actions-held) of type workshop or CitésLab awareness meeting."), IndicatorUnit.Count),
        new(Events, new("Événements tenus", "Events held"),
            new("Les autres actions de l'agenda tenues à la permanence du programme (forum, journée d'information, conférence…).",
                "The other agenda events held at the programme's permanence (forum, information day, conference…)."), IndicatorUnit.Count),
        new(Committees, new("Comités techniques tenus", "Technical committees held"),
            new("Séances tenues des comités techniques animés par l'opérateur du programme (indicateur governance.technical-committees).",
                "Sessions held of the technical committees run by the programme's operator (indicator governance.technical-committees)."), IndicatorUnit.Count),
    ];

    public async Task<Year> YearAsync(int programmeId, int year, int? territory, CancellationToken ct = default)
    {
        var programme = await db.Set<Programme>().IgnoreQueryFilters().AsNoTracking().Include(p => p.Targets).SingleAsync(p => p.Id == programmeId, ct);
        var (from, to) = (new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));
        int[]? territories = territory is { } t ? [t] : null;
        var values = (await indicators.ComputeAsync(Names, programme.CiteId, from, to, territoryIds: territories, ct: ct)).ToList();
        values.AddRange(await PlaceRowsAsync(programme, from, to, territories, ct));
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        // The current year's counts projected at the pace so far; past years are final, percentages are not projected.
        decimal? Project(IndicatorDefinition d, decimal value) =>
            d.Unit is IndicatorUnit.Count or IndicatorUnit.Days && today.Year == year && today.DayOfYear > 0
                ? Math.Round(value * (DateTime.IsLeapYear(year) ? 366 : 365) / today.DayOfYear, 0) : null;
        return new Year(from, to, [.. values.Select(v =>
        {
            var d = indicators.Find(v.Name) ?? ProgrammeRows.Single(r => r.Name == v.Name);
            return new Row(d, v, programme.Targets.FirstOrDefault(x => x.Year == year && x.Indicator == v.Name)?.Value, Project(d, v.Value));
        })]);
    }

    /// <summary>The programme's rows read from the roster, the agenda and governance for its permanence and its operator.</summary>
    private async Task<IReadOnlyList<IndicatorValue>> PlaceRowsAsync(Programme programme, DateOnly from, DateOnly to, int[]? territories, CancellationToken ct)
    {
        decimal workshops = 0, events = 0, committees = 0;
        var held = await permanenceDays.HeldAsync(programme, from, to, territories, ct);
        if (programme.StructureId is { } permanence)
        {
            var actions = (await indicators.ComputeAsync([ActionsHeld], programme.CiteId, from, to, [permanence], territories, ct)).Single();
            workshops = WorkshopTypes.Sum(k => actions.Parts?.GetValueOrDefault(k) ?? 0);
            events = actions.Value - workshops;
        }
        if (programme.OperatorPartnerId is { } partner)
        {
            var sessions = (await indicators.ComputeAsync([TechnicalCommittees], programme.CiteId, from, to, ct: ct)).Single();
            committees = sessions.Parts?.GetValueOrDefault(partner.ToString(System.Globalization.CultureInfo.InvariantCulture)) ?? 0;
        }
        var days = new IndicatorValue(PermanenceDays, held.Days,
            new Dictionary<string, decimal> { [RosterSource] = held.RosterDays, [RecordedSource] = held.RecordedOnly.Count },
            new Dictionary<string, string> { [RosterSource] = Text.T("Planning des permanences", "Duty roster"), [RecordedSource] = Text.T("Jours enregistrés ici", "Days recorded here") });
        return [days, new(Workshops, workshops), new(Events, events), new(Committees, committees)];
    }
}
