using System.Runtime.CompilerServices;
using Meguro.Learning.Domain.Learning;
using Meguro.Learning.Domain.People;
using Meguro.Learning.Domain.Skills;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Meguro.Learning.Data.Reporting;

/// <summary>
/// Keeps the report summaries current without any page or job having to remember to: before a save
/// it notes whose enrollments, skill evidence, unit, job level, employment type or status change;
/// after the save it refreshes their summaries (<see cref="ReportSummaries.RefreshAsync"/>) — inside
/// the caller's transaction when there is one, so the summary commits or rolls back with the change.
/// Without one, the change is already committed; a failed refresh is then logged, not thrown, because
/// the learner's work is saved and the nightly rebuild repairs the summary.
/// </summary>
public sealed class ProgressSummaryInterceptor(TimeProvider clock, ILogger<ProgressSummaryInterceptor> logger) : SaveChangesInterceptor
{
    private static readonly AsyncLocal<bool> Suppressed = new();
    private readonly ConditionalWeakTable<DbContext, HashSet<int>> _pending = [];

    /// <summary>While disposed-not, saves on this flow do not trigger a refresh (the refresh's own saves).</summary>
    public static IDisposable Suppress()
    {
        var before = Suppressed.Value;
        Suppressed.Value = true;
        return new Restore(before);
    }

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
        RefreshAsync(eventData.Context, CancellationToken.None).GetAwaiter().GetResult();
        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        await RefreshAsync(eventData.Context, cancellationToken);
        return result;
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Forget(eventData.Context);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    public override void SaveChangesCanceled(DbContextEventData eventData) => Forget(eventData.Context);

    public override Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    private void Collect(DbContext? context)
    {
        if (context is not LearningDbContext || Suppressed.Value)
        {
            return;
        }
        HashSet<int>? ids = null;
        foreach (var entry in context.ChangeTracker.Entries())
        {
            var id = Affected(entry);
            if (id is { } employeeId)
            {
                (ids ??= []).Add(employeeId);
            }
        }
        if (ids is not null)
        {
            _pending.AddOrUpdate(context, ids);
        }
    }

    /// <summary>The enrollment columns a summary is computed from (<see cref="Domain.Reporting.SummaryEnrollment"/>).</summary>
    private static readonly string[] EnrollmentColumns =
    [
        nameof(Enrollment.CurriculumCode), nameof(Enrollment.Cycle), nameof(Enrollment.Status), nameof(Enrollment.AssignedAtUtc),
        nameof(Enrollment.CompletedAtUtc), nameof(Enrollment.DueDate),
    ];

    /// <summary>The employee columns a summary row carries.</summary>
    private static readonly string[] EmployeeColumns =
    [
        nameof(Employee.OrgUnitId), nameof(Employee.JobLevelId), nameof(Employee.EmploymentType), nameof(Employee.IsActive),
    ];

    /// <summary>
    /// Whose summaries a change touches. Only changes to the columns summaries read count: opening a
    /// lesson also modifies the enrollment (its resume point), and must not cost a refresh.
    /// </summary>
    private static int? Affected(EntityEntry entry) => (entry.State, entry.Entity) switch
    {
        (EntityState.Added or EntityState.Deleted, Enrollment e) => e.EmployeeId,
        (EntityState.Modified, Enrollment e) when AnyModified(entry, EnrollmentColumns) => e.EmployeeId,
        (EntityState.Added or EntityState.Deleted, SkillRecord r) => r.EmployeeId,
        (EntityState.Modified, Employee p) when AnyModified(entry, EmployeeColumns) => p.Id,
        _ => null,
    };

    private static bool AnyModified(EntityEntry entry, string[] columns) => columns.Any(c => entry.Property(c).IsModified);

    private async Task RefreshAsync(DbContext? context, CancellationToken cancellationToken)
    {
        if (context is not LearningDbContext db || !_pending.TryGetValue(context, out var ids))
        {
            return;
        }
        _pending.Remove(context);
        ids.Remove(0);
        if (ids.Count == 0)
        {
            return;
        }
        var summaries = new ReportSummaries(db, clock);
        if (db.Database.CurrentTransaction is not null)
        {
            await summaries.RefreshAsync(ids, cancellationToken);
            return;
        }
        try
        {
            await summaries.RefreshAsync(ids, cancellationToken);
        }
        catch (Exception ex) when (ex is DbUpdateException or InvalidOperationException or System.Data.Common.DbException)
        {
            logger.LogWarning(ex, "Report summaries of {Count} employees could not be refreshed; the nightly rebuild will repair them.", ids.Count);
        }
    }

    private void Forget(DbContext? context)
    {
        if (context is not null)
        {
            _pending.Remove(context);
        }
    }

    private sealed class Restore(bool before) : IDisposable
    {
        public void Dispose() => Suppressed.Value = before;
    }
}
