using System.Globalization;
using Maillage.Platform.Data;
using Maillage.Platform.Documents;
using Maillage.Platform.Errors;
using Maillage.Platform.Identity;
using Maillage.Platform.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Governance;

/// <summary>
/// The governance API (issue 22 item 10): a Cité's bodies, a session with its counts and quorum, a body's deliberations,
/// and one deliberation — as JSON, or its register extract as PDF/DOCX (<c>Accept</c> or <c>?format=</c>). Access as the
/// pages: the Cité's coordinators and administrators, and the body's secretary; anything else answers 404.
/// </summary>
internal static class GovernanceApi
{
    private static readonly IReadOnlyList<Platform.Documents.DocumentFormat> ExtractFormats = [Platform.Documents.DocumentFormat.Pdf, Platform.Documents.DocumentFormat.Docx];

    public static RouteGroupBuilder MapGovernanceApi(this RouteGroupBuilder api)
    {
        api.MapGet("/bodies", BodiesAsync).RequireAuthorization(Policies.Staff).WithTags("Governance").WithName("Bodies")
            .WithSummary("The bodies of a Cité you manage (cite: its slug; coordinators and administrators see all, a body's secretary theirs): kind, quorum rule, members in office, expected sessions a year.");
        api.MapGet("/sessions/{id:int}", SessionAsync).RequireAuthorization(Policies.Staff).WithTags("Governance").WithName("Session")
            .WithSummary("A session: when and where, convocation, agenda, attendance, counts {inOffice, present, titularPresent, substitutes, represented, voting, excused, absent} and quorum {required, present, represented, reached}, its deliberations.");
        api.MapGet("/deliberations", DeliberationsAsync).RequireAuthorization(Policies.Staff).WithTags("Governance").WithName("Deliberations")
            .WithSummary("A body's deliberations (body: its id, required; year: optional), in number order.");
        api.MapGet("/deliberations/{id:int}", DeliberationAsync).RequireAuthorization(Policies.Staff).WithTags("Governance").WithName("Deliberation")
            .WithSummary("One deliberation: number, object, recitals, articles, vote, session date, transmission and publication dates. Its register extract as PDF with Accept: application/pdf or ?format=pdf (DOCX likewise).");
        api.MapGet("/sessions/{id:int}/minutes", MinutesAsync).RequireAuthorization(Policies.Staff).WithTags("Governance").WithName("SessionMinutes")
            .WithSummary("A session's minutes: kind (account or conclusions), text, who wrote them, approvedAtSessionId and approvedOn once approved (then locked). 404 when none are written.");
        api.MapPut("/sessions/{id:int}/minutes", WriteMinutesAsync).RequireAuthorization(Policies.Staff).WithTags("Governance").WithName("WriteSessionMinutes")
            .WithMetadata(new RequestSizeLimitAttribute(Platform.PlatformModule.MaxJsonBody))
            .WithSummary("Writes a session's minutes {kind: account|conclusions, text}. 409 once they are approved (locked); 422 naming the field for an empty or too long text.");
        api.MapPost("/sessions/{id:int}/minutes/approval", ApproveMinutesAsync).RequireAuthorization(Policies.Staff).WithTags("Governance").WithName("ApproveSessionMinutes")
            .WithSummary("Records that a following session of the same body, already held, approved the minutes {approvedAtSessionId}: they are then locked. 409 when already approved or not written.");
        api.MapGet("/bodies/{id:int}/actions", ActionsAsync).RequireAuthorization(Policies.Staff).WithTags("Governance").WithName("BodyActionItems")
            .WithSummary("A body's action items not done, by due date, each with owner, dueOn, status (open, inProgress, done) and overdue; done=true adds the done ones.");
        return api;
    }

    public sealed record MinutesDto(int SessionId, string Kind, string Text, string? WrittenBy, DateTimeOffset UpdatedAt, int? ApprovedAtSessionId, DateOnly? ApprovedOn, bool Locked);
    public sealed record MinutesBody(string? Kind, string? Text);
    public sealed record ApprovalBody(int? ApprovedAtSessionId);
    public sealed record ActionItemDto(int Id, string Title, string Owner, int? OwnerMemberId, DateOnly DueOn, string Status, bool Overdue, DateOnly? DoneOn, int? SessionId);

