using Maillage.Network;
using Maillage.Network.Structures;
using Maillage.Platform.Data;
using Maillage.Platform.Errors;
using Maillage.Platform.Identity;
using Maillage.Platform.Localization;
using Maillage.Platform.Tenancy;
using Maillage.Visits.Categories;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Visits;

/// <summary>One entry as the reception, a counsellor, a kiosk or the API gives it, before the rules.</summary>
internal sealed record VisitEntry(
    Guid ClientId, int StructureId, DateTimeOffset? OccurredAt, VisitKind Kind, Channel Channel,
    PublicStatus PublicStatus, AgeBracket AgeBracket, Gender Gender, Needs Needs, Services Services, EntrySource Source,
    string? Residence = null, bool? FirstVisit = null, int? PartnerId = null, DurationBracket? Duration = null,
    PartnerType? Referral = null, DiplomaLevel? Diploma = null);

/// <summary>
/// The rules every entry passes before it is recorded, whoever made it: the structure exists and is in the
/// person's scope, the time is neither in the future nor older than the receipts' window, the partner and
/// the territory belong to the structure's Cité, a duration only for an interview. A batch is checked whole
/// before anything is written: one bad entry refuses it, naming the entry's index and field.
/// </summary>
internal sealed class VisitIntake(MaillageDb db, StaffAccess access, TimeProvider clock, TenantContext tenant, StructureRefs structures)
{
    /// <summary>Who may log visits on a structure's scope.</summary>
    public static readonly StaffRole[] Loggers =
        [StaffRole.ReceptionAgent, StaffRole.Counsellor, StaffRole.Coordinator, StaffRole.Administrator, StaffRole.PlatformOperator];

    public const int MaxBatch = 1000;
    /// <summary>A tablet's clock may run a little ahead.</summary>
    public static readonly TimeSpan FutureTolerance = TimeSpan.FromMinutes(5);
    /// <summary>As long as receipts are kept: an older resend could otherwise be counted twice.</summary>
    public static TimeSpan MaxAge => VisitReceipt.KeptFor;

    /// <summary>Checks entries made by the signed-in member of staff (null index: a single entry).</summary>
    public Task<IReadOnlyList<VisitToRecord>> PrepareAsync(IReadOnlyList<VisitEntry> entries, bool batch, CancellationToken ct) =>
        PrepareAsync(entries, batch, checkScope: true, ct);

    /// <summary>Checks entries of a kiosk, already bound to its one structure (no staff session).</summary>
    public Task<IReadOnlyList<VisitToRecord>> PrepareKioskAsync(VisitEntry entry, CancellationToken ct) =>
        PrepareAsync([entry], batch: false, checkScope: false, ct);

    /// <summary>The field a problem names: <c>publicStatus</c> for one visit, <c>[3].publicStatus</c> in a batch.</summary>
    internal static string FieldOf(bool batch, int i, string name) => batch ? $"[{i}].{name}" : name;

    /// <summary>A problem's message, prefixed in a batch with the index of the visit it is about.</summary>
    internal static LocalizedText AtIndex(bool batch, int i, LocalizedText text) =>
        batch ? new($"Visite à l'index {i} : {Lower(text.Fr)}", $"Visit at index {i}: {Lower(text.En)}") : text;

    /// <summary>
    /// The sentence's first letter in lower case, to follow the index's colon; kept when the second letter is upper
    /// case too (JSON, QPV). A message that begins with a proper noun (a place, a structure's name) must not go through it.
    /// </summary>
    private static string Lower(string sentence) =>
        sentence.Length > 1 && char.IsUpper(sentence[0]) && !char.IsUpper(sentence[1]) ? char.ToLowerInvariant(sentence[0]) + sentence[1..] : sentence;

