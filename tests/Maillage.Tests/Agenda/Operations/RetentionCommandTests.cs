using Maillage.Agenda;
using Maillage.Platform.Cli;
using Maillage.Tests.Agenda;
using Maillage.Tests.Infrastructure;

namespace Maillage.Tests.Agenda.Operations;

public sealed class RetentionCommandTests(FrozenAgendaApp app) : IClassFixture<FrozenAgendaApp>
{
    [Fact]
    public async Task Given_the_purge_retention_command_Then_registrants_of_old_events_are_anonymised_and_recent_ones_kept()
    {
        var old = await app.NewEventAsync(new DateTimeOffset(2020, 5, 5, 12, 0, 0, TimeSpan.Zero), title: "Forum 2020");
        var oldOne = await app.RegisterAsync(old, "Zoé", "Dupont", attendance: AttendanceStatus.Present);
        var upcoming = await app.NewEventAsync(DateTimeOffset.UtcNow.AddDays(10));
        var upcomingOne = await app.RegisterAsync(upcoming, "Marc", "Durand");

        var output = new StringWriter();
        var errors = new StringWriter();
        var code = await CommandLine.RunAsync(["purge-retention", $"--Database:Provider={TestDatabase.ProviderName}", $"--ConnectionStrings:Maillage={app.ConnectionString}",
            "--Jobs:Enabled=false", "--Agenda:Retention:Months=24"], MaillageModules.AddModules, output, errors);
        Assert.True(code == 0, errors.ToString());
        Assert.Matches(@"^\d+ registrations? anonymised \(events ended before \d{4}-\d{2}-\d{2}\)", output.ToString());
        Assert.Null((await app.RegistrationAsync(oldOne.Id)).Person.Email);
        Assert.Equal(AttendanceStatus.Present, (await app.RegistrationAsync(oldOne.Id)).Attendance);
        Assert.Equal("Marc", (await app.RegistrationAsync(upcomingOne.Id)).Person.FirstName);
    }
}
