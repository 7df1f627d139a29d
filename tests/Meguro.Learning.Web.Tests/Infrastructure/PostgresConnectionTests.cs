using Meguro.Learning.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Meguro.Learning.Web.Tests.Infrastructure;

public sealed class PostgresConnectionTests(PostgresApp app) : IClassFixture<PostgresApp>
{
    [Fact]
    public async Task A_query_the_app_repeats_is_prepared_once_on_the_server()
    {
        var prepared = await app.WithDbAsync(async db =>
        {
            await db.Database.OpenConnectionAsync();
            for (var i = 0; i < 3; i++)
            {
                await db.JobLevels.Where(l => l.Rank > i).CountAsync();
            }
            return await db.Database.SqlQueryRaw<string>("""SELECT statement AS "Value" FROM pg_prepared_statements""").ToListAsync();
        });

        Assert.Contains(prepared, s => s.Contains("\"JobLevels\"", StringComparison.Ordinal));
    }

    [Fact]
    public void The_operator_can_turn_preparing_off_in_the_connection_string()
    {
        var tuned = new NpgsqlConnectionStringBuilder(PostgresConnectionStrings.WithPreparedStatements("Host=db;Database=meguro"));
        var kept = new NpgsqlConnectionStringBuilder(PostgresConnectionStrings.WithPreparedStatements("Host=db;Database=meguro;Max Auto Prepare=0"));

        Assert.Equal(PostgresConnectionStrings.MaxAutoPrepare, tuned.MaxAutoPrepare);
        Assert.Equal(PostgresConnectionStrings.AutoPrepareMinUsages, tuned.AutoPrepareMinUsages);
        Assert.Equal(0, kept.MaxAutoPrepare);
    }

    [Fact]
    public void Only_the_application_database_skips_the_reset_on_return_to_the_pool()
    {
        var application = new NpgsqlConnectionStringBuilder(PostgresConnectionStrings.ForApplication("Host=db;Database=meguro"));
        var jobs = new NpgsqlConnectionStringBuilder(Web.Infrastructure.BackgroundJobs.ForJobStorage("Host=db;Database=meguro")!);
        var given = new NpgsqlConnectionStringBuilder(PostgresConnectionStrings.ForApplication("Host=db;Database=meguro;No Reset On Close=false"));

        Assert.True(application.NoResetOnClose);
        Assert.Equal(PostgresConnectionStrings.MaxAutoPrepare, application.MaxAutoPrepare);
        // Hangfire's workers LISTEN on pooled connections: those must be reset.
        Assert.False(jobs.NoResetOnClose);
        Assert.Equal(PostgresConnectionStrings.MaxAutoPrepare, jobs.MaxAutoPrepare);
        Assert.False(given.NoResetOnClose);
    }
}