    private async Task<IReadOnlyList<VisitToRecord>> PrepareAsync(IReadOnlyList<VisitEntry> entries, bool batch, bool checkScope, CancellationToken ct)
    {
        if (entries.Count == 0)
            throw new RuleViolation("visits", new("La liste de visites est vide.", "The list of visits is empty."));
        if (entries.Count > MaxBatch)
            throw new RuleViolation("visits", new($"Au plus {MaxBatch} visites par envoi ; celui-ci en compte {entries.Count}.",
                $"At most {MaxBatch} visits per request; this one has {entries.Count}."));

        string Field(int i, string name) => FieldOf(batch, i, name);
        LocalizedText At(int i, LocalizedText text) => AtIndex(batch, i, text);

        var seen = new Dictionary<Guid, int>();
        for (var i = 0; i < entries.Count; i++)
        {
            if (entries[i].ClientId == Guid.Empty)
                throw new RuleViolation(Field(i, "clientId"), At(i, new("Indiquez l'identifiant (uuid) créé par l'appareil.", "Give the uuid the device generated.")));
            if (!seen.TryAdd(entries[i].ClientId, i))
                throw new RuleViolation(Field(i, "clientId"), At(i, new($"Cet identifiant figure déjà à l'index {seen[entries[i].ClientId]} du même envoi.",
                    $"This clientId already appears at index {seen[entries[i].ClientId]} of the same request.")));
        }

        var structures = await StructuresAsync(entries, ct);
        var citeIds = structures.Values.Select(s => s.CiteId).Distinct().ToArray();
        var partnerIds = entries.Where(e => e.PartnerId is > 0).Select(e => e.PartnerId!.Value).Distinct().ToArray();
        var partners = partnerIds.Length == 0 ? [] : await db.Partners.AsNoTracking().Where(p => partnerIds.Contains(p.Id) && citeIds.Contains(p.CiteId))
            .ToDictionaryAsync(p => p.Id, p => p.CiteId, ct);
        var territoryIds = entries.Select(e => ParseResidence(e.Residence)).Where(r => r > 0).Distinct().ToArray();
        var territories = territoryIds.Length == 0 ? [] : await db.Territories.AsNoTracking().Where(t => territoryIds.Contains(t.Id) && citeIds.Contains(t.CiteId))
            .ToDictionaryAsync(t => t.Id, t => t.CiteId, ct);

        var now = clock.GetUtcNow();
        var result = new List<VisitToRecord>(entries.Count);
        for (var i = 0; i < entries.Count; i++)
        {
            var e = entries[i];
            if (!structures.TryGetValue(e.StructureId, out var structure))
                throw new RuleViolation(Field(i, "structureId"), At(i, new($"Aucune structure n'a l'identifiant {e.StructureId} dans vos Cités.",
                    $"No structure has the id {e.StructureId} in your Cités.")), StatusCodes.Status404NotFound);
            if (checkScope && !await access.CanOnStructureAsync(Loggers, structure.Id, structure.CiteId, structure.ParentId))
                throw new RuleViolation(Field(i, "structureId"), At(i, new($"Vous n'avez pas le droit d'enregistrer des visites pour « {structure.Name} ».",
                    $"You may not log visits for \"{structure.Name}\".")), StatusCodes.Status403Forbidden);

            var occurredAt = e.OccurredAt ?? now;
            if (occurredAt > now + FutureTolerance)
                throw new RuleViolation(Field(i, "occurredAt"), At(i, new("La date de la visite est dans le futur.", "The visit's date is in the future.")));
            if (occurredAt < now - MaxAge)
                throw new RuleViolation(Field(i, "occurredAt"), At(i, new($"La visite date de plus de {MaxAge.Days} jours : elle ne peut plus être enregistrée.",
                    $"The visit is more than {MaxAge.Days} days old: it can no longer be recorded.")));
            if (occurredAt > now) occurredAt = now;

            var residence = ParseResidence(e.Residence);
            if (residence == int.MinValue)
                throw new RuleViolation(Field(i, "residence"), At(i, new(
                    $"Lieu de résidence inconnu « {e.Residence} » : territory:ID, {string.Join(", ", Residence.Areas.Keys)}.",
                    $"Unknown residence \"{e.Residence}\": territory:ID, {string.Join(", ", Residence.Areas.Keys)}.")));
            if (residence > 0 && (!territories.TryGetValue(residence, out var tc) || tc != structure.CiteId))
                throw new RuleViolation(Field(i, "residence"), At(i, new($"Le territoire {residence} n'appartient pas à la Cité de cette structure.",
                    $"Territory {residence} does not belong to this structure's Cité.")));
            if (e.PartnerId is > 0 && (!partners.TryGetValue(e.PartnerId.Value, out var pc) || pc != structure.CiteId))
                throw new RuleViolation(Field(i, "partnerId"), At(i, new($"Le partenaire {e.PartnerId} n'appartient pas à la Cité de cette structure.",
                    $"Partner {e.PartnerId} does not belong to this structure's Cité.")));
            if (e.PartnerId is < 0)
                throw new RuleViolation(Field(i, "partnerId"), At(i, new("Identifiant de partenaire invalide.", "Invalid partner id.")));
            var duration = e.Duration ?? DurationBracket.None;
            if (e.Kind == VisitKind.Visit && duration != DurationBracket.None)
                throw new RuleViolation(Field(i, "durationBracket"), At(i, new("Une durée ne s'indique que pour un entretien (kind: interview).",
                    "A duration bracket is only given for an interview (kind: interview).")));
            CheckDefined(e, i, Field, At);

            result.Add(new VisitToRecord(e.ClientId, new Visit
            {
                Quarter = QuarterHour.Of(occurredAt),
                StructureId = structure.Id,
                CiteId = structure.CiteId,
                PartnerId = e.PartnerId ?? 0,
                ResidenceId = residence,
                Needs = e.Needs,
                Services = e.Services,
                Kind = e.Kind,
                Channel = e.Channel,
                PublicStatus = e.PublicStatus,
                AgeBracket = e.AgeBracket,
                Gender = e.Gender,
                Extra = VisitExtra.Pack(e.FirstVisit, duration, e.Referral, e.Diploma ?? DiplomaLevel.NotSaid, e.Source),
            }));
        }
        return result;
    }

