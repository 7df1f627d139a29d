using System.Net;
using System.Text.RegularExpressions;
using Meguro.Learning.Data;
using Meguro.Learning.Data.Identity;
using Meguro.Learning.Domain.Organization;
using Meguro.Learning.Domain.People;
using Microsoft.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Meguro.Learning.Web.Tests.Infrastructure;

/// <summary>
/// One running app per test class and provider, with the helpers every HTTP test needs:
/// sign in, act as a user with given roles, post a form with its anti-forgery token, look in the database.
/// </summary>
public abstract partial class AppFixture(DatabaseKind kind, bool seedDemo = false, bool useKestrel = false, IReadOnlyDictionary<string, string>? settings = null) : IAsyncLifetime
{
    public const string TestPassword = "Test-Passw0rd-2026";

    private LearningAppFactory? _factory;

    public DatabaseKind Kind => kind;
    public LearningAppFactory Factory => _factory ?? throw new InvalidOperationException("Fixture not started.");
    public IServiceProvider Services => Factory.Services;

    public virtual async Task InitializeAsync()
    {
        var database = await TestDatabase.CreateAsync(kind);
        _factory = new LearningAppFactory(database, seedDemo, useKestrel, settings);
        if (useKestrel)
        {
            _ = _factory.BaseUrl;
        }
        else
        {
            _factory.CreateClient().Dispose();
        }
    }

