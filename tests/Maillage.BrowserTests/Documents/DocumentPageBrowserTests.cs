using Maillage.BrowserTests.Infrastructure;
using Maillage.Platform.Identity;
using static Microsoft.Playwright.Assertions;

namespace Maillage.BrowserTests.Documents;

/// <summary>
/// Issue 21, "Documents": the printable page of a document (the partial _Document.cshtml, through the sample document's
/// page, outside production) in Chromium — axe-core finds nothing, in French and in English, on a desktop and a phone, and
/// the page offers each file.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class DocumentPageBrowserTests(BrowserFixture fixture)
{
    [Fact]
    public async Task Given_the_sample_document_When_axe_checks_its_page_Then_there_is_no_WCAG_21_AA_violation()
    {
        var user = await fixture.App.CreateStaffAsync(StaffRole.PlatformOperator, "platform");
        await using var session = await fixture.NewSessionAsync();
        var page = session.Page;
        await StaffJourney.SignInAndEnrolAsync(page, user);
        var violations = new List<string>();

        foreach (var (culture, width, height) in new[] { ("fr-FR", 1280, 900), ("en", 1280, 900), ("fr-FR", 390, 844) })
        {
            await page.SetViewportSizeAsync(width, height);
            await page.GotoAsync($"/gestion/documents/exemple?lignes=20&culture={culture}");
            await Expect(page.Locator("article.document table").First).ToBeVisibleAsync();
            violations.AddRange(await page.AxeViolationsAsync($"{culture} {width}×{height}"));
        }
        Accessibility.AssertNone(violations, 3);

        await page.GotoAsync("/gestion/documents/exemple?lignes=20&culture=fr-FR");
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(Microsoft.Playwright.AriaRole.Link, new() { Name = "PDF", Exact = true }).ClickAsync());
        Assert.Equal("exemple-de-bilan.pdf", download.SuggestedFilename);
    }
}
