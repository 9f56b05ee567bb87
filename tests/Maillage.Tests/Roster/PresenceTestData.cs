using Maillage.Network;
using Maillage.Roster;
using Maillage.Tests.Infrastructure;
using Maillage.Tests.Network;

namespace Maillage.Tests.Roster;

/// <summary>
/// The presence and contribution tests' own roster: duty slots inserted as rows (never through the planning), on a
/// structure and partners of the calling test. Times are written in the structure's zone (Paris).
/// </summary>
internal static class PresenceTestData
{
    public static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    /// <summary>An instant from a Paris wall-clock time.</summary>
    public static DateTimeOffset Local(DateOnly date, int hour, int minute = 0)
    {
        var wall = date.ToDateTime(new TimeOnly(hour, minute));
        return new DateTimeOffset(wall, Paris.GetUtcOffset(wall));
    }

    /// <summary>Inserts one slot of <paramref name="partner"/> on <paramref name="pole"/>, <paramref name="from"/>–<paramref name="to"/> (local hours).</summary>
    public static Task<DutySlot> SlotAsync(this MaillageApp app, Structure structure, Pole pole, Partner partner, DateOnly date, (int H, int M) from, (int H, int M) to,
        DutyStatus status = DutyStatus.Planned, int? replaces = null, string? counsellorId = null) =>
        app.WithDbAsync(async db =>
        {
            var slot = new DutySlot
            {
                CiteId = structure.CiteId, StructureId = structure.Id, PoleId = pole.Id, PartnerId = partner.Id, CounsellorId = counsellorId,
                StartsAt = Local(date, from.H, from.M).ToUniversalTime(), EndsAt = Local(date, to.H, to.M).ToUniversalTime(), Status = status, ReplacesSlotId = replaces,
                CreatedAt = app.Clock.GetUtcNow(),
            };
            db.Set<DutySlot>().Add(slot);
            await db.SaveChangesAsync();
            return slot;
        });

    /// <summary>A structure of the Cité with <paramref name="poles"/> poles ("Pôle de test 1"…).</summary>
    public static Task<Structure> RosterStructureAsync(this MaillageApp app, string cite = "grand-geneve", int poles = 3) =>
        app.NewStructureAsync(cite, StructureKind.CentreAssocie, poles);
}
