using System.Net;
using System.Text.RegularExpressions;
using Maillage.Platform.Identity;
using Maillage.Tests.Agenda;
using Maillage.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Maillage.Tests.Platform;

/// <summary>
/// Issue 19, item 13: "Mot de passe oublié ?" — a link by e-mail (the outbox, the real SMTP sink), a neutral answer, the
/// link single-use and time-limited, and the reset leaves the two-factor sign-in as it was.
/// </summary>
public sealed class PasswordResetTests(AgendaApp app) : IClassFixture<AgendaApp>
{
    private const string Neutral = "Si un compte existe pour cette adresse, un lien lui a été envoyé";
    private const string NewPassword = "une toute nouvelle phrase de passe";

    private async Task<string> AskForLinkAsync(string email)
    {
        var page = await app.Browser().PostFormAsync("/gestion/mot-de-passe-oublie", new() { ["Email"] = email });
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains(Neutral, await page.TextAsync());
        var mail = Assert.Single(await app.Smtp.WaitForAsync(1, m => m.To.Mailboxes.Any(a => a.Address == email)));
        var link = Regex.Match(mail.TextBody ?? "", @"https://agenda\.test(/gestion/nouveau-mot-de-passe\?\S+)");
        Assert.True(link.Success, mail.TextBody);
        return link.Groups[1].Value;
    }

    private static Task<HttpResponseMessage> ResetAsync(HttpClient browser, string link, string password)
    {
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri("https://x" + link).Query);
        return browser.PostFormAsync("/gestion/nouveau-mot-de-passe",
            new() { ["Email"] = query["email"]!, ["Code"] = query["code"]!, ["Password"] = password }, formPage: link);
    }

    private static Task<HttpResponseMessage> SignInAsync(HttpClient browser, string email, string password) =>
        browser.PostFormAsync("/gestion/connexion", new() { ["Input.Email"] = email, ["Input.Password"] = password });

    [Fact]
    public async Task Given_a_staff_member_When_they_reset_their_password_by_the_link_Then_the_new_one_signs_in_and_the_link_works_once()
    {
        using var _ = app.CreateClient(); // starts the host and its outbox dispatcher
        var user = await app.CreateStaffAsync(StaffRole.Coordinator, "cite:marseille-paca");
        Assert.Contains("/gestion/mot-de-passe-oublie", await app.Browser().GetStringAsync("/gestion/connexion"));
        var link = await AskForLinkAsync(user.Email!);

        var browser = app.Browser();
        var reset = await ResetAsync(browser, link, NewPassword);
        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);
        Assert.StartsWith("/gestion/connexion", reset.Headers.Location!.OriginalString);
        Assert.Contains("Votre mot de passe a été changé", await browser.PageTextAsync(reset.Headers.Location!.OriginalString));
        Assert.Equal(HttpStatusCode.Redirect, (await SignInAsync(app.Browser(), user.Email!, NewPassword)).StatusCode);
        Assert.NotEqual(HttpStatusCode.Redirect, (await SignInAsync(app.Browser(), user.Email!, MaillageApp.Password)).StatusCode);

        // The same link again: refused, with a message that says what to do.
        var again = await ResetAsync(app.Browser(), link, "encore une autre phrase de passe");
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains("Ce lien n'est plus valable", await again.TextAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await SignInAsync(app.Browser(), user.Email!, NewPassword)).StatusCode);
    }

    [Fact]
    public async Task Given_an_unknown_address_When_a_link_is_asked_for_Then_the_answer_is_the_same_and_no_mail_is_sent()
    {
        using var _ = app.CreateClient();
        var unknown = $"personne.{Guid.NewGuid():N}@test.maillage";
        var page = await app.Browser().PostFormAsync("/gestion/mot-de-passe-oublie", new() { ["Email"] = unknown });
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains(Neutral, await page.TextAsync());
        var empty = await app.Browser().PostFormAsync("/gestion/mot-de-passe-oublie", new() { ["Email"] = "" });
        Assert.Contains("Saisissez votre adresse e-mail.", await empty.TextAsync());
        // The dispatcher ran after the request, and sent nothing to that address.
        await SchedulerRuns.NextRunFinishedAsync(app.Services, "email-outbox");
        Assert.DoesNotContain(app.Smtp.Messages(), m => m.To.Mailboxes.Any(a => a.Address == unknown));
    }

    [Fact]
    public async Task Given_a_link_past_its_lifespan_When_it_is_used_Then_it_is_refused()
    {
        using var _ = app.CreateClient();
        var user = await app.CreateStaffAsync(StaffRole.Coordinator, "cite:marseille-paca");
        // Identity's token provider reads the system clock, not the application's: the lifespan (one hour, checked
        // here) is shortened to nothing for this test instead, which the provider reads at each check.
        var options = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<DataProtectionTokenProviderOptions>>().Value;
        Assert.Equal(TimeSpan.FromHours(1), options.TokenLifespan);
        var link = await AskForLinkAsync(user.Email!);
        options.TokenLifespan = TimeSpan.Zero;
        try
        {
            var late = await ResetAsync(app.Browser(), link, NewPassword);
            Assert.Equal(HttpStatusCode.OK, late.StatusCode);
            Assert.Contains("Ce lien n'est plus valable", await late.TextAsync());
        }
        finally { options.TokenLifespan = IdentitySetup.PasswordResetLifespan; }
        Assert.Equal(HttpStatusCode.Redirect, (await SignInAsync(app.Browser(), user.Email!, MaillageApp.Password)).StatusCode);
    }

    [Fact]
    public async Task Given_an_account_with_two_factor_When_its_password_is_reset_Then_the_sign_in_still_asks_the_code()
    {
        using var _ = app.CreateClient();
        var user = await app.CreateStaffAsync(StaffRole.Coordinator, "cite:marseille-paca");
        await app.EnableTwoFactorAsync(user);
        var link = await AskForLinkAsync(user.Email!);
        Assert.Equal(HttpStatusCode.Redirect, (await ResetAsync(app.Browser(), link, NewPassword)).StatusCode);
        var signIn = await SignInAsync(app.Browser(), user.Email!, NewPassword);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.StartsWith("/gestion/connexion/code", signIn.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task The_pages_link_an_SVG_favicon_that_is_served()
    {
        using var client = app.CreateClient();
        Assert.Contains("<link rel=\"icon\" href=\"/favicon.svg\" type=\"image/svg+xml\">", await client.GetStringAsync("/gestion/connexion"));
        var icon = await client.GetAsync("/favicon.svg");
        Assert.Equal(HttpStatusCode.OK, icon.StatusCode);
        Assert.Equal("image/svg+xml", icon.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("<svg", await icon.Content.ReadAsStringAsync());
    }
}
