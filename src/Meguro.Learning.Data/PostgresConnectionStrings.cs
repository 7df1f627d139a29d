using Npgsql;

namespace Meguro.Learning.Data;

/// <summary>
/// The app's PostgreSQL connections prepare the statements they repeat. Every query the app sends is
/// one of a few hundred fixed texts (EF Core's and Hangfire's), sent thousands of times a day; left
/// unprepared, the server parses and plans each again, which was most of the cost of a reminder run's
/// inserts and of a job's bookkeeping. An operator who puts a pooler in transaction mode in front of
/// the server (where prepared statements do not survive) sets <c>Max Auto Prepare=0</c>; a value given
/// in the connection string is always kept.
/// <para>The application's own connections are also not reset when they go back to the pool. With
/// prepared statements kept, Npgsql resets a connection with five commands instead of one
/// <c>DISCARD ALL</c>, and EF Core returns the connection after every query: a cached lesson page
/// served 20 % fewer requests. Nothing else outlives a use of these connections — the app sets no
/// session settings, creates no temporary tables, takes only transaction-scoped advisory locks and
/// never LISTENs; an unfinished transaction is still rolled back on return. Hangfire's connections do
/// LISTEN, so they keep the reset (<see cref="WithPreparedStatements"/>).</para>
/// </summary>
public static class PostgresConnectionStrings
{
    public const int MaxAutoPrepare = 100;
    public const int AutoPrepareMinUsages = 2;

    /// <summary>The application database's connections: prepared statements, no reset on return to the pool.</summary>
    public static string ForApplication(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(WithPreparedStatements(connectionString));
        if (!Given(connectionString, "No Reset On Close", "NoResetOnClose"))
        {
            builder.NoResetOnClose = true;
        }
        return builder.ConnectionString;
    }

    public static string WithPreparedStatements(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!Given(connectionString, "Max Auto Prepare", "MaxAutoPrepare"))
        {
            builder.MaxAutoPrepare = MaxAutoPrepare;
            if (!Given(connectionString, "Auto Prepare Min Usages", "AutoPrepareMinUsages"))
            {
                builder.AutoPrepareMinUsages = AutoPrepareMinUsages;
            }
        }
        return builder.ConnectionString;
    }

    private static bool Given(string connectionString, params string[] keys)
    {
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        return keys.Any(given.ContainsKey);
    }
}
