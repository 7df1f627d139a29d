using System.Runtime.CompilerServices;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Meguro.Learning.Domain.People;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
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
/// Reuses a signed-in person's own rendered page (the lesson viewer) while nothing it shows has
/// changed: a lesson is read page by page, back and forth, and every view used to cost the sign-in
/// check, five queries and a full render. See docs/decisions (personal page cache).
/// <para>
/// Safe by construction: an entry is only ever found again by a request carrying exactly the same
/// cookies (sign-in, anti-forgery, language), so it cannot reach another person, and the form tokens in
/// it stay valid. Authorization still runs on every request, before the cache. A response that sets a
/// cookie (a first anti-forgery token, a message shown once) or is not 200 is never stored.
/// </para>
/// </summary>
public sealed class PersonalPagePolicy(IOptions<PageCacheOptions> options) : IOutputCachePolicy
{
    public const string Name = "PersonalPage";

    /// <summary>Evicted with everything content- or organisation-wide (a course published, a unit renamed).</summary>
    public const string AllPagesTag = "personal-pages";

    public const string TempDataCookie = ".AspNetCore.Mvc.CookieTempDataProvider";

    public static string PersonTag(int employeeId) => $"person:{employeeId}";

    /// <summary>The tag of a signed-in account: its employee, or the account itself when it has none (an administrator).</summary>
    public static string PersonTag(ClaimsPrincipal user) =>
        user.GetEmployeeId() is { } employeeId ? PersonTag(employeeId) : $"account:{user.FindFirstValue(ClaimTypes.NameIdentifier)}";

    public ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var http = context.HttpContext;
        var cookies = http.Request.Headers.Cookie.ToString();
        if (options.Value.Duration <= TimeSpan.Zero
            || !HttpMethods.IsGet(http.Request.Method)
            || http.User.Identity?.IsAuthenticated != true
            || cookies.Length == 0
            || !http.Request.Cookies.ContainsKey(LearningWeb.AntiforgeryCookie)
            || http.Request.Cookies.ContainsKey(TempDataCookie))
        {
            return ValueTask.CompletedTask;
        }
        context.EnableOutputCaching = true;
        context.AllowCacheLookup = true;
        context.AllowCacheStorage = true;
        // No coalescing of concurrent misses: one person does not stampede their own page, and the
        // per-key lock cost every cached view ~3 % of its time (docs/performance-history.md, goal 2).
        context.AllowLocking = false;
        context.ResponseExpirationTimeSpan = options.Value.Duration;
        context.CacheVaryByRules.QueryKeys = "*";
        context.CacheVaryByRules.VaryByValues["cookies"] = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(cookies)));
        context.Tags.Add(PersonTag(http.User));
        context.Tags.Add(AllPagesTag);
        return ValueTask.CompletedTask;
    }

    public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

    public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var response = context.HttpContext.Response;
        if (response.StatusCode != StatusCodes.Status200OK || !StringValues.IsNullOrEmpty(response.Headers.SetCookie))
        {
            context.AllowCacheStorage = false;
        }
        return ValueTask.CompletedTask;
    }
}

/// <summary>
/// Evicts the cached pages a saved change concerns, once it is committed: a person's own pages when a
/// row of theirs changes (an enrollment, a notice, their record), every page when courses, curricula or
/// the organisation change. Evicting only after the commit keeps a page rendered meanwhile from the
/// old state from being stored past the change.
/// </summary>
public sealed class PersonalPageInvalidation(IOutputCacheStore store) : SaveChangesInterceptor, IDbTransactionInterceptor
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
        EvictUnlessInTransactionAsync(eventData.Context).AsTask().GetAwaiter().GetResult();
        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        await EvictUnlessInTransactionAsync(eventData.Context);
        return result;
    }

    public void TransactionCommitted(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData) =>
        EvictAsync(eventData.Context).AsTask().GetAwaiter().GetResult();

    public Task TransactionCommittedAsync(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default) =>
        EvictAsync(eventData.Context).AsTask();

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
            tags.Add(PersonalPagePolicy.PersonTag(employee.Id));
            return;
        }
        if (entry.Metadata.FindProperty("EmployeeId") is { } property)
        {
            var value = entry.Property(property.Name);
            foreach (var id in new[] { value.CurrentValue, value.OriginalValue })
            {
                if (id is int employeeId)
                {
                    tags.Add(PersonalPagePolicy.PersonTag(employeeId));
                }
            }
            return;
        }
        if (entry.Metadata.ClrType.Namespace is { } ns && SharedNamespaces.Contains(ns) || entry.Entity is JobLevel)
        {
            tags.Add(PersonalPagePolicy.AllPagesTag);
        }
    }

    private ValueTask EvictUnlessInTransactionAsync(DbContext? context) =>
        context?.Database.CurrentTransaction is null ? EvictAsync(context) : ValueTask.CompletedTask;

    private async ValueTask EvictAsync(DbContext? context)
    {
        if (context is null || !_pending.TryGetValue(context, out var tags))
        {
            return;
        }
        _pending.Remove(context);
        foreach (var tag in tags)
        {
            await store.EvictByTagAsync(tag, CancellationToken.None);
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
/// Whatever a signed-in person posts (a lesson marked done, a notice read, a setting) may change what
/// their pages show, also through bulk updates the change tracker never sees: their cached pages go.
/// <para>
/// Also drops the clearing of the one-time message cookie that every page with a message slot sends,
/// when the request carried no such cookie: clearing nothing is a no-op for the browser, and a
/// response that sets a cookie is never cached.
/// </para>
/// </summary>
public sealed class PersonalPageMiddleware(RequestDelegate next, IOutputCacheStore store)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (HttpMethods.IsGet(context.Request.Method) && !context.Request.Cookies.ContainsKey(PersonalPagePolicy.TempDataCookie))
        {
            // Registered before the page's own callback that writes the clearing, so it runs after it.
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                if (headers.SetCookie.Count > 0 && headers.SetCookie.All(c => c is not null && c.StartsWith(PersonalPagePolicy.TempDataCookie + "=;", StringComparison.Ordinal)))
                {
                    headers.Remove(HeaderNames.SetCookie);
                }
                return Task.CompletedTask;
            });
        }
        await next(context);
        if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method) && context.User.Identity?.IsAuthenticated == true)
        {
            await store.EvictByTagAsync(PersonalPagePolicy.PersonTag(context.User), CancellationToken.None);
        }
    }
}

public static class PersonalPageCacheRegistration
{
    public static IServiceCollection AddPersonalPageCache(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PageCacheOptions>().Bind(configuration.GetSection(PageCacheOptions.SectionName));
        services.AddSingleton<PersonalPagePolicy>();
        services.AddOutputCache();
        services.AddOptions<OutputCacheOptions>().Configure<IOptions<PageCacheOptions>>((o, pages) =>
        {
            o.SizeLimit = pages.Value.SizeLimit;
            o.AddPolicy(PersonalPagePolicy.Name, b => b.AddPolicy<PersonalPagePolicy>(), excludeDefaultPolicy: true);
        });
        services.AddSingleton<IInterceptor, PersonalPageInvalidation>();
        return services;
    }
}
