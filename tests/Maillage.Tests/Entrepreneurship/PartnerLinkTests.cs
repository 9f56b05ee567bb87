using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using Maillage.Entrepreneurship;
using Maillage.Entrepreneurship.Partners;
using Maillage.Platform.Email;
using Maillage.Platform.Identity;
using Maillage.Tests.Agenda;
using Maillage.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Maillage.Tests.Entrepreneurship.EntrepreneurshipTestData;

namespace Maillage.Tests.Entrepreneurship;

/// <summary>
/// Issue 23 item 4, the referral partners' view: a partner with a named contact that answers by link is e-mailed each
/// referral (once, across a restart; not without the consent to sharing), answers on a public page by an unguessable
/// link, and its response rate and delay are counted.
/// </summary>
public sealed class PartnerLinkTests
{
    private const string ManagerScope = "partner:grand-geneve/Maison de l'Economie Développement";

    private static Task<int> DeliverAsync(MaillageApp app) => app.WithScopeAsync2(sp => sp.GetRequiredService<OutboxDispatcher>().DispatchDueAsync());

    internal static object SharingBody(string first, string last, bool sharing) => new
    {
        firstName = first, lastName = last, email = $"{first.ToLowerInvariant()}@exemple.invalid", phone = "+33 6 11 22 33 44",
        consent = new { given = true, date = "2026-11-02", textVersion = "2024-01", covers = sharing ? new[] { "coaching", "sharingWithPartners" } : new[] { "coaching" } },
        fragility = new[] { "woman" }, prescriber = "franceTravail",
        project = new { activity = "Atelier de réparation de vélos", sector = "Commerce de détail", intendedLegalForm = "SAS", intendedInQpv = true },
    };

    internal static Task<int> PartnerIdAsync(MaillageApp app, string key) =>
        app.WithDbAsync(db => db.Set<ReferralPartner>().Where(p => p.Key == key).Select(p => p.Id).SingleAsync());

    private static Task<PipelineStep> ReferralAsync(MaillageApp app, int holder) =>
        app.WithDbAsync(db => db.Set<PipelineStep>().IgnoreQueryFilters().AsNoTracking().SingleAsync(s => s.HolderId == holder && s.Kind == StepKind.Referred));

