using Maillage.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Agenda;

/// <summary>
/// The agenda's tables, read as <c>db.Events</c> from any <see cref="MaillageDb"/> (C# extension properties: the
/// platform's context names no module's table). Inside a query's lambda, write <c>db.Set&lt;Registration&gt;()</c>.
/// </summary>
internal static class AgendaData
{
    extension(MaillageDb db)
    {
        public DbSet<AgendaEvent> Events => db.Set<AgendaEvent>();
        public DbSet<EventSeries> EventSeries => db.Set<EventSeries>();
        public DbSet<EventOrganiser> EventOrganisers => db.Set<EventOrganiser>();
        public DbSet<EventQuestion> EventQuestions => db.Set<EventQuestion>();
        public DbSet<EventWalkIn> EventWalkIns => db.Set<EventWalkIn>();
        public DbSet<Registration> Registrations => db.Set<Registration>();
        public DbSet<RegistrationAnswer> RegistrationAnswers => db.Set<RegistrationAnswer>();
        public DbSet<SurveyResponse> SurveyResponses => db.Set<SurveyResponse>();
    }
}
