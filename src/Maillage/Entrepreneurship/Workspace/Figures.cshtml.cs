using System.Globalization;
using Maillage.Platform.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Entrepreneurship.Workspace;

/// <summary>
/// The programme's figures for a year (issue 23 item 5), for its coaches and manager: its indicators and its share of the
/// roster's, agenda's and governance's, against the convention's targets, with the projection to year end for the
/// current year — what <c>GET /api/v1/entrepreneurship/indicators</c> gives, computed once by <see cref="ProgrammeFigures"/>.
/// </summary>
[Authorize(Policy = EntrepreneurshipModule.StaffPolicy)]
internal sealed class FiguresModel(MaillageDb db, ProgrammeAccess access, ProgrammeFigures figures, TimeProvider clock) : PageModel
{
    [FromQuery(Name = "programme")] public int? ProgrammeAsked { get; set; }
    [FromQuery(Name = "annee")] public string? YearAsked { get; set; }

    public IReadOnlyList<(int Id, string Name)> Programmes { get; private set; } = [];
    public Programme Programme { get; private set; } = null!;
    public int Year { get; private set; }
    public int CurrentYear { get; private set; }
    public string? YearError { get; private set; }
    public ProgrammeFigures.Year Figures { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var mine = await access.ProgrammeIdsAsync(ct);
        var programmes = await db.Set<Programme>().IgnoreQueryFilters().AsNoTracking().Where(p => mine.Contains(p.Id)).OrderBy(p => p.Name).ToListAsync(ct);
        var chosen = ProgrammeAsked is { } asked ? programmes.FirstOrDefault(p => p.Id == asked) : programmes.FirstOrDefault();
        if (chosen is null) return NotFound();
        Programme = chosen;
        Programmes = [.. programmes.Select(p => (p.Id, p.Name))];
        CurrentYear = clock.GetUtcNow().Year;
        Year = CurrentYear;
        if (!string.IsNullOrWhiteSpace(YearAsked))
        {
            if (int.TryParse(YearAsked, NumberStyles.None, CultureInfo.InvariantCulture, out var y) && y is >= 2000 and <= 2100) Year = y;
            else YearError = Platform.Localization.Text.T("L'année est un nombre de 2000 à 2100.", "The year is a number from 2000 to 2100.");
        }
        Figures = await figures.YearAsync(Programme.Id, Year, null, ct);
        return Page();
    }

    /// <summary>A figure as it reads: a percentage with its sign, days to the half, counts whole.</summary>
    public static string Show(decimal value, Platform.Indicators.IndicatorUnit unit) => unit switch
    {
        Platform.Indicators.IndicatorUnit.Percent => value.ToString("0.#", CultureInfo.CurrentCulture) + " %",
        _ => value.ToString("0.#", CultureInfo.CurrentCulture),
    };
}
