using System.Globalization;
using Maillage.Platform;
using Maillage.Platform.Data;
using Maillage.Platform.Errors;
using Maillage.Platform.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Entrepreneurship.Holders;

/// <summary>
/// The CitésLab API (issue 23 item 7), for the programme's staff only (<see cref="ProgrammeAccess"/>): create a holder
/// with their consent, add dated steps, list the holders by stage, read one (audited), the year's indicators against
/// the targets, export a person's data and erase it. A holder outside one's programmes answers 404.
/// </summary>
internal static class HolderApi
{
    public sealed record ConsentBody(bool? Given, DateOnly? Date, string? TextVersion, IReadOnlyList<string>? Covers);
    public sealed record ProjectBody(string? Activity, string? Sector, string? IntendedLegalForm, bool? IntendedInQpv);
    public sealed record HolderBody(int? Programme, string? FirstName, string? LastName, string? Email, string? Phone, ConsentBody? Consent,
        int? CommuneId, int? QpvId, IReadOnlyList<string>? Fragility, string? Prescriber, string? PrescriberDetail, ProjectBody? Project, long? Prospect = null);
    /// <summary>An edit (PUT): every field of the record as POST gives it; the consent's date and text stay those given, its scopes can only be withdrawn.</summary>
    public sealed record HolderEditBody(string? FirstName, string? LastName, string? Email, string? Phone, ConsentBody? Consent,
        int? CommuneId, int? QpvId, IReadOnlyList<string>? Fragility, string? Prescriber, string? PrescriberDetail, ProjectBody? Project);
    public sealed record StepBody(string? Kind, DateOnly? Date, int? DurationMinutes, int? StructureId, int? AgendaEventId, string? Note,
        string? Partner, string? Answer, DateOnly? AnsweredOn, string? LegalForm, string? Siret, bool? CreatedInQpv, string? Outcome);
    /// <summary>The coach a holder is given to: a user id of the programme's coaches and managers (<c>GET …/coaches</c>).</summary>
    public sealed record CoachBody(string? Coach);
    public sealed record AnonymousBody(int? Programme, string? Kind, DateOnly? Date, int? Count, int? CommuneId, int? QpvId);

    public sealed record Created(int Id, string Url);
    public sealed record StepDto(int Id, string Kind, DateOnly Date, int? DurationMinutes, int? StructureId, int? AgendaEventId, string? Note,
        string? Partner, string? Answer, DateOnly? AnsweredOn, string? LegalForm, string? Siret, bool? CreatedInQpv, string? Outcome, string? RecordedBy);
    public sealed record ConsentDto(DateOnly Date, string TextVersion, IReadOnlyList<string> Covers);
    public sealed record HolderDto(int Id, int Programme, string FirstName, string LastName, string? Email, string? Phone, ConsentDto Consent,
        int? CommuneId, int? QpvId, bool FromQpv, IReadOnlyList<string> Fragility, string Prescriber, string? PrescriberDetail, ProjectBody Project,
        string? Coach, string? Stage, DateOnly LastContactOn, DateOnly? FollowUpDue, IReadOnlyList<StepDto> Steps);
    public sealed record HolderRow(int Id, string Name, string? Stage, DateOnly LastContactOn, string? Coach, bool FromQpv, DateOnly? FollowUpDue, bool Overdue, string Url);
    public sealed record CoachDto(int Programme, string Id, string Name, bool Manager);
    public sealed record ProspectDto(long Id, int Programme, string FirstName, string LastName, string? Email, string? Phone, int EventId, string EventTitle, DateOnly Date);
    public sealed record IndicatorDto(string Name, string Label, string Unit, decimal Value, decimal? Target, decimal? Projection, IReadOnlyDictionary<string, decimal>? Parts);
    public sealed record IndicatorsDto(int Year, int Programme, int? Territory, DateOnly From, DateOnly To, IReadOnlyList<IndicatorDto> Indicators);