    [Fact]
    public async Task A_referral_is_emailed_once_across_a_restart_the_partner_answers_by_link_and_the_coach_sees_and_confirms_it()
    {
        using var smtp = new SmtpSink();
        var database = TestDatabase.CreateFromTemplate();
        try
        {
            StaffUser coachUser;
            int id, withheld, adie;
            var first = new FollowUpAlertApp(database, smtp);
            try
            {
                adie = await PartnerIdAsync(first, "adie");
                // The programme's manager sets the partner's contact; field messages first, nothing saved.
                var manager = await first.SignedInAsAsync(StaffRole.EntrepreneurshipManager, ManagerScope);
                var url = $"/gestion/citeslab/partenaires/{adie}";
                var bad = await manager.PostFormAsync(url, new() { ["Input.ContactName"] = "", ["Input.ContactEmail"] = "pas-une-adresse", ["Input.AnswersByLink"] = "true" });
                Assert.Equal(["Input_ContactName", "Input_ContactEmail"], await InvalidFieldsAsync(bad));
                Assert.False(await first.WithDbAsync(db => db.Set<ReferralPartner>().Where(p => p.Id == adie).Select(p => p.AnswersByLink).SingleAsync()));
                var saved = await manager.PostFormAsync(url, new() { ["Input.ContactName"] = "Jeanne Prêt", ["Input.ContactEmail"] = "jeanne.pret@adie.invalid", ["Input.AnswersByLink"] = "true" });
                Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
                Assert.Contains(await first.WithDbAsync(db => db.AuditEntries.Where(a => a.EntityType == nameof(ReferralPartner) && a.EntityId == adie.ToString()).Select(a => a.After).ToListAsync()),
                    a => a!.Contains("jeanne.pret@adie.invalid"));

                coachUser = await first.CreateStaffAsync(StaffRole.EntrepreneurshipCoach, CoachScope);
                // A coach reads the partners but does not edit them.
                var coachBrowser = await first.SignedInAsync(coachUser);
                Assert.Contains("Jeanne Prêt", await coachBrowser.PageTextAsync("/gestion/citeslab/partenaires"));
                var refused = await coachBrowser.GetAsync(url);
                Assert.True(refused.StatusCode == HttpStatusCode.Forbidden || refused.Headers.Location?.OriginalString.Contains("/gestion/acces-refuse") == true, $"{refused.StatusCode}");

                var coach = await first.ClientAsync(coachUser);
                id = await coach.CreateHolderAsync(SharingBody("Nadia", "Lienpartenaire", sharing: true));
                await coach.StepAsync(id, new { kind = "referred", date = "2026-11-10", partner = "adie" });
                withheld = await coach.CreateHolderAsync(SharingBody("Hugo", "Sansaccord", sharing: false));
                await coach.StepAsync(withheld, new { kind = "referred", date = "2026-11-10", partner = "adie" });
                // A partner without the option: nothing.
                var other = await coach.CreateHolderAsync(SharingBody("Lina", "Autrepartenaire", sharing: true));
                await coach.StepAsync(other, new { kind = "referred", date = "2026-11-10", partner = "france-active" });

                var rows = await first.WithDbAsync(db => db.Set<PartnerReferral>().IgnoreQueryFilters().AsNoTracking().ToListAsync());
                Assert.Equal(PartnerLinkState.Sent, Assert.Single(rows, r => r.HolderId == id).State);
                Assert.Equal(PartnerLinkState.WithheldNoConsent, Assert.Single(rows, r => r.HolderId == withheld).State);
                Assert.Null(rows.Single(r => r.HolderId == withheld).TokenHash);
                Assert.DoesNotContain(rows, r => r.HolderId == other);
                // The record says why no e-mail went.
                Assert.Contains("le consentement de la personne ne couvre pas la transmission aux partenaires", await coachBrowser.PageTextAsync($"/gestion/citeslab/porteurs/{withheld}"));
            }
            finally { await first.DisposeAsync(); }

            // A restart: the message saved with the step is delivered once by the new instance.
            await using var second = new FollowUpAlertApp(database, smtp);
            Assert.Equal(1, await DeliverAsync(second));
            Assert.Equal(0, await DeliverAsync(second));
            await smtp.WaitForAsync(1);
            var mail = Assert.Single(smtp.Messages());
            Assert.Equal("jeanne.pret@adie.invalid", mail.To.Mailboxes.Single().Address);
            Assert.Contains("Nadia Lienpartenaire", mail.Subject + mail.TextBody);
            Assert.Contains("Atelier de réparation de vélos", mail.TextBody);
            Assert.Contains("nadia@exemple.invalid", mail.TextBody);
            Assert.DoesNotContain("Commerce de détail", mail.TextBody); // the minimum: not the sector, the publics, the residence
            var token = Regex.Match(mail.TextBody!, @"/citeslab/orientation/([A-Za-z0-9_-]{43})").Groups[1].Value;
            Assert.Equal(43, token.Length);
            var row = await second.WithDbAsync(db => db.Set<PartnerReferral>().IgnoreQueryFilters().SingleAsync(r => r.HolderId == id));
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(token))), row.TokenHash);

            // The partner's page, without an account; wrong tokens answer 404.
            var partner = second.Browser();
            var link = $"/citeslab/orientation/{token}";
            var page = await partner.PageTextAsync(link);
            Assert.Contains("Nadia", page);
            Assert.Contains("Atelier de réparation de vélos", page);
            Assert.DoesNotContain("Commerce de détail", page);
            Assert.Equal(HttpStatusCode.NotFound, (await partner.GetAsync("/citeslab/orientation/abc")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await partner.GetAsync("/citeslab/orientation/" + new string('A', 43))).StatusCode);

            // Redirected without saying to whom: the field is named, nothing saved.
            var missing = await partner.PostFormAsync(link, new() { ["Input.Answer"] = "Redirected", ["Input.RedirectedTo"] = "" });
            Assert.Equal(["Input_RedirectedTo"], await InvalidFieldsAsync(missing));
            Assert.Null((await ReferralAsync(second, id)).Answer);

            var answered = await partner.PostFormAsync(link, new() { ["Input.Answer"] = "TakenOn", ["Input.Comment"] = "Rendez-vous fixé le 30 novembre" });
            Assert.Equal(HttpStatusCode.Redirect, answered.StatusCode);
            var step = await ReferralAsync(second, id);
            Assert.Equal((ReferralAnswer.TakenOn, new DateOnly(2026, 11, 23)), (step.Answer, step.AnsweredOn));
            var audit = await second.WithDbAsync(db => db.AuditEntries.Where(a => a.EntityType == nameof(PipelineStep) && a.EntityId == step.Id.ToString() && a.Action == "Modified").ToListAsync());
            Assert.Equal("Partenaire ADIE (Jeanne Prêt)", Assert.Single(audit).UserName);

            // A second answer replaces the first while the coach has not confirmed it.
            second.Clock.Advance(TimeSpan.FromDays(1));
            Assert.Equal(HttpStatusCode.Redirect, (await partner.PostFormAsync(link, new() { ["Input.Answer"] = "Redirected", ["Input.RedirectedTo"] = "France Active Savoie" })).StatusCode);
            Assert.Equal(ReferralAnswer.Redirected, (await ReferralAsync(second, id)).Answer);
            row = await second.WithDbAsync(db => db.Set<PartnerReferral>().IgnoreQueryFilters().SingleAsync(r => r.HolderId == id));
            Assert.Equal(("France Active Savoie", MaillageApp.DefaultNow), (row.RedirectedTo, row.AnsweredAt)); // the delay counts to the first answer

            // The coach sees it on the timeline and confirms it; the link then only shows the answer.
            var coachPage = await second.SignedInAsync(coachUser);
            var timeline = await coachPage.PageTextAsync($"/gestion/citeslab/porteurs/{id}");
            Assert.Contains("Réorienté", timeline);
            Assert.Contains("France Active Savoie", timeline);
            Assert.Contains("Partenaire ADIE (Jeanne Prêt)", timeline);
            // The confirm button's form carries its own antiforgery token (it posts elsewhere than its page: a browser got 400).
            Assert.Contains("Confirmer la réponse du partenaire", timeline);
            Assert.Empty(PostForms.WithoutAntiforgeryToken(timeline));
            var form = Regex.Match(await partner.GetStringAsync(link), "name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"").Groups[1].Value;
            var confirmed = await coachPage.PostFormAsync($"/gestion/citeslab/porteurs/{id}?handler=confirm", new() { ["stepId"] = step.Id.ToString() }, $"/gestion/citeslab/porteurs/{id}");
            Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
            Assert.DoesNotContain("Envoyer la réponse", await partner.PageTextAsync(link));
            var late = await partner.PostAsync(link, new FormUrlEncodedContent(new Dictionary<string, string> { ["Input.Answer"] = "Refused", ["__RequestVerificationToken"] = WebUtility.HtmlDecode(form) }));
            Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
            Assert.Equal(ReferralAnswer.Redirected, (await ReferralAsync(second, id)).Answer);

            // The link expires.
            second.Clock.Advance(TimeSpan.FromDays(91));
            Assert.Equal(HttpStatusCode.NotFound, (await partner.GetAsync(link)).StatusCode);
        }
        finally { TestDatabase.Drop(database); }
    }
}

