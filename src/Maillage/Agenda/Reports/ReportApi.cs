using Maillage.Platform.Identity;
using Maillage.Platform.Spreadsheets;
using Microsoft.AspNetCore.Mvc;

namespace Maillage.Agenda.Reports;

/// <summary><c>GET /api/v1/agenda/report</c>: the report as JSON, or as a file with <c>format=csv|xlsx|ods</c>.</summary>
internal static class ReportApi
{
    public sealed record FiguresDto(int Events, int Registrations, int Confirmed, int Waiting, int Cancellations, int Attendees, int WalkIns,
        int Excused, int NoShows, double? NoShowRate, int SurveyAnswers, double? AverageScore, IReadOnlyDictionary<string, int> Publics, int PublicNotGiven);

    public sealed record GroupDto(string Key, string Label, FiguresDto Figures, IReadOnlyList<int> EventIds);

    public sealed record ReportDto(DateOnly From, DateOnly To, string GroupBy, IReadOnlyList<GroupDto> Groups, FiguresDto Total);

    public static RouteGroupBuilder MapReportApi(this RouteGroupBuilder api)
    {
        api.MapGet("/agenda/report", GetAsync).Produces<ReportDto>().RequireAuthorization(Policies.Staff).WithTags("Agenda")
            .WithSummary("Agenda figures per event or group (structure, territory, organiser, type) over a period; format=csv|xlsx|ods for a file.");
        return api;
    }

    private static async Task<IResult> GetAsync(
        [AsParameters] ReportQuery query, AgendaReports reports, StaffAccess access, TimeProvider clock, CancellationToken ct)
    {
        if (!await access.HasRoleAsync(AgendaReports.ReaderRoles)) return TypedResults.Forbid();
        var filter = new ReportRequest
        {
            From = query.From, To = query.To, GroupBy = query.GroupBy, Structure = query.Structure, Territory = query.Territory,
            Organiser = query.Organiser, Type = query.Type,
        }.ToFilter(reports.ThisYear());
        SpreadsheetFormat format = default;
        if (query.Format is not null && !SpreadsheetFile.TryParseFormat(query.Format, out format))
            throw new Platform.Errors.RuleViolation("format", new("Choisissez le format csv, xlsx ou ods.", "Choose the format csv, xlsx or ods."));
        var report = await reports.BuildAsync(filter, await reports.ScopeAsync(), ct);
        if (query.Format is not null)
            return SpreadsheetFile.Download(format, ReportSheets.FileName(filter), ReportSheets.Build(report,
                ReportSheets.Title(filter, filter.StructureId is { } one ? Platform.Localization.Text.T($"structure n° {one}", $"structure #{one}") : null,
                    DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime))));
        return TypedResults.Ok(new ReportDto(filter.From, filter.To, filter.GroupBy.ApiName(),
            report.Groups.Select(g => new GroupDto(g.Key, g.Label, Dto(g.Figures), g.Events.Select(e => e.Id).ToList())).ToList(), Dto(report.Total)));
    }

    public sealed record ReportQuery(
        [FromQuery] string? From, [FromQuery] string? To, [FromQuery] string? GroupBy, [FromQuery] int? Structure,
        [FromQuery] int? Territory, [FromQuery] int? Organiser, [FromQuery] string? Type, [FromQuery] string? Format);

    private static FiguresDto Dto(Figures f) => new(f.Events, f.Registrations, f.Confirmed, f.Waiting, f.Cancellations, f.Attendees, f.WalkIns,
        f.Excused, f.NoShows, f.NoShowRate is { } r ? Math.Round(r, 4) : null, f.SurveyAnswers, f.AverageScore is { } s ? Math.Round(s, 2) : null,
        Enum.GetValues<PublicStatus>().ToDictionary(p => p.ApiName(), f.PublicCount), f.PublicNotGiven);
}