    /// <summary>The structures the entries name, within the tenant's Cités (the query filter).</summary>
    private async Task<Dictionary<int, StructureRef>> StructuresAsync(IReadOnlyList<VisitEntry> entries, CancellationToken ct)
    {
        var ids = entries.Select(e => e.StructureId).Distinct().ToArray();
        // A reception entry names one structure, on every tap: from memory (StructureRefs), checked against the tenant as the filter would.
        if (ids.Length == 1)
            return await structures.FindAsync(db, ids[0], ct) is { } one && tenant.Allows(one.CiteId) ? new() { [one.Id] = one } : [];
        return await db.Structures.Where(s => ids.Contains(s.Id)).Select(s => new StructureRef(s.Id, s.CiteId, s.ParentId, s.Name)).ToDictionaryAsync(s => s.Id, ct);
    }

    /// <summary>Numbers that are no member (a form post, a cast) are refused like unknown names.</summary>
    private static void CheckDefined(VisitEntry e, int i, Func<int, string, string> field, Func<int, LocalizedText, LocalizedText> at)
    {
        void Check<T>(T value, string name) where T : struct, Enum
        {
            if (!Enum.IsDefined(value))
                throw new RuleViolation(field(i, name), at(i, new($"Catégorie inconnue pour {name}.", $"Unknown category for {name}.")));
        }
        Check(e.Kind, "kind"); Check(e.Channel, "channel"); Check(e.PublicStatus, "publicStatus"); Check(e.AgeBracket, "ageBracket");
        Check(e.Gender, "gender"); Check(e.Source, "source");
        if (e.Duration is { } d) Check(d, "durationBracket");
        if (e.Referral is { } r) Check(r, "referral");
        if (e.Diploma is { } dl) Check(dl, "diplomaLevel");
        if (((int)e.Needs & ~AllNeeds) != 0) throw new RuleViolation(field(i, "needs"), at(i, new("Besoin inconnu.", "Unknown need.")));
        if (((int)e.Services & ~AllServices) != 0) throw new RuleViolation(field(i, "services"), at(i, new("Service inconnu.", "Unknown service.")));
    }

    private static readonly int AllNeeds = Enum.GetValues<Needs>().Aggregate(0, (a, n) => a | (int)n);
    private static readonly int AllServices = Enum.GetValues<Services>().Aggregate(0, (a, n) => a | (int)n);

    /// <summary>A territory id, a code of <see cref="Residence.Areas"/>, or <see cref="int.MinValue"/> when unreadable.</summary>
    public static int ParseResidence(string? value)
    {
        if (string.IsNullOrEmpty(value)) return Residence.NotSaid;
        if (Residence.Areas.TryGetValue(value, out var code)) return code;
        if (value.StartsWith(Residence.TerritoryPrefix, StringComparison.Ordinal)
            && int.TryParse(value.AsSpan(Residence.TerritoryPrefix.Length), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id) && id > 0)
            return id;
        return int.MinValue;
    }
}
