using System.Data.Common;
using Maillage.Network;
using Maillage.Platform.Data;
using Maillage.Platform.Errors;
using Maillage.Visits.Categories;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace Maillage.Visits.Seeding;

/// <summary>
/// Synthetic visits for demos and benchmarks (<c>seed-visits --cite C --count N --years Y</c>): spread over
/// the last Y years at the hours each structure opens (its weekly pattern; none on Sundays or in August's
/// closed weeks when it has none), with seasons (quiet summer, busy autumn and spring), busier weekdays,
/// morning and afternoon peaks; a structure's share follows its kind (a site draws most: the Geneva site
/// alone about 36 000 people a year); needs follow the structure's poles, publics follow needs, ages follow
/// publics. Written in time order, in bulk (binary COPY on PostgreSQL, prepared statements in large
/// transactions on SQLite), through the same triggers as every visit, so the rollups stay exact.
/// </summary>
internal sealed class VisitSeeder(MaillageDb db, TimeProvider clock)
{
    public const int MaxCount = 50_000_000;

    private sealed record Place(Structure Structure, double Share, Needs[] Themes, Dictionary<Needs, int[]> PartnersByTheme, int[] Territories, TimeRange[][] Hours)
    {
        /// <summary>Open or not, by weekday and local quarter of the day: read for every slot of every day, twice.</summary>
        public bool[][] Open { get; } = Hours.Select(ranges => Enumerable.Range(0, 96).Select(q => ranges.Any(r => q >= r.FromQuarter && q < r.ToQuarter)).ToArray()).ToArray();
    }
    private readonly record struct TimeRange(int FromQuarter, int ToQuarter);

    public async Task<int> SeedAsync(string citeSlug, int count, int years, IProgress<int>? progress = null, int seed = 2026, CancellationToken ct = default)
    {
        if (count is < 1 or > MaxCount) throw new RuleViolation("count", new($"count va de 1 à {MaxCount}.", $"count goes from 1 to {MaxCount}."));
        if (years is < 1 or > 30) throw new RuleViolation("years", new("years va de 1 à 30.", "years goes from 1 to 30."));
        var cite = await db.Cites.AsNoTracking().FirstOrDefaultAsync(c => c.Slug == citeSlug, ct)
            ?? throw new RuleViolation("cite", new($"Aucune Cité « {citeSlug} ».", $"No Cité \"{citeSlug}\"."));
        var places = await PlacesAsync(cite.Id, ct);
        if (places.Count == 0) throw new RuleViolation("cite", new("Cette Cité n'a aucune structure ouverte.", "This Cité has no open structure."));

        var random = new Random(seed);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var first = today.AddYears(-years);
        var now = QuarterHour.Of(clock.GetUtcNow());
        // Pass 1: the weight of every open quarter hour; pass 2: spread the count over them in proportion.
        double total = 0;
        foreach (var (_, _, w) in Slots(places, first, today, now, new Random(seed))) total += w;
        var writer = db.Database.IsNpgsql() ? (IVisitWriter)new PostgresWriter(db) : new SqliteWriter(db);
        await writer.OpenAsync(ct);
        var written = 0;
        double cumulative = 0;
        var offset = random.NextDouble();
        try
        {
            foreach (var (place, quarter, weight) in Slots(places, first, today, now, new Random(seed)))
            {
                var before = (long)Math.Floor(cumulative / total * count + offset);
                cumulative += weight;
                var after = Math.Min(count, (long)Math.Floor(cumulative / total * count + offset));
                for (var i = before; i < after; i++)
                {
                    await writer.WriteAsync(Generate(random, place, quarter), ct);
                    if (++written % 100_000 == 0) progress?.Report(written);
                }
            }
            // Rounding may leave the last visit or two: on the busiest days' last slot.
            while (written < count)
            {
                await writer.WriteAsync(Generate(random, places[0], VisitStatisticsQuarter(today.AddDays(-1), 40)), ct);
                written++;
            }
            await writer.CompleteAsync(ct);
        }
        finally
        {
            await writer.DisposeAsync();
        }
        // Fresh statistics, so that the planners read the rollups by their key at once, not after autovacuum.
        await db.Database.ExecuteSqlRawAsync("ANALYZE \"Visits\"; ANALYZE \"VisitRollups\"", ct);
        progress?.Report(written);
        return written;
    }