/// <summary>The partners' response rate and delay, computed on known data: the page and <c>GET /api/v1/entrepreneurship/partners</c>.</summary>
public sealed class PartnerFiguresTests(MaillageApp app) : IClassFixture<MaillageApp>
{
    [Fact]
    public async Task Given_referrals_sent_by_link_with_known_delays_Then_the_rate_median_mean_and_unanswered_are_those_expected()
    {
        var partnerId = await PartnerLinkTests.PartnerIdAsync(app, "initiative-genevois");
        await app.WithDbAsync(async db =>
        {
            var p = await db.Set<ReferralPartner>().SingleAsync(x => x.Id == partnerId);
            (p.ContactName, p.ContactEmail, p.AnswersByLink) = ("Paul Genevois", "paul@initiative.invalid", true);
            return await db.SaveChangesAsync();
        });
        var coach = await app.CoachAsync();
        var now = MaillageApp.DefaultNow;
        // Sent 50 days ago each; answered after 1, 2 and 4 days; one unanswered for 50 days, one sent 5 days ago.
        (double? AnsweredAfter, int SentDaysAgo)[] known = [(1, 50), (2, 50), (4, 50), (null, 50), (null, 5)];
        foreach (var (after, ago) in known)
        {
            var id = await coach.CreateHolderAsync(PartnerLinkTests.SharingBody("Chiffre", $"Partenaire{known.Length}{after}{ago}", sharing: true));
            await coach.StepAsync(id, new { kind = "referred", date = "2026-09-01", partner = "initiative-genevois" });
            await app.WithDbAsync(async db =>
            {
                var row = await db.Set<PartnerReferral>().IgnoreQueryFilters().SingleAsync(r => r.HolderId == id);
                row.CreatedAt = now.AddDays(-ago);
                row.AnsweredAt = after is { } d ? row.CreatedAt.AddDays(d) : null;
                return await db.SaveChangesAsync();
            });
        }

        var json = JsonDocument.Parse(await coach.GetStringAsync("/api/v1/entrepreneurship/partners")).RootElement;
        var ig = json.EnumerateArray().Single(p => p.GetProperty("key").GetString() == "initiative-genevois");
        Assert.Equal(5, ig.GetProperty("sentByLink").GetInt32());
        Assert.Equal(3, ig.GetProperty("answered").GetInt32());
        Assert.Equal(0.6, ig.GetProperty("responseRate").GetDouble());
        Assert.Equal(2, ig.GetProperty("medianDaysToAnswer").GetDouble());
        Assert.Equal(2.3, ig.GetProperty("meanDaysToAnswer").GetDouble());
        Assert.Equal(1, ig.GetProperty("noAnswer").GetInt32());
        Assert.Equal(30, ig.GetProperty("noAnswerAfterDays").GetInt32());
        Assert.Equal("Paul Genevois", ig.GetProperty("contactName").GetString());
        Assert.True(ig.GetProperty("answersByLink").GetBoolean());

        var three = JsonDocument.Parse(await coach.GetStringAsync("/api/v1/entrepreneurship/partners?noAnswerDays=3")).RootElement
            .EnumerateArray().Single(p => p.GetProperty("key").GetString() == "initiative-genevois");
        Assert.Equal(2, three.GetProperty("noAnswer").GetInt32());
        var problem = await ProblemAsync(await coach.GetAsync("/api/v1/entrepreneurship/partners?noAnswerDays=zero"), HttpStatusCode.BadRequest);
        Assert.Contains("noAnswerDays", problem.ToString());

        // Not programme staff: refused.
        var funder = await app.ClientAsync(await app.CreateStaffAsync(StaffRole.Funder, "cite:grand-geneve"));
        Assert.Equal(HttpStatusCode.Forbidden, (await funder.GetAsync("/api/v1/entrepreneurship/partners")).StatusCode);

        var page = await (await app.SignedInAsAsync(StaffRole.EntrepreneurshipCoach, CoachScope)).PageTextAsync("/gestion/citeslab/partenaires");
        Assert.Contains("Initiative Genevois", page);
        Assert.Contains("3 (60 %)", page);
    }
}
