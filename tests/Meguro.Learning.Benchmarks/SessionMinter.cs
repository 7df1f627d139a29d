using Meguro.Learning.Content;
using Meguro.Learning.Data;
using Meguro.Learning.Data.Identity;
using Meguro.Learning.Jobs;
using Meguro.Learning.Jobs.Mail;
using Meguro.Learning.Roster;
using Meguro.Learning.Web.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Meguro.Learning.Benchmarks;

/// <summary>
/// Signs simulated staff in without their password: the app's own <see cref="SignInManager{TUser}"/>
/// (its claims, its cookie options) writes the sign-in cookie, protected with the key ring the app
/// under test reads. A password sign-in costs ~0.1 s of PBKDF2 on the server's one core; 3,000
/// of them would be minutes of set-up that no goal measures. The app accepts these cookies exactly
/// like its own, because they are its own.
/// </summary>
public sealed class SessionMinter : IAsyncDisposable
{
    private readonly WebApplication _app;

    private SessionMinter(WebApplication app) => _app = app;

    public static SessionMinter Create(string connectionString, string keysPath)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "PostgreSQL",
            ["ConnectionStrings:Default"] = connectionString,
            ["Web:DataProtectionKeysPath"] = keysPath,
            ["Content:Root"] = BenchOptions.FindContentRoot(),
        });
        builder.Logging.ClearProviders();
        builder.Services.AddLearningData(builder.Configuration);
        builder.Services.AddLearningContent(builder.Configuration);
        builder.Services.AddRosterImport();
        builder.Services.AddLearningJobs();
        builder.Services.AddLearningMail(builder.Configuration);
        builder.AddLearningWeb();
        return new SessionMinter(builder.Build());
    }

    /// <summary>The app's own start-up preparation (migrations, catalogs, the roles accounts are given), without courses or demo.</summary>
    public Task PrepareAsync() => _app.PrepareDatabaseAsync(seedDemo: false, importCourses: false);

    /// <summary>An account that is nobody on the roster (say, HR's), with <paramref name="roles"/>; returns its user name.</summary>
    public async Task<string> CreateAccountAsync(string userName, params string[] roles)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var created = await users.CreateAsync(new AppUser { UserName = userName, DisplayName = userName });
        var added = created.Succeeded ? await users.AddToRolesAsync((await users.FindByNameAsync(userName))!, roles) : created;
        return added.Succeeded ? userName : throw new InvalidOperationException(string.Join("; ", added.Errors.Select(e => e.Description)));
    }

    /// <summary>Gives every person on the roster their account, as HR's roster upload does (<see cref="StaffAccounts"/>).</summary>
    public async Task<StaffAccountSyncResult> SyncAccountsAsync()
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<StaffAccounts>().SyncAsync(CancellationToken.None);
    }

    /// <summary>The <c>Cookie</c> header value of a signed-in session for <paramref name="userName"/>, after adding <paramref name="roles"/>.</summary>
    public async Task<string> CookieAsync(string userName, params string[] roles)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var users = sp.GetRequiredService<UserManager<AppUser>>();
        var user = await users.FindByNameAsync(userName) ?? throw new InvalidOperationException($"No account {userName}.");
        foreach (var role in roles)
        {
            if (!await users.IsInRoleAsync(user, role))
            {
                var added = await users.AddToRoleAsync(user, role);
                if (!added.Succeeded)
                {
                    throw new InvalidOperationException(string.Join("; ", added.Errors.Select(e => e.Description)));
                }
            }
        }
        var context = new DefaultHttpContext { RequestServices = sp };
        context.Request.Scheme = "http";
        context.Request.Host = new HostString("127.0.0.1");
        var signIn = sp.GetRequiredService<SignInManager<AppUser>>();
        signIn.Context = context;
        await signIn.SignInAsync(user, isPersistent: false);
        var cookies = context.Response.Headers.SetCookie
            .Select(h => h!.Split(';', 2)[0])
            .Where(c => c.StartsWith("meguro.auth", StringComparison.Ordinal))
            .ToList();
        return cookies.Count > 0 ? string.Join("; ", cookies) : throw new InvalidOperationException($"Signing in {userName} wrote no cookie.");
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
