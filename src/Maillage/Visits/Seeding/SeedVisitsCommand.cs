using Maillage.Platform.Localization;
using Maillage.Platform;
using Maillage.Platform.Cli;
using System.Diagnostics;
using Maillage.Platform.Data;

namespace Maillage.Visits.Seeding;

/// <summary><c>seed-visits --cite C --count N --years Y</c>, called by the command line.</summary>
internal sealed class SeedVisitsCommand(MaillageDb db, TimeProvider clock) : ICommand
{
    public async Task<int> RunAsync(CommandContext context)
    {
        var (options, output, errors) = (context.Options, context.Output, context.Errors);
        await Startup.PrepareDatabaseAsync(context.Application);
        if (!int.TryParse(options["count"], out var count) || !int.TryParse(options["years"], out var years))
        {
            await errors.WriteLineAsync("--count and --years are whole numbers.");
            return 2;
        }
        var watch = Stopwatch.StartNew();
        var progress = new Progress<int>(n => output.WriteLine($"  {n:N0} visits written ({watch.Elapsed.TotalSeconds:F0} s)"));
        var written = await new VisitSeeder(db, clock).SeedAsync(options["cite"], count, years, progress);
        await output.WriteLineAsync($"{written} visits added to {options["cite"]} over {Plural.English(years, "{n} year", "{n} years")} in {watch.Elapsed.TotalSeconds:F1} s.");
        return 0;
    }
}
