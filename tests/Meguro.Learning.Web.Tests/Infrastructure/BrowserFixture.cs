using Meguro.Learning.Demo;
using Microsoft.Playwright;

namespace Meguro.Learning.Web.Tests.Infrastructure;

/// <summary>
/// The app as a newcomer runs it — Kestrel on loopback, SQLite, demo data seeded — driven by
/// Debian's Chromium. Every page records the requests it makes, so a test can prove that the
/// browser talked to nobody but the app (LGWAN).
/// </summary>
public sealed class BrowserFixture() : AppFixture(DatabaseKind.Sqlite, seedDemo: true, useKestrel: true)
{
    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private readonly Dictionary<string, string> _signedIn = [];

    public string BaseUrl => Factory.BaseUrl;
    public IBrowser Browser => _browser ?? throw new InvalidOperationException("Browser not started.");

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    public override async Task DisposeAsync()
    {
        if (_browser is not null) await _browser.DisposeAsync();
        _playwright?.Dispose();
        await base.DisposeAsync();
    }

    /// <summary>A fresh browser context (no cookies) with request recording.</summary>
    public async Task<BrowserSession> NewSessionAsync(int width = 1280, int height = 800, string? storageState = null)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            StorageState = storageState,
            Locale = "ja-JP",
            TimezoneId = "Asia/Tokyo",
            ViewportSize = new ViewportSize { Width = width, Height = height },
            BaseURL = BaseUrl,
        });
        var page = await context.NewPageAsync();
        return new BrowserSession(context, page, new Uri(BaseUrl));
    }

    /// <summary>
    /// A session signed in as <paramref name="persona"/>, on their home page. The first time goes
    /// through the login form; later sessions reuse that sign-in cookie, because hashing the
    /// password and loading the home page for every test would dominate the suite's run time.
    /// </summary>
    public async Task<BrowserSession> SignInAsync(DemoPersona persona)
    {
        string? state;
        lock (_signedIn) _signedIn.TryGetValue(persona.UserName, out state);
        if (state is null)
        {
            var session = await SignInThroughFormAsync(persona);
            var saved = await session.Context.StorageStateAsync();
            lock (_signedIn) _signedIn[persona.UserName] = saved;
            return session;
        }
        var reused = await NewSessionAsync(storageState: state);
        await reused.Page.GotoAsync("/");
        return reused;
    }

    /// <summary>Signs in through the login form, as a person would.</summary>
    public async Task<BrowserSession> SignInThroughFormAsync(DemoPersona persona)
    {
        var session = await NewSessionAsync();
        await session.Page.GotoAsync("/account/login");
        await session.Page.GetByLabel("職員番号またはユーザー名").FillAsync(persona.UserName);
        await session.Page.GetByLabel("パスワード").FillAsync(DemoPersonas.Password);
        await session.Page.GetByRole(AriaRole.Button, new() { Name = "ログイン" }).ClickAsync();
        await session.Page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal));
        return session;
    }
}

/// <summary>One browser context and its page, plus every URL the page asked for.</summary>
public sealed class BrowserSession : IAsyncDisposable
{
    private readonly List<string> _requests = [];
    private readonly Uri _app;

    public BrowserSession(IBrowserContext context, IPage page, Uri app)
    {
        Context = context;
        Page = page;
        _app = app;
        context.Request += (_, request) =>
        {
            lock (_requests) _requests.Add(request.Url);
        };
    }

    public IBrowserContext Context { get; }
    public IPage Page { get; }

    /// <summary>Requests to any origin other than the app's (data: URLs are not requests to a host).</summary>
    public IReadOnlyList<string> ForeignRequests()
    {
        lock (_requests)
        {
            return _requests
                .Where(url => !url.StartsWith("data:", StringComparison.Ordinal))
                .Where(url => !Uri.TryCreate(url, UriKind.Absolute, out var uri)
                              || !string.Equals(uri.Authority, _app.Authority, StringComparison.OrdinalIgnoreCase)
                              || uri.Scheme != _app.Scheme)
                .ToList();
        }
    }

    public int RequestCount { get { lock (_requests) return _requests.Count; } }

    public async ValueTask DisposeAsync() => await Context.DisposeAsync();
}
