using Microsoft.Data.Sqlite;
using Npgsql;

namespace Meguro.Learning.Testing;

public enum DatabaseKind
{
    Sqlite,
    PostgreSQL,
}

/// <summary>
/// A real, empty database for one test or app host: a SQLite file in the temp folder, or a new database on
/// the PostgreSQL server that <c>tests/run</c> starts (connection in <c>TEST_PG</c>).
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
        if (kind == DatabaseKind.Sqlite)
        {
            var file = Path.Combine(Path.GetTempPath(), $"meguro-test-{Guid.NewGuid():N}.db");
            return new TestDatabase(kind, $"Data Source={file}", null, null, file);
        }
        var admin = Environment.GetEnvironmentVariable("TEST_PG")
            ?? throw new InvalidOperationException(
                "TEST_PG is not set: the PostgreSQL tests need the server that tests/run starts (or set TEST_PG to a server login with CREATEDB).");
        var name = $"meguro_test_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync();
        }
        var builder = new NpgsqlConnectionStringBuilder(admin) { Database = name };
        return new TestDatabase(kind, builder.ConnectionString, admin, name, null);
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
        await using var connection = new NpgsqlConnection(_adminConnection);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_databaseName}\" WITH (FORCE)", connection);
        // After a bulk load autovacuum may be working in the database. FORCE may not terminate a
        // superuser's backend when we log in as the non-superuser test role (42501), and a backend
        // that is still leaving makes the database "in use" (55006). Both pass, after a million-row load
        // (autovacuum) only after tens of seconds: retried for up to a minute.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await command.ExecuteNonQueryAsync();
                return;
            }
            catch (PostgresException ex) when (ex.SqlState is PostgresErrorCodes.InsufficientPrivilege or PostgresErrorCodes.ObjectInUse && attempt < 240)
            {
                await Task.Delay(250);
            }
        }
    }
}
