using Maillage.Network;
using Maillage.Platform.Data;
using Maillage.Platform.Modules;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Entrepreneurship;

/// <summary>
/// Development only: a plausible last twelve months of the CitésLab programme with obviously fictitious people
/// (« Démo » surnames), so that the indicators and the coach's list show something. Added once (none when the
/// programme already has holders); the current year's targets are those of 2023, marked as demo values.
/// </summary>
internal sealed class DemoHolders(MaillageDb db, TimeProvider clock) : IDevelopmentSeeder
{
    private static readonly string[] FirstNames = ["Awa", "Karim", "Leïla", "Moussa", "Inès", "Yanis", "Fatou", "Samir", "Nadia", "Théo", "Sofia", "Bilal", "Amina", "Lucas", "Zohra", "Hugo"];

    public const string CoachEmail = "citeslab@demo.maillage.test";
    public const string CoachName = "Cheffe de projet CitésLab";
    /// <summary>The surname prefix of the demo holders: only they are ever given to the demo coach.</summary>
    public const string SurnamePrefix = "Démo-";

    public async Task SeedAsync(CancellationToken ct)
    {
        var programme = await db.Set<Programme>().IgnoreQueryFilters().Include(p => p.Partners).Include(p => p.Targets).FirstOrDefaultAsync(p => p.Name == ReferenceProgramme.Name, ct);
        if (programme is null) return;
        // The demo coach follows them ("my holders"); the demo manager sees them as the programme's.
        var coach = await db.Users.Where(u => u.Email == CoachEmail).Select(u => u.Id).FirstOrDefaultAsync(ct);
        if (await db.Set<ProjectHolder>().IgnoreQueryFilters().AnyAsync(h => h.ProgrammeId == programme.Id, ct))
        {
            // A development database seeded before holders named their coach shows the demo coach nobody: give her the
            // demo holders nobody follows (at every start; once given, nothing more changes).
            if (coach is not null)
                await db.Set<ProjectHolder>().IgnoreQueryFilters()
                    .Where(h => h.ProgrammeId == programme.Id && h.CoachUserId == null && h.LastName.StartsWith(SurnamePrefix))
                    .ExecuteUpdateAsync(u => u.SetProperty(h => h.CoachUserId, coach).SetProperty(h => h.CoachName, CoachName), ct);
            return;
        }
        var territories = await db.Set<Territory>().IgnoreQueryFilters().Where(t => t.CiteId == programme.CiteId).ToListAsync(ct);
        var qpv = territories.First(t => t.Kind == TerritoryKind.Qpv);
        var communes = territories.Where(t => t.Kind == TerritoryKind.Commune && t.Code != null && !t.Code.StartsWith('6')).ToList();
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        ReferenceProgramme.AddTargets(programme, today.Year);
        var random = new Random(23);
        var sirets = DemoSirets().GetEnumerator();
        for (var i = 0; i < 110; i++)
        {
            var start = today.AddDays(-random.Next(20, 360));
            var inQpv = random.NextDouble() < 0.35;
            var holder = new ProjectHolder
            {
                CiteId = programme.CiteId, ProgrammeId = programme.Id, CoachName = CoachName, CoachUserId = coach,
                FirstName = FirstNames[i % FirstNames.Length], LastName = $"{SurnamePrefix}{i + 1:000}", Email = $"porteur{i + 1:000}@exemple.invalid",
                Consent = new Consent { GivenOn = start, TextVersion = "2024-01", Covers = ConsentScope.Coaching | ConsentScope.FollowUpContact },
                QpvId = inQpv ? qpv.Id : null, CommuneId = inQpv ? qpv.ParentId : communes[random.Next(communes.Count)].Id,
                Fragility = (Fragility)random.Next(0, 64), Prescriber = (Prescriber)random.Next(0, 9),
                Activity = "Activité de démonstration", CreatedAt = clock.GetUtcNow(), LastContactOn = start,
            };
            var date = start;
            DateOnly Next() => date = DateOnly.FromDayNumber(Math.Min(today.DayNumber, date.DayNumber + random.Next(7, 30)));
            holder.AddStep(new PipelineStep { Kind = StepKind.Sensitised, Date = date }, today);
            if (random.NextDouble() < 0.45) holder.AddStep(new PipelineStep { Kind = StepKind.Received, Date = Next(), DurationMinutes = 60, StructureId = programme.StructureId }, today);
            if (holder.Stage == StepKind.Received && random.NextDouble() < 0.6)
                for (var s = 0; s < random.Next(1, 4); s++) holder.AddStep(new PipelineStep { Kind = StepKind.Amorcage, Date = Next(), DurationMinutes = 90, Note = "Séance de démonstration" }, today);
            if (holder.Stage == StepKind.Amorcage && random.NextDouble() < 0.5)
                holder.AddStep(new PipelineStep { Kind = StepKind.Referred, Date = Next(), ReferralPartnerId = programme.Partners[random.Next(programme.Partners.Count)].Id, Answer = ReferralAnswer.TakenOn, AnsweredOn = date }, today);
            if (holder.Stage == StepKind.Referred && random.NextDouble() < 0.5 && sirets.MoveNext())
                holder.AddStep(new PipelineStep { Kind = StepKind.Created, Date = Next(), LegalForm = "Micro-entreprise", Siret = sirets.Current, CreatedInQpv = inQpv }, today);
            else if (holder.Stage is StepKind.Received or StepKind.Amorcage && random.NextDouble() < 0.2)
                holder.AddStep(new PipelineStep { Kind = StepKind.OtherOutcome, Date = Next(), Outcome = (OtherOutcome)random.Next(0, 4) }, today);
            db.Add(holder);
        }
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Fictitious SIRETs with a valid Luhn key (SIREN 9xx xxx xxx, not attributed in this series).</summary>
    private static IEnumerable<string> DemoSirets()
    {
        for (var n = 0; n < 100; n++)
        {
            var stem = $"9{n:00000000}0001";
            for (var key = 0; key < 10; key++)
                if (Siret.Luhn(stem + key)) { yield return stem + key; break; }
        }
    }
}
