using Maillage.Network.OpeningHours;
using Maillage.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Network;

/// <summary>
/// The network's tables, read as <c>db.Structures</c> from any <see cref="MaillageDb"/> (C# extension properties: the
/// platform's context names no module's table). Inside a query's lambda, where the compiler refuses extension
/// properties, write <c>db.Set&lt;Structure&gt;()</c>.
/// </summary>
public static class NetworkData
{
    extension(MaillageDb db)
    {
        public DbSet<Cite> Cites => db.Set<Cite>();
        public DbSet<Territory> Territories => db.Set<Territory>();
        public DbSet<Structure> Structures => db.Set<Structure>();
        public DbSet<Pole> Poles => db.Set<Pole>();
        public DbSet<Partner> Partners => db.Set<Partner>();
        public DbSet<PartnerPole> PartnerPoles => db.Set<PartnerPole>();
        public DbSet<OpeningRange> OpeningRanges => db.Set<OpeningRange>();
        public DbSet<OpeningException> OpeningExceptions => db.Set<OpeningException>();
    }
}
