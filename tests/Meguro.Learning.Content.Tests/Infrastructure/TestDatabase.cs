using Microsoft.Data.Sqlite;
using Npgsql;

namespace Meguro.Learning.Content.Tests.Infrastructure;

public enum DatabaseKind
{
    Sqlite,
    PostgreSQL,
}

/// <summary>
/// A real, migrated database without a web host: a SQLite file in the temp folder, or a new database
/// on the PostgreSQL server that <c>tests/run</c> starts (connection in <c>TEST_PG</c>). The same
/// approach as the web tests' TestDatabase, so both providers' migrations are exercised.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly string? _adminConnection;
    private readonly string? _databaseName;
    private readonly string? _sqliteFile;

    private TestDatabase(DatabaseKind kind, string connectionString, string? adminConnection, string? databaseName, string? sqliteFile)
    {
        Kind = kind;
        ConnectionString = connectionString;
        _adminConnection = adminConnection;
        _databaseName = databaseName;
        _sqliteFile = sqliteFile;
    }

    public DatabaseKind Kind { get; }
    public string ConnectionString { get; }

    public static async Task<TestDatabase> CreateAsync(DatabaseKind kind)
    {
        TestDatabase database;
        if (kind == DatabaseKind.Sqlite)
        {
            var file = Path.Combine(Path.GetTempPath(), $"meguro-content-test-{Guid.NewGuid():N}.db");
            database = new TestDatabase(kind, $"Data Source={file}", null, null, file);
        }
        else
        {
            var admin = Environment.GetEnvironmentVariable("TEST_PG")
                ?? throw new InvalidOperationException(
                    "TEST_PG is not set: the PostgreSQL tests need the server that tests/run starts. Run the suite with tests/run.");
            var name = $"meguro_content_{Guid.NewGuid():N}";
            await ExecuteAsync(admin, $"CREATE DATABASE \"{name}\"");
            var builder = new NpgsqlConnectionStringBuilder(admin) { Database = name };
            database = new TestDatabase(kind, builder.ConnectionString, admin, name, null);
        }
        return database;
    }

    /// <summary>Settings as an operator would give them to the app.</summary>
    public Dictionary<string, string?> Settings() => new()
    {
        ["Database:Provider"] = Kind == DatabaseKind.PostgreSQL ? "PostgreSQL" : "Sqlite",
        ["ConnectionStrings:Default"] = ConnectionString,
    };

    public async ValueTask DisposeAsync()
    {
        if (_sqliteFile is not null)
        {
            SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm" })
            {
                File.Delete(_sqliteFile + suffix);
            }
            return;
        }
        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync(_adminConnection!, $"DROP DATABASE IF EXISTS \"{_databaseName}\" WITH (FORCE)");
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
