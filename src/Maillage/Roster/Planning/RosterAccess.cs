using Maillage.Network;
using Maillage.Platform.Errors;
using Maillage.Platform.Identity;

namespace Maillage.Roster.Planning;

/// <summary>
/// Who may do what on the roster: coordinators (and administrators) plan the structures they manage — a coordinator of
/// Annemasse plans Annemasse and the places attached to it, not Saint-Julien unless granted it; a partner's counsellor
/// sees the slots of their partner and proposes swaps of them.
/// </summary>
internal sealed class RosterAccess(StaffAccess access)
{
    /// <summary>Those who plan a structure's duties and decide its swaps.</summary>
    public static readonly StaffRole[] Planners = [StaffRole.Coordinator, StaffRole.Administrator, StaffRole.PlatformOperator];

    public string? UserId => access.UserId;

    public Task<bool> CanPlanAsync(Structure structure) => access.CanAsync(Planners, structure);

    public async Task RequirePlannerAsync(Structure structure)
    {
        if (!await CanPlanAsync(structure))
            throw new RuleViolation("StructureId", new($"Vous ne planifiez pas les permanences de {structure.Name}.", $"You do not plan the duties of {structure.Name}."), StatusCodes.Status403Forbidden);
    }

    /// <summary>The structures the person plans, for the pickers.</summary>
    public Task<IQueryable<Structure>> PlannedStructuresAsync() => access.ManageableStructuresAsync(Planners);

    /// <summary>The partners the person is a counsellor of (role Counsellor on a partner's scope).</summary>
    public async Task<int[]> CounsellorPartnersAsync() =>
        (await access.AssignmentsAsync()).Where(a => a.Role == StaffRole.Counsellor && a.Scope == ScopeKind.Partner && a.PartnerId is not null)
            .Select(a => a.PartnerId!.Value).Distinct().ToArray();

    /// <summary>The slot's named counsellor, a counsellor of its partner, or its planner.</summary>
    public async Task<bool> CanProposeSwapAsync(DutySlot slot, Structure structure) =>
        (slot.CounsellorId is not null && slot.CounsellorId == UserId)
        || (await CounsellorPartnersAsync()).Contains(slot.PartnerId)
        || await CanPlanAsync(structure);
}
