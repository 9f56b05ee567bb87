using Maillage.Funding.Rules;
using Maillage.Platform.Errors;
using Maillage.Platform.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Funding.Conventions;

/// <summary>The conventions API (issue 21, item 14): a Cité's conventions, and one with every figure computed beside the signed one.</summary>
internal static class ConventionApi
{
    public static RouteGroupBuilder MapConventionApi(this RouteGroupBuilder api)
    {
        api.MapGet("/conventions", ListAsync).RequireAuthorization(FundingModule.ReadersPolicy).WithTags("Funding").WithName("Conventions")
            .WithSummary("The conventions of a Cité (cite: its slug; a Cité outside your scope answers 404, as an unknown one), with their status, period and next deadline: every one for the Cité's coordinators and administrators; those concerning their structure for a structure's; those it funds for a funder's staff.");
        api.MapGet("/conventions/{id:int}", GetAsync).RequireAuthorization(FundingModule.ReadersPolicy).WithTags("Funding").WithName("Convention")
            .WithSummary("One convention: parties, actions, per-year amounts {year, computed, signed, discrepancy, flagged}, subsidies (per year and column, computed pro rata and signed), "
                         + "cost sharing, the payment schedule with payments received and ageing, and the deadlines (incl. the last day to give notice).");
        api.MapGet("/conventions/subsidies.csv", SubsidiesAsync).RequireAuthorization(FundingModule.ReadersPolicy).WithTags("Funding").WithName("SubsidiesScdl")
            .WithSummary("Open data: the subsidies granted in the conventions of a Cité you read (cite: its slug; funder: a partner's id to keep its rows), as CSV in the French SCDL « subventions » schema 2.1.1 (schema.data.gouv.fr).");
        api.MapGet("/conventions/{id:int}/calls/{callId:int}", CallAsync).RequireAuthorization(FundingModule.ReadersPolicy).WithTags("Funding").WithName("ConventionCall")
            .WithSummary("A call for funds as issued: {id, number (per Cité and year of issue: 2023-001), years, issuedOn, dueOn, payer, payee, amount, lines [{label, amount}]}; as PDF or DOCX by Accept or ?format=.");
        api.MapPost("/conventions/{id:int}/calls/{callId:int}/cancel", CancelCallAsync).RequireAuthorization(FundingModule.ManagersPolicy).WithTags("Funding").WithName("CancelConventionCall")
            .WithSummary("Cancels an issued call for funds with its reason ({reason}): it keeps its number and reads « ANNULÉ ». Refused (422) without a reason (errors.reason), "
                         + "or when the call is already cancelled or a payment is recorded on its schedule line (errors.call). For those who keep the convention; anyone else 404.");
        api.MapPost("/conventions/{id:int}/calls/{callId:int}/reissue", ReissueCallAsync).RequireAuthorization(FundingModule.ManagersPolicy).WithTags("Funding").WithName("ReissueConventionCall")
            .WithSummary("Re-issues a cancelled call for funds: a new numbered call of the same schedule line, computed from the schedule as it is now, naming the one it replaces (201). "
                         + "A call in force: 422 naming call.");
        api.MapGet("/conventions/{id:int}/reports/{year:int}", ReportAsync).RequireAuthorization(FundingModule.ReadersPolicy).WithTags("Funding").WithName("ConventionReport")
            .WithSummary("The annual report of a convention for a year: {year, version (the last sent, if any), targets [{indicator, label, target, actual, met, state}], amountDue}; "
                         + "as PDF, DOCX, XLSX or ODS by Accept or ?format= (with ?version=n: that frozen version as sent). A year the convention does not cover: 422 naming year.");
        return api;
    }