    private static int VisitStatisticsQuarter(DateOnly day, int quarterOfDay) =>
        QuarterHour.Of(new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero)) + quarterOfDay;

    private async Task<List<Place>> PlacesAsync(int citeId, CancellationToken ct)
    {
        var structures = await db.Structures.AsNoTracking().AsSplitQuery().Include(s => s.Poles).Include(s => s.WeeklyHours)
            .Where(s => s.CiteId == citeId && s.Status == StructureStatus.Open).OrderBy(s => s.Id).ToListAsync(ct);
        var partnerPoles = await db.PartnerPoles.AsNoTracking().Where(p => p.CiteId == citeId).Select(p => new { p.PartnerId, p.PoleId }).ToListAsync(ct);
        var territories = await db.Territories.AsNoTracking().Where(t => t.CiteId == citeId && t.Kind == TerritoryKind.Commune).Select(t => t.Id).ToArrayAsync(ct);
        return structures.Select(s =>
        {
            var themes = s.Poles.Select(CategoryText.ThemeOf).Distinct().ToArray();
            var partners = s.Poles.GroupBy(CategoryText.ThemeOf).ToDictionary(g => g.Key,
                g => g.SelectMany(p => partnerPoles.Where(pp => pp.PoleId == p.Id).Select(pp => pp.PartnerId)).Distinct().ToArray());
            var hours = new TimeRange[7][];
            for (var d = 0; d < 7; d++)
            {
                var ranges = s.WeeklyHours.Where(h => (int)h.Day == d).Select(h => new TimeRange(h.Opens.Hour * 4 + h.Opens.Minute / 15, h.Closes.Hour * 4 + h.Closes.Minute / 15)).ToArray();
                // No hours given: the usual office hours on weekdays.
                hours[d] = s.WeeklyHours.Count > 0 ? ranges : d is >= 1 and <= 5 ? [new(9 * 4, 12 * 4), new(13 * 4 + 2, 17 * 4)] : [];
            }
            var share = s.Kind switch { StructureKind.Site => 1.0, StructureKind.CentreAssocie => 0.22, StructureKind.PointRelais => 0.07, _ => 0.03 };
            return new Place(s, share, themes.Length > 0 ? themes : [Needs.Orientation, Needs.JobSearch, Needs.Other], partners, territories, hours);
        }).ToList();
    }

    // Quiet in August and late December, busy in September-October and March.
    private static readonly double[] Season = [0.9, 1.0, 1.15, 1.05, 0.95, 0.9, 0.7, 0.35, 1.25, 1.2, 1.05, 0.75];
    private static readonly double[] Weekday = [0, 1.15, 1.1, 1.2, 1.0, 0.85, 0.5]; // Sunday .. Saturday

    /// <summary>Every open quarter hour of every structure, in time order and before now, with its weight.</summary>
    private static IEnumerable<(Place Place, int Quarter, double Weight)> Slots(List<Place> places, DateOnly first, DateOnly last, int now, Random random)
    {
        for (var day = first; day <= last; day = day.AddDays(1))
        {
            var busyness = Season[day.Month - 1] * Weekday[(int)day.DayOfWeek] * (0.75 + 0.5 * random.NextDouble());
            if (busyness <= 0 || (day.Month == 12 && day.Day >= 24) || (day.Month == 1 && day.Day == 1)) continue;
            var dayStart = VisitStatisticsQuarter(day, 0);
            for (var q = 0; q < 96 && dayStart + q < now; q++)
            {
                // Mid-morning and mid-afternoon peaks; the local hours are read as UTC + 1.
                var hour = (q / 4.0) + 1;
                var peak = 0.6 + Math.Exp(-Math.Pow(hour - 10.5, 2) / 2) + 0.8 * Math.Exp(-Math.Pow(hour - 15, 2) / 2);
                foreach (var place in places)
                {
                    var local = q + 4;
                    if (local >= 96 || !place.Open[(int)day.DayOfWeek][local]) continue;
                    yield return (place, dayStart + q, place.Share * busyness * peak);
                }
            }
        }
    }

    private static T Pick<T>(Random random, (T Value, double Weight)[] choices)
    {
        var x = random.NextDouble() * choices.Sum(c => c.Weight);
        foreach (var (value, weight) in choices)
        {
            if ((x -= weight) < 0) return value;
        }
        return choices[^1].Value;
    }

    private static PublicStatus StatusFor(Random random, Needs need) => need switch
    {
        Needs.Orientation => Pick(random, [(PublicStatus.Pupil, 30), (PublicStatus.Student, 25), (PublicStatus.Parent, 10), (PublicStatus.JobSeeker, 15), (PublicStatus.Employee, 10), (PublicStatus.Other, 5)]),
        Needs.JobSearch => Pick(random, [(PublicStatus.JobSeeker, 60), (PublicStatus.Employee, 15), (PublicStatus.Student, 10), (PublicStatus.Senior, 5), (PublicStatus.Other, 5)]),
        Needs.TrainingCareerChange => Pick(random, [(PublicStatus.Employee, 45), (PublicStatus.JobSeeker, 35), (PublicStatus.SelfEmployed, 5), (PublicStatus.Senior, 5), (PublicStatus.Other, 3)]),
        Needs.BusinessCreation => Pick(random, [(PublicStatus.JobSeeker, 40), (PublicStatus.Employee, 30), (PublicStatus.SelfEmployed, 20), (PublicStatus.Student, 5), (PublicStatus.Senior, 3)]),
        Needs.InternshipApprenticeship => Pick(random, [(PublicStatus.Pupil, 35), (PublicStatus.Student, 30), (PublicStatus.Apprentice, 20), (PublicStatus.Parent, 10), (PublicStatus.Professional, 5)]),
        _ => Pick(random, [(PublicStatus.Professional, 30), (PublicStatus.Other, 30), (PublicStatus.JobSeeker, 20), (PublicStatus.Employee, 20)]),
    };

    private static AgeBracket AgeFor(Random random, PublicStatus status) => status switch
    {
        PublicStatus.Pupil => Pick(random, [(AgeBracket.Under16, 60), (AgeBracket.From16To25, 40)]),
        PublicStatus.Student or PublicStatus.Apprentice => Pick(random, [(AgeBracket.From16To25, 85), (AgeBracket.From26To44, 15)]),
        PublicStatus.Senior => Pick(random, [(AgeBracket.From55, 90), (AgeBracket.From45To54, 10)]),
        PublicStatus.Parent => Pick(random, [(AgeBracket.From26To44, 50), (AgeBracket.From45To54, 45), (AgeBracket.From55, 5)]),
        _ => Pick(random, [(AgeBracket.From16To25, 20), (AgeBracket.From26To44, 45), (AgeBracket.From45To54, 22), (AgeBracket.From55, 13)]),
    };

    private static Visit Generate(Random random, Place place, int quarter)
    {
        var s = place.Structure;
        var need = place.Themes[random.Next(place.Themes.Length)];
        var needs = random.NextDouble() < 0.12 ? need | place.Themes[random.Next(place.Themes.Length)] : need;
        var status = StatusFor(random, need);
        var interview = random.NextDouble() < (s.Kind == StructureKind.Site ? 0.35 : 0.5);
        var partners = place.PartnersByTheme.GetValueOrDefault(need) ?? [];
        var services = interview ? Services.AdviceInterview
            : Pick(random, [(Services.InformationOnly, 45), (Services.Documentation, 30), (Services.MultimediaKiosk, 15), (Services.Workshop, 5), (Services.Documentation | Services.MultimediaKiosk, 5)]);
        // Reception records no need or service unless the agent chooses one: a third of the visits (not the interviews) say neither.
        if (!interview && random.NextDouble() < 0.3) (needs, services) = (Needs.None, Services.None);
        else if (!interview && random.NextDouble() < 0.15) services = Services.None;
        var residence = place.Territories.Length > 0 && random.NextDouble() < 0.7
            ? place.Territories[random.Next(place.Territories.Length)]
            : Pick(random, [(Residence.NotSaid, 40), (Residence.OutsideFrance, 25), (Residence.OutsideSwitzerland, 25), (Residence.Abroad, 10)]);
        return new Visit
        {
            Quarter = quarter,
            StructureId = s.Id,
            CiteId = s.CiteId,
            PartnerId = interview && partners.Length > 0 ? partners[random.Next(partners.Length)] : 0,
            ResidenceId = residence,
            Needs = needs,
            Services = services,
            Kind = interview ? VisitKind.Interview : VisitKind.Visit,
            Channel = Pick(random, [(Channel.WalkIn, 72), (Channel.Phone, 18), (Channel.Email, 7), (Channel.Outreach, 3)]),
            PublicStatus = status,
            AgeBracket = AgeFor(random, status),
            Gender = Pick(random, [(Gender.Female, 54), (Gender.Male, 42), (Gender.Other, 1), (Gender.NotSaid, 3)]),
            Extra = VisitExtra.Pack(
                random.NextDouble() < 0.15 ? null : random.NextDouble() < 0.55,
                interview ? Pick(random, [(DurationBracket.Under15, 15), (DurationBracket.From15To30, 40), (DurationBracket.From30To60, 35), (DurationBracket.Over60, 10)]) : DurationBracket.None,
                random.NextDouble() < 0.2 ? Pick(random, [(PartnerType.FranceTravail, 40), (PartnerType.MissionLocale, 30), (PartnerType.Cio, 30)]) : null,
                DiplomaLevel.NotSaid,
                EntrySource.Api),
        };
    }

    private interface IVisitWriter : IAsyncDisposable
    {
        Task OpenAsync(CancellationToken ct);
        ValueTask WriteAsync(Visit visit, CancellationToken ct);
        Task CompleteAsync(CancellationToken ct);
    }

    private const string Columns = "\"Quarter\", \"StructureId\", \"CiteId\", \"PartnerId\", \"ResidenceId\", \"Needs\", \"Services\", \"Kind\", \"Channel\", \"PublicStatus\", \"AgeBracket\", \"Gender\", \"Extra\"";

    /// <summary>Binary COPY, one statement (so one trigger run, one transaction) per batch.</summary>
    private sealed class PostgresWriter(MaillageDb db) : IVisitWriter
    {
        private const int Batch = 250_000;
        private NpgsqlConnection _connection = null!;
        private NpgsqlBinaryImporter? _importer;
        private int _inBatch;

        public async Task OpenAsync(CancellationToken ct)
        {
            _connection = new NpgsqlConnection(db.Database.GetConnectionString());
            await _connection.OpenAsync(ct);
        }

        public async ValueTask WriteAsync(Visit v, CancellationToken ct)
        {
            _importer ??= await _connection.BeginBinaryImportAsync($"COPY \"Visits\" ({Columns}) FROM STDIN (FORMAT BINARY)", ct);
            await _importer.StartRowAsync(ct);
            await _importer.WriteAsync(v.Quarter, NpgsqlDbType.Integer, ct);
            await _importer.WriteAsync(v.StructureId, NpgsqlDbType.Integer, ct);
            await _importer.WriteAsync(v.CiteId, NpgsqlDbType.Integer, ct);
            await _importer.WriteAsync(v.PartnerId, NpgsqlDbType.Integer, ct);
            await _importer.WriteAsync(v.ResidenceId, NpgsqlDbType.Integer, ct);
            await _importer.WriteAsync((short)v.Needs, NpgsqlDbType.Smallint, ct);
            await _importer.WriteAsync((short)v.Services, NpgsqlDbType.Smallint, ct);
            await _importer.WriteAsync((short)v.Kind, NpgsqlDbType.Smallint, ct);
            await _importer.WriteAsync((short)v.Channel, NpgsqlDbType.Smallint, ct);
            await _importer.WriteAsync((short)v.PublicStatus, NpgsqlDbType.Smallint, ct);
            await _importer.WriteAsync((short)v.AgeBracket, NpgsqlDbType.Smallint, ct);
            await _importer.WriteAsync((short)v.Gender, NpgsqlDbType.Smallint, ct);
            await _importer.WriteAsync(v.Extra, NpgsqlDbType.Smallint, ct);
            if (++_inBatch >= Batch) await CompleteAsync(ct);
        }

        public async Task CompleteAsync(CancellationToken ct)
        {
            if (_importer is null) return;
            await _importer.CompleteAsync(ct);
            await _importer.DisposeAsync();
            _importer = null;
            _inBatch = 0;
        }

        public async ValueTask DisposeAsync()
        {
            if (_importer is not null) await _importer.DisposeAsync(); // not completed: the batch is cancelled whole
            await _connection.DisposeAsync();
        }
    }

    /// <summary>
    /// Rows sent 4 000 at a time as one JSON array that SQLite unpacks itself (<c>INSERT … SELECT … FROM json_each</c>):
    /// one statement per 4 000 visits instead of one per visit, no parameter binding per value. Committed every
    /// 500 000 visits. Within each transaction the rollup triggers are suspended and the batch is counted in one
    /// grouped upsert before the commit (see <see cref="Statistics.VisitRollupSchema.SuspendSqliteTriggersAsync"/>):
    /// the same result, many times faster.
    /// </summary>
    private sealed class SqliteWriter(MaillageDb db) : IVisitWriter
    {
        private const int Batch = 500_000;
        private const int RowsPerStatement = 4_000;
        private long _lastId;
        private DbConnection _connection = null!;
        private DbTransaction? _transaction;
        private DbCommand _insert = null!;
        private readonly System.Text.StringBuilder _rows = new();
        private int _inStatement;
        private int _inBatch;

        public async Task OpenAsync(CancellationToken ct)
        {
            _connection = db.Database.GetDbConnection();
            await db.Database.OpenConnectionAsync(ct);
            _insert = _connection.CreateCommand();
            var values = string.Join(", ", Enumerable.Range(0, 13).Select(i => $"value ->> {i}"));
            _insert.CommandText = $"INSERT INTO \"Visits\" ({Columns}) SELECT {values} FROM json_each($rows)";
            var parameter = _insert.CreateParameter();
            parameter.ParameterName = "$rows";
            parameter.Value = "[]";
            _insert.Parameters.Add(parameter);
        }

        public async ValueTask WriteAsync(Visit v, CancellationToken ct)
        {
            if (_transaction is null)
            {
                _transaction = await _connection.BeginTransactionAsync(ct);
                await using (var last = _connection.CreateCommand())
                {
                    last.Transaction = _transaction;
                    last.CommandText = "SELECT COALESCE(MAX(\"Id\"), 0) FROM \"Visits\"";
                    _lastId = Convert.ToInt64(await last.ExecuteScalarAsync(ct));
                }
                await Statistics.VisitRollupSchema.SuspendSqliteTriggersAsync(_connection, _transaction, ct);
                _insert.Transaction = _transaction;
            }
            _rows.Append(_inStatement == 0 ? "[[" : ",[")
                .Append(v.Quarter).Append(',').Append(v.StructureId).Append(',').Append(v.CiteId).Append(',')
                .Append(v.PartnerId).Append(',').Append(v.ResidenceId).Append(',').Append((short)v.Needs).Append(',')
                .Append((short)v.Services).Append(',').Append((short)v.Kind).Append(',').Append((short)v.Channel).Append(',')
                .Append((short)v.PublicStatus).Append(',').Append((short)v.AgeBracket).Append(',').Append((short)v.Gender).Append(',')
                .Append(v.Extra).Append(']');
            _inBatch++;
            if (++_inStatement >= RowsPerStatement) await FlushAsync(ct);
            if (_inBatch >= Batch) await CompleteAsync(ct);
        }

        private async Task FlushAsync(CancellationToken ct)
        {
            if (_inStatement == 0) return;
            _insert.Parameters[0].Value = _rows.Append(']').ToString();
            await _insert.ExecuteNonQueryAsync(ct);
            _rows.Clear();
            _inStatement = 0;
        }

        public async Task CompleteAsync(CancellationToken ct)
        {
            if (_transaction is null) return;
            await FlushAsync(ct);
            await Statistics.VisitRollupSchema.ResumeSqliteTriggersAsync(_connection, _transaction, _lastId, ct);
            await _transaction.CommitAsync(ct);
            await _transaction.DisposeAsync();
            _transaction = null;
            _inBatch = 0;
        }

        public async ValueTask DisposeAsync()
        {
            if (_transaction is not null) await _transaction.DisposeAsync();
            await _insert.DisposeAsync();
            await db.Database.CloseConnectionAsync();
        }
    }
}
