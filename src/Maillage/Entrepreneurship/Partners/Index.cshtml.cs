using Maillage.Platform.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Entrepreneurship.Partners;

/// <summary>
/// The referral partners of the person's programmes (issue 23 item 4): each partner's named contact, whether it answers
/// by link, and its response rate and delay; the programme's manager edits a partner's contact from here.
/// </summary>
[Authorize(Policy = EntrepreneurshipModule.StaffPolicy)]
internal sealed class IndexModel(MaillageDb db, ProgrammeAccess access, PartnerLinks links) : PageModel
{
    [FromQuery(Name = "jours")] public int? NoAnswerDays { get; set; }
    [TempData] public string? Notice { get; set; }
    public IReadOnlyList<PartnerLinks.Figures> Figures { get; private set; } = [];
    public IReadOnlyDictionary<int, string> Programmes { get; private set; } = new Dictionary<int, string>();
    public IReadOnlyList<int> Managed { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (NoAnswerDays is < 1 or > 365) NoAnswerDays = null;
        var mine = await access.ProgrammeIdsAsync(ct);
        Managed = await access.ManagedIdsAsync(ct);
        var ids = mine.ToArray();
        Programmes = await db.Set<Programme>().IgnoreQueryFilters().AsNoTracking().Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        Figures = await links.FiguresAsync(mine, NoAnswerDays, ct);
        return Page();
    }

    public static string Days(double? days) => days is { } d ? d.ToString("0.#", System.Globalization.CultureInfo.CurrentCulture) : "—";
}