    private static MinutesDto Dto(Minutes m) => new(m.SessionId, m.Kind.ApiName(), m.Text, m.WrittenBy, m.UpdatedAt, m.ApprovedAtSessionId, m.ApprovedOn, m.Locked);

    private static async Task<(Session, Body)> ManagedSessionAsync(int id, GovernanceRegister register, GovernanceAccess access, CancellationToken ct)
    {
        var (session, body) = await register.SessionAsync(id, ct);
        if (!await access.MayManageAsync(body)) throw new NotFoundProblem(new($"Aucune séance n'a le numéro {id}.", $"No session has the id {id}."));
        return (session, body);
    }

    private static async Task<IResult> MinutesAsync(int id, GovernanceRegister register, GovernanceAccess access, MinutesRegister minutes, CancellationToken ct)
    {
        await ManagedSessionAsync(id, register, access, ct);
        var m = await minutes.MinutesAsync(id, ct) ?? throw new NotFoundProblem(new("Le compte rendu de cette séance n'est pas encore rédigé.", "The minutes of this session are not written yet."));
        return TypedResults.Ok(Dto(m));
    }

    private static async Task<IResult> WriteMinutesAsync(int id, MinutesBody? input, GovernanceRegister register, GovernanceAccess access, MinutesRegister minutes, CancellationToken ct)
    {
        var (session, _) = await ManagedSessionAsync(id, register, access, ct);
        var kind = input?.Kind switch
        {
            null or "" or "account" => MinutesKind.Account,
            "conclusions" => MinutesKind.Conclusions,
            _ => throw new RuleViolation("kind", new("Le type est « account » (compte rendu) ou « conclusions » (relevé de conclusions).", "The kind is 'account' (minutes) or 'conclusions' (summary of conclusions).")),
        };
        return TypedResults.Ok(Dto(await minutes.WriteAsync(session, kind, input?.Text, ct)));
    }

    private static async Task<IResult> ApproveMinutesAsync(int id, ApprovalBody? input, GovernanceRegister register, GovernanceAccess access, MinutesRegister minutes, CancellationToken ct)
    {
        var (session, _) = await ManagedSessionAsync(id, register, access, ct);
        return TypedResults.Ok(Dto(await minutes.ApproveAsync(session, input?.ApprovedAtSessionId, ct)));
    }

    private static async Task<IResult> ActionsAsync(int id, [FromQuery] bool? done, MaillageDb db, GovernanceAccess access, MinutesRegister minutes, CancellationToken ct)
    {
        var body = await db.Set<Body>().Include(b => b.Members).FirstOrDefaultAsync(b => b.Id == id, ct);
        if (body is null || !await access.MayManageAsync(body)) throw NoBody(id.ToString(CultureInfo.InvariantCulture));
        var today = minutes.Today;
        return TypedResults.Ok((await minutes.ActionsAsync(id, done == true, ct)).Select(a =>
            new ActionItemDto(a.Id, a.Title, MinutesRegister.Owner(a, body), a.OwnerMemberId, a.DueOn, a.Status.ApiName(), a.IsOverdue(today), a.DoneOn, a.SessionId)).ToList());
    }

