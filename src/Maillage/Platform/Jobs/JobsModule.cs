using Maillage.Platform.Configuration;
using Maillage.Platform.Data;
using Maillage.Platform.Email;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Npgsql;
using Quartz;

namespace Maillage.Platform.Jobs;

/// <summary>
/// A piece of background work, resolved in its own DI scope (with its own DbContext) each time it runs.
/// <paramref name="data"/> carries what a one-off job was scheduled with (empty for recurring jobs).
/// </summary>
public interface IBackgroundJob
{
    Task RunAsync(IReadOnlyDictionary<string, string> data, CancellationToken ct);
}

/// <summary>
/// Background work on Quartz.NET with its ADO job store in our database (tables created by our
/// migrations, see <see cref="QuartzTables"/>), clustered on PostgreSQL so that several instances share
/// the work and each run happens on one instance only. See docs/decisions/0003.
/// </summary>
public static class JobsModule
{
    internal const string JobNameKey = "maillage.job";
    private const string Group = "maillage";

    public static IServiceCollection AddMaillageJobs(this IServiceCollection services, IConfiguration configuration)
    {
        var email = services.AddSettings<EmailOptions>(configuration, EmailOptions.Section);
        var jobs = services.AddSettings<JobsOptions>(configuration, JobsOptions.Section);
        services.AddScoped<OutboxDispatcher>();
        services.AddSingleton<RequestLoad>();
        services.AddSingleton<IEmailTransport>(sp =>
            string.IsNullOrWhiteSpace(sp.GetRequiredService<IOptions<EmailOptions>>().Value.Smtp.Host)
                ? ActivatorUtilities.CreateInstance<PickupDirectoryTransport>(sp)
                : ActivatorUtilities.CreateInstance<SmtpTransport>(sp));
        services.AddScoped<JobScheduler>();

        if (!jobs.Enabled)
        {
            services.AddKeyedScoped<IBackgroundJob, OutboxDispatchJob>("email-outbox");
            return services;
        }
        var provider = DatabaseSetup.ProviderOf(configuration);
        var properties = new System.Collections.Specialized.NameValueCollection
        {
            // Instances sharing a database share the name (and thus the work); Quartz keeps one scheduler per name per process.
            ["quartz.scheduler.instanceName"] = jobs.SchedulerName,
            ["quartz.scheduler.instanceId"] = "AUTO",
        };
        services.AddQuartz(properties, q =>
        {
            // The scheduler fires on real time; the jobs read the injected clock for their decisions.
            q.UseTimeProvider(TimeProvider.System);
            q.AddJobType<BackgroundJobRunner>();
            q.UsePersistentStore(store =>
            {
                store.UseSystemTextJsonSerializer(_ => { });
                if (provider == DatabaseProvider.Postgres)
                {
                    store.UsePostgres(NpgsqlFactory.Instance, configuration.GetConnectionString("Maillage")!);
                    store.UseClustering(c => c.CheckinInterval = TimeSpan.FromSeconds(15));
                }
                else
                {
                    store.UseSqlite(SqliteFactory.Instance, DatabaseSetup.SqliteConnectionString(configuration));
                }
            });
        });
        services.AddQuartzHostedService(o => { o.WaitForJobsToComplete = true; o.AwaitApplicationStarted = true; });
        services.AddRecurringJob<OutboxDispatchJob>("email-outbox", TimeSpan.FromSeconds(email.DispatchIntervalSeconds));
        return services;
    }

    /// <summary>Runs <typeparamref name="TJob"/> every <paramref name="interval"/> (on one instance at a time).</summary>
    public static IServiceCollection AddRecurringJob<TJob>(this IServiceCollection services, string name, TimeSpan interval) where TJob : class, IBackgroundJob
    {
        services.AddKeyedScoped<IBackgroundJob, TJob>(name);
        services.AddSingleton(new RecurringJob(name, interval));
        // Quartz's configuration is additive: each module declares its recurring jobs after AddPlatform.
        if (services.Any(d => d.ServiceType == typeof(ISchedulerFactory)))
            services.AddQuartz(q => ScheduleRecurring(q, new RecurringJob(name, interval)));
        return services;
    }

    private static void ScheduleRecurring(IQuartzBuilder q, RecurringJob recurring)
    {
        var key = KeyOf(recurring.Name);
        q.ScheduleJob<BackgroundJobRunner>(
            t => t.WithIdentity(recurring.Name, Group).StartNow()
                .WithSimpleSchedule(s => s.WithInterval(recurring.Interval).RepeatForever().WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount)),
            j => j.WithIdentity(key).UsingJobData(JobNameKey, recurring.Name).StoreDurably());
    }

    /// <summary>Registers a job that can be scheduled once at a time through <see cref="JobScheduler"/>.</summary>
    public static IServiceCollection AddOneOffJob<TJob>(this IServiceCollection services, string name) where TJob : class, IBackgroundJob =>
        services.AddKeyedScoped<IBackgroundJob, TJob>(name);

    internal static JobKey KeyOf(string name) => new(name, Group);
}

internal sealed record RecurringJob(string Name, TimeSpan Interval);

/// <summary>Schedules a registered job to run once at a given time, durably (it survives restarts).</summary>
internal sealed class JobScheduler(IServiceProvider services)
{
    /// <summary>
    /// Runs the job registered as <paramref name="jobName"/> at <paramref name="at"/> with <paramref name="data"/>.
    /// <paramref name="key"/> names this run: scheduling the same key again replaces the earlier time.
    /// </summary>
    public async Task ScheduleAsync(string jobName, string key, DateTimeOffset at, IReadOnlyDictionary<string, string>? data = null, CancellationToken ct = default)
    {
        var scheduler = await services.GetRequiredService<ISchedulerFactory>().GetScheduler(ct);
        var map = new JobDataMap { [JobsModule.JobNameKey] = jobName };
        foreach (var (k, v) in data ?? new Dictionary<string, string>()) map[k] = v;
        var job = JobBuilder.Create<BackgroundJobRunner>().WithIdentity(key, "once").UsingJobData(map).RequestRecovery().Build();
        var trigger = TriggerBuilder.Create().WithIdentity(key, "once").StartAt(at).Build();
        await scheduler.ScheduleJob(job, [trigger], new ScheduleJobOptions { Replace = true }, ct);
    }

    public async Task<bool> CancelAsync(string key, CancellationToken ct = default)
    {
        var scheduler = await services.GetRequiredService<ISchedulerFactory>().GetScheduler(ct);
        return await scheduler.DeleteJob(new JobKey(key, "once"), ct);
    }
}

/// <summary>The one Quartz job type: resolves the named <see cref="IBackgroundJob"/> in a fresh scope and runs it.</summary>
[DisallowConcurrentExecution]
internal sealed class BackgroundJobRunner(IServiceScopeFactory scopes) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var map = context.MergedJobDataMap;
        var name = map.GetString(JobsModule.JobNameKey) ?? throw new InvalidOperationException("A job without a name.");
        var data = map.Keys.Where(k => k != JobsModule.JobNameKey).ToDictionary(k => k, k => map.GetString(k) ?? "");
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredKeyedService<IBackgroundJob>(name).RunAsync(data, cancellationToken);
    }
}

/// <summary>Delivers the e-mail outbox.</summary>
internal sealed class OutboxDispatchJob(OutboxDispatcher dispatcher) : IBackgroundJob
{
    public Task RunAsync(IReadOnlyDictionary<string, string> data, CancellationToken ct) => dispatcher.DispatchDueAsync(ct: ct);
}
