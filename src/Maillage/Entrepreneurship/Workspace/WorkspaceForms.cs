using System.Globalization;
using System.Text.Json;
using Maillage.Network;
using Maillage.Platform.Audit;
using Maillage.Platform.Data;
using Maillage.Platform.Errors;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Entrepreneurship.Workspace;

/// <summary>What the workspace's pages share: reading a date as typed, the names a record shows, and the corrections of its steps from the audit trail.</summary>
internal static class WorkspaceForms
{
    /// <summary>A date typed in a form (2026-03-02 or 02/03/2026); a problem on <paramref name="field"/> when it cannot be read; null when empty and not required.</summary>
    public static DateOnly? Date(string? text, string field, List<RuleViolation> problems, bool required = true)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            if (required) problems.Add(new(field, new("Indiquez la date.", "Give the date.")));
            return null;
        }
        if (DateInput.TryParseForm(text, out var date)) return date;
        problems.Add(new(field, new($"« {text} » n'est pas une date (écrivez 02/03/2026 ou 2026-03-02).", $"\"{text}\" is not a date (write 2026-03-02 or 02/03/2026).")));
        return null;
    }

    public static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    public static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A correction of a step, as the audit trail kept it: who, when, and each field before and after.</summary>
    public sealed record Correction(int StepId, DateTimeOffset At, string? By, IReadOnlyList<(string Field, string? Before, string? After)> Changes);

    public static async Task<ILookup<int, Correction>> CorrectionsAsync(MaillageDb db, ProjectHolder holder, CancellationToken ct)
    {
        var ids = holder.Steps.Select(s => s.Id.ToString(CultureInfo.InvariantCulture)).ToArray();
        return (await ChangesAsync(db, [nameof(PipelineStep)], ids, field => field != nameof(PipelineStep.Id), ct)).ToLookup(c => c.StepId);
    }

    /// <summary>
    /// The changes of the record itself as the audit trail kept them (an edit, a consent scope withdrawn, a new coach),
    /// by field a person edits — not the board's values each step recomputes.
    /// </summary>
    public static Task<List<Correction>> HolderChangesAsync(MaillageDb db, ProjectHolder holder, CancellationToken ct) =>
        ChangesAsync(db, [nameof(ProjectHolder), nameof(Consent)], [holder.Id.ToString(CultureInfo.InvariantCulture)], HolderFields.Contains, ct);

    /// <summary>The fields of a record that an edit changes, as the audit trail names them.</summary>
    public static readonly HashSet<string> HolderFields =
    [
        nameof(ProjectHolder.FirstName), nameof(ProjectHolder.LastName), nameof(ProjectHolder.Email), nameof(ProjectHolder.Phone),
        nameof(ProjectHolder.CommuneId), nameof(ProjectHolder.QpvId), nameof(ProjectHolder.Fragility), nameof(ProjectHolder.Prescriber), nameof(ProjectHolder.PrescriberDetail),
        nameof(ProjectHolder.Activity), nameof(ProjectHolder.Sector), nameof(ProjectHolder.IntendedLegalForm), nameof(ProjectHolder.IntendedInQpv),
        nameof(ProjectHolder.CoachName), nameof(Consent.Covers),
    ];

    private static async Task<List<Correction>> ChangesAsync(MaillageDb db, string[] types, string[] ids, Func<string, bool> shown, CancellationToken ct)
    {
        var entries = await db.AuditEntries.AsNoTracking()
            .Where(a => types.Contains(a.EntityType) && ids.Contains(a.EntityId) && a.Action == "Modified")
            .OrderBy(a => a.Id).ToListAsync(ct);
        return [.. entries.Select(a =>
        {
            var before = Values(a.Before);
            var after = Values(a.After);
            var fields = after.Keys.Where(k => shown(k) && before.GetValueOrDefault(k) != after[k]).ToList();
            return new Correction(int.Parse(a.EntityId, CultureInfo.InvariantCulture), a.At, a.UserName, [.. fields.Select(f => (f, before.GetValueOrDefault(f), after[f]))]);
        }).Where(c => c.Changes.Count > 0)];
    }

    private static Dictionary<string, string?> Values(string? json)
    {
        if (string.IsNullOrEmpty(json)) return [];
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.ValueKind switch
        {
            JsonValueKind.Null => null,
            JsonValueKind.String => p.Value.GetString(),
            _ => p.Value.GetRawText(),
        });
    }

    /// <summary>A step's field as the timeline names it.</summary>
    public static Platform.Localization.LocalizedText FieldName(string field) => field switch
    {
        nameof(PipelineStep.Date) => new("Date", "Date"),
        nameof(PipelineStep.DurationMinutes) => new("Durée (minutes)", "Duration (minutes)"),
        nameof(PipelineStep.Note) => new("Note", "Note"),
        nameof(PipelineStep.ReferralPartnerId) => new("Partenaire", "Partner"),
        nameof(PipelineStep.Answer) => new("Réponse", "Answer"),
        nameof(PipelineStep.AnsweredOn) => new("Date de réponse", "Answer's date"),
        nameof(PipelineStep.LegalForm) => new("Forme juridique", "Legal form"),
        nameof(PipelineStep.Siret) => new("SIRET", "SIRET"),
        nameof(PipelineStep.CreatedInQpv) => new("Créée en QPV", "Created in a QPV"),
        nameof(PipelineStep.Outcome) => new("Issue", "Outcome"),
        nameof(PipelineStep.StructureId) => new("Lieu", "Place"),
        nameof(ProjectHolder.FirstName) => new("Prénom", "First name"),
        nameof(ProjectHolder.LastName) => new("Nom", "Last name"),
        nameof(ProjectHolder.Email) => new("Courriel", "E-mail"),
        nameof(ProjectHolder.Phone) => new("Téléphone", "Phone"),
        nameof(ProjectHolder.CommuneId) => new("Commune", "Commune"),
        nameof(ProjectHolder.QpvId) => new("QPV", "QPV"),
        nameof(ProjectHolder.Fragility) => new("Publics", "Publics"),
        nameof(ProjectHolder.Prescriber) => new("Venu·e par", "Came through"),
        nameof(ProjectHolder.PrescriberDetail) => new("Précision", "Detail"),
        nameof(ProjectHolder.Activity) => new("Activité", "Activity"),
        nameof(ProjectHolder.Sector) => new("Secteur", "Sector"),
        nameof(ProjectHolder.IntendedLegalForm) => new("Forme juridique envisagée", "Intended legal form"),
        nameof(ProjectHolder.IntendedInQpv) => new("Prévu en QPV", "Intended in a QPV"),
        nameof(ProjectHolder.CoachName) => new("Conseiller·ère", "Coach"),
        nameof(Consent.Covers) => new("Consentement", "Consent"),
        _ => new(field, field),
    };

    /// <summary>The territories of the Cité a residence is chosen from: its communes and its QPVs (with their official code).</summary>
    public static async Task<(IReadOnlyList<(int Id, string Name)> Communes, IReadOnlyList<(int Id, string Name)> Qpvs)> TerritoriesAsync(MaillageDb db, int citeId, CancellationToken ct)
    {
        var all = await db.Set<Territory>().IgnoreQueryFilters().AsNoTracking()
            .Where(t => t.CiteId == citeId && (t.Kind == TerritoryKind.Commune || t.Kind == TerritoryKind.Qpv))
            .Select(t => new { t.Id, t.Name, t.Kind, t.Code }).ToListAsync(ct);
        var comparer = StringComparer.Create(CultureInfo.CurrentCulture, true);
        return ([.. all.Where(t => t.Kind == TerritoryKind.Commune).OrderBy(t => t.Name, comparer).Select(t => (t.Id, t.Name))],
            [.. all.Where(t => t.Kind == TerritoryKind.Qpv).OrderBy(t => t.Name, comparer).Select(t => (t.Id, t.Code is null ? t.Name : $"{t.Name} ({t.Code})"))]);
    }
}