    public sealed record QuorumRuleDto(int Numerator, int Denominator, bool Strict, bool ProxiesCount, int MaxProxiesPerMember, string Description);
    public sealed record BodyDto(int Id, string Name, string Kind, string? Organisation, string? Seat, string NumberPrefix, int? ExpectedSessionsPerYear,
        int MinConvocationDays, QuorumRuleDto Quorum, int MembersInOffice, string? Secretary);
    public sealed record CountsDto(int InOffice, int Present, int TitularPresent, int Substitutes, int Represented, int Voting, int Excused, int Absent);
    public sealed record QuorumDto(int Required, int Present, int Represented, bool Reached);
    public sealed record AgendaItemDto(int Position, string Title, string? DocumentUrl);
    public sealed record AttendanceDto(int MemberId, string Member, string Status, string? Substitute, string? ProxyHolder);
    public sealed record DeliberationSummaryDto(int Id, string Number, string Object, DateOnly SessionDate, bool Adopted, string Url);
    public sealed record SessionDto(int Id, int BodyId, string Body, DateTimeOffset StartsAt, string TimeZone, string? Place, bool Videoconference, DateOnly? ConvenedOn,
        string? Chair, string? Secretary, IReadOnlyList<AgendaItemDto> Agenda, CountsDto Counts, QuorumDto Quorum, IReadOnlyList<AttendanceDto> Attendance,
        IReadOnlyList<DeliberationSummaryDto> Deliberations);
    public sealed record VoteDto(int For, int Against, int Abstentions, int NotVoting, bool Unanimous, int Total, bool Adopted, string Description);
    public sealed record RecitalDto(string Kind, string Text);
    public sealed record ArticleDto(int Number, string Text);
    public sealed record DeliberationDto(int Id, string Number, int BodyId, string Body, int SessionId, DateOnly SessionDate, int Year, string Object, string? Rapporteur,
        string? BudgetImputation, VoteDto Vote, IReadOnlyList<RecitalDto> Recitals, IReadOnlyList<ArticleDto> Articles, string? TransmittedTo, DateOnly? TransmittedOn,
        DateOnly? PublishedOn, string Extract);

    private static NotFoundProblem NoBody(string body) => new(new($"Aucune instance « {body} » que vous gériez.", $"No body '{body}' that you manage."));

