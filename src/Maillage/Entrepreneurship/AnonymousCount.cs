using Maillage.Platform.Audit;
using Maillage.Platform.Tenancy;

namespace Maillage.Entrepreneurship;

/// <summary>
/// People counted without a record: those who refused consent (counted at the stage they reached, nothing else kept)
/// and those whose record was erased (on request or by the retention purge), so that the year's indicators stay the
/// same. A row holds a number of people, never a person: the stage, the month of the first step of that stage in the
/// year, the residence (commune, QPV) and, for referrals, the partner. <see cref="Kind"/> null counts a holder of
/// the year (the denominator of the QPV share).
/// </summary>
public sealed class AnonymousCount : ITenantOwned, INotAudited
{
    public long Id { get; set; }
    public int CiteId { get; set; }
    public int ProgrammeId { get; set; }
    public StepKind? Kind { get; set; }
    /// <summary>The first day of the month of the person's first step of this kind in the year.</summary>
    public DateOnly Month { get; set; }
    public int? CommuneId { get; set; }
    public int? QpvId { get; set; }
    public int? ReferralPartnerId { get; set; }
    public int Count { get; set; }
}
