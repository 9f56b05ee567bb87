using System.Security.Claims;
using Maillage.Network;
using Maillage.Network.OpeningHours;
using Maillage.Platform.Identity;
using Maillage.Roster;
using Maillage.Roster.Planning;
using Maillage.Tests.Infrastructure;
using Maillage.Tests.Network;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Maillage.Tests.Roster;

/// <summary>A test's own place to plan: a structure of the Grand Genève with two poles and a partner, and its coordinator.</summary>
internal sealed record PlanningPlaceData(Structure Structure, int PoleA, int PoleB, Partner Partner, StaffUser Coordinator);

/// <summary>The roster's test data (planning part): places with known hours, and the planning service run as someone.</summary>
internal static class RosterTestData
{
    /// <summary>Open Monday–Friday 09:00–12:00 and 13:30–17:30, Saturday 09:00–12:00; Sunday 00:00–23:59 only where asked (for the clock-change tests).</summary>
    public static async Task<PlanningPlaceData> NewPlanningPlaceAsync(this MaillageApp app, bool openAllSunday = false, string cite = "grand-geneve")
    {
        var structure = await app.NewStructureAsync(cite, StructureKind.CentreAssocie, poles: 2, configure: s =>
        {
            var ranges = new List<(DayOfWeek, TimeOnly, TimeOnly)>();
            foreach (var d in new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday })
            {
                ranges.Add((d, new(9, 0), new(12, 0)));
                ranges.Add((d, new(13, 30), new(17, 30)));
            }
            ranges.Add((DayOfWeek.Saturday, new(9, 0), new(12, 0)));
            if (openAllSunday) ranges.Add((DayOfWeek.Sunday, new(0, 0), new(23, 59)));
            s.ReplaceWeeklyHours(ranges);
        });
        var poles = await app.WithDbAsync(db => db.Poles.Where(p => p.StructureId == structure.Id).OrderBy(p => p.Order).Select(p => p.Id).ToListAsync());
        var partner = await app.NewPartnerAsync(cite, $"Partenaire de test {Guid.NewGuid():N}"[..30]);
        var coordinator = await app.CreateStaffAsync(StaffRole.Coordinator, $"structure:{cite}/{structure.Slug}");
        return new PlanningPlaceData(structure, poles[0], poles[1], partner, coordinator);
    }

    /// <summary>Runs the planning service as <paramref name="user"/> (a request's user, without HTTP).</summary>
    public static Task<T> PlanAsAsync<T>(this MaillageApp app, StaffUser user, Func<DutyPlanning, Task<T>> action) => app.WithScopeAsync2(async sp =>
    {
        sp.GetRequiredService<IHttpContextAccessor>().HttpContext = new DefaultHttpContext
        {
            User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, user.Id), new Claim(ClaimTypes.Name, user.Email!)], "test")),
            RequestServices = sp,
        };
        return await action(sp.GetRequiredService<DutyPlanning>());
    });

    public static Task PlanAsAsync(this MaillageApp app, StaffUser user, Func<DutyPlanning, Task> action) =>
        app.PlanAsAsync(user, async p => { await action(p); return 0; });

    public static DutyRequest Duty(this PlanningPlaceData place, DateOnly date, string starts = "14:00", string ends = "17:00", int? pole = null, string? counsellor = null, int? partner = null) =>
        new(place.Structure.Id, pole ?? place.PoleA, partner ?? place.Partner.Id, counsellor, date, TimeOnly.Parse(starts), TimeOnly.Parse(ends));

    public static Task<List<DutySlot>> SlotsAsync(this MaillageApp app, int structureId) =>
        app.WithDbAsync(db => db.DutySlots.AsNoTracking().Where(s => s.StructureId == structureId).OrderBy(s => s.StartsAt).ThenBy(s => s.Id).ToListAsync());

    public static async Task<RuleViolationOutcome> RefusalAsync(Func<Task> action)
    {
        var e = await Assert.ThrowsAsync<Maillage.Platform.Errors.RuleViolation>(action);
        return new RuleViolationOutcome(e.Field, e.Text.Fr, e.Text.En, e.Status);
    }
}

internal sealed record RuleViolationOutcome(string Field, string Fr, string En, int Status);
