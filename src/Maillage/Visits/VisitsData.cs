using Maillage.Platform.Data;
using Maillage.Visits.Kiosk;
using Maillage.Visits.Statistics;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Visits;

/// <summary>
/// The visits' tables, read as <c>db.Visits</c> from any <see cref="MaillageDb"/> (C# extension properties: the
/// platform's context names no module's table). Inside a query's lambda, write <c>db.Set&lt;Visit&gt;()</c>.
/// </summary>
internal static class VisitsData
{
    extension(MaillageDb db)
    {
        public DbSet<Visit> Visits => db.Set<Visit>();
        public DbSet<VisitReceipt> VisitReceipts => db.Set<VisitReceipt>();
        public DbSet<KioskFeedback> KioskFeedback => db.Set<KioskFeedback>();
        public DbSet<KioskDevice> KioskDevices => db.Set<KioskDevice>();
        public DbSet<VisitRollup> VisitRollups => db.Set<VisitRollup>();
    }
}
