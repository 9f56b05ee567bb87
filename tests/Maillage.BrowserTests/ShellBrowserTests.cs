using System.Text.RegularExpressions;
using Maillage.BrowserTests.Infrastructure;
using Maillage.Network;
using Maillage.Platform.Data;
using Maillage.Tests.Infrastructure;
using Maillage.Platform.Identity;
using Maillage.Visits;
using Maillage.Visits.Categories;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Maillage.BrowserTests;

/// <summary>
/// Issue 19 items 1 and 2: the staff shell as each demo role meets it — the menu and the dashboard offer only what the
/// person may open, each role lands on its main task, the menu folds behind one button on a phone (without script), and
/// the reception screen records a visit in three taps with its three choices on the first screen of a tablet and a phone.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ShellBrowserTests(BrowserFixture fixture)
{
    public static TheoryData<string> DemoAccounts => new(DemoUsers.All.Select(u => u.Email));

    private async Task<T> DbAsync<T>(Func<MaillageDb, Task<T>> action)
    {
        await using var scope = fixture.App.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<MaillageDb>());
    }

    private Task<int> StructureIdAsync(string slug) => DbAsync(db => db.Structures.IgnoreQueryFilters().Where(s => s.Slug == slug).Select(s => s.Id).FirstAsync());

    [Theory]
    [MemberData(nameof(DemoAccounts))]
    public async Task Given_a_demo_role_When_it_signs_in_Then_it_lands_on_its_main_task_and_every_link_of_its_menu_and_dashboard_opens(string email)
    {
        var demo = DemoUsers.All.Single(u => u.Email == email);
        var user = await fixture.App.CreateStaffAsync(demo.Role, demo.Scope);
        await using var session = await fixture.NewSessionAsync();
        var page = session.Page;
        await StaffJourney.SignInAndEnrolAsync(page, user);

        var landing = demo.Role switch
        {
            StaffRole.ReceptionAgent => $"/gestion/accueil/{await StructureIdAsync("saint-julien-en-genevois")}",
            StaffRole.EventOrganiser => "/gestion/agenda",
            StaffRole.Funder => "/gestion/conventions",
            StaffRole.EntrepreneurshipCoach or StaffRole.EntrepreneurshipManager => "/gestion/citeslab",
            _ => "/gestion",
        };
        await Expect(page).ToHaveURLAsync(new Regex(Regex.Escape(landing) + "$"));

        await page.GotoAsync("/gestion");
        var menu = await page.Locator("nav.staff-menu a").EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))");
        var tasks = await page.Locator(".dashboard-tasks a").EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))");
        // The dashboard offers what the menu offers (but itself): one decision for both.
        Assert.Equal(menu.Where(h => h != "/gestion"), tasks);
        Assert.Contains("/gestion/compte", menu);
        foreach (var href in menu.Distinct())
        {
            var response = await page.GotoAsync(href);
            Assert.True(response is { Status: 200 }, $"{demo.Role}: {href} answered {response?.Status}");
            await Expect(page.Locator("h1").First).Not.ToHaveTextAsync("Accès refusé");
        }
    }

    [Fact]
    public async Task Given_a_phone_without_script_Then_the_menu_folds_behind_one_button_that_opens_it()
    {
        var admin = await fixture.App.CreateStaffAsync(StaffRole.Administrator, "cite:grand-geneve");
        await using var session = await fixture.NewSessionAsync(javaScript: false);
        var page = session.Page;
        await StaffJourney.SignInAndEnrolAsync(page, admin);
        await page.SetViewportSizeAsync(390, 844);
        await page.GotoAsync("/gestion");

        var button = page.Locator("nav.staff-menu summary");
        var users = page.Locator("nav.staff-menu a[href='/gestion/utilisateurs']");
        await Expect(button).ToBeVisibleAsync();
        await Expect(users).Not.ToBeVisibleAsync();
        // Closed, the menu is one line: the page's title follows right under it.
        var buttonBox = (await button.BoundingBoxAsync())!;
        var title = (await page.Locator("h1").BoundingBoxAsync())!;
        Assert.True(buttonBox.Height < 60, $"The folded menu is {buttonBox.Height}px high");
        Assert.True(title.Y < buttonBox.Y + buttonBox.Height + 40, $"The title starts at {title.Y}, the menu button ends at {buttonBox.Y + buttonBox.Height}");

        await button.ClickAsync();
        await Expect(users).ToBeVisibleAsync();
        await users.ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/gestion/utilisateurs$"));

        // Wider, no button: the groups show under their headings.
        await page.SetViewportSizeAsync(1024, 690);
        await page.GotoAsync("/gestion");
        await Expect(button).Not.ToBeVisibleAsync();
        await Expect(users).ToBeVisibleAsync();
        await Expect(page.Locator("nav.staff-menu").GetByRole(AriaRole.List, new() { Name = "Administration", Exact = true })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task The_dashboard_and_the_reception_screen_have_no_accessibility_violation_at_three_sizes_menu_folded_or_open()
    {
        // axe-core runs as a script: this session has JavaScript (the test above has none).
        var admin = await fixture.App.CreateStaffAsync(StaffRole.Administrator, "cite:grand-geneve");
        await using var session = await fixture.NewSessionAsync();
        var page = session.Page;
        await StaffJourney.SignInAndEnrolAsync(page, admin);
        var reception = $"/gestion/accueil/{await StructureIdAsync("saint-julien-en-genevois")}";
        foreach (var (width, height) in new[] { (1280, 900), (1024, 690), (390, 844) })
        {
            await page.SetViewportSizeAsync(width, height);
            await page.GotoAsync("/gestion");
            await page.AssertNoAxeViolationsAsync($"dashboard at {width}×{height}");
            if (width < 600)
            {
                await page.Locator("nav.staff-menu summary").ClickAsync();
                await Expect(page.Locator("nav.staff-menu a[href='/gestion/utilisateurs']")).ToBeVisibleAsync();
                await page.AssertNoAxeViolationsAsync($"dashboard at {width}×{height}, menu open");
            }
            await page.GotoAsync(reception);
            await page.AssertNoAxeViolationsAsync($"reception at {width}×{height}");
        }
    }

    [Theory]
    [InlineData(1024, 690)]
    [InlineData(390, 844)]
    public async Task Given_a_tablet_or_a_phone_When_the_agent_signs_in_Then_the_three_choices_show_on_the_first_screen_and_three_taps_record_a_visit_with_no_need_or_service(int width, int height)
    {
        var saintJulien = await StructureIdAsync("saint-julien-en-genevois");
        var agent = await fixture.App.CreateStaffAsync(StaffRole.ReceptionAgent, $"structure:{saintJulien}");
        await using var session = await fixture.NewSessionAsync();
        var page = session.Page;
        await page.SetViewportSizeAsync(width, height);
        await StaffJourney.SignInAndEnrolAsync(page, agent);
        await Expect(page).ToHaveURLAsync(new Regex($"/gestion/accueil/{saintJulien}$"));

        var choices = page.Locator("#Input_PublicStatus label, #Input_AgeBracket label, .record-buttons button");
        Assert.Equal(10 + 5 + 4, await choices.CountAsync());
        foreach (var box in await Task.WhenAll((await choices.AllAsync()).Select(c => c.BoundingBoxAsync())))
        {
            Assert.NotNull(box);
            Assert.True(box.X >= 0 && box.Y >= 0 && box.X + box.Width <= width && box.Y + box.Height <= height,
                $"A choice at ({box.X}, {box.Y}, {box.Width}×{box.Height}) is outside the {width}×{height} screen");
        }
        // The channel, the one default left, shows on the main screen; need and service are asked, never assumed.
        await Expect(page.GetByLabel("Canal", new() { Exact = true })).ToBeVisibleAsync();
        await Expect(page.GetByLabel("Canal", new() { Exact = true })).ToHaveValueAsync("walkIn");
        Assert.Equal(0, await page.Locator("#Input_Needs input:checked, #Input_Services input:checked").CountAsync());
        await page.AssertNoAxeViolationsAsync($"reception at {width}×{height}");

        var before = await DbAsync(db => db.Visits.IgnoreQueryFilters().Where(v => v.StructureId == saintJulien).Select(v => v.Id).ToListAsync());
        await page.Locator("label[for='Input_PublicStatus_4']").ClickAsync();                        // 1: employee
        await page.Locator("label[for='Input_AgeBracket_3']").ClickAsync();                          // 2: 45-54
        await page.GetByRole(AriaRole.Button, new() { Name = "Homme", Exact = true }).ClickAsync();  // 3: records
        var visit = await Poll.UntilAsync(
            () => DbAsync(db => db.Visits.IgnoreQueryFilters().Where(v => v.StructureId == saintJulien && !before.Contains(v.Id)).ToListAsync()),
            visits => visits.Count == 1, "the visit recorded by three taps");
        Assert.Equal((PublicStatus.Employee, AgeBracket.From45To54, Gender.Male), (visit[0].PublicStatus, visit[0].AgeBracket, visit[0].Gender));
        Assert.Equal((Needs.None, Services.None, Channel.WalkIn), (visit[0].Needs, visit[0].Services, visit[0].Channel));
    }
}