    public static RouteGroupBuilder MapHolderApi(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/entrepreneurship").WithTags("Entrepreneurship").RequireAuthorization(EntrepreneurshipModule.StaffPolicy);
        g.MapPost("/holders", CreateAsync).WithName("CreateProjectHolder").WithMetadata(new RequestSizeLimitAttribute(PlatformModule.MaxJsonBody))
            .WithSummary("Records a project holder with their consent {firstName, lastName, email?, phone?, consent: {given: true, date, textVersion, covers: [coaching, sharingWithPartners, followUpContact]}, communeId?, qpvId?, fragility: [...], prescriber, project: {...}}: 201 {id, url}. No record without consent (422 naming consent.given): count the person with POST /entrepreneurship/anonymous-counts.");
        g.MapPost("/holders/{id:int}/steps", AddStepAsync).WithName("AddPipelineStep").WithMetadata(new RequestSizeLimitAttribute(PlatformModule.MaxJsonBody))
            .WithSummary("Adds a dated step {kind: sensitised | received | amorcage | referred | created | followUp | otherOutcome, date, ...}: referred needs partner (its key) and may carry answer and answeredOn; created needs legalForm and a SIRET whose Luhn key is right; otherOutcome needs outcome. 422 for a date in the future or before the previous step, a stage going back.");
        g.MapPut("/holders/{id:int}", UpdateAsync).WithName("UpdateProjectHolder").WithMetadata(new RequestSizeLimitAttribute(PlatformModule.MaxJsonBody))
            .WithSummary("Replaces a holder's record {firstName, lastName, email?, phone?, consent?: {covers: [coaching, …]}, communeId?, qpvId?, fragility: [...], prescriber, prescriberDetail?, project: {...}} with the edit page's rules: 200 with the record. "
                         + "Omitted optional fields are emptied. The consent's date and text version stay those given (422 consent.date / consent.textVersion if changed); its scopes can be withdrawn, "
                         + "not given back (422 consent.covers); withdrawing the coaching (or given: false) is the erasure, DELETE. 422 naming each field, nothing saved; 404 for a holder you do not see. Audited.");
        g.MapPut("/holders/{id:int}/steps/{stepId:int}", CorrectStepAsync).WithName("CorrectPipelineStep").WithMetadata(new RequestSizeLimitAttribute(PlatformModule.MaxJsonBody))
            .WithSummary("Corrects a recorded step {kind?, date, durationMinutes?, note?, partner?, answer?, answeredOn?, legalForm?, siret?, createdInQpv?, outcome?}: its kind stays (422 kind if another is given); "
                         + "the step's rules hold and the new date stays between the previous and the next stage's steps (422 naming the field, nothing saved). 200 with the record; the audit trail keeps the values before and after.");
        g.MapPut("/holders/{id:int}/coach", ReassignAsync).WithName("ReassignProjectHolder").WithMetadata(new RequestSizeLimitAttribute(PlatformModule.MaxJsonBody))
            .WithSummary("Gives the holder to another coach of the programme {coach: the user id of one of its coaches or managers, as GET /entrepreneurship/coaches lists them}, as the edit page's manager form does: "
                         + "the programme's manager only (403 for a coach); 422 naming coach when the person is not one of the programme's coaches; 404 for a holder you do not see. "
                         + "200 with the record. Audited; the new coach then sees the holder, the previous one gets 404.");
        g.MapGet("/coaches", CoachesAsync).WithName("CitesLabCoaches")
            .WithSummary("The coaches and managers of the programmes you manage (programme: one of them), whom a holder can be given to with PUT /entrepreneurship/holders/{id}/coach: {programme, id, name, manager}. The programme's manager only (403 otherwise).");
        g.MapGet("/holders", ListAsync).WithName("ProjectHolders")
            .WithSummary("The holders you follow — all the programme's for its manager (mine=true: only those you follow) — (stage: a stage to keep; overdue=true: businesses whose post-creation follow-up is overdue), with their stage, last contact and next follow-up.");
        g.MapGet("/holders/{id:int}", ReadAsync).WithName("ProjectHolder")
            .WithSummary("One holder's record with their steps (the read is written to the audit trail).");
        g.MapGet("/holders/{id:int}/export", ExportAsync).WithName("ExportProjectHolder")
            .WithSummary("Everything held about the person, as a JSON file, or as a PDF with format=pdf or Accept: application/pdf (right of access; the read is written to the audit trail).");
        g.MapDelete("/holders/{id:int}", EraseAsync).WithName("EraseProjectHolder")
            .WithSummary("Erases the person's record, steps and audit entries (right to erasure): 204. The indicators of past years stay the same (anonymous counts).");
        g.MapGet("/indicators", IndicatorsAsync).WithName("EntrepreneurshipIndicators")
            .WithSummary("The year's CitésLab indicators of your programme (year: default this year; territory: a territory id of the Cité) with the convention's targets and, for the current year, the projection to year end.");
        g.MapGet("/prospects", ProspectsAsync).WithName("CitesLabProspects")
            .WithSummary("Registrants of your programme's awareness meetings (agenda events of type awarenessMeeting at its permanence or organised by its operating partner, held in the last 12 months), not yet turned into holders nor dismissed. Record one with POST /entrepreneurship/holders {prospect: id, consent: …}: a sensitised step dated the meeting is added.");
        g.MapPost("/prospects/{id:long}/dismiss", DismissProspectAsync).WithName("DismissCitesLabProspect")
            .WithSummary("The prospect is not offered again: 204 (404 when it is not offered to you; 409 when someone else just dealt with it).");
        g.MapPost("/anonymous-counts", CountAnonymousAsync).WithName("CountAnonymousPeople").WithMetadata(new RequestSizeLimitAttribute(PlatformModule.MaxJsonBody))
            .WithSummary("Counts people who refused consent, without a record {kind: sensitised | received, date, count, communeId?, qpvId?}: 204.");
        return api;
    }

