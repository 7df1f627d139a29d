using System.Net;
using System.Security.Claims;
using Meguro.Learning.Data.Identity;
using Meguro.Learning.Web.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Meguro.Learning.Web.Tests.Infrastructure;

/// <summary>The sign-in cookie decrypted once and reused (<see cref="CachedTicketDataFormat"/>), with the real Data Protection.</summary>
public sealed class SignInTicketCacheTests : IDisposable
{
    private readonly string _keysPath = Path.Combine(Path.GetTempPath(), $"meguro-ticket-keys-{Guid.NewGuid():N}");
    private readonly ServiceProvider _services;
    private readonly MemoryCache _tickets = new(new MemoryCacheOptions { SizeLimit = 100 });
    private readonly CountingFormat _decrypting;
    private readonly CachedTicketDataFormat _format;

    public SignInTicketCacheTests()
    {
        var services = new ServiceCollection();
        services.AddDataProtection().SetApplicationName("ticket-cache-tests").PersistKeysToFileSystem(new DirectoryInfo(_keysPath));
        _services = services.BuildServiceProvider();
        var protector = _services.GetRequiredService<IDataProtectionProvider>().CreateProtector("sign-in");
        _decrypting = new CountingFormat(new TicketDataFormat(protector));
        _format = new CachedTicketDataFormat(_decrypting, _tickets, _services.GetRequiredService<IKeyManager>(), TimeSpan.FromMinutes(5));
    }

    [Fact]
    public void The_same_cookie_is_decrypted_once_and_reads_the_same_person_each_time()
    {
        var cookie = _format.Protect(Ticket("yamada"));

        var first = _format.Unprotect(cookie);
        var second = _format.Unprotect(cookie);

        Assert.Equal(1, _decrypting.Decryptions);
        Assert.Equal("yamada", first!.Principal.Identity!.Name);
        Assert.Equal("yamada", second!.Principal.Identity!.Name);
        Assert.Equal(first.Properties.ExpiresUtc, second.Properties.ExpiresUtc);
    }

    [Fact]
    public void What_one_request_changes_in_its_ticket_reaches_no_later_request()
    {
        var cookie = _format.Protect(Ticket("yamada"));
        var issued = _format.Unprotect(cookie)!;
        var expires = issued.Properties.ExpiresUtc;

        // What the cookie handler and the security-stamp check do to the ticket of one request.
        ((ClaimsIdentity)issued.Principal.Identity!).AddClaim(new Claim(ClaimTypes.Role, Roles.Administrator));
        issued.Properties.ExpiresUtc = expires!.Value.AddDays(30);
        var reused = _format.Unprotect(cookie)!;
        reused.Properties.IssuedUtc = DateTimeOffset.UnixEpoch;
        var again = _format.Unprotect(cookie)!;

        Assert.False(again.Principal.IsInRole(Roles.Administrator));
        Assert.Equal(expires, again.Properties.ExpiresUtc);
        Assert.NotEqual(DateTimeOffset.UnixEpoch, again.Properties.IssuedUtc);
        Assert.Equal(1, _decrypting.Decryptions);
    }

    [Fact]
    public void A_forged_cookie_is_refused_every_time_and_never_kept()
    {
        var cookie = _format.Protect(Ticket("yamada"));
        var forged = cookie[..^4] + (cookie[^4] == 'A' ? "B" : "A") + cookie[^3..];

        Assert.Null(_format.Unprotect(forged));
        Assert.Null(_format.Unprotect(forged));
        Assert.Equal(2, _decrypting.Decryptions);
        Assert.Equal(0, _tickets.Count);
    }

    [Fact]
    public void Revoking_the_keys_refuses_a_cookie_already_decrypted()
    {
        var cookie = _format.Protect(Ticket("yamada"));
        Assert.NotNull(_format.Unprotect(cookie));

        _services.GetRequiredService<IKeyManager>().RevokeAllKeys(DateTimeOffset.UtcNow, "漏えいの疑い");

        Assert.Null(_format.Unprotect(cookie));
    }

    private static AuthenticationTicket Ticket(string userName)
    {
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, userName), new Claim(ClaimTypes.Role, Roles.Learner)], IdentityConstants.ApplicationScheme);
        var now = DateTimeOffset.UtcNow;
        return new AuthenticationTicket(new ClaimsPrincipal(identity), new AuthenticationProperties { IssuedUtc = now, ExpiresUtc = now.AddHours(8) }, IdentityConstants.ApplicationScheme);
    }

    public void Dispose()
    {
        _tickets.Dispose();
        _services.Dispose();
        if (Directory.Exists(_keysPath))
        {
            Directory.Delete(_keysPath, recursive: true);
        }
    }

    /// <summary>The framework's ticket format, counting how often it really decrypts.</summary>
    private sealed class CountingFormat(ISecureDataFormat<AuthenticationTicket> inner) : ISecureDataFormat<AuthenticationTicket>
    {
        public int Decryptions { get; private set; }

        public string Protect(AuthenticationTicket data) => inner.Protect(data);

        public string Protect(AuthenticationTicket data, string? purpose) => inner.Protect(data, purpose);

        public AuthenticationTicket? Unprotect(string? protectedText) => Unprotect(protectedText, null);

        public AuthenticationTicket? Unprotect(string? protectedText, string? purpose)
        {
            Decryptions++;
            return inner.Unprotect(protectedText, purpose);
        }
    }
}

/// <summary>The app's sign-in cookie goes through the cache, and a key revocation still signs everyone out at once.</summary>
public sealed class SignInTicketCacheInAppTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    [Fact]
    public void The_sign_in_cookie_is_read_through_the_cache()
    {
        var cookie = app.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(IdentityConstants.ApplicationScheme);

        Assert.IsType<CachedTicketDataFormat>(cookie.TicketDataFormat);
    }

    [Fact]
    public async Task Revoking_the_keys_signs_out_a_person_whose_cookie_was_just_read()
    {
        using var client = await app.RunAsUserAsync(Roles.Learner);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/my")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/my")).StatusCode);

        app.Services.GetRequiredService<IKeyManager>().RevokeAllKeys(DateTimeOffset.UtcNow, "漏えいの疑い");
        var afterRevocation = await client.GetAsync("/my");

        Assert.Equal(HttpStatusCode.Redirect, afterRevocation.StatusCode);
        Assert.Equal("/account/login", afterRevocation.Headers.Location!.AbsolutePath);
    }
}
