using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Maillage.BrowserTests.Infrastructure;

/// <summary>axe-core, restricted to the WCAG 2.0 and 2.1 levels A and AA rules (RGAA 4.1 targets WCAG 2.1 AA).</summary>
public static class Accessibility
{
    public static readonly string[] WcagTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

    /// <summary>
    /// axe's "best practice" rules on landmarks, checked as well: several navigation regions or charts with the same name
    /// leave a screen-reader user unable to tell them apart in the landmarks list (RGAA 12.6, issue 19).
    /// </summary>
    /// <summary>How long one axe-core run may take before the test fails (a run takes a second or two; the machine may be loaded).</summary>
    public static readonly TimeSpan AxeDeadline = TimeSpan.FromSeconds(60);

    public static readonly string[] LandmarkRules =
        ["landmark-unique", "landmark-one-main", "landmark-no-duplicate-banner", "landmark-no-duplicate-contentinfo", "landmark-no-duplicate-main"];

    /// <summary>Every violation on the page as it is now, one line each: page, rule, impact, help, target selectors.</summary>
    public static async Task<IReadOnlyList<string>> AxeViolationsAsync(this IPage page, string? label = null)
    {
        // Legacy mode runs axe inside the page itself; the default mode opens an extra page per run to merge frame results,
        // which triples the time of the suite, and these pages have no frames.
        // Marked obsolete by Deque.AxeCore.Playwright in favour of the default mode, for pages with frames: kept on purpose.
#pragma warning disable CS0618
        var run = page.Locator("html").RunAxeLegacy(new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = [.. WcagTags] },
            Rules = LandmarkRules.ToDictionary(rule => rule, _ => new RuleOptions { Enabled = true }),
        });
#pragma warning restore CS0618
        // axe-core is a script evaluated in the page, and Playwright's evaluate has no deadline of its own: on a page of a
        // context without JavaScript it never answers (the partner's browser test hung for minutes so). Fail instead.
        AxeResult result;
        try
        {
            result = await run.WaitAsync(AxeDeadline);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"axe-core did not answer within {AxeDeadline.TotalSeconds} s on {page.Url}: a session without JavaScript cannot run it " +
                                       "(check the page's accessibility in a session with script, and click the journey in the one without).");
        }
        var where = label is null ? new Uri(page.Url).PathAndQuery : $"{new Uri(page.Url).PathAndQuery} ({label})";
        return result.Violations
            .Select(v => $"{where}: {v.Id} [{v.Impact}] {v.Help} — {string.Join(" | ", v.Nodes.Select(n => n.Target?.ToString()))} ({v.HelpUrl})")
            .ToList();
    }

    public static async Task AssertNoAxeViolationsAsync(this IPage page, string? label = null)
    {
        var violations = await page.AxeViolationsAsync(label);
        Assert.True(violations.Count == 0, $"axe-core found {violations.Count} WCAG 2.1 A/AA violation(s):\n" + string.Join("\n", violations));
    }

    public static void AssertNone(IReadOnlyCollection<string> violations, int pagesChecked) =>
        Assert.True(violations.Count == 0,
            $"axe-core found {violations.Count} WCAG 2.1 A/AA violation(s) on {pagesChecked} page(s):\n" + string.Join("\n", violations));
}
