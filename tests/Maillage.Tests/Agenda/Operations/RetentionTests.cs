using Maillage.Agenda;
using Maillage.Agenda.Reports;
using Maillage.Agenda.Retention;
using Maillage.Platform.Data;
using Maillage.Platform.Email;
using Maillage.Tests.Agenda;
using Maillage.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Maillage.Tests.Agenda.Operations;

public sealed class RetentionTests(FrozenAgendaApp app) : IClassFixture<FrozenAgendaApp>
{
    private async Task<string> FiguresAsync(int year)
    {
        var lines = new List<string>();
        foreach (var grouping in Enum.GetValues<ReportGrouping>())
        {
            var report = await app.WithScopeAsync2(sp => sp.GetRequiredService<AgendaReports>()
                .BuildAsync(new ReportFilter(new DateOnly(year, 1, 1), new DateOnly(year + 1, 12, 31), grouping), ReportScope.Everything));
            lines.AddRange(report.Groups.Select(g => $"{grouping} {g.Key} {g.Label}: {g.Figures}"));
            lines.Add($"{grouping} total: {report.Total}");
        }
        return string.Join("\n", lines);
    }

    private Task<int> PurgeAsync(int? months = null) => app.WithScopeAsync2(sp =>
    {
        var options = new AgendaOptions();
        if (months is not null) options.Retention.Months = months.Value;
        return new RetentionPurge(sp.GetRequiredService<MaillageDb>(), app.Clock, Microsoft.Extensions.Options.Options.Create(options), NullLogger<RetentionPurge>.Instance).RunAsync();
    });

    [Fact]
    public async Task Given_registrants_of_events_over_12_months_old_When_the_purge_runs_Then_their_personal_data_is_gone_and_the_report_figures_are_identical()
    {
        app.Clock.SetUtcNow(MaillageApp.DefaultNow);
        // The trail written by this test: the reference data's own entries (e.g. "Mont Blanc Industries" in deliberation CS2021-15) are not registrants'.
        var trailStart = await app.WithDbAsync(db => db.AuditEntries.IgnoreQueryFilters().MaxAsync(a => (long?)a.Id)) ?? 0;
        var old = await app.NewEventAsync(new DateTimeOffset(2021, 10, 1, 12, 0, 0, TimeSpan.Zero), title: "Forum 2021");
        var recent = await app.NewEventAsync(new DateTimeOffset(2022, 1, 10, 13, 0, 0, TimeSpan.Zero), title: "Atelier 2022",
            type: EventType.Workshop, configure: e => e.Theme = EventTheme.Orientation);
        // Set the clock so that "old" ended 13 months ago and "recent" 10 months ago.
        app.Clock.SetUtcNow(new DateTimeOffset(2022, 11, 1, 9, 0, 0, TimeSpan.Zero));

        var question = await app.WithDbAsync(async db =>
        {
            var q = new EventQuestion { CiteId = old.CiteId, EventId = old.Id, Label = "Votre niveau d'études ?", Kind = QuestionKind.Text };
            db.EventQuestions.Add(q);
            await db.SaveChangesAsync();
            return q;
        });
        var present = await app.RegisterAsync(old, "Zoé", "Dupont", attendance: AttendanceStatus.Present, publicStatus: PublicStatus.Student);
        var absent = await app.RegisterAsync(old, "Marc", "Durand", attendance: AttendanceStatus.Absent);
        var cancelled = await app.RegisterAsync(old, "Jade", "Blanc", status: RegistrationStatus.Cancelled, publicStatus: null);
        var walkIn = await app.RegisterAsync(old, "Karim", "Haddad", attendance: AttendanceStatus.Present, source: RegistrationSource.WalkIn);
        var recentOne = await app.RegisterAsync(recent, "Lou", "Petit", attendance: AttendanceStatus.Present);
        await app.WithDbAsync(async db =>
        {
            db.RegistrationAnswers.Add(new RegistrationAnswer { CiteId = old.CiteId, RegistrationId = present.Id, QuestionId = question.Id, Value = "Licence" });
            db.EventWalkIns.Add(new EventWalkIn { CiteId = old.CiteId, EventId = old.Id, PublicStatus = PublicStatus.Parent, Count = 2 });
            db.SurveyResponses.Add(new SurveyResponse { CiteId = old.CiteId, EventId = old.Id, Score = 3, SubmittedAt = old.EndsAt });
            Outbox.Enqueue(db, new EmailMessage("agenda.confirmation", present.Person.Email!, "Zoé Dupont", "Confirmation", "…", About: $"registration:{present.Id}"), old.CreatedAt);
            Outbox.Enqueue(db, new EmailMessage("agenda.confirmation", recentOne.Person.Email!, "Lou Petit", "Confirmation", "…", About: $"registration:{recentOne.Id}"), recent.CreatedAt);
            return await db.SaveChangesAsync();
        });

        var before = await FiguresAsync(2021);
        Assert.Contains("Event total: events=2 registrations=4 confirmed=3 waiting=0 cancellations=1 attendees=5", before); // 4 at the forum (1 registrant, 1 named and 2 anonymous walk-ins), 1 at the workshop

        Assert.Equal(4, await PurgeAsync());
        Assert.Equal(before, await FiguresAsync(2021));

        foreach (var id in new[] { present.Id, absent.Id, cancelled.Id, walkIn.Id })
        {
            var r = await app.RegistrationAsync(id);
            Assert.Null(r.Person.FirstName);
            Assert.Null(r.Person.LastName);
            Assert.Null(r.Person.Email);
            Assert.Null(r.Person.Phone);
            Assert.Null(r.EmailKey);
            Assert.Null(r.SurveyToken);
            Assert.Empty(r.Answers);
            Assert.Equal(app.Clock.GetUtcNow(), r.AnonymisedAt);
        }
        var kept = await app.RegistrationAsync(present.Id);
        Assert.Equal((RegistrationStatus.Confirmed, AttendanceStatus.Present, PublicStatus.Student), (kept.Status, kept.Attendance, kept.PublicStatus));
        Assert.Equal("Lou", (await app.RegistrationAsync(recentOne.Id)).Person.FirstName);
        var outbox = await app.WithDbAsync(db => db.Outbox.Where(m => m.Subject == $"registration:{present.Id}" || m.Subject == $"registration:{recentOne.Id}").Select(m => m.Subject).ToListAsync());
        Assert.Equal([$"registration:{recentOne.Id}"], outbox);
        Assert.Equal(0, await app.WithDbAsync(db => db.RegistrationAnswers.CountAsync(a => a.RegistrationId == present.Id)));
        Assert.Equal(0, await PurgeAsync()); // nothing left to do
        // Nor in the audit trail: registrations (and their owned Person) stay out of it, where erasure would miss them.
        var personal = new[] { "Dupont", "Durand", "Blanc", "Haddad", present.Person.Email!, absent.Person.Email! };
        var trail = await app.WithDbAsync(db => db.AuditEntries.IgnoreQueryFilters().Where(a => a.Id > trailStart).Select(a => (a.Before ?? "") + (a.After ?? "") + a.EntityType).ToListAsync());
        Assert.DoesNotContain(trail, t => personal.Any(p => t.Contains(p, StringComparison.Ordinal)) || t.Contains(nameof(RegistrantDetails), StringComparison.Ordinal));

        // Three months later the 2022 workshop passes its 12 months in turn; the figures still hold.
        app.Clock.Advance(TimeSpan.FromDays(92));
        Assert.Equal(1, await PurgeAsync());
        Assert.Null((await app.RegistrationAsync(recentOne.Id)).Person.FirstName);
        Assert.Equal(before, await FiguresAsync(2021));
        app.Clock.SetUtcNow(MaillageApp.DefaultNow);
    }

