using Maillage.Network;
using Maillage.Platform.Audit;
using Maillage.Platform.Data;
using Maillage.Platform.Errors;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Entrepreneurship.Holders;

/// <summary>What a new holder is given: identity, contact, consent, residence, publics, prescriber, project.</summary>
public sealed record HolderInput(
    string? FirstName, string? LastName, string? Email, string? Phone,
    bool? ConsentGiven, DateOnly? ConsentDate, string? ConsentTextVersion, ConsentScope ConsentCovers,
    int? CommuneId, int? QpvId, Fragility Fragility, Prescriber Prescriber, string? PrescriberDetail,
    string? Activity, string? Sector, string? IntendedLegalForm, bool? IntendedInQpv);

/// <summary>
/// Writes and reads a programme's holders with their rules: a record only with consent, the residence from the
/// territory reference data, steps in order; every read of a record is written to the audit trail.
/// </summary>
public sealed class HolderRegister(MaillageDb db, ProgrammeAccess access, IAuditActor actor, TimeProvider clock, Prospects.Prospects prospects, Partners.PartnerLinks partnerLinks)
{
    public const string ReadAction = "Read";

    public DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    /// <param name="formProblems">What the caller's own reading of the input found (a form's dates): told together with the rules' problems.</param>
    /// <param name="prospect">
    /// The registrant of an awareness meeting the record is made for (with the consent just given): the holder gets a
    /// <c>sensitised</c> step dated the meeting and linked to it, and the prospect is not offered again — all saved together.
    /// </param>
    public async Task<ProjectHolder> CreateAsync(int programmeId, HolderInput input, CancellationToken ct = default, IReadOnlyList<RuleViolation>? formProblems = null,
        Prospects.Prospects.Prospect? prospect = null)
    {
        if (prospect is not null) programmeId = prospect.ProgrammeId;
        var programme = await db.Set<Programme>().IgnoreQueryFilters().SingleAsync(p => p.Id == programmeId, ct);
        var holder = new ProjectHolder
        {
            CiteId = programme.CiteId, ProgrammeId = programme.Id,
            CoachUserId = actor.UserId, CoachName = actor.UserName,
            FirstName = "", LastName = "", Consent = new Consent { TextVersion = "" },
            CreatedAt = clock.GetUtcNow(),
        };
        await ApplyAsync(holder, input, formProblems, ct);
        holder.LastContactOn = holder.Consent.GivenOn; // the consent is given at a contact
        db.Add(holder);
        if (prospect is null)
        {
            await db.SaveChangesAsync(ct);
            return holder;
        }
        holder.AddStep(new PipelineStep
        {
            Kind = StepKind.Sensitised, Date = prospect.Day, AgendaEventId = prospect.EventId, RecordedBy = actor.UserName,
            Note = $"Réunion de sensibilisation : {prospect.EventTitle}",
        }, Today);
        db.Add(await prospects.DecisionAsync(prospect, Prospects.ProspectOutcome.Converted, ct));
        await prospects.SaveOnceAsync(prospect, ct);
        return holder;
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    /// <summary>
    /// Checks what a holder is given — names, e-mail, consent, residence from the Cité's territories — and, when all is
    /// right, writes it on <paramref name="holder"/>; else throws every problem together and changes nothing. The one
    /// set of rules for a new record and an edit.
    /// </summary>
    private async Task ApplyAsync(ProjectHolder holder, HolderInput input, IReadOnlyList<RuleViolation>? formProblems, CancellationToken ct)
    {
        var problems = new List<RuleViolation>(formProblems ?? []);
        if (string.IsNullOrWhiteSpace(input.FirstName)) problems.Add(new("firstName", new("Indiquez le prénom.", "Give the first name.")));
        else if (input.FirstName.Trim().Length > ProjectHolder.MaxName) problems.Add(new("firstName", new($"Le prénom a au plus {ProjectHolder.MaxName} caractères.", $"The first name has at most {ProjectHolder.MaxName} characters.")));
        if (string.IsNullOrWhiteSpace(input.LastName)) problems.Add(new("lastName", new("Indiquez le nom.", "Give the last name.")));
        else if (input.LastName.Trim().Length > ProjectHolder.MaxName) problems.Add(new("lastName", new($"Le nom a au plus {ProjectHolder.MaxName} caractères.", $"The last name has at most {ProjectHolder.MaxName} characters.")));
        if (input.Email is { Length: > 0 } email && !System.Net.Mail.MailAddress.TryCreate(email.Trim(), out _))
            problems.Add(new("email", new("Cette adresse e-mail n'est pas valide.", "This e-mail address is not valid.")));
        problems.AddRange(Consent.Check(input.ConsentGiven, input.ConsentDate, input.ConsentTextVersion, input.ConsentCovers, Today));
        var (communeId, qpvId) = await ResidenceAsync(holder.CiteId, input.CommuneId, input.QpvId, problems, ct);
        RuleViolation.ThrowIfAny(problems);
        holder.FirstName = input.FirstName!.Trim();
        holder.LastName = input.LastName!.Trim();
        holder.Email = Blank(input.Email);
        holder.Phone = Blank(input.Phone);
        (holder.Consent.GivenOn, holder.Consent.TextVersion, holder.Consent.Covers) = (input.ConsentDate!.Value, input.ConsentTextVersion!.Trim(), input.ConsentCovers);
        (holder.CommuneId, holder.QpvId) = (communeId, qpvId);
        (holder.Fragility, holder.Prescriber, holder.PrescriberDetail) = (input.Fragility, input.Prescriber, Blank(input.PrescriberDetail));
        (holder.Activity, holder.Sector, holder.IntendedLegalForm, holder.IntendedInQpv) = (Blank(input.Activity), Blank(input.Sector), Blank(input.IntendedLegalForm), input.IntendedInQpv);
    }

    /// <summary>
    /// Corrects a holder's record (identity, contact, residence, publics, prescriber, project) and withdraws consent
    /// scopes, with the rules of a new record; the consent's date and text stay those given (withdrawing the coaching
    /// itself is an erasure, not an edit). Audited as every change of a holder.
    /// </summary>
    public async Task UpdateAsync(ProjectHolder holder, HolderInput input, CancellationToken ct = default, IReadOnlyList<RuleViolation>? formProblems = null)
    {
        var problems = new List<RuleViolation>(formProblems ?? []);
        if (!input.ConsentCovers.HasFlag(ConsentScope.Coaching))
            problems.Add(new("consent.covers", new(
                "Retirer le consentement à l'accompagnement, c'est effacer la fiche : utilisez « Effacer la fiche ».",
                "Withdrawing the consent to coaching means erasing the record: use 'Erase the record'.")));
        if ((input.ConsentCovers & ~holder.Consent.Covers) != ConsentScope.None)
            problems.Add(new("consent.covers", new(
                "Un consentement se retire ici ; un nouveau consentement se recueille avec le texte lu à la personne.",
                "A consent is withdrawn here; a new consent is collected with the text read to the person.")));
        await ApplyAsync(holder, input with { ConsentGiven = true, ConsentDate = holder.Consent.GivenOn, ConsentTextVersion = holder.Consent.TextVersion }, problems, ct);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Gives a holder to another coach of the programme: its manager only (403 otherwise); the coach is one of the
    /// programme's staff (<see cref="ProgrammeAccess.CoachesAsync"/>). Audited; the new coach sees the holder, the old one no more.
    /// </summary>
    public async Task ReassignAsync(ProjectHolder holder, string? coachUserId, CancellationToken ct = default)
    {
        if (!(await access.ManagedIdsAsync(ct)).Contains(holder.ProgrammeId))
            throw new RuleViolation("coach", new("Seul·e le ou la responsable du programme confie un porteur à un autre conseiller.", "Only the programme's manager gives a holder to another coach."), StatusCodes.Status403Forbidden);
        var coaches = await access.CoachesAsync(holder.ProgrammeId, ct);
        var coach = coaches.FirstOrDefault(c => c.UserId == coachUserId)
                    ?? throw new RuleViolation("coach", new("Choisissez un conseiller ou une conseillère du programme.", "Choose a coach of the programme."));
        (holder.CoachUserId, holder.CoachName) = (coach.UserId, coach.Name);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// The commune and QPV of residence, both from the Cité's territories: a QPV must be a territory of kind QPV (its
    /// commune is then the one above it when none is given), a commune one of kind Commune.
    /// </summary>
    public async Task<(int? Commune, int? Qpv)> ResidenceAsync(int citeId, int? communeId, int? qpvId, List<RuleViolation> problems, CancellationToken ct)
    {
        var ids = new[] { communeId, qpvId }.Where(i => i is not null).Select(i => i!.Value).ToArray();
        var found = await db.Set<Territory>().IgnoreQueryFilters().AsNoTracking().Where(t => t.CiteId == citeId && ids.Contains(t.Id))
            .ToDictionaryAsync(t => t.Id, ct);
        if (qpvId is { } q)
        {
            if (!found.TryGetValue(q, out var qpv) || qpv.Kind != TerritoryKind.Qpv)
                problems.Add(new("qpv", new($"Le QPV {q} n'est pas dans le référentiel des territoires de la Cité.", $"QPV {q} is not in the Cité's territory reference data.")));
            else communeId ??= qpv.ParentId;
        }
        if (communeId is { } c && !(found.TryGetValue(c, out var commune) ? commune.Kind == TerritoryKind.Commune
                : await db.Set<Territory>().IgnoreQueryFilters().AnyAsync(t => t.Id == c && t.CiteId == citeId && t.Kind == TerritoryKind.Commune, ct)))
            problems.Add(new("commune", new($"La commune {c} n'est pas dans le référentiel des territoires de la Cité.", $"Commune {c} is not in the Cité's territory reference data.")));
        return (communeId, qpvId);
    }

    /// <summary>Adds a step to a holder of the person's programmes; a referral names a partner of the programme by its key.</summary>
    public async Task<PipelineStep> AddStepAsync(ProjectHolder holder, PipelineStep step, string? partnerKey, CancellationToken ct = default)
    {
        if (step.Kind == StepKind.Referred)
        {
            if (string.IsNullOrWhiteSpace(partnerKey))
                throw new RuleViolation("partner", new("Indiquez le partenaire vers qui la personne est orientée.", "Give the partner the person is referred to."));
            step.ReferralPartnerId = await db.Set<ReferralPartner>().Where(p => p.ProgrammeId == holder.ProgrammeId && p.Key == partnerKey)
                                         .Select(p => (int?)p.Id).FirstOrDefaultAsync(ct)
                                     ?? throw new RuleViolation("partner", new($"Partenaire inconnu du programme : « {partnerKey} ».", $"Unknown partner of the programme: '{partnerKey}'."));
        }
        step.RecordedBy = actor.UserName;
        holder.AddStep(step, Today);
        // A referral to a partner that answers by link is saved with its e-mail (or the reason none is sent).
        await partnerLinks.SaveStepAsync(holder, step, holder.CoachName ?? actor.UserName, ct);
        return step;
    }

    /// <summary>
    /// Corrects a recorded step through <see cref="PipelineStep.Correct"/> (its own rules, the new date between its
    /// neighbours; its kind stays); a referral names a partner of the programme by its key. Audited as every change.
    /// </summary>
    public async Task CorrectStepAsync(ProjectHolder holder, PipelineStep step, StepFields fields, string? partnerKey, CancellationToken ct = default)
    {
        if (step.Kind == StepKind.Referred && !string.IsNullOrWhiteSpace(partnerKey))
            fields = fields with
            {
                ReferralPartnerId = await db.Set<ReferralPartner>().Where(p => p.ProgrammeId == holder.ProgrammeId && p.Key == partnerKey)
                                        .Select(p => (int?)p.Id).FirstOrDefaultAsync(ct)
                                    ?? throw new RuleViolation("partner", new($"Partenaire inconnu du programme : « {partnerKey} ».", $"Unknown partner of the programme: '{partnerKey}'.")),
            };
        step.Correct(holder, s => s.Assign(fields), Today);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>A holder of the person's programmes, its reading written to the audit trail (who read which record, when).</summary>
    public async Task<ProjectHolder> ReadAsync(int id, CancellationToken ct = default)
    {
        var holder = await access.HolderAsync(id, ct);
        db.AuditEntries.Add(new AuditEntry
        {
            At = clock.GetUtcNow(), UserId = actor.UserId, UserName = actor.UserName, CiteId = holder.CiteId,
            EntityType = nameof(ProjectHolder), EntityId = holder.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), Action = ReadAction,
        });
        await db.SaveChangesAsync(ct);
        return holder;
    }

    /// <summary>
    /// People counted without a record (consent refused): <paramref name="count"/> people at <paramref name="kind"/> on
    /// <paramref name="date"/>, with their residence if they gave it.
    /// </summary>
    public async Task CountAnonymousAsync(int programmeId, StepKind kind, DateOnly date, int count, int? communeId, int? qpvId, CancellationToken ct = default)
    {
        var programme = await db.Set<Programme>().IgnoreQueryFilters().SingleAsync(p => p.Id == programmeId, ct);
        var problems = new List<RuleViolation>();
        if (kind is not (StepKind.Sensitised or StepKind.Received))
            problems.Add(new("kind", new("Sans consentement, seules la sensibilisation et la réception sont comptées.", "Without consent only sensitisation and reception are counted.")));
        if (date == default) problems.Add(new("date", new("Indiquez la date.", "Give the date.")));
        else if (date > Today) problems.Add(new("date", new("La date est dans le futur.", "The date is in the future.")));
        if (count is < 1 or > 500) problems.Add(new("count", new("Le nombre de personnes va de 1 à 500.", "The number of people is from 1 to 500.")));
        (communeId, qpvId) = await ResidenceAsync(programme.CiteId, communeId, qpvId, problems, ct);
        RuleViolation.ThrowIfAny(problems);
        var rows = new List<(StepKind?, int?)> { (kind, null) };
        if (kind == StepKind.Received) rows.Add((null, null));
        foreach (var (k, partner) in rows)
            await HolderErasure.AddCountAsync(db, programme, k, new DateOnly(date.Year, date.Month, 1), communeId, qpvId, partner, count, ct);
        await db.SaveChangesAsync(ct);
    }
}
