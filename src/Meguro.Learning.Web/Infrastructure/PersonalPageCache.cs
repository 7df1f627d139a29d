using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Security.Claims;
using Meguro.Learning.Domain.People;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace Meguro.Learning.Web.Infrastructure;

/// <summary>Bound from the <c>PageCache</c> section: how long a person's rendered page may be reused.</summary>
public sealed class PageCacheOptions
{
    public const string SectionName = "PageCache";

    /// <summary>
    /// The longest a cached page lives. Changes saved by this node evict the pages they concern at
    /// once; this bounds what another node's change (or a bulk SQL update) can leave stale. Zero turns
    /// the cache off.
    /// </summary>
    public TimeSpan Duration { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Memory the cached pages may take in all (bytes).</summary>
    public long SizeLimit { get; set; } = 64L * 1024 * 1024;
}

/// <summary>
/// Marks a page whose rendering for one person may be reused while nothing it shows has changed
/// (the lesson viewer): a lesson is read page by page, back and forth, and every view used to cost
/// five queries and a full render. See docs/decisions (personal page cache).
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class PersonalPageAttribute : Attribute;

/// <summary>A cached page is found only by the same URL and exactly the same Cookie header.</summary>
public sealed record PersonalPageKey(string Path, string Query, string Cookies);

/// <summary>A rendered page as it was sent, with the eviction generation it was rendered under.</summary>
public sealed class PersonalPage(byte[] body, KeyValuePair<string, StringValues>[] headers, DateTimeOffset storedAt, PersonalPageGeneration generation)
{
    public byte[] Body { get; } = body;
    public KeyValuePair<string, StringValues>[] Headers { get; } = headers;
    public DateTimeOffset StoredAt { get; } = storedAt;
    public PersonalPageGeneration Generation { get; } = generation;
}

/// <summary>
/// How many evictions had happened, for everyone and for the person, when a render began. A page is
/// served only while both are unchanged, so a page rendered from the old state while a change was
/// being committed is never served after it, whichever finishes first.
/// </summary>
public readonly record struct PersonalPageGeneration(long Everyone, long Person);

/// <summary>
/// A page being rendered for keeping, and the evictions its own request caused (a lesson view moves
/// the resume point). Those do not make the page stale, because it shows the state they saved; any
/// other eviction meanwhile does, and the page is then not kept.
/// </summary>
public sealed class PersonalPageRender(string personTag, PersonalPageGeneration started)
{
    private long _everyone;
    private long _person;

    public PersonalPageGeneration Expected => new(started.Everyone + _everyone, started.Person + _person);

    public void Evicted(string tag)
    {
        if (tag == PersonalPageStore.AllPagesTag)
        {
            _everyone++;
        }
        else if (tag == personTag)
        {
            _person++;
        }
    }
}

/// <summary>
/// The cached pages of this node. Eviction does not search the pages: it moves a generation
/// counter (everyone's, or one person's), and a page of an older generation is dropped when it is
/// next asked for. The per-person counters are one number per person whose data ever changed, so
/// they stay within the size of the staff.
/// </summary>
public sealed class PersonalPageStore(IOptions<PageCacheOptions> options, TimeProvider clock) : IDisposable
{
    public const string AllPagesTag = "personal-pages";

    private readonly MemoryCache _pages = new(new MemoryCacheOptions { SizeLimit = options.Value.SizeLimit });
    private readonly ConcurrentDictionary<string, long> _personGenerations = new(StringComparer.Ordinal);
    private long _everyoneGeneration;

    public static string PersonTag(int employeeId) => $"person:{employeeId}";

    /// <summary>The tag of a signed-in account: its employee, or the account itself when it has none (an administrator).</summary>
    public static string PersonTag(ClaimsPrincipal user) =>
        user.GetEmployeeId() is { } employeeId ? PersonTag(employeeId) : $"account:{user.FindFirstValue(ClaimTypes.NameIdentifier)}";

    public PersonalPageGeneration Generation(string personTag) =>
        new(Volatile.Read(ref _everyoneGeneration), _personGenerations.GetValueOrDefault(personTag));

    public PersonalPage? Find(PersonalPageKey key, string personTag)
    {
        if (!_pages.TryGetValue(key, out PersonalPage? page) || page is null)
        {
            return null;
        }
        if (page.Generation != Generation(personTag))
        {
            _pages.Remove(key);
            return null;
        }
        return page;
    }

    public void Keep(PersonalPageKey key, PersonalPage page)
    {
        // The key's strings count too: the Cookie header is larger than many a page's headers.
        var size = page.Body.Length + 2L * (key.Path.Length + key.Query.Length + key.Cookies.Length) + 512;
        _pages.Set(key, page, new MemoryCacheEntryOptions { Size = size, AbsoluteExpirationRelativeToNow = options.Value.Duration });
    }

