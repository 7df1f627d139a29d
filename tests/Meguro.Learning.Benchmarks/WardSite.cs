using System.Text;
using Meguro.Learning.Demo;
using Meguro.Learning.Roster;
using Meguro.Learning.Roster.Csv;
using Meguro.Learning.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Meguro.Learning.Benchmarks;

/// <summary>
/// The ward as the HTTP goals see it: a PostgreSQL database with the synthetic roster of
/// <c>staff</c> people (each with an account, as the roster import makes them), and the real app
/// which, on its first start, imports the shipped courses and curricula and so assigns everyone
/// their required courses — 情報セキュリティ研修 (with its quiz) among them.
/// </summary>
public sealed class WardSite : IAsyncDisposable
{
    private readonly string _dataDirectory;

    private WardSite(BenchDatabase database, string dataDirectory, SessionMinter minter)
    {
        Database = database;
        _dataDirectory = dataDirectory;
        Minter = minter;
    }

    public BenchDatabase Database { get; }
    public SessionMinter Minter { get; }

    public static async Task<WardSite> CreateAsync(int staff, TextWriter log)
    {
        var database = await BenchDatabase.CreateAsync(DatabaseKind.PostgreSQL);
        var roster = await database.WithScopeAsync(sp => sp.GetRequiredService<RosterImportService>().ApplyAsync(
            Encoding.UTF8.GetBytes(DemoRoster.ToCsv(DemoRoster.DefaultSeed, staff)), CsvEncoding.Utf8, "bench"));
        if (!roster.Applied)
        {
            throw new InvalidOperationException("The roster did not import: " + string.Join("; ", roster.Errors.Take(3)));
        }
        log.WriteLine($"site: {roster.Created:N0} staff imported");
        var data = Directory.CreateTempSubdirectory("meguro-bench-site-").FullName;
        var minter = SessionMinter.Create(database.ConnectionString, AppProcess.KeysPath(data));
        await minter.PrepareAsync();
        var accounts = await minter.SyncAccountsAsync();
        log.WriteLine($"site: {accounts.Created:N0} accounts created");
        return new WardSite(database, data, minter);
    }

    /// <summary>The app on this site's database and key ring; the first start imports courses and curricula.</summary>
    public Task<AppProcess> StartAppAsync(TextWriter log, params string[] settings) =>
        AppProcess.StartAsync(Database.ConnectionString, _dataDirectory, log,
            ["--Content:ImportCoursesOnStartup=true", "--Content:ImportCurriculaOnStartup=true", .. settings]);

    /// <summary>User names of active staff, in employee-number order.</summary>
    public async Task<IReadOnlyList<string>> StaffUserNamesAsync(int count)
    {
        await using var connection = new NpgsqlConnection(Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT u."UserName" FROM "AspNetUsers" u JOIN "Employees" e ON e."Id" = u."EmployeeId"
            WHERE e."IsActive" ORDER BY e."EmployeeNumber" LIMIT @count
            """, connection);
        command.Parameters.AddWithValue("count", count);
        var names = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            names.Add(reader.GetString(0));
        }
        return names;
    }

    /// <summary>Signed-in sessions (Cookie header values) for <paramref name="userNames"/>.</summary>
    public async Task<IReadOnlyList<string>> SessionsAsync(IReadOnlyList<string> userNames)
    {
        var cookies = new List<string>(userNames.Count);
        foreach (var name in userNames)
        {
            cookies.Add(await Minter.CookieAsync(name));
        }
        return cookies;
    }

    public async ValueTask DisposeAsync()
    {
        await Minter.DisposeAsync();
        await Database.DisposeAsync();
        Directory.Delete(_dataDirectory, recursive: true);
    }
}
