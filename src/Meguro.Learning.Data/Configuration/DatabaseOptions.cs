namespace Meguro.Learning.Data.Configuration;

public enum DatabaseProvider
{
    Sqlite,
    PostgreSQL,
}

/// <summary>Bound from the <c>Database</c> section; the connection string is <c>ConnectionStrings:Default</c>.</summary>
public sealed class DatabaseOptions
{
    public const string SectionName = "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Apply pending migrations at start-up. On by default; a production deployment may migrate from CI instead.</summary>
    public bool MigrateOnStartup { get; set; } = true;
}
