using Maillage.Network;
using Maillage.Platform.Data;
using Maillage.Platform.Errors;
using Maillage.Visits.Dashboards;
using Maillage.Visits.Statistics;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Visits.KeyFigures;

/// <summary>
/// The public key figures of a Cité (no sign-in): last year's attendance and the year so far, by month,
/// pole, public, age, gender and channel — always through disclosure control, whoever reads.
/// </summary>
[AllowAnonymous]
internal sealed class IndexModel(MaillageDb db, DashboardBuilder builder, StatsAccess access, TimeProvider clock) : PageModel
{
    public static readonly StatDimension[] Published =
        [StatDimension.Needs, StatDimension.PublicStatus, StatDimension.AgeBracket, StatDimension.Gender, StatDimension.Channel];

    public Cite Cite { get; private set; } = null!;
    public Dashboard Figures { get; private set; } = null!;
    public int Year { get; private set; }

    /// <summary>What the tables count, honestly named: visits and interviews added up are not people.</summary>
    public string CountHeading => Platform.Localization.Text.T($"Visites et entretiens en {Year}", $"Visits and interviews in {Year}");

    /// <summary>The two kinds of attendance, shown apart (the rows of the totals table are labelled by <see cref="StatDimension.Kind"/>).</summary>
    public IEnumerable<(Categories.VisitKind Kind, string Label)> KindLabels =>
    [
        (Categories.VisitKind.Visit, Platform.Localization.Text.T("Visites à l'accueil", "Visits to the reception")),
        (Categories.VisitKind.Interview, Platform.Localization.Text.T("Entretiens avec un conseiller", "Interviews with an adviser")),
    ];

    public DashboardRow? KindRow(Categories.VisitKind kind) => Figures.Totals.Rows.FirstOrDefault(r => r.Label == StatDimension.Kind.Label((int)kind));

    public async Task<IActionResult> OnGetAsync(string cite, int? year, CancellationToken ct)
    {
        var found = await db.Cites.AsNoTracking().FirstOrDefaultAsync(c => c.Slug == cite, ct);
        if (found is null) return NotFound();
        Cite = found;
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        Year = year ?? today.Year - 1;
        if (Year < 2000 || Year > today.Year) return NotFound();
        var structures = await db.Structures.AsNoTracking().Where(s => s.CiteId == found.Id).Select(s => s.Id).ToListAsync(ct);
        Figures = await builder.BuildAsync(new DashboardRequest(new Period(new(Year, 1, 1), new(Year, 12, 31)), [found.Id], structures, Protected: true,
            access.Threshold, null, StatDimension.Month, StatDimension.Needs, StatDimension.PublicStatus, Published), ct);
        return Page();
    }
}
