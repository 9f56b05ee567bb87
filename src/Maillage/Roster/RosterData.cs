using Maillage.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Roster;

/// <summary>The roster's tables on <see cref="MaillageDb"/> (<c>db.DutySlots</c>); in a query's lambda write <c>db.Set&lt;DutySlot&gt;()</c>.</summary>
internal static class RosterData
{
    extension(MaillageDb db)
    {
        public DbSet<DutySlot> DutySlots => db.Set<DutySlot>();
        public DbSet<DutyPattern> DutyPatterns => db.Set<DutyPattern>();
        public DbSet<DutySwap> DutySwaps => db.Set<DutySwap>();
        public DbSet<PartnerCommitment> PartnerCommitments => db.Set<PartnerCommitment>();
        public DbSet<FunctionRate> FunctionRates => db.Set<FunctionRate>();
        public DbSet<CoverageAlert> CoverageAlerts => db.Set<CoverageAlert>();
    }
}