    private static async Task<IResult> BodiesAsync([FromQuery] string? cite, MaillageDb db, GovernanceAccess access, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(cite))
            throw new RuleViolation("cite", new("Indiquez la Cité (cite=grand-geneve).", "Give the Cité (cite=grand-geneve)."), StatusCodes.Status400BadRequest);
        // The tenant filter keeps the Cités of the reader's scope: another Cité answers 404, as an unknown one.
        var citeId = await db.Set<Network.Cite>().Where(c => c.Slug == cite).Select(c => (int?)c.Id).FirstOrDefaultAsync(ct)
            ?? throw new NotFoundProblem(new($"Aucune Cité « {cite} ».", $"No Cité '{cite}'."));
        var bodies = await db.Set<Body>().Include(b => b.Members).Where(b => b.CiteId == citeId).OrderBy(b => b.Name).AsSplitQuery().ToListAsync(ct);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var list = new List<BodyDto>();
        foreach (var b in bodies)
            if (await access.MayManageAsync(b))
                list.Add(new BodyDto(b.Id, b.Name, b.Kind.ApiName(), b.Organisation, b.Seat, b.NumberPrefix, b.ExpectedSessionsPerYear, b.MinConvocationDays,
                    new QuorumRuleDto(b.Quorum.Numerator, b.Quorum.Denominator, b.Quorum.Strict, b.Quorum.ProxiesCount, b.Quorum.MaxProxiesPerMember, b.Quorum.Describe().Fr),
                    b.InOffice(today).Count(), b.SecretaryName));
        return TypedResults.Ok(list);
    }

    private static async Task<IResult> SessionAsync(int id, MaillageDb db, GovernanceRegister register, GovernanceAccess access, CancellationToken ct)
    {
        var (session, body) = await register.SessionAsync(id, ct);
        if (!await access.MayManageAsync(body)) throw new NotFoundProblem(new($"Aucune séance n'a le numéro {id}.", $"No session has the id {id}."));
        var c = GovernanceRegister.Counts(session, body);
        var names = body.Members.ToDictionary(m => m.Id, m => m.DisplayName);
        string? Name(int? member) => member is { } m ? names.GetValueOrDefault(m) : null;
        var deliberations = await db.Set<Deliberation>().Where(d => d.SessionId == id).OrderBy(d => d.Sequence).ToListAsync(ct);
        var attendance = body.InOffice(session.Day).OrderBy(m => m.Id).Select(m => session.Attendance.FirstOrDefault(a => a.MemberId == m.Id) is { } a
            ? new AttendanceDto(m.Id, m.DisplayName, a.Status.ApiName(), Name(a.SubstituteId), Name(a.ProxyHolderId))
            : new AttendanceDto(m.Id, m.DisplayName, AttendanceStatus.Absent.ApiName(), null, null)).ToList();
        return TypedResults.Ok(new SessionDto(session.Id, body.Id, body.Name, session.LocalStart, session.TimeZone, session.Place, session.Videoconference, session.ConvenedOn,
            Name(session.ChairMemberId), Name(session.SecretaryMemberId),
            session.Agenda.OrderBy(a => a.Position).Select(a => new AgendaItemDto(a.Position, a.Title, a.DocumentUrl)).ToList(),
            new CountsDto(c.InOffice, c.Present, c.TitularPresent, c.Substitutes, c.Represented, c.Voting, c.Excused, c.Absent),
            new QuorumDto(c.Quorum.Required, c.Quorum.Present, c.Quorum.Represented, c.Quorum.Reached),
            attendance, deliberations.Select(d => Summary(d, session.Day)).ToList()));
    }

    private static DeliberationSummaryDto Summary(Deliberation d, DateOnly day) => new(d.Id, d.Number, d.Object, day, d.Vote.Adopted, $"/api/v1/deliberations/{d.Id}");

    private static async Task<IResult> DeliberationsAsync([FromQuery] string? body, [FromQuery] string? year, MaillageDb db, GovernanceAccess access, CancellationToken ct)
    {
        var problems = new List<RuleViolation>();
        if (!int.TryParse(body, NumberStyles.None, CultureInfo.InvariantCulture, out var bodyId))
            problems.Add(new("body", new("Indiquez l'instance par son numéro (body=12).", "Give the body by its id (body=12)."), StatusCodes.Status400BadRequest));
        int? y = null;
        if (!string.IsNullOrWhiteSpace(year))
        {
            if (int.TryParse(year, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) && parsed is >= 2000 and <= 2100) y = parsed;
            else problems.Add(new("year", new("L'année est un nombre de 2000 à 2100 (year=2021).", "The year is a number from 2000 to 2100 (year=2021)."), StatusCodes.Status400BadRequest));
        }
        RuleViolation.ThrowIfAny(problems);
        var b = await db.Set<Body>().FirstOrDefaultAsync(x => x.Id == bodyId, ct);
        if (b is null || !await access.MayManageAsync(b)) throw NoBody(body!);
        var rows = await db.Set<Deliberation>().Where(d => d.BodyId == bodyId && (y == null || d.Year == y))
            .Join(db.Set<Session>(), d => d.SessionId, s => s.Id, (d, s) => new { d, s.StartsAt, s.TimeZone })
            .ToListAsync(ct);
        return TypedResults.Ok(rows.OrderBy(r => r.d.Year).ThenBy(r => r.d.Sequence)
            .Select(r => Summary(r.d, new Session { StartsAt = r.StartsAt, TimeZone = r.TimeZone }.Day)).ToList());
    }

    private static async Task<IResult> DeliberationAsync(int id, HttpRequest request, MaillageDb db, GovernanceRegister register, GovernanceAccess access,
        DocumentRenderer renderer, CancellationToken ct)
    {
        var (d, session, body) = await RegisterExtract.LoadAsync(db, register, id, ct);
        if (!await access.MayManageAsync(body)) throw new NotFoundProblem(new($"Aucune délibération n'a le numéro {id}.", $"No deliberation has the id {id}."));
        var english = LocalizedText.IsEnglish;
        if (DocumentResponse.Serve(request, renderer, () => RegisterExtract.Build(body, session, d, english), RegisterExtract.FileName(d, english), ExtractFormats) is { } file)
            return file;
        var vote = d.Vote;
        return TypedResults.Ok(new DeliberationDto(d.Id, d.Number, body.Id, body.Name, session.Id, session.Day, d.Year, d.Object, d.Rapporteur, d.BudgetImputation,
            new VoteDto(vote.For, vote.Against, vote.Abstentions, vote.NotVoting, vote.Unanimous, vote.Total, vote.Adopted, vote.Describe().Fr),
            d.Recitals.OrderBy(r => r.Position).Select(r => new RecitalDto(r.Kind switch { RecitalKind.Vu => "vu", RecitalKind.Considerant => "considerant", _ => "expose" }, r.Text)).ToList(),
            d.Articles.OrderBy(a => a.Number).Select(a => new ArticleDto(a.Number, a.Text)).ToList(),
            d.TransmittedTo, d.TransmittedOn, d.PublishedOn, $"/gestion/instances/deliberations/{d.Id}/extrait"));
    }
}
