using Microsoft.Playwright;

namespace Maillage.BrowserTests.Infrastructure;

/// <summary>
/// Started once for the whole suite: the application on a real port and Debian's Chromium, headless.
/// Each test opens its own <see cref="BrowserSession"/> (a fresh browser context: no shared cookies).
/// Playwright's own browser builds are never downloaded: the driver shipped in the NuGet package drives
/// /usr/bin/chromium (override with MAILLAGE_CHROMIUM).
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public BrowserApp App { get; } = new();
    public Uri BaseUrl { get; private set; } = null!;
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;

    public static string ChromiumPath => Environment.GetEnvironmentVariable("MAILLAGE_CHROMIUM") is { Length: > 0 } p ? p : "/usr/bin/chromium";

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException($"No Chromium at {ChromiumPath}: install Debian's package (apt-get install chromium) or set MAILLAGE_CHROMIUM.");
        // Generous waits: CI machines run several suites at once. Playwright still returns as soon as the condition holds.
        Assertions.SetDefaultExpectTimeout(15_000);
        BaseUrl = App.Start();
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
        });
    }

    /// <summary>A fresh browser context (on <paramref name="baseUrl"/>, another application of the suite, when given) whose browser asks for French, like most of the public; without script when asked (pages must work without it).</summary>
    public async Task<BrowserSession> NewSessionAsync(bool javaScript = true, Uri? baseUrl = null)
    {
        var context = await _browser.NewContextAsync(new()
        {
            JavaScriptEnabled = javaScript,
            BaseURL = (baseUrl ?? BaseUrl).ToString(),
            Locale = "fr-FR",
            TimezoneId = "Europe/Paris",
            ViewportSize = new() { Width = 1280, Height = 900 },
        });
        context.SetDefaultTimeout(15_000);
        context.SetDefaultNavigationTimeout(30_000);
        return new BrowserSession(context, await context.NewPageAsync());
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null) await _browser.CloseAsync();
        _playwright?.Dispose();
        await App.DisposeAsync();
    }
}

public sealed class BrowserSession(IBrowserContext context, IPage page) : IAsyncDisposable
{
    public IBrowserContext Context { get; } = context;
    public IPage Page { get; } = page;

    public ValueTask DisposeAsync() => new(Context.CloseAsync());
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Browser";
}