    public sealed record ConventionSummaryDto(int Id, string Title, string Status, DateOnly? SignedOn, DateOnly? EffectiveFrom, DateOnly? EffectiveTo, DateOnly? EndOfValidity,
        DeadlineDto? NextDeadline, string Url);
    public sealed record PartyDto(string Name, string Role, int? PartnerId, string? Representative, string? BankDetails);
    public sealed record ActionYearDto(int Year, decimal? ForecastDays, decimal FinancedDays);
    public sealed record ActionDto(string Code, string Title, IReadOnlyList<ActionYearDto> Years);
    public sealed record AmountDto(int Year, decimal FinancedDays, decimal? DayRate, decimal VatRate, decimal? Computed, decimal? Signed, decimal? Discrepancy, decimal? DiscrepancyPercent, bool Flagged, string? Payer);
    public sealed record SubsidyDto(string Table, string DayCount, int Year, string? YearLabel, string Column, string? Funder, decimal AnnualAmount, decimal Fraction, int DaysCounted,
        decimal Computed, decimal? Signed, decimal? Discrepancy, decimal? DiscrepancyPercent, bool Flagged);
    public sealed record CostYearDto(int Year, decimal ActualCosts, decimal Refund);
    public sealed record CostSharingDto(string Label, string? Payer, decimal? Budget, decimal SharePercent, decimal? Cap, IReadOnlyList<CostYearDto> Years);
    public sealed record ScheduleDto(IReadOnlyList<int> Years, DateOnly CalledOn, DateOnly DueOn, decimal Amount, decimal Received, decimal Outstanding, int DaysOverdue, string Ageing, DateOnly? ReportDueOn,
        CallSummaryDto? Call = null);
    public sealed record CallSummaryDto(int Id, string Number, DateOnly IssuedOn, decimal Amount, string Url);
    public sealed record CallLineDto(string Label, decimal Amount);
    public sealed record CallDto(int Id, string Number, int ConventionId, IReadOnlyList<int> Years, DateOnly IssuedOn, DateOnly DueOn, string Payer, string? Payee, decimal Amount, string Currency,
        IReadOnlyList<CallLineDto> Lines, string? IssuedBy, bool Cancelled = false, DateOnly? CancelledOn = null, string? CancelledBy = null, string? CancellationReason = null,
        string? Replaces = null, string? ReplacedBy = null);
    public sealed record CancelCallRequest(string? Reason);
    public sealed record DeadlineDto(string Kind, DateOnly? Date, string Label, string? Why, int? Year);
    public sealed record TargetDto(int Year, string Label, string? Indicator, decimal Value, bool Percent, string? Territory, DateOnly From, DateOnly To, decimal? Actual, string State, bool? Met);
    public sealed record ConventionDto(int Id, string Cite, string Title, string Status, string? Object, DateOnly? SignedOn, DateOnly? EffectiveFrom, DateOnly? EffectiveTo,
        DateOnly? ValidUntil, int? TermMonthsFromSignature, int? NoticeMonths, string? NoticeForm, bool TacitRenewal, string? DisputesClause, string Currency, string Rounding,
        decimal TolerancePercent, IReadOnlyList<PartyDto> Parties, IReadOnlyList<string> Structures, IReadOnlyList<string> Territories, IReadOnlyList<ActionDto> Actions,
        IReadOnlyList<AmountDto> Amounts, IReadOnlyList<SubsidyDto> Subsidies, IReadOnlyList<CostSharingDto> CostSharing, IReadOnlyList<ScheduleDto> Schedule,
        IReadOnlyList<DeadlineDto> Deadlines, IReadOnlyList<TargetDto> Targets, string? Source);

