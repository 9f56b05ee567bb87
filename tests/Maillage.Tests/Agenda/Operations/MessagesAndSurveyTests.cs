using System.Net;
using Maillage.Agenda;
using Maillage.Agenda.Attendance;
using Maillage.Agenda.Reports;
using Maillage.Platform.Identity;
using Maillage.Tests.Agenda;
using Maillage.Tests.Infrastructure;
using Maillage.Tests.Network.Admin;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Maillage.Tests.Agenda.Operations;

public sealed class MessagesAndSurveyTests(FrozenAgendaApp app) : IClassFixture<FrozenAgendaApp>
{
    [Fact]
    public async Task Given_an_ended_event_When_writing_to_the_no_shows_Then_one_message_per_no_show_is_queued_and_nobody_else_is_written_to()
    {
        var e = await app.NewEventAsync(MaillageApp.DefaultNow.AddDays(-2));
        var absent = await app.RegisterAsync(e, "Marc", "Durand", attendance: AttendanceStatus.Absent);
        var unticked = await app.RegisterAsync(e, "Lou", "Petit");
        var present = await app.RegisterAsync(e, "Zoé", "Dupont", attendance: AttendanceStatus.Present);
        var excused = await app.RegisterAsync(e, "Lina", "Martin", attendance: AttendanceStatus.Excused);
        var waiting = await app.RegisterAsync(e, "Noé", "Garcia", status: RegistrationStatus.Waitlisted);
        var organiser = await app.SignedInAsync(await app.CreateStaffAsync(StaffRole.EventOrganiser, "structure:grand-geneve/annemasse"));
        var url = $"/gestion/agenda/{e.Id}/messages";

        var page = await organiser.PageTextAsync(url);
        Assert.Contains("Absent·es non excusé·es (2)", page);
        Assert.Contains("Personnes présentes (1)", page);

        var sent = await organiser.PostFormAsync(url, new() { ["Input.Group"] = "NoShows", ["Input.Subject"] = "Vous nous avez manqué", ["Input.Body"] = "La prochaine séance a lieu le 3 décembre." });
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        var messages = await app.WithDbAsync(db => db.Outbox.Where(m => m.Kind == "agenda.group-message" && m.CiteId == e.CiteId).ToListAsync());
        Assert.Equal(new[] { $"registration:{absent.Id}", $"registration:{unticked.Id}" }.Order(), messages.Select(m => m.Subject).Order());
        Assert.All(messages, m => Assert.Contains("La prochaine séance a lieu le 3 décembre.", m.TextBody));
        Assert.Contains(messages, m => m.To == absent.Person.Email && m.Title.StartsWith("Vous nous avez manqué"));
        Assert.DoesNotContain(messages, m => m.To == present.Person.Email || m.To == excused.Person.Email || m.To == waiting.Person.Email);
    }

    [Fact]
    public async Task Given_a_message_without_subject_Then_nothing_is_queued_and_the_field_is_named()
    {
        var e = await app.NewEventAsync(MaillageApp.DefaultNow.AddDays(3));
        await app.RegisterAsync(e, "Zoé", "Dupont");
        var organiser = await app.SignedInAsync(await app.CreateStaffAsync(StaffRole.EventOrganiser, "structure:grand-geneve/annemasse"));
        var url = $"/gestion/agenda/{e.Id}/messages";
        var refused = await organiser.PostFormAsync(url, new() { ["Input.Group"] = "Confirmed", ["Input.Subject"] = " ", ["Input.Body"] = "Bonjour" });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var text = await refused.TextAsync();
        Assert.Contains("Indiquez l'objet du message", text);
        Assert.Contains("href=\"#Input_Subject\"", text);
        Assert.Equal(0, await app.WithDbAsync(db => db.Outbox.CountAsync(m => m.Kind == "agenda.group-message" && m.Subject!.StartsWith("registration:") && m.TextBody.Contains(e.Title))));
    }