    public virtual async Task DisposeAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
            await _factory.Database.DisposeAsync();
        }
    }

    public HttpClient CreateClient() =>
        Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>Runs <paramref name="work"/> with a fresh scope's database context.</summary>
    public async Task<T> WithDbAsync<T>(Func<LearningDbContext, Task<T>> work)
    {
        using var scope = Services.CreateScope();
        return await work(scope.ServiceProvider.GetRequiredService<LearningDbContext>());
    }

    public async Task WithScopeAsync(Func<IServiceProvider, Task> work)
    {
        using var scope = Services.CreateScope();
        await work(scope.ServiceProvider);
    }

    /// <summary>Creates an account with the given roles (no employee record) and returns its user name.</summary>
    public async Task<string> CreateUserAsync(params string[] roles)
    {
        var userName = $"user-{Guid.NewGuid():N}"[..16];
        await WithScopeAsync(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<AppUser>>();
            var user = new AppUser { UserName = userName, DisplayName = "テスト 利用者" };
            Ensure(await users.CreateAsync(user, TestPassword));
            if (roles.Length > 0)
            {
                Ensure(await users.AddToRolesAsync(user, roles));
            }
        });
        return userName;
    }

    /// <summary>
    /// Creates an employee (in a test 部/課/係, at the given 職層) with a linked account holding the
    /// Learner role plus <paramref name="roles"/>, and signs in as them.
    /// </summary>
    public async Task<(HttpClient Client, int EmployeeId)> RunAsEmployeeAsync(string jobLevelCode = "kakariin", params string[] roles)
    {
        var number = Random.Shared.Next(700000, 799999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var userName = "emp-" + number;
        var employeeId = 0;
        await WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<LearningDbContext>();
            var team = await db.OrgUnits.FirstOrDefaultAsync(u => u.Code == "TST-K-T");
            if (team is null)
            {
                var department = new OrgUnit("TST", "テスト部", OrgUnitKind.Department, null);
                var section = new OrgUnit("TST-K", "テスト課", OrgUnitKind.Section, department);
                team = new OrgUnit("TST-K-T", "テスト係", OrgUnitKind.Team, section);
                db.OrgUnits.AddRange(department, section, team);
                await db.SaveChangesAsync();
            }
            var level = await db.JobLevels.SingleAsync(l => l.Code == jobLevelCode);
            var employee = new Employee(new EmployeeProfile(number, "試験　職員" + number, "シケン　ショクイン", "", team, level,
                EmploymentType.Regular, null, new DateOnly(2020, 4, 1)));
            db.Employees.Add(employee);
            await db.SaveChangesAsync();
            var users = sp.GetRequiredService<UserManager<AppUser>>();
            var user = new AppUser { UserName = userName, DisplayName = employee.Name, EmployeeId = employee.Id };
            Ensure(await users.CreateAsync(user, TestPassword));
            Ensure(await users.AddToRolesAsync(user, [Roles.Learner, .. roles]));
            employee.LinkAccount(user.Id);
            await db.SaveChangesAsync();
            employeeId = employee.Id;
        });
        var client = CreateClient();
        var response = await SignInAsync(client, userName, TestPassword);
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Sign-in as {userName} failed: {(int)response.StatusCode}");
        }
        return (client, employeeId);
    }

    /// <summary>
    /// Creates an account for an existing employee (Learner plus <paramref name="roles"/>) and signs in
    /// as them: for tests whose people live in an organisation the test built itself.
    /// </summary>
    public async Task<HttpClient> SignInAsEmployeeAsync(int employeeId, params string[] roles)
    {
        var userName = $"emp-{Guid.NewGuid():N}"[..16];
        await WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<LearningDbContext>();
            var employee = await db.Employees.SingleAsync(e => e.Id == employeeId);
            var users = sp.GetRequiredService<UserManager<AppUser>>();
            var user = new AppUser { UserName = userName, DisplayName = employee.Name, EmployeeId = employee.Id };
            Ensure(await users.CreateAsync(user, TestPassword));
            Ensure(await users.AddToRolesAsync(user, [Roles.Learner, .. roles]));
            employee.LinkAccount(user.Id);
            await db.SaveChangesAsync();
        });
        var client = CreateClient();
        var response = await SignInAsync(client, userName, TestPassword);
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Sign-in as {userName} failed: {(int)response.StatusCode}");
        }
        return client;
    }

    /// <summary>A signed-in client for a new account with these roles.</summary>
    public async Task<HttpClient> RunAsUserAsync(params string[] roles)
    {
        var userName = await CreateUserAsync(roles);
        var client = CreateClient();
        var response = await SignInAsync(client, userName, TestPassword);
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Sign-in as {userName} failed: {(int)response.StatusCode}");
        }
        return client;
    }

    public static async Task<HttpResponseMessage> SignInAsync(HttpClient client, string userName, string password) =>
        await PostFormAsync(client, "/account/login", new Dictionary<string, string>
        {
            ["UserName"] = userName,
            ["Password"] = password,
        });

    /// <summary>GETs the page to obtain its anti-forgery token, then POSTs the form to the same URL.</summary>
    public static Task<HttpResponseMessage> PostFormAsync(HttpClient client, string url, IDictionary<string, string> fields) =>
        PostFormAsync(client, url, url, fields);

    /// <summary>Takes the anti-forgery token from <paramref name="formPage"/> and POSTs to <paramref name="url"/>.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string formPage, string url, IDictionary<string, string> fields)
    {
        var token = await GetAntiforgeryTokenAsync(client, formPage);
        var content = new FormUrlEncodedContent(fields.Append(new("__RequestVerificationToken", token)));
        return await client.PostAsync(url, content);
    }

    /// <summary>POSTs a multipart form with one file, taking the anti-forgery token from <paramref name="formPage"/>.</summary>
    public static async Task<HttpResponseMessage> PostFileAsync(
        HttpClient client, string formPage, string url, IDictionary<string, string> fields, string fileField, string fileName, byte[] file)
    {
        var token = await GetAntiforgeryTokenAsync(client, formPage);
        using var content = new MultipartFormDataContent();
        foreach (var (name, value) in fields.Append(new("__RequestVerificationToken", token)))
        {
            content.Add(new StringContent(value), name);
        }
        var part = new ByteArrayContent(file);
        part.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/csv");
        content.Add(part, fileField, fileName);
        return await client.PostAsync(url, content);
    }

    public static async Task<string> GetAntiforgeryTokenAsync(HttpClient client, string url)
    {
        var html = await client.GetStringAsync(url);
        var match = TokenPattern().Match(html);
        return match.Success ? WebUtility.HtmlDecode(match.Groups[1].Value) : throw new InvalidOperationException($"No anti-forgery token on {url}");
    }

    private static void Ensure(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}

public sealed class SqliteApp() : AppFixture(DatabaseKind.Sqlite);

public sealed class PostgresApp() : AppFixture(DatabaseKind.PostgreSQL);
