using Maillage.Platform.Identity;
using Maillage.Platform.Spreadsheets;
using Microsoft.AspNetCore.Mvc;

namespace Maillage.Roster.Contributions;

/// <summary><c>GET /api/v1/roster/contributions</c>: the valuation as JSON, or as a file with <c>format=csv|xlsx|ods</c> (staff).</summary>
internal static class ContributionApi
{
    public sealed record LineDto(int? PartnerId, string? Partner, string? Pole, int? StructureId, string? Structure, string? Month, int? Year,
        int Slots, decimal Hours, decimal HalfDays, decimal Days, decimal FullTimeEquivalents, decimal? Euros,
        decimal? CommittedHours, decimal? CommittedDays, decimal? DifferenceHours, decimal? PercentHeld);

    public sealed record ReportDto(DateOnly From, DateOnly To, string GroupBy, IReadOnlyList<LineDto> Lines, LineDto Total);

    public static RouteGroupBuilder MapContributionApi(this RouteGroupBuilder api)
    {
        api.MapGet("/roster/contributions", GetAsync).Produces<ReportDto>().RequireAuthorization(Policies.Staff).WithTags("Roster").WithName("RosterContributions")
            .WithSummary("Hours the partners actually held (planned duties minus absences, replacements to the replacing partner) over a period (from, to: "
                         + "YYYY-MM-DD, default the current year), grouped by partner, pole, structure, month and/or year (groupBy=partner,pole); in half-days, "
                         + "days, full-time equivalents and euros, against each partner's commitment. cite: a Cité of your scope (another: 403); structure: one of "
                         + "yours. Coordinators and administrators. format=csv|xlsx|ods for a file.");
        return api;
    }

    private static async Task<IResult> GetAsync([FromQuery] string? cite, [FromQuery] int? structure, [FromQuery] string? from, [FromQuery] string? to,
        [FromQuery] string? groupBy, [FromQuery] string? format, Contributions contributions, StaffAccess access, TimeProvider clock, CancellationToken ct)
    {
        if (!await access.HasRoleAsync(Contributions.ReaderRoles)) return TypedResults.Forbid();
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var (start, end) = ContributionFilter.ParsePeriod(from, to, today);
        var grouping = ContributionFilter.ParseGrouping([groupBy]);
        SpreadsheetFormat file = default;
        if (format is not null && !SpreadsheetFile.TryParseFormat(format, out file))
            throw new Platform.Errors.RuleViolation("format", new("Choisissez le format csv, xlsx ou ods.", "Choose the format csv, xlsx or ods."), StatusCodes.Status400BadRequest);
        var scope = Contributions.Narrow(await contributions.ScopeAsync(ct), cite, structure);
        var report = await contributions.BuildAsync(scope, start, end, grouping, ct);
        if (format is not null)
            return SpreadsheetFile.Download(file, ContributionSheets.FileName(report.Filter),
                ContributionSheets.Build(report, ContributionSheets.Title(report.Filter, ScopeName(scope), today)));
        return TypedResults.Ok(new ReportDto(start, end, report.Filter.GroupByText, report.Lines.Select(Dto).ToList(), Dto(report.Total)));
    }

    /// <summary>The scope in words: one structure, one Cité, or every structure of the reader's scope.</summary>
    public static string ScopeName(IReadOnlyList<Contributions.ScopeStructure> scope) =>
        scope.Count == 1 ? scope[0].Name
        : scope.Select(s => s.CiteId).Distinct().Count() == 1 && scope.Count > 0 ? scope[0].CiteName
        : Platform.Localization.Text.T("toutes les structures de votre périmètre", "every structure in your scope");

    private static LineDto Dto(ContributionLine l) => new(l.PartnerId, l.Partner, l.Pole, l.StructureId, l.Structure, l.Month?.ToString("yyyy-MM"), l.Year,
        l.Slots, l.Hours, l.HalfDays, l.Days, l.FullTimeEquivalents, l.Euros, l.CommittedHours, l.CommittedDays, l.DifferenceHours, l.PercentHeld);
}