    [Fact]
    public async Task Given_attendees_of_an_ended_event_When_the_survey_job_runs_twice_Then_each_attendee_gets_one_link_and_answers_are_counted_anonymously()
    {
        var e = await app.NewEventAsync(MaillageApp.DefaultNow.AddHours(-6));
        var zoe = await app.RegisterAsync(e, "Zoé", "Dupont", attendance: AttendanceStatus.Present);
        var marc = await app.RegisterAsync(e, "Marc", "Durand", attendance: AttendanceStatus.Present);
        var absent = await app.RegisterAsync(e, "Lou", "Petit", attendance: AttendanceStatus.Absent);
        var tooRecent = await app.NewEventAsync(MaillageApp.DefaultNow.AddHours(-2.5)); // ended 30 minutes ago
        var early = await app.RegisterAsync(tooRecent, "Eva", "Roux", attendance: AttendanceStatus.Present);

        var first = await app.WithScopeAsync2(sp => sp.GetRequiredService<SurveyMailer>().SendDueAsync());
        var second = await app.WithScopeAsync2(sp => sp.GetRequiredService<SurveyMailer>().SendDueAsync());
        Assert.True(first >= 2);
        Assert.Equal(0, second);
        var surveys = await app.WithDbAsync(db => db.Outbox.Where(m => m.Kind == "agenda.survey").ToListAsync());
        Assert.Single(surveys, m => m.Subject == $"registration:{zoe.Id}");
        Assert.Single(surveys, m => m.Subject == $"registration:{marc.Id}");
        Assert.DoesNotContain(surveys, m => m.Subject == $"registration:{absent.Id}" || m.Subject == $"registration:{early.Id}");

        var token = (await app.RegistrationAsync(zoe.Id)).SurveyToken!;
        Assert.Contains($"/agenda/questionnaire/{token}", surveys.Single(m => m.Subject == $"registration:{zoe.Id}").TextBody);

        var visitor = app.Browser();
        var form = await visitor.PageTextAsync($"/agenda/questionnaire/{token}");
        Assert.Contains(e.Title, form);
        var bad = await visitor.PostFormAsync($"/agenda/questionnaire/{token}", new() { ["Input.Score"] = "9" });
        Assert.Contains("Choisissez une note de 1 à 5.", await bad.TextAsync());
        var answered = await visitor.PostFormAsync($"/agenda/questionnaire/{token}", new() { ["Input.Score"] = "4", ["Input.Comment"] = "Très concret." });
        Assert.Equal(HttpStatusCode.Redirect, answered.StatusCode);
        var marcToken = (await app.RegistrationAsync(marc.Id)).SurveyToken!;
        // The form is gone once answered; a crafted second post (token from another form) changes nothing.
        var twice = await visitor.PostFormAsync($"/agenda/questionnaire/{token}", new() { ["Input.Score"] = "1" }, $"/agenda/questionnaire/{marcToken}");
        Assert.Equal(HttpStatusCode.Redirect, twice.StatusCode);
        Assert.Contains("déjà été donnée", await visitor.PageTextAsync($"/agenda/questionnaire/{token}"));

        await visitor.PostFormAsync($"/agenda/questionnaire/{marcToken}", new() { ["Input.Score"] = "5" });

        var responses = await app.WithDbAsync(db => db.SurveyResponses.Where(s => s.EventId == e.Id).ToListAsync());
        Assert.Equal([4, 5], responses.Select(r => r.Score).Order());
        Assert.All(responses, r => Assert.Equal(TimeSpan.Zero, r.SubmittedAt.TimeOfDay)); // dated to the day only
        var figures = await app.WithScopeAsync2(async sp => await sp.GetRequiredService<AgendaReports>().ForEventAsync(e));
        Assert.Equal((2, 4.5), (figures.SurveyAnswers, figures.AverageScore!.Value));

        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync("/agenda/questionnaire/not-a-token")).StatusCode);
    }
}
