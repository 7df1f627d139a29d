using System.Buffers.Text;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Meguro.Learning.Web.Infrastructure;

/// <summary>Bound from the <c>SignInCache</c> section: how long a decrypted sign-in cookie is reused.</summary>
public sealed class SignInCacheOptions
{
    public const string SectionName = "SignInCache";

    /// <summary>The longest a decrypted sign-in cookie is reused. Zero decrypts it on every request.</summary>
    public TimeSpan Duration { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How many sign-in cookies are kept decrypted at once (3,000 staff, a few devices each).</summary>
    public int SizeLimit { get; set; } = 20_000;
}

/// <summary>
/// The sign-in cookie, decrypted once and reused by the next requests that carry exactly the same
/// cookie value. See docs/decisions/0009-sign-in-ticket-cache.md.
/// <para>
/// Why: every request decrypted the cookie (Data Protection derives a subkey per message, then checks
/// the HMAC and decrypts); without that, a lesson page served from the page cache went from 3,557 to
/// about 4,740 requests/s on one core (docs/performance-history.md, goal 2).
/// </para>
/// <para>
/// What does not change: only a request that presents the very cookie value finds its entry, so it
/// learns nothing it could not have decrypted itself; the cookie handler still checks the expiry, the
/// security stamp when due and authorization on every request; each request gets its own copy of the
/// ticket, so what one request changes in it (a refreshed expiry, a replaced principal) reaches no
/// other. A cookie that fails to decrypt is never kept, and an entry lives at most
/// <see cref="SignInCacheOptions.Duration"/>.
/// </para>
/// <para>
/// A cookie protected with a key this node has revoked is refused from the moment of the revocation,
/// kept or not: Data Protection itself goes on accepting it until its key ring has been reloaded in
/// the background, so the cache checks the key on every use rather than relying on that reload.
/// </para>
/// </summary>
public sealed class CachedTicketDataFormat(
    ISecureDataFormat<AuthenticationTicket> decrypting,
    IMemoryCache tickets,
    IKeyManager keys,
    TimeSpan duration) : ISecureDataFormat<AuthenticationTicket>
{
    /// <summary>The revoked keys as of the last key ring change of this node (a key created or revoked).</summary>
    private sealed record RevokedKeys(CancellationToken Changed, IReadOnlySet<Guid> KeyIds);

    private RevokedKeys? _revoked;

    public string Protect(AuthenticationTicket data) => decrypting.Protect(data);

    public string Protect(AuthenticationTicket data, string? purpose) => decrypting.Protect(data, purpose);

    public AuthenticationTicket? Unprotect(string? protectedText) => Unprotect(protectedText, purpose: null);

    public AuthenticationTicket? Unprotect(string? protectedText, string? purpose)
    {
        // A purpose (TLS token binding) ties the cookie to a connection: such cookies are not shared.
        if (string.IsNullOrEmpty(protectedText) || purpose is not null || KeyIdOf(protectedText) is not { } keyId)
        {
            return decrypting.Unprotect(protectedText, purpose);
        }
        if (Revoked().Contains(keyId))
        {
            tickets.Remove(protectedText);
            return null;
        }
        if (tickets.TryGetValue(protectedText, out AuthenticationTicket? kept))
        {
            return kept!.Clone();
        }
        var ticket = decrypting.Unprotect(protectedText, purpose);
        if (ticket is null)
        {
            return null;
        }
        using (var entry = tickets.CreateEntry(protectedText))
        {
            entry.Value = ticket.Clone();
            entry.Size = 1;
            entry.AbsoluteExpirationRelativeToNow = duration;
        }
        return ticket;
    }

    /// <summary>
    /// The key a cookie was protected with: Data Protection's payload starts with a 4-byte magic
    /// header and the 16-byte key id (its documented format), and the ticket format writes it in
    /// base64url. Null for anything else, which is then left to Data Protection alone.
    /// </summary>
    private static Guid? KeyIdOf(string protectedText)
    {
        const int headerChars = 28;
        Span<byte> header = stackalloc byte[21];
        return protectedText.Length > headerChars
            && Base64Url.TryDecodeFromChars(protectedText.AsSpan(0, headerChars), header, out var written)
            && written == header.Length
            && header[..4].SequenceEqual(MagicHeader)
                ? new Guid(header.Slice(4, 16))
                : null;
    }

    private static ReadOnlySpan<byte> MagicHeader => [0x09, 0xF0, 0xC9, 0xF0];

    private IReadOnlySet<Guid> Revoked()
    {
        var revoked = _revoked;
        if (revoked is null || revoked.Changed.IsCancellationRequested)
        {
            // Taken before reading the keys: a change while they are read is then seen next time.
            var changed = keys.GetCacheExpirationToken();
            revoked = new RevokedKeys(changed, keys.GetAllKeys().Where(k => k.IsRevoked).Select(k => k.KeyId).ToHashSet());
            _revoked = revoked;
        }
        return revoked.KeyIds;
    }
}

/// <summary>Wraps the application cookie's ticket format in <see cref="CachedTicketDataFormat"/>, after the framework has made it.</summary>
public sealed class SignInTicketCaching(IOptions<SignInCacheOptions> options, IKeyManager keys)
    : IPostConfigureOptions<CookieAuthenticationOptions>, IDisposable
{
    private readonly MemoryCache _tickets = new(new MemoryCacheOptions { SizeLimit = options.Value.SizeLimit });

    public void PostConfigure(string? name, CookieAuthenticationOptions cookie)
    {
        if (name == IdentityConstants.ApplicationScheme && options.Value.Duration > TimeSpan.Zero && cookie.TicketDataFormat is { } format and not CachedTicketDataFormat)
        {
            cookie.TicketDataFormat = new CachedTicketDataFormat(format, _tickets, keys, options.Value.Duration);
        }
    }

    public void Dispose() => _tickets.Dispose();
}