    /// <summary>Drops a person's pages (<see cref="PersonTag(int)"/>) or, with <see cref="AllPagesTag"/>, everyone's.</summary>
    public void Evict(string tag)
    {
        if (tag == AllPagesTag)
        {
            Interlocked.Increment(ref _everyoneGeneration);
        }
        else
        {
            _personGenerations.AddOrUpdate(tag, 1, static (_, generation) => generation + 1);
        }
    }

    public DateTimeOffset Now => clock.GetUtcNow();

    public void Dispose() => _pages.Dispose();
}

/// <summary>
/// Evicts the cached pages a saved change concerns, once it is committed: a person's own pages when a
/// row of theirs changes (an enrollment, a notice, their record), every page when courses, curricula or
/// the organisation change. Evicting only after the commit keeps a page rendered meanwhile from the
/// old state from being stored past the change.
/// </summary>
public sealed class PersonalPageInvalidation(PersonalPageStore store, IHttpContextAccessor http) : SaveChangesInterceptor, IDbTransactionInterceptor
{
    private static readonly string[] SharedNamespaces =
        ["Meguro.Learning.Domain.Courses", "Meguro.Learning.Domain.Curricula", "Meguro.Learning.Domain.Organization"];

    private readonly ConditionalWeakTable<DbContext, HashSet<string>> _pending = [];

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Collect(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Collect(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        EvictUnlessInTransaction(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        EvictUnlessInTransaction(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public void TransactionCommitted(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData) => Evict(eventData.Context);

    public Task TransactionCommittedAsync(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Evict(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData) => Forget(eventData.Context);

    public Task TransactionRolledBackAsync(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    private void Collect(DbContext? context)
    {
        if (context is null)
        {
            return;
        }
        var tags = _pending.GetOrCreateValue(context);
        foreach (var entry in context.ChangeTracker.Entries())
        {
            if (entry.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            {
                AddTags(entry, tags);
            }
        }
    }

    private static void AddTags(EntityEntry entry, HashSet<string> tags)
    {
        if (entry.Entity is Employee employee)
        {
            tags.Add(PersonalPageStore.PersonTag(employee.Id));
            return;
        }
        if (entry.Metadata.FindProperty("EmployeeId") is { } property)
        {
            var value = entry.Property(property.Name);
            foreach (var id in new[] { value.CurrentValue, value.OriginalValue })
            {
                if (id is int employeeId)
                {
                    tags.Add(PersonalPageStore.PersonTag(employeeId));
                }
            }
            return;
        }
        if (entry.Metadata.ClrType.Namespace is { } ns && SharedNamespaces.Contains(ns) || entry.Entity is JobLevel)
        {
            tags.Add(PersonalPageStore.AllPagesTag);
        }
    }

    private void EvictUnlessInTransaction(DbContext? context)
    {
        if (context?.Database.CurrentTransaction is null)
        {
            Evict(context);
        }
    }

    private void Evict(DbContext? context)
    {
        if (context is null || !_pending.TryGetValue(context, out var tags))
        {
            return;
        }
        _pending.Remove(context);
        var render = http.HttpContext?.Features.Get<PersonalPageRender>();
        foreach (var tag in tags)
        {
            render?.Evicted(tag);
            store.Evict(tag);
        }
    }

    private void Forget(DbContext? context)
    {
        if (context is not null)
        {
            _pending.Remove(context);
        }
    }
}

/// <summary>
/// Serves and keeps the pages marked <see cref="PersonalPageAttribute"/>, after authentication and
/// authorization have run for the request, like every other request.
/// <para>
/// Safe by construction: a page is only ever found again by a request carrying exactly the same
/// cookies (sign-in, anti-forgery, language), so it cannot reach another person, and the form tokens in
/// it stay valid. A response that sets a cookie (a first anti-forgery token, a renewed sign-in, a
/// message shown once) or is not 200 is never kept.
/// </para>
/// <para>
/// Whatever a signed-in person posts (a lesson marked done, a notice read, a setting) may change what
/// their pages show, also through bulk updates the change tracker never sees: their cached pages go.
/// </para>
/// <para>
/// Also drops the clearing of the one-time message cookie that every page with a message slot sends,
/// when the request carried no such cookie: clearing nothing is a no-op for the browser, and a
/// response that sets a cookie is never kept.
/// </para>
/// <para>
/// This replaced ASP.NET Core's output cache, which took a quarter of a cached view's time: it
/// builds a key, deserializes the stored response and copies it on every hit
/// (docs/performance-history.md, goal 2).
/// </para>
/// </summary>
public sealed class PersonalPageMiddleware(RequestDelegate next, PersonalPageStore store, IOptions<PageCacheOptions> options)
{
    public const string TempDataCookie = ".AspNetCore.Mvc.CookieTempDataProvider";

    /// <summary>A lesson page is a few KiB; a response past this is sent but not kept.</summary>
    private const int MaxPageBytes = 1024 * 1024;

    private static readonly HashSet<string> HeadersNotKept = new(StringComparer.OrdinalIgnoreCase)
    {
        HeaderNames.SetCookie, HeaderNames.Date, HeaderNames.Server, HeaderNames.ContentLength,
        HeaderNames.TransferEncoding, HeaderNames.Age, HeaderNames.Connection,
    };

    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (!HttpMethods.IsGet(request.Method))
        {
            await next(context);
            if (!HttpMethods.IsHead(request.Method) && context.User.Identity?.IsAuthenticated == true)
            {
                store.Evict(PersonalPageStore.PersonTag(context.User));
            }
            return;
        }

        var cookies = request.Cookies;
        if (!cookies.ContainsKey(TempDataCookie))
        {
            // Registered before the page's own callback that writes the clearing, so it runs after it.
            context.Response.OnStarting(DropClearingOfAbsentMessage, context);
        }
        if (!IsPersonalPage(context) || !cookies.ContainsKey(LearningWeb.AntiforgeryCookie) || cookies.ContainsKey(TempDataCookie))
        {
            await next(context);
            return;
        }

        var key = new PersonalPageKey(request.Path.Value ?? "", request.QueryString.Value ?? "", request.Headers.Cookie.ToString());
        var personTag = PersonalPageStore.PersonTag(context.User);
        if (store.Find(key, personTag) is { } page)
        {
            await ServeAsync(context.Response, page);
            return;
        }
        var render = new PersonalPageRender(personTag, store.Generation(personTag));
        context.Features.Set(render);
        var response = context.Response;
        var original = response.Body;
        var capture = new PageCapture(original, MaxPageBytes);
        response.Body = capture;
        try
        {
            await next(context);
        }
        finally
        {
            response.Body = original;
        }
        if (response.StatusCode == StatusCodes.Status200OK && StringValues.IsNullOrEmpty(response.Headers.SetCookie)
            && render.Expected == store.Generation(personTag) && capture.Copy is { } body)
        {
            var headers = response.Headers.Where(h => !HeadersNotKept.Contains(h.Key)).ToArray();
            store.Keep(key, new PersonalPage(body, headers, store.Now, render.Expected));
        }
    }

    private bool IsPersonalPage(HttpContext context) =>
        options.Value.Duration > TimeSpan.Zero
        && context.User.Identity?.IsAuthenticated == true
        && context.GetEndpoint()?.Metadata.GetMetadata<PersonalPageAttribute>() is not null;

    private Task ServeAsync(HttpResponse response, PersonalPage page)
    {
        response.StatusCode = StatusCodes.Status200OK;
        var headers = response.Headers;
        foreach (var (name, value) in page.Headers)
        {
            headers[name] = value;
        }
        headers.Age = ((long)Math.Max(0, (store.Now - page.StoredAt).TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        headers.ContentLength = page.Body.Length;
        return response.Body.WriteAsync(page.Body).AsTask();
    }

    private static Task DropClearingOfAbsentMessage(object state)
    {
        var headers = ((HttpContext)state).Response.Headers;
        if (headers.SetCookie.Count > 0 && headers.SetCookie.All(c => c is not null && c.StartsWith(TempDataCookie + "=;", StringComparison.Ordinal)))
        {
            headers.Remove(HeaderNames.SetCookie);
        }
        return Task.CompletedTask;
    }

    /// <summary>Passes the page through to the client and keeps a copy of it, up to a limit.</summary>
    private sealed class PageCapture(Stream inner, int limit) : Stream
    {
        private MemoryStream? _copy = new();

        /// <summary>The whole body, or null when it outgrew the limit.</summary>
        public byte[]? Copy => _copy?.ToArray();

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush() => inner.Flush();
        public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            Keep(buffer);
            inner.Write(buffer);
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Keep(buffer.Span);
            return inner.WriteAsync(buffer, cancellationToken);
        }

        private void Keep(ReadOnlySpan<byte> buffer)
        {
            if (_copy is null)
            {
                return;
            }
            if (_copy.Length + buffer.Length > limit)
            {
                _copy = null;
                return;
            }
            _copy.Write(buffer);
        }
    }
}

public static class PersonalPageCacheRegistration
{
    public static IServiceCollection AddPersonalPageCache(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PageCacheOptions>().Bind(configuration.GetSection(PageCacheOptions.SectionName));
        services.AddHttpContextAccessor();
        services.AddSingleton<PersonalPageStore>();
        services.AddSingleton<IInterceptor, PersonalPageInvalidation>();
        return services;
    }
}