    private static T? ParseEnum<T>(string? value, string field, List<RuleViolation> problems, bool required = false) where T : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required) problems.Add(new(field, new($"Indiquez {field} ({string.Join(", ", Enum.GetValues<T>().Select(v => v.ApiName()))}).", $"Give {field} ({string.Join(", ", Enum.GetValues<T>().Select(v => v.ApiName()))}).")));
            return null;
        }
        foreach (var v in Enum.GetValues<T>()) if (v.ApiName() == value) return v;
        problems.Add(new(field, new($"Valeur inconnue « {value} » ; attendu : {string.Join(", ", Enum.GetValues<T>().Select(v => v.ApiName()))}.",
            $"Unknown value '{value}'; expected: {string.Join(", ", Enum.GetValues<T>().Select(v => v.ApiName()))}.")));
        return null;
    }

    private static T Flags<T>(IReadOnlyList<string>? names, string field, List<RuleViolation> problems) where T : struct, Enum
    {
        var (flags, unknown) = HolderText.Flags<T>(names);
        if (unknown.Count > 0)
            problems.Add(new(field, new($"Valeur inconnue : {string.Join(", ", unknown)}.", $"Unknown value: {string.Join(", ", unknown)}.")));
        return flags;
    }

    private static async Task<IResult> CreateAsync(HolderBody body, ProgrammeAccess access, HolderRegister register, Prospects.Prospects prospects, CancellationToken ct)
    {
        Prospects.Prospects.Prospect? prospect = null;
        if (body.Prospect is { } prospectId)
        {
            try { prospect = await prospects.FindAsync(prospectId, ct); }
            catch (NotFoundProblem missing) { throw new RuleViolation("prospect", missing.Text); }
        }
        var programme = prospect?.ProgrammeId ?? await access.ProgrammeForAsync(body.Programme, ct);
        var problems = new List<RuleViolation>();
        var covers = Flags<ConsentScope>(body.Consent?.Covers, "consent.covers", problems);
        var fragility = Flags<Fragility>(body.Fragility, "fragility", problems);
        var prescriber = ParseEnum<Prescriber>(body.Prescriber, "prescriber", problems) ?? Prescriber.Other;
        RuleViolation.ThrowIfAny(problems);
        var holder = await register.CreateAsync(programme, new HolderInput(body.FirstName, body.LastName, body.Email, body.Phone,
            body.Consent?.Given, body.Consent?.Date, body.Consent?.TextVersion, covers, body.CommuneId, body.QpvId, fragility, prescriber, body.PrescriberDetail,
            body.Project?.Activity, body.Project?.Sector, body.Project?.IntendedLegalForm, body.Project?.IntendedInQpv), ct, prospect: prospect);
        var url = $"/api/v1/entrepreneurship/holders/{holder.Id}";
        return TypedResults.Created(url, new Created(holder.Id, url));
    }

    private static async Task<IResult> AddStepAsync(int id, StepBody body, ProgrammeAccess access, HolderRegister register, CancellationToken ct)
    {
        var holder = await access.HolderAsync(id, ct);
        var problems = new List<RuleViolation>();
        var kind = ParseEnum<StepKind>(body.Kind, "kind", problems, required: true);
        var answer = ParseEnum<ReferralAnswer>(body.Answer, "answer", problems);
        var outcome = ParseEnum<OtherOutcome>(body.Outcome, "outcome", problems);
        if (body.Date is null) problems.Add(new("date", new("Indiquez la date.", "Give the date.")));
        RuleViolation.ThrowIfAny(problems);
        var step = await register.AddStepAsync(holder, new PipelineStep
        {
            Kind = kind!.Value, Date = body.Date!.Value, DurationMinutes = body.DurationMinutes, StructureId = body.StructureId, AgendaEventId = body.AgendaEventId,
            Note = string.IsNullOrWhiteSpace(body.Note) ? null : body.Note.Trim(), Answer = answer, AnsweredOn = body.AnsweredOn,
            LegalForm = string.IsNullOrWhiteSpace(body.LegalForm) ? null : body.LegalForm.Trim(), Siret = body.Siret, CreatedInQpv = body.CreatedInQpv, Outcome = outcome,
        }, body.Partner, ct);
        return TypedResults.Created($"/api/v1/entrepreneurship/holders/{id}", new Created(step.Id, $"/api/v1/entrepreneurship/holders/{id}"));
    }

    private static async Task<IResult> UpdateAsync(int id, HolderEditBody body, ProgrammeAccess access, HolderRegister register, MaillageDb db, CancellationToken ct)
    {
        var holder = await access.HolderAsync(id, ct);
        var problems = new List<RuleViolation>();
        var covers = body.Consent?.Covers is null ? holder.Consent.Covers : Flags<ConsentScope>(body.Consent.Covers, "consent.covers", problems);
        if (body.Consent?.Given == false)
            problems.Add(new("consent.given", new("Retirer le consentement, c'est effacer la fiche : DELETE /api/v1/entrepreneurship/holders/{id}.",
                "Withdrawing the consent means erasing the record: DELETE /api/v1/entrepreneurship/holders/{id}.")));
        if (body.Consent?.Date is { } date && date != holder.Consent.GivenOn)
            problems.Add(new("consent.date", new("La date du consentement reste celle où il a été donné.", "The consent's date stays the one it was given on.")));
        if (body.Consent?.TextVersion is { Length: > 0 } version && version.Trim() != holder.Consent.TextVersion)
            problems.Add(new("consent.textVersion", new("Le texte du consentement reste celui lu à la personne ; un nouveau consentement se recueille avec le texte lu.",
                "The consent's text stays the one read to the person; a new consent is collected with the text read.")));
        var fragility = Flags<Fragility>(body.Fragility, "fragility", problems);
        var prescriber = ParseEnum<Prescriber>(body.Prescriber, "prescriber", problems, required: true) ?? Prescriber.Other;
        await register.UpdateAsync(holder, new HolderInput(body.FirstName, body.LastName, body.Email, body.Phone, true, null, null, covers,
            body.CommuneId, body.QpvId, fragility, prescriber, body.PrescriberDetail,
            body.Project?.Activity, body.Project?.Sector, body.Project?.IntendedLegalForm, body.Project?.IntendedInQpv), ct, problems);
        return TypedResults.Ok(await DtoAsync(holder, db, register.Today, ct));
    }

    private static async Task<IResult> CorrectStepAsync(int id, int stepId, StepBody body, ProgrammeAccess access, HolderRegister register, MaillageDb db, CancellationToken ct)
    {
        var holder = await access.HolderAsync(id, ct);
        var step = holder.Steps.FirstOrDefault(s => s.Id == stepId)
                   ?? throw new NotFoundProblem(new($"Le porteur {id} n'a pas d'étape {stepId}.", $"Holder {id} has no step {stepId}."));
        var problems = new List<RuleViolation>();
        var kind = ParseEnum<StepKind>(body.Kind, "kind", problems);
        if (kind is { } k && k != step.Kind)
            problems.Add(new("kind", new($"Une correction garde la nature de l'étape ({step.Kind.ApiName()}) : ajoutez plutôt une étape.",
                $"A correction keeps the step's kind ({step.Kind.ApiName()}): add a step instead.")));
        var answer = ParseEnum<ReferralAnswer>(body.Answer, "answer", problems);
        var outcome = ParseEnum<OtherOutcome>(body.Outcome, "outcome", problems);
        if (body.Date is null) problems.Add(new("date", new("Indiquez la date.", "Give the date.")));
        RuleViolation.ThrowIfAny(problems);
        var partnerKey = step.Kind == StepKind.Referred ? body.Partner : null;
        if (step.Kind == StepKind.Referred && string.IsNullOrWhiteSpace(partnerKey))
            throw new RuleViolation("partner", new("Indiquez le partenaire vers qui la personne est orientée.", "Give the partner the person is referred to."));
        await register.CorrectStepAsync(holder, step, new StepFields(body.Date!.Value, body.DurationMinutes, body.Note, null, answer, body.AnsweredOn,
            body.LegalForm, body.Siret, body.CreatedInQpv, outcome), partnerKey, ct);
        return TypedResults.Ok(await DtoAsync(holder, db, register.Today, ct));
    }

    private static async Task<IResult> ReassignAsync(int id, CoachBody body, ProgrammeAccess access, HolderRegister register, MaillageDb db, CancellationToken ct)
    {
        var holder = await access.HolderAsync(id, ct);
        await register.ReassignAsync(holder, string.IsNullOrWhiteSpace(body.Coach) ? null : body.Coach.Trim(), ct);
        return TypedResults.Ok(await DtoAsync(holder, db, register.Today, ct));
    }

    private static async Task<IResult> CoachesAsync([FromQuery] int? programme, ProgrammeAccess access, CancellationToken ct)
    {
        var managed = await access.ManagedIdsAsync(ct);
        if (managed.Count == 0 || programme is { } asked && !managed.Contains(asked))
            throw new RuleViolation("programme", new("Seul·e le ou la responsable du programme confie un porteur à un autre conseiller.",
                "Only the programme's manager gives a holder to another coach."), StatusCodes.Status403Forbidden);
        var coaches = new List<CoachDto>();
        foreach (var p in managed.Where(p => programme is null || p == programme).Order())
            coaches.AddRange((await access.CoachesAsync(p, ct)).Select(c => new CoachDto(p, c.UserId, c.Name, c.Manager)));
        return TypedResults.Ok(coaches);
    }

    private static async Task<IResult> ListAsync([FromQuery] string? stage, [FromQuery] string? overdue, [FromQuery] string? mine, HolderList list, CancellationToken ct)
    {
        var problems = new List<RuleViolation>();
        var kind = ParseEnum<StepKind>(stage, "stage", problems);
        bool onlyOverdue = false;
        if (!string.IsNullOrWhiteSpace(overdue) && !bool.TryParse(overdue, out onlyOverdue))
            problems.Add(new("overdue", new("overdue vaut true ou false.", "overdue is true or false."), StatusCodes.Status400BadRequest));
        bool onlyMine = false;
        if (!string.IsNullOrWhiteSpace(mine) && !bool.TryParse(mine, out onlyMine))
            problems.Add(new("mine", new("mine vaut true ou false.", "mine is true or false."), StatusCodes.Status400BadRequest));
        RuleViolation.ThrowIfAny(problems);
        var rows = await list.MineAsync(kind, onlyMine, onlyOverdue, ct);
        return TypedResults.Ok(rows.Select(r => new HolderRow(r.Id, r.Name, r.Stage?.ApiName(), r.LastContactOn, r.Coach, r.FromQpv, r.FollowUpDue, r.Overdue,
            $"/api/v1/entrepreneurship/holders/{r.Id}")).ToList());
    }

    private static async Task<IResult> ReadAsync(int id, HolderRegister register, MaillageDb db, CancellationToken ct) =>
        TypedResults.Ok(await DtoAsync(await register.ReadAsync(id, ct), db, register.Today, ct));

    internal static async Task<HolderDto> DtoAsync(ProjectHolder h, MaillageDb db, DateOnly today, CancellationToken ct)
    {
        var partners = await db.Set<ReferralPartner>().AsNoTracking().Where(p => p.ProgrammeId == h.ProgrammeId).ToDictionaryAsync(p => p.Id, p => p.Key, ct);
        return new HolderDto(h.Id, h.ProgrammeId, h.FirstName, h.LastName, h.Email, h.Phone,
            new ConsentDto(h.Consent.GivenOn, h.Consent.TextVersion, [.. h.Consent.Covers.Set().Select(c => c.ApiName())]),
            h.CommuneId, h.QpvId, h.FromQpv, [.. h.Fragility.Set().Select(f => f.ApiName())], h.Prescriber.ApiName(), h.PrescriberDetail,
            new ProjectBody(h.Activity, h.Sector, h.IntendedLegalForm, h.IntendedInQpv), h.CoachName, h.Stage?.ApiName(), h.LastContactOn, FollowUp.DueOn(h),
            [.. h.Steps.OrderBy(s => s.Date).ThenBy(s => s.Id).Select(s => new StepDto(s.Id, s.Kind.ApiName(), s.Date, s.DurationMinutes, s.StructureId, s.AgendaEventId, s.Note,
                s.ReferralPartnerId is { } p ? partners.GetValueOrDefault(p) : null, s.Answer?.ApiName(), s.AnsweredOn, s.LegalForm, s.Siret, s.CreatedInQpv, s.Outcome?.ApiName(), s.RecordedBy))]);
    }

    private static async Task<IResult> ExportAsync(int id, HttpRequest request, HolderRegister register, MaillageDb db, Platform.Documents.DocumentRenderer renderer, CancellationToken ct)
    {
        var holder = await register.ReadAsync(id, ct);
        // ?format=pdf or Accept: application/pdf: the same facts as a PDF, through the platform's documents (406 for another format).
        var document = await HolderDocument.BuildAsync(holder, db, ct);
        if (Platform.Documents.DocumentResponse.Serve(request, renderer, document, HolderDocument.FileName(id), HolderDocument.Formats) is { } file) return file;
        var json = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(await DtoAsync(holder, db, register.Today, ct),
            new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web) { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        return TypedResults.File(json, "application/json", $"porteur-{id}.json");
    }

    private static async Task<IResult> EraseAsync(int id, ProgrammeAccess access, HolderErasure erasure, CancellationToken ct)
    {
        var holder = await access.HolderAsync(id, ct);
        await erasure.EraseAsync(holder, "request", ct);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> ProspectsAsync(Prospects.Prospects prospects, CancellationToken ct) =>
        TypedResults.Ok((await prospects.OfferedAsync(ct)).Select(p => new ProspectDto(p.Id, p.ProgrammeId, p.FirstName, p.LastName, p.Email, p.Phone, p.EventId, p.EventTitle, p.Day)).ToList());

    private static async Task<IResult> DismissProspectAsync(long id, Prospects.Prospects prospects, CancellationToken ct)
    {
        await prospects.DismissAsync(id, ct);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> CountAnonymousAsync(AnonymousBody body, ProgrammeAccess access, HolderRegister register, CancellationToken ct)
    {
        var programme = await access.ProgrammeForAsync(body.Programme, ct);
        var problems = new List<RuleViolation>();
        var kind = ParseEnum<StepKind>(body.Kind, "kind", problems, required: true);
        if (body.Date is null) problems.Add(new("date", new("Indiquez la date.", "Give the date.")));
        RuleViolation.ThrowIfAny(problems);
        await register.CountAnonymousAsync(programme, kind!.Value, body.Date!.Value, body.Count ?? 1, body.CommuneId, body.QpvId, ct);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> IndicatorsAsync([FromQuery] string? year, [FromQuery] string? territory, [FromQuery] int? programme,
        ProgrammeAccess access, ProgrammeFigures figures, TimeProvider clock, CancellationToken ct)
    {
        var problems = new List<RuleViolation>();
        var y = clock.GetUtcNow().Year;
        if (!string.IsNullOrWhiteSpace(year) && !(int.TryParse(year, NumberStyles.None, CultureInfo.InvariantCulture, out y) && y is >= 2000 and <= 2100))
            problems.Add(new("year", new("L'année est un nombre de 2000 à 2100.", "The year is a number from 2000 to 2100."), StatusCodes.Status400BadRequest));
        int? t = null;
        if (!string.IsNullOrWhiteSpace(territory))
        {
            if (int.TryParse(territory, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed)) t = parsed;
            else problems.Add(new("territory", new("Le territoire est son numéro (territory=12).", "The territory is its id (territory=12)."), StatusCodes.Status400BadRequest));
        }
        RuleViolation.ThrowIfAny(problems);
        var id = await access.ProgrammeForAsync(programme, ct);
        var result = await figures.YearAsync(id, y, t, ct);
        return TypedResults.Ok(new IndicatorsDto(y, id, t, result.From, result.To,
            [.. result.Rows.Select(r => new IndicatorDto(r.Definition.Name, r.Definition.Label.ToString(), r.Definition.Unit.ToString().ToLowerInvariant(), r.Value.Value, r.Target, r.Projection, r.Value.Parts))]));
    }
}
