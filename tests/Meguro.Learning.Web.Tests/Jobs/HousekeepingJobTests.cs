using Meguro.Learning.Domain.Imports;
using Meguro.Learning.Jobs;
using Meguro.Learning.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Meguro.Learning.Web.Tests.Jobs;

/// <summary>The job class called directly, on both databases, with a clock the test controls.</summary>
public abstract class HousekeepingJobTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : AppFixture
{
    [Fact]
    public async Task Unapplied_uploads_older_than_30_days_lose_their_bytes_once_and_applied_ones_are_kept()
    {
        var now = new DateTimeOffset(2026, 11, 30, 18, 15, 0, TimeSpan.Zero);
        var stale = new ImportBatch(ImportKind.Roster, $"stale-{Guid.NewGuid():N}.csv", [1, 2, 3], "auto", "hr", now.UtcDateTime.AddDays(-31));
        var applied = new ImportBatch(ImportKind.Roster, $"applied-{Guid.NewGuid():N}.csv", [1, 2, 3], "auto", "hr", now.UtcDateTime.AddDays(-40));
        applied.MarkApplied(now.UtcDateTime.AddDays(-40), "新規 1 名");
        var recent = new ImportBatch(ImportKind.Roster, $"recent-{Guid.NewGuid():N}.csv", [1, 2, 3], "auto", "hr", now.UtcDateTime.AddDays(-2));
        await app.WithDbAsync(async db =>
        {
            db.ImportBatches.AddRange(stale, applied, recent);
            return await db.SaveChangesAsync();
        });

        await RunJobAsync(new FakeTimeProvider(now));
        var firstResult = await app.WithDbAsync(db => db.JobRuns.SingleAsync(r => r.JobName == HousekeepingJob.RecurringJobId));
        await RunJobAsync(new FakeTimeProvider(now.AddMinutes(1)));
        var secondResult = await app.WithDbAsync(db => db.JobRuns.SingleAsync(r => r.JobName == HousekeepingJob.RecurringJobId));

        var sizes = await app.WithDbAsync(db => db.ImportBatches
            .Where(b => b.Id == stale.Id || b.Id == applied.Id || b.Id == recent.Id)
            .ToDictionaryAsync(b => b.Id, b => b.Content.Length));
        Assert.Equal(0, sizes[stale.Id]);
        Assert.Equal(3, sizes[applied.Id]);
        Assert.Equal(3, sizes[recent.Id]);
        Assert.Contains("1 件", firstResult.LastResult, StringComparison.Ordinal);
        Assert.Contains("0 件", secondResult.LastResult, StringComparison.Ordinal);
    }

    private async Task RunJobAsync(TimeProvider clock)
    {
        using var scope = app.Services.CreateScope();
        var job = ActivatorUtilities.CreateInstance<HousekeepingJob>(scope.ServiceProvider, clock);
        await job.RunAsync();
    }
}

public sealed class HousekeepingJobTestsOnSqlite(SqliteApp app) : HousekeepingJobTests<SqliteApp>(app);

public sealed class HousekeepingJobTestsOnPostgres(PostgresApp app) : HousekeepingJobTests<PostgresApp>(app);
