using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace Maillage.Tests.Infrastructure;

/// <summary>
/// Observes the application's Quartz scheduler, for tests that must know a background run happened before they
/// assert that it did nothing (e.g. sent no second e-mail), instead of sleeping and hoping one ran.
/// </summary>
public static class SchedulerRuns
{
    /// <summary>Waits until a run of the recurring job <paramref name="job"/> that started after this call has finished.</summary>
    public static async Task NextRunFinishedAsync(IServiceProvider services, string job, TimeSpan? timeout = null)
    {
        var scheduler = await services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        var listener = new NextRun();
        scheduler.ListenerManager.AddJobListener(listener, NameMatcher<JobKey>.NameEquals(job));
        try
        {
            await listener.Finished.Task.WaitAsync(timeout ?? Poll.DefaultTimeout);
        }
        catch (TimeoutException)
        {
            throw new Xunit.Sdk.XunitException($"No run of the job '{job}' started and finished within {timeout ?? Poll.DefaultTimeout}.");
        }
        finally
        {
            scheduler.ListenerManager.RemoveJobListener(listener.Name);
        }
    }

    private sealed class NextRun : IJobListener
    {
        private readonly HashSet<string> _started = [];
        public TaskCompletionSource Finished { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public string Name { get; } = $"test-next-run-{Guid.NewGuid():N}";

        // A run already under way when the listener was added is not announced here: only runs started after it count.
        public ValueTask JobToBeExecuted(IJobExecutionContext context, CancellationToken ct = default)
        {
            lock (_started) _started.Add(context.FireInstanceId);
            return ValueTask.CompletedTask;
        }

        public ValueTask JobExecutionVetoed(IJobExecutionContext context, CancellationToken ct = default) => ValueTask.CompletedTask;

        public ValueTask JobWasExecuted(IJobExecutionContext context, JobExecutionException? jobException, CancellationToken ct = default)
        {
            bool ours;
            lock (_started) ours = _started.Contains(context.FireInstanceId);
            if (ours) Finished.TrySetResult();
            return ValueTask.CompletedTask;
        }
    }
}