    [Fact]
    public async Task Given_a_purged_registration_Then_neither_its_old_link_nor_a_guessed_one_reaches_it()
    {
        app.Clock.SetUtcNow(MaillageApp.DefaultNow);
        var old = await app.NewEventAsync(MaillageApp.DefaultNow.AddMonths(-14), title: "Forum purgé");
        var kept = await app.RegisterAsync(old, "Zoé", "Dupont", attendance: AttendanceStatus.Present);
        var token = kept.ManageToken!;
        Assert.True(await PurgeAsync() >= 1);

        var purged = await app.RegistrationAsync(kept.Id);
        Assert.Null(purged.ManageToken);
        var client = app.CreateClient();
        // The purge used to leave "anonymised-{Id}": sequential, so anyone could cancel past registrations and change
        // past reports. Now no token reaches a purged registration, and every unknown token answers 404.
        foreach (var guess in new[] { token, $"anonymised-{kept.Id}" })
        {
            Assert.Equal(System.Net.HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/registrations/{guess}")).StatusCode);
            Assert.Equal(System.Net.HttpStatusCode.NotFound, (await client.DeleteAsync($"/api/v1/registrations/{guess}")).StatusCode);
            Assert.Equal(System.Net.HttpStatusCode.NotFound, (await client.GetAsync($"/agenda/inscription/{guess}")).StatusCode);
        }
        // A blank token binds to null on the page, and null is every purged registration's token: blank links are no link.
        var upcoming = await app.EventAsync(capacity: 5);
        var someone = await app.RegisterAsync(upcoming, "Lou", "Petit");
        var browser = app.Browser();
        // (A tab or a line break is refused at the door already, 400; spaces reach the page, which must not match them.)
        foreach (var blank in new[] { "%20", "%09", "%0A", "%20%20" })
        {
            var expected = blank.Contains("%20", StringComparison.Ordinal) ? System.Net.HttpStatusCode.NotFound : System.Net.HttpStatusCode.BadRequest;
            Assert.Equal(expected, (await browser.GetAsync($"/agenda/inscription/{blank}")).StatusCode);
            var cancel = await browser.PostFormAsync($"/agenda/inscription/{blank}?handler=Cancel", new(), formPage: $"/agenda/inscription/{someone.ManageToken}?annuler=1");
            Assert.Equal(expected, cancel.StatusCode);
            var accept = await browser.PostFormAsync($"/agenda/inscription/{blank}?handler=Accept", new(), formPage: $"/agenda/inscription/{someone.ManageToken}?annuler=1");
            Assert.Equal(expected, accept.StatusCode);
        }
        var after = await app.RegistrationAsync(kept.Id);
        Assert.Equal((RegistrationStatus.Confirmed, AttendanceStatus.Present), (after.Status, after.Attendance));
    }

    [Fact]
    public async Task Given_a_shorter_retention_setting_Then_the_purge_reaches_more_recent_events()
    {
        app.Clock.SetUtcNow(MaillageApp.DefaultNow);
        var e = await app.NewEventAsync(MaillageApp.DefaultNow.AddDays(-45), title: "Club 45 jours");
        var r = await app.RegisterAsync(e, "Eva", "Roux", attendance: AttendanceStatus.Present);
        await PurgeAsync();
        Assert.Equal("Eva", (await app.RegistrationAsync(r.Id)).Person.FirstName); // 12 months by default
        await PurgeAsync(months: 1);
        Assert.Null((await app.RegistrationAsync(r.Id)).Person.FirstName);
    }
}
