using Maillage.Network;
using Maillage.Platform.Data;
using Maillage.Platform.Documents;
using Maillage.Platform.Localization;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Entrepreneurship.Holders;

/// <summary>
/// Everything held about a person, as a document (issue 23 item 6, "exported on request (JSON and PDF)"): described
/// once here, rendered as PDF by the platform's documents capability. The same facts as the JSON export.
/// </summary>
internal static class HolderDocument
{
    public static readonly IReadOnlyList<Platform.Documents.DocumentFormat> Formats = [Platform.Documents.DocumentFormat.Pdf];

    public static string FileName(int id) => $"porteur-{id}";

    /// <summary>The document of <paramref name="h"/> (already read, and its reading audited), with the names of its programme, places, territories and partners.</summary>
    public static async Task<Func<Document>> BuildAsync(ProjectHolder h, MaillageDb db, CancellationToken ct)
    {
        var programme = await db.Set<Programme>().IgnoreQueryFilters().AsNoTracking().Where(p => p.Id == h.ProgrammeId).Select(p => p.Name).SingleAsync(ct);
        var partners = await db.Set<ReferralPartner>().AsNoTracking().Where(p => p.ProgrammeId == h.ProgrammeId).ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        var territoryIds = new[] { h.CommuneId, h.QpvId }.Where(i => i != null).Select(i => i!.Value).ToArray();
        var territories = await db.Set<Territory>().IgnoreQueryFilters().AsNoTracking().Where(t => territoryIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => t.Name, ct);
        var placeIds = h.Steps.Where(s => s.StructureId != null).Select(s => s.StructureId!.Value).Distinct().ToArray();
        var places = await db.Set<Structure>().IgnoreQueryFilters().AsNoTracking().Where(s => placeIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Name, ct);
        return () => Build(h, programme, partners, territories, places);
    }

    private static Document Build(ProjectHolder h, string programme, IReadOnlyDictionary<int, string> partners, IReadOnlyDictionary<int, string> territories, IReadOnlyDictionary<int, string> places)
    {
        static string Or(string? s) => string.IsNullOrWhiteSpace(s) ? "—" : s;
        static string T(string fr, string en) => Text.T(fr, en);
        var steps = h.Steps.OrderBy(s => s.Date).ThenBy(s => s.Kind.Rank()).ThenBy(s => s.Id).ToList();
        return new Document(
            Title: T($"Données de {h.DisplayName}", $"Data of {h.DisplayName}"),
            Issuer: programme,
            Language: LocalizedText.IsEnglish ? "en" : "fr",
            Blocks:
            [
                new Paragraph(T("Tout ce que le programme garde sur la personne (droit d'accès).", "Everything the programme keeps about the person (right of access).")),
                new Heading(T("Identité et contact", "Identity and contact")),
                new Fields([
                    new(T("Prénom", "First name"), h.FirstName), new(T("Nom", "Last name"), h.LastName),
                    new(T("Courriel", "E-mail"), Or(h.Email)), new(T("Téléphone", "Phone"), Or(h.Phone)),
                    new(T("Numéro de fiche", "Record number"), h.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                    new(T("Programme", "Programme"), programme), new(T("Suivi·e par", "Coached by"), Or(h.CoachName)),
                ]),
                new Heading(T("Consentement", "Consent")),
                new Fields([
                    new(T("Donné le", "Given on"), HumanDates.Date(h.Consent.GivenOn)),
                    new(T("Version du texte", "Version of the text"), h.Consent.TextVersion),
                    new(T("Couvre", "Covers"), string.Join(", ", h.Consent.Covers.Set().Select(c => c.Describe().ToString()))),
                ]),
                new Heading(T("Résidence, publics, venue, projet", "Residence, publics, how they came, project")),
                new Fields([
                    new(T("Commune", "Commune"), h.CommuneId is { } c ? territories.GetValueOrDefault(c) ?? "—" : "—"),
                    new(T("QPV", "QPV"), h.QpvId is { } q ? territories.GetValueOrDefault(q) ?? "—" : T("non", "no")),
                    new(T("Publics", "Publics"), h.Fragility == Fragility.None ? "—" : string.Join(", ", h.Fragility.Set().Select(f => f.Describe().ToString()))),
                    new(T("Venu·e par", "Came through"), h.Prescriber.Describe() + (h.PrescriberDetail is { } d ? $" ({d})" : "")),
                    new(T("Activité", "Activity"), Or(h.Activity)), new(T("Secteur", "Sector"), Or(h.Sector)),
                    new(T("Forme juridique envisagée", "Intended legal form"), Or(h.IntendedLegalForm)),
                    new(T("Prévu en QPV", "Intended in a QPV"), h.IntendedInQpv switch { true => T("oui", "yes"), false => T("non", "no"), null => T("pas encore connu", "not known yet") }),
                    new(T("Dernier contact", "Last contact"), HumanDates.Date(h.LastContactOn)),
                    new(T("Prochaine action", "Next action"), h.NextAction is { } n ? n + (h.NextActionOn is { } on ? $" ({HumanDates.Date(on)})" : "") : "—"),
                ]),
                new Heading(T("Parcours", "Path")),
                steps.Count == 0
                    ? new Paragraph(T("Aucune étape.", "No step."))
                    : new Table(T("Étapes du parcours", "Steps of the path"),
                        [new(T("Date", "Date")), new(T("Étape", "Step")), new(T("Détail", "Detail")), new(T("Note", "Note"))],
                        [.. steps.Select(s => (IReadOnlyList<Cell>)[new Cell(HumanDates.Date(s.Date)), new Cell(s.Kind.Describe().ToString()), new Cell(Detail(s, partners, places)), new Cell(Or(s.Note))])]),
            ],
            Reference: T($"Extrait le {HumanDates.Date(DateOnly.FromDateTime(DateTime.UtcNow))}", $"Extracted on {HumanDates.Date(DateOnly.FromDateTime(DateTime.UtcNow))}"),
            CiteId: h.CiteId);
    }

    private static string Detail(PipelineStep s, IReadOnlyDictionary<int, string> partners, IReadOnlyDictionary<int, string> places)
    {
        var parts = new List<string>();
        if (s.DurationMinutes is { } m) parts.Add($"{m} min");
        if (s.StructureId is { } p && places.GetValueOrDefault(p) is { } place) parts.Add(place);
        if (s.ReferralPartnerId is { } r)
            parts.Add($"{partners.GetValueOrDefault(r)} · {(s.Answer ?? ReferralAnswer.Pending).Describe()}" + (s.AnsweredOn is { } a ? $" ({HumanDates.Date(a)})" : ""));
        if (s.Kind == StepKind.Created) parts.Add($"{s.LegalForm} · SIRET {s.Siret}");
        if (s.Outcome is { } o) parts.Add(o.Describe().ToString());
        return parts.Count == 0 ? "—" : string.Join(" · ", parts);
    }
}