    private static async Task<IResult> ListAsync([FromQuery] string? cite, ConventionReader reader, Platform.Data.MaillageDb db, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(cite))
            throw new RuleViolation("cite", new("Indiquez la Cité (cite=grand-geneve).", "Give the Cité (cite=grand-geneve)."), StatusCodes.Status400BadRequest);
        var citeId = await db.Set<Network.Cite>().Where(c => c.Slug == cite).Select(c => (int?)c.Id).FirstOrDefaultAsync(ct);
        if (citeId is null) throw new NotFoundProblem(new($"Aucune Cité « {cite} ».", $"No Cité '{cite}'."));
        var list = await reader.ListAsync(citeId.Value, ct);
        if (list is null) return TypedResults.Forbid();
        return TypedResults.Ok(list.Select(v => new ConventionSummaryDto(v.Convention.Id, v.Convention.Title, v.Convention.Status.ApiName(), v.Convention.SignedOn,
            v.Convention.EffectiveFrom, v.Convention.EffectiveTo, v.Sheet.Deadlines.FirstOrDefault(d => d.Kind == DeadlineKind.EndOfValidity)?.Date,
            v.Sheet.Next(reader.Today) is { } n ? Dto(n) : null, $"/api/v1/conventions/{v.Convention.Id}")).ToList());
    }

    private static async Task<IResult> GetAsync(int id, ConventionReader reader, TargetProgress progress, CallsForFunds calls, CancellationToken ct)
    {
        var v = await reader.GetAsync(id, ct) ?? throw new NotFoundProblem(new("Cette convention n'existe pas ou n'est pas de votre périmètre.", "This convention does not exist or is outside your scope."));
        return TypedResults.Ok(Dto(v, reader.Tolerance, await progress.ComputeAsync(v.Convention, disclosureControl: v.UnderDisclosureControl, ct: ct), await calls.OfAsync(id, ct)));
    }

    private static async Task<IResult> SubsidiesAsync([FromQuery] string? cite, [FromQuery] int? funder, ConventionReader reader, Platform.Data.MaillageDb db, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(cite))
            throw new RuleViolation("cite", new("Indiquez la Cité (cite=grand-geneve).", "Give the Cité (cite=grand-geneve)."), StatusCodes.Status400BadRequest);
        var citeId = await db.Set<Network.Cite>().Where(c => c.Slug == cite).Select(c => (int?)c.Id).FirstOrDefaultAsync(ct)
            ?? throw new NotFoundProblem(new($"Aucune Cité « {Platform.Errors.DateInput.Shown(cite)} ».", $"No Cité '{Platform.Errors.DateInput.Shown(cite)}'."));
        var list = await reader.ListAsync(citeId, ct);
        if (list is null) return TypedResults.Forbid();
        var bytes = SubsidyExport.Csv(SubsidyExport.Rows(list, funder));
        return TypedResults.File(bytes, "text/csv; charset=utf-8", $"subventions-{cite}.csv");
    }

    private static async Task<IResult> CallAsync(int id, int callId, HttpRequest request, ConventionReader reader, CallsForFunds calls, Platform.Documents.DocumentRenderer renderer, CancellationToken ct)
    {
        var v = await reader.GetAsync(id, ct);
        var call = v is null ? null : await calls.GetAsync(id, callId, ct);
        if (v is null || call is null) throw new NotFoundProblem(new("Cet appel de fonds n'existe pas ou n'est pas de votre périmètre.", "This call for funds does not exist or is outside your scope."));
        var requiresReport = v.Convention.PaymentRules.FirstOrDefault(r => r.Id == call.PaymentRuleId)?.RequiresAnnualReport == true;
        var file = Platform.Documents.DocumentResponse.Serve(request, renderer, () => CallsForFunds.Describe(call, v.Convention.Title, v.CiteName, requiresReport),
            $"appel-de-fonds-{call.Number}", CallModel.Formats);
        if (file is not null) return file;
        return TypedResults.Ok(CallDtoOf(call, id, await calls.LinksAsync(call, ct)));
    }

    private static CallDto CallDtoOf(CallForFunds call, int conventionId, CallsForFunds.Links links) =>
        new(call.Id, call.Number, conventionId, [.. call.Years.Split(',').Select(int.Parse)], call.IssuedOn, call.DueOn, call.Payer, call.Payee, call.Amount, call.Currency,
            call.Lines.OrderBy(l => l.Position).Select(l => new CallLineDto(l.Label, l.Amount)).ToList(), call.IssuedBy,
            call.IsCancelled, call.CancelledOn, call.CancelledBy, call.CancellationReason, links.Replaces, links.ReplacedBy);

    private static NotFoundProblem NoCall() =>
        new(new("Cet appel de fonds n'existe pas ou n'est pas de votre périmètre.", "This call for funds does not exist or is outside your scope."));

    private static async Task<IResult> CancelCallAsync(int id, int callId, CancelCallRequest? body, ConventionReader reader, CallsForFunds calls, CancellationToken ct)
    {
        var v = await reader.GetAsync(id, ct, ConventionUse.Keep) ?? throw NoCall();
        try
        {
            var call = await calls.CancelAsync(v, callId, body?.Reason, ct);
            return TypedResults.Ok(CallDtoOf(call, id, await calls.LinksAsync(call, ct)));
        }
        catch (RuleViolation problem) when (problem.Status == StatusCodes.Status404NotFound)
        {
            throw NoCall();
        }
    }

    private static async Task<IResult> ReissueCallAsync(int id, int callId, ConventionReader reader, CallsForFunds calls, CancellationToken ct)
    {
        var v = await reader.GetAsync(id, ct, ConventionUse.Keep) ?? throw NoCall();
        try
        {
            var call = await calls.ReissueAsync(v, callId, ct);
            return TypedResults.Created($"/api/v1/conventions/{id}/calls/{call.Id}", CallDtoOf(call, id, await calls.LinksAsync(call, ct)));
        }
        catch (RuleViolation problem) when (problem.Status == StatusCodes.Status404NotFound)
        {
            throw NoCall();
        }
    }

    private static decimal? Percent(decimal? relative) => relative is { } r ? Math.Round(r * 100, 2) : null;

    public static DeadlineDto Dto(Deadline d) => new(d.Kind switch
    {
        DeadlineKind.PaymentDue => "payment-due",
        DeadlineKind.ReportDue => "report-due",
        DeadlineKind.EndOfValidity => "end-of-validity",
        _ => "last-day-to-give-notice",
    }, d.Date, d.Label.Fr, d.Why?.Fr, d.Year);

    public static TargetDto Dto(TargetStatus x, IReadOnlyDictionary<int, string> territories) => new(x.Target.Year, x.Target.Label, x.Target.Indicator, x.Target.Value,
        x.Target.IsPercent, x.Target.TerritoryId is { } tid ? territories.GetValueOrDefault(tid) : null, x.From, x.To, x.Actual, x.ApiState, x.Met);

    public static ConventionDto Dto(ConventionView v, decimal tolerance, IReadOnlyList<TargetStatus> targets, IReadOnlyList<CallForFunds>? calls = null)
    {
        CallSummaryDto? CallOf(AgedLine l) => calls is not null && CallsForFunds.InForce(calls, l) is { } x
            ? new CallSummaryDto(x.Id, x.Number, x.IssuedOn, x.Amount, $"/api/v1/conventions/{v.Convention.Id}/calls/{x.Id}") : null;
        var c = v.Convention;
        var s = v.Sheet;
        return new ConventionDto(c.Id, v.CiteSlug, c.Title, c.Status.ApiName(), c.Object, c.SignedOn, c.EffectiveFrom, c.EffectiveTo, c.ValidUntil, c.TermMonthsFromSignature,
            c.NoticeMonths, c.NoticeForm, c.TacitRenewal, c.DisputesClause, c.Currency, c.Rounding == AmountRounding.Euro ? "euro" : "cent", tolerance * 100,
            c.Parties.OrderBy(p => p.Role).ThenBy(p => p.Name).Select(p => new PartyDto(p.Name, p.Role.ToString().ToLowerInvariant(), p.PartnerId, p.Representative, p.BankDetails)).ToList(),
            c.Structures.Select(x => v.Structures.GetValueOrDefault(x.StructureId, "?")).Order().ToList(),
            c.Territories.Select(x => v.Territories.GetValueOrDefault(x.TerritoryId, "?")).Order().ToList(),
            c.Actions.OrderBy(a => a.Code).Select(a => new ActionDto(a.Code, a.Title, a.Days.OrderBy(d => d.Year).Select(d => new ActionYearDto(d.Year, d.ForecastDays, d.FinancedDays)).ToList())).ToList(),
            s.Amounts.Select(a => new AmountDto(a.Year, a.FinancedDays, a.DayRate, a.VatRate, a.Amount?.Computed, a.Amount?.Signed, a.Amount?.Discrepancy, Percent(a.Amount?.Relative), a.Amount?.Flagged == true, a.Payer)).ToList(),
            s.Subsidies.SelectMany(t => t.Columns.SelectMany(col => col.Years.Select(y => new SubsidyDto(t.Title, t.DayCount == DayCountRule.Actual365 ? "actual/365" : "30/360",
                y.Year, y.YearLabel, col.Label, col.Party, col.AnnualAmount, Math.Round(y.Fraction, 6), y.DaysCounted, y.Figure.Computed, y.Figure.Signed, y.Figure.Discrepancy,
                Percent(y.Figure.Relative), y.Figure.Flagged)))).OrderBy(x => x.Year).ToList(),
            s.CostSharing.Select(r => new CostSharingDto(r.Label, r.Payer, r.Budget, r.Share * 100, r.Cap, r.Years.Select(y => new CostYearDto(y.Year, y.ActualCosts, y.Refund)).ToList())).ToList(),
            s.Schedule.Select(l => new ScheduleDto(l.Line.Years, l.Line.CalledOn, l.Line.DueOn, l.Line.Amount, l.Received, l.Outstanding, l.DaysOverdue, l.Bucket.ApiName(), l.Line.ReportDueOn, CallOf(l))).ToList(),
            s.Deadlines.Select(Dto).ToList(),
            targets.Select(x => Dto(x, v.Territories)).ToList(),
            c.Source);
    }

    public sealed record ReportTargetDto(string Label, string? Indicator, decimal Target, bool Percent, decimal? Actual, bool? Met, string State, DateOnly From, DateOnly To);
    public sealed record ReportRefundDto(string Label, decimal ActualCosts, decimal Refund);
    public sealed record ReportDto(int ConventionId, int Year, int? Version, IReadOnlyList<ReportTargetDto> Targets, decimal DaysAmount, IReadOnlyList<ReportRefundDto> Refunds,
        decimal AmountDue, string Currency, string? Activity, string? Outlook);

    private static async Task<IResult> ReportAsync(int id, int year, [FromQuery] int? version, HttpRequest request, ConventionReader reader, AnnualReports reports,
        Platform.Documents.DocumentArchive archive, Platform.Documents.DocumentRenderer renderer, CancellationToken ct)
    {
        var v = await reader.GetAsync(id, ct) ?? throw new NotFoundProblem(new("Cette convention n'existe pas ou n'est pas de votre périmètre.", "This convention does not exist or is outside your scope."));
        AnnualReports.CheckYear(v.Convention, year);
        var key = AnnualReport.ArchiveKey(id, year);
        var fileName = $"bilan-{year}-{v.Convention.Title}";
        if (version is { } n)
        {
            var frozen = await archive.GetAsync(key, n, ct)
                ?? throw new NotFoundProblem(new($"Le bilan {year} n'a pas de version {n}.", $"The {year} report has no version {n}."));
            return (IResult?)Platform.Documents.DocumentResponse.Serve(request, renderer, () => frozen.Document, $"{fileName}-v{n}", Platform.Documents.DocumentResponse.FileFormats)
                ?? throw new RuleViolation("format", new("Une version envoyée se lit en PDF, DOCX, XLSX ou ODS (?format=pdf).", "A sent version reads as PDF, DOCX, XLSX or ODS (?format=pdf)."), StatusCodes.Status400BadRequest);
        }
        if (!v.CanReport)
        {
            // A funder reads the versions sent, never the live draft (docs/funding.md): the same answer as no report, saying which versions there are.
            var sent = await archive.ListAsync(key, ct);
            throw new NotFoundProblem(sent.Count == 0
                ? new($"Le bilan {year} n'a pas encore été envoyé.", $"The {year} report has not been sent yet.")
                : new($"Le bilan {year} se lit tel qu'envoyé : ?version={string.Join(", ", sent.Select(x => x.Version))} (PDF, DOCX, XLSX ou ODS par ?format=).",
                      $"The {year} report reads as sent: ?version={string.Join(", ", sent.Select(x => x.Version))} (PDF, DOCX, XLSX or ODS by ?format=)."));
        }
        var report = await reports.BuildAsync(v, year, ct);
        var file = Platform.Documents.DocumentResponse.Serve(request, renderer, () => AnnualReports.Describe(report), fileName, Platform.Documents.DocumentResponse.FileFormats);
        if (file is not null) return file;
        var versions = await archive.ListAsync(key, ct);
        return TypedResults.Ok(new ReportDto(id, year, versions.Count > 0 ? versions.Max(x => x.Version) : null,
            report.Targets.Select(x => new ReportTargetDto(x.Target.Label, x.Target.Indicator, x.Target.Value, x.Target.IsPercent, x.Actual, x.Met, x.ApiState, x.From, x.To)).ToList(),
            report.DaysAmount, report.Refunds.Select(r => new ReportRefundDto(r.Label, r.ActualCosts, r.Refund)).ToList(), report.AmountDue, v.Convention.Currency,
            report.Texts?.Activity, report.Texts?.Outlook));
    }
}
