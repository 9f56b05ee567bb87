using Maillage.Platform.Indicators;
using Maillage.Platform.Localization;

namespace Maillage.Agenda.Reports;

/// <summary>
/// The agenda's indicators (docs/indicators.md), counted by the agenda's report (<see cref="AgendaReports"/>) so that a
/// figure reads the same here and on the report page. An event counts when it is <b>held</b>: published (a cancelled or
/// draft event never counts), starting in the period (local dates, Europe/Paris) and over when the figure is computed.
/// Its place is its venue's territory, else its structure's QPV, else its structure's commune: with territories asked,
/// an event placed elsewhere (or online without a structure) does not count.
/// </summary>
internal sealed class AgendaIndicators(AgendaReports reports, TimeProvider clock) : IIndicatorSource
{
    public const string ActionsHeld = "agenda.actions-held";
    public const string InformationDays = "agenda.information-days";
    public const string Workshops = "agenda.workshops";
    public const string InformationDaysAndWorkshops = "agenda.information-days-and-workshops";
    public const string Forums = "agenda.forums";
    public const string Participants = "agenda.participants";
    public const string Registrations = "agenda.registrations";
    public const string NoShows = "agenda.no-shows";
    public const string WalkIns = "agenda.walk-ins";

    private const string Held = "Actions tenues : publiées (ni brouillon ni annulées), commençant dans la période et terminées au moment du calcul, placées sur le territoire (lieu de l'action, sinon QPV ou commune de sa structure).";
    private const string HeldEn = "Events held: published (neither draft nor cancelled), starting in the period and over when computed, placed on the territory (the venue's territory, else its structure's QPV or commune).";

    public IReadOnlyList<IndicatorDefinition> Definitions { get; } =
    [
        new(ActionsHeld, new("Actions tenues", "Events held"),
            new($"{Held} Chaque action compte une fois, quel que soit son nombre de séances ou d'organisateurs.", $"{HeldEn} Each event counts once, whatever its organisers."),
            IndicatorUnit.Count, new("Par type d'action", "By type of event")),
        new(InformationDays, new("Journées d'information tenues", "Information days held"),
            new($"{Held} Celles du type « journée d'information ».", $"{HeldEn} Those of type \"information day\"."), IndicatorUnit.Count),
        new(Workshops, new("Ateliers tenus", "Workshops held"),
            new($"{Held} Celles du type « atelier ».", $"{HeldEn} Those of type \"workshop\"."), IndicatorUnit.Count),
        new(InformationDaysAndWorkshops, new("Journées d'information et ateliers tenus", "Information days and workshops held"),
            new($"{Held} Celles du type « journée d'information » ou « atelier » (cible « 5 journées d'information et ateliers par an »).",
                $"{HeldEn} Those of type \"information day\" or \"workshop\" (target \"5 information days and workshops a year\")."), IndicatorUnit.Count,
            new("Par type d'action", "By type of event")),
        new(Forums, new("Forums tenus", "Forums held"),
            new($"{Held} Celles du type « forum ».", $"{HeldEn} Those of type \"forum\"."), IndicatorUnit.Count),
        new(Participants, new("Participants", "Participants"),
            new($"Personnes présentes aux actions tenues : inscrites émargées présentes, plus venues sans inscription (nominatives ou comptées). {Held}",
                $"People present at the events held: registrants ticked present, plus walk-ins (named or counted). {HeldEn}"), IndicatorUnit.Count,
            new("Par public déclaré", "By public status given")),
        new(Registrations, new("Inscriptions", "Registrations"),
            new($"Inscriptions faites avant les actions tenues (hors venues sans inscription), quel que soit leur sort (confirmées, en attente, annulées). {Held}",
                $"Registrations made before the events held (walk-ins excluded), whatever became of them (confirmed, waiting, cancelled). {HeldEn}"), IndicatorUnit.Count),
        new(NoShows, new("Absents non excusés", "No-shows"),
            new($"Inscrits confirmés marqués absents, ou non émargés à une action dont l'émargement a été fait ; les excusés n'en sont pas. {Held}",
                $"Confirmed registrants marked absent, or not ticked at an event whose attendance was taken; the excused are not. {HeldEn}"), IndicatorUnit.Count),
        new(WalkIns, new("Venues sans inscription", "Walk-ins"),
            new($"Présents qui ne s'étaient pas inscrits (nominatifs ou comptés). {Held}", $"Attendees who had not registered (named or counted). {HeldEn}"), IndicatorUnit.Count),
    ];

    public async Task<IReadOnlyList<IndicatorValue>> ComputeAsync(IReadOnlyCollection<string> names, IndicatorQuery query, CancellationToken ct)
    {
        var report = await reports.BuildAsync(new ReportFilter(query.From, query.To), new ReportScope([query.CiteId], []), ct,
            query.StructureIds, query.Territories);
        var now = clock.GetUtcNow();
        var held = report.Events.Where(e => e.EndsAt <= now).ToList();
        var total = new Figures();
        foreach (var e in held) total.Add(e.Figures);

        IndicatorValue ByType(string name, params EventType[] types)
        {
            var counted = held.Where(e => types.Length == 0 || types.Contains(e.Type)).ToList();
            var parts = (types.Length == 0 ? Enum.GetValues<EventType>() : types)
                .ToDictionary(t => t.ApiName(), t => (decimal)counted.Count(e => e.Type == t));
            var labels = (types.Length == 0 ? Enum.GetValues<EventType>() : types).ToDictionary(t => t.ApiName(), t => t.Describe().ToString());
            return new IndicatorValue(name, counted.Count, types.Length == 1 ? null : parts, types.Length == 1 ? null : labels);
        }

        IndicatorValue Value(string name) => name switch
        {
            ActionsHeld => ByType(name),
            InformationDays => ByType(name, EventType.InformationDay),
            Workshops => ByType(name, EventType.Workshop),
            InformationDaysAndWorkshops => ByType(name, EventType.InformationDay, EventType.Workshop),
            Forums => ByType(name, EventType.Forum),
            Participants => new IndicatorValue(name, total.Attendees,
                Enum.GetValues<PublicStatus>().ToDictionary(p => p.ApiName(), p => (decimal)total.PublicCount(p)).Append(new(NotGiven, total.PublicNotGiven)).ToDictionary(),
                Enum.GetValues<PublicStatus>().ToDictionary(p => p.ApiName(), p => p.Describe().ToString()).Append(new(NotGiven, Text.T("Non renseigné", "Not given"))).ToDictionary()),
            Registrations => new IndicatorValue(name, total.Registrations),
            NoShows => new IndicatorValue(name, total.NoShows),
            _ => new IndicatorValue(name, total.WalkIns),
        };
        return [.. names.Select(Value)];
    }

    /// <summary>The part of the participants who gave no public status.</summary>
    public const string NotGiven = "notGiven";
}
