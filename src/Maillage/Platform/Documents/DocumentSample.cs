using System.Globalization;

namespace Maillage.Platform.Documents;

/// <summary>
/// A document using every block kind, with the characters French figures need (accents, €, the narrow no-break space
/// U+202F of "18 539 €"), for the demonstration page (<c>/gestion/documents/exemple</c>, outside production), the tests
/// and the benchmark. <paramref name="rows"/> sets the length of its long table (2 000 rows ≈ 40 pages).
/// </summary>
internal static class DocumentSample
{
    public const int DefaultRows = 60, MaxRows = 5_000;
    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-FR");
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");

    public static Document Build(bool english = false, int rows = DefaultRows)
    {
        var culture = english ? English : French;
        string T(string fr, string en) => english ? en : fr;
        string Money(decimal amount) => english ? "€" + amount.ToString("#,##0.00", culture) : amount.ToString("#,##0.00", culture) + "\u00a0€";
        string Count(int n) => n.ToString("#,##0", culture);
        var actions = new (string Code, string Name, decimal Days, decimal Rate)[]
        {
            ("1.1", T("Journées d'information et ateliers", "Information days and workshops"), 6.5m, 580m),
            ("1.2", T("Forum de l'emploi transfrontalier", "Cross-border job fair"), 5m, 580m),
            ("1.3", T("Accueil et conseil des résidents", "Reception and advice of residents"), 15m, 580m),
        };
        var amountRows = actions.Select(a => (IReadOnlyList<Cell>)
        [
            a.Code, a.Name, new(a.Days.ToString("0.##", culture), a.Days), new(Money(a.Rate), a.Rate), new(Money(a.Days * a.Rate), a.Days * a.Rate),
        ]).ToList();
        var totalDays = actions.Sum(a => a.Days);
        var totalAmount = actions.Sum(a => a.Days * a.Rate);
        var places = new[] { "Annemasse", "Saint-Julien-en-Genevois", "Genève", "Thonon-les-Bains", "Évian-les-Bains", "Bonneville" };
        var kinds = new[] { T("Atelier CV", "CV workshop"), T("Information métiers", "Careers information"), T("Forum", "Job fair"), T("Rencontre employeurs", "Employers' meeting") };
        var start = new DateOnly(2022, 1, 3);
        var events = Enumerable.Range(0, Math.Clamp(rows, 0, MaxRows)).Select(i =>
        {
            var participants = 5 + i * 37 % 90;
            return (IReadOnlyList<Cell>)
            [
                start.AddDays(i % 360).ToString("d MMM yyyy", culture),
                $"{kinds[i % kinds.Length]} n° {i + 1}",
                places[i % places.Length],
                new(Count(participants), participants),
                new(Money(participants * 12.5m), participants * 12.5m),
            ];
        }).ToList();
        var totalParticipants = events.Sum(r => (int)r[3].Number!.Value);

        return new Document(
            T("Bilan annuel 2022 — Convention Annemasse Agglo (exemple)", "Annual report 2022 — Annemasse Agglo agreement (sample)"),
            "Cité des métiers du Grand Genève — Centre associé d'Annemasse",
            english ? "en" : "fr",
            [
                new Heading(T("Parties et période", "Parties and period")),
                new Fields(
                [
                    new(T("Financeur", "Funder"), "Annemasse – Les Voirons Agglomération (CCG)"),
                    new(T("Opérateur", "Operator"), "Cité des métiers du Grand Genève"),
                    new(T("Période", "Period"), T("du 1er janvier au 31 décembre 2022", "1 January to 31 December 2022")),
                    new(T("Montant annuel signé", "Signed yearly amount"), Money(18_539m) + (english ? " incl. VAT" : "\u00a0TTC")),
                ]),
                new Heading(T("Activité sur le territoire", "Activity on the territory")),
                new Paragraph(T(
                    "Les actions menées sur le territoire de la CCG sont comptées à partir des indicateurs de l'agenda et des visites. Objectif : 5 journées d'information et ateliers, et au moins un forum.\nCe paragraphe garde son retour à la ligne ; l'écart « calculé / signé » est signalé, jamais corrigé en silence.",
                    "Actions held on the CCG territory are counted from the agenda and visits indicators. Target: 5 information days and workshops, and at least one job fair.\nThis paragraph keeps its line break; a computed/signed discrepancy is flagged, never silently corrected.")),
                new BulletList(
                [
                    T("Journées d'information et ateliers : 7 (objectif 5) — atteint", "Information days and workshops: 7 (target 5) — met"),
                    T("Forums : 1 (objectif 1) — atteint", "Job fairs: 1 (target 1) — met"),
                    T($"Visites de résidents de la CCG : {Count(1_284)}", $"Visits from CCG residents: {Count(1_284)}"),
                ]),
                new Heading(T("Montants dus", "Amounts due"), 2),
                new Table(T("Jours financés et montants", "Days financed and amounts"),
                    [new(T("Action", "Action")), new(T("Intitulé", "Title")), new(T("Jours", "Days"), ColumnAlign.End), new(T("Tarif journalier HT", "Day rate before tax"), ColumnAlign.End), new(T("Montant HT", "Amount before tax"), ColumnAlign.End)],
                    amountRows,
                    [T("Total", "Total"), "", new(totalDays.ToString("0.##", culture), totalDays), "", new(Money(totalAmount), totalAmount)]),
                new Paragraph(T("Part de la cérémonie : 50\u00a0% des coûts réels, plafonnée à 1\u202f000\u00a0€.", "Ceremony share: 50% of actual costs, capped at €1,000."), TextStyle.Small),
                new PageBreak(),
                new Heading(T("Détail des actions", "Actions in detail")),
                new Heading(T("Actions tenues en 2022", "Actions held in 2022"), 3),
                new Table(T("Actions tenues sur le territoire", "Actions held on the territory"),
                    [new(T("Date", "Date")), new(T("Action", "Action")), new(T("Lieu", "Place")), new(T("Participants", "Participants"), ColumnAlign.End), new(T("Coût", "Cost"), ColumnAlign.End)],
                    events,
                    [T("Total", "Total"), "", "", new(Count(totalParticipants), totalParticipants), new(Money(totalParticipants * 12.5m), totalParticipants * 12.5m)]),
                new Paragraph(T("Fait à Annemasse, le 15 janvier 2023.", "Annemasse, 15 January 2023."), TextStyle.Centred),
            ],
            T("Version 1 — exemple, données fictives", "Version 1 — sample, made-up data"));
    }
}
