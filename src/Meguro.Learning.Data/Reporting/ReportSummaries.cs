using Meguro.Learning.Domain;
using Meguro.Learning.Domain.Learning;
using Meguro.Learning.Domain.People;
using Meguro.Learning.Domain.Reporting;
using Meguro.Learning.Domain.Skills;
using Microsoft.EntityFrameworkCore;

namespace Meguro.Learning.Data.Reporting;

/// <summary>
/// Keeps the report summaries (<see cref="ProgressSummary"/>, <see cref="OrgUnitProgressSummary"/>,
/// <see cref="ProgressRollup"/>, <see cref="CompletionMonthCount"/>, <see cref="EmployeeSkillLevel"/>)
/// in line with the enrollments and skill evidence they are derived from. <see cref="RefreshAsync"/>
/// recomputes the rows of the given people and of the units they are (or were) in;
/// <see cref="ProgressSummaryInterceptor"/> calls it after every save that touched enrollments, skill
/// records or people, and <see cref="RebuildAllAsync"/> re-derives everything.
/// <para>
/// Concurrent refreshes are serialised per employee and per unit (PostgreSQL advisory locks held to
/// the end of the transaction; SQLite has a single writer anyway), and each reads the committed
/// state after taking its locks, so two learners of one 係 finishing at the same moment cannot leave
/// the unit's row with only one of them counted.
/// </para>
/// </summary>
public sealed class ReportSummaries(LearningDbContext db, TimeProvider clock)
{
    private const int ChunkSize = 500;
    private const int EmployeeLockSpace = 71_001;
    private const int OrgUnitLockSpace = 71_002;

    /// <summary>Recomputes the summaries of these employees and of the units concerned. Saves; uses the caller's transaction if any.</summary>
    public async Task RefreshAsync(IReadOnlyCollection<int> employeeIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(employeeIds);
        if (employeeIds.Count == 0)
        {
            return;
        }
        await using var transaction = db.Database.CurrentTransaction is null
            ? await db.Database.BeginTransactionAsync(cancellationToken)
            : null;
        var units = new HashSet<(int OrgUnitId, int FiscalYear)>();
        foreach (var chunk in employeeIds.Distinct().Order().Chunk(ChunkSize))
        {
            await LockAsync(EmployeeLockSpace, chunk, cancellationToken);
            await RefreshEmployeesAsync(chunk, units, cancellationToken);
        }
        await RefreshUnitsAsync(units, cancellationToken);
        if (transaction is not null)
        {
            await transaction.CommitAsync(cancellationToken);
        }
    }

    /// <summary>
    /// Re-derives every summary from the enrollments and skill evidence: the nightly repair, and the
    /// first fill after an upgrade. Rows of people who are no longer active are removed.
    /// </summary>
    public async Task<int> RebuildAllAsync(CancellationToken cancellationToken = default)
    {
        var ids = await db.Employees.AsNoTracking().Select(e => e.Id).ToListAsync(cancellationToken);
        var stale = await db.ProgressSummaries.AsNoTracking().Select(s => s.EmployeeId)
            .Union(db.EmployeeSkillLevels.AsNoTracking().Select(s => s.EmployeeId))
            .ToListAsync(cancellationToken);
        var all = ids.Concat(stale).Distinct().Order().ToList();
        foreach (var chunk in all.Chunk(ChunkSize * 4))
        {
            await RefreshAsync(chunk, cancellationToken);
        }
        // Units whose people all left (or that have no rows any more) keep no figures.
        var units = await db.OrgUnitProgressSummaries.AsNoTracking().Select(u => new { u.OrgUnitId, u.FiscalYear })
            .Union(db.ProgressRollups.AsNoTracking().Select(r => new { r.OrgUnitId, r.FiscalYear }))
            .Union(db.CompletionMonthCounts.AsNoTracking().Select(c => new { c.OrgUnitId, c.FiscalYear }))
            .ToListAsync(cancellationToken);
        await using (var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null)
        {
            await RefreshUnitsAsync([.. units.Select(u => (u.OrgUnitId, u.FiscalYear))], cancellationToken);
            if (transaction is not null)
            {
                await transaction.CommitAsync(cancellationToken);
            }
        }
        return all.Count;
    }

    /// <summary>
    /// True when there are enrollments or skill evidence but no summaries (a database migrated from
    /// before the reports), or summaries but no rollups (one migrated from before the rollups: the
    /// refresh only recomputes the units it touches, so the others would stay missing from the city report).
    /// </summary>
    public async Task<bool> NeedsFirstBuildAsync(CancellationToken cancellationToken = default) =>
        (!await db.ProgressSummaries.AnyAsync(cancellationToken) && !await db.EmployeeSkillLevels.AnyAsync(cancellationToken)
            && (await db.Enrollments.AnyAsync(e => e.CurriculumCode != null, cancellationToken) || await db.SkillRecords.AnyAsync(cancellationToken)))
        || (await db.ProgressSummaries.AnyAsync(s => s.RequiredCount > 0, cancellationToken) && !await db.ProgressRollups.AnyAsync(cancellationToken));

    private async Task RefreshEmployeesAsync(int[] ids, HashSet<(int, int)> units, CancellationToken cancellationToken)
    {
        var today = Jst.Today(clock);
        var currentYear = Jst.FiscalYear(today);
        var employees = await db.Employees.AsNoTracking()
            .Where(e => ids.Contains(e.Id))
            .Select(e => new { e.Id, e.OrgUnitId, e.JobLevelId, e.EmploymentType, e.IsActive })
            .ToDictionaryAsync(e => e.Id, cancellationToken);
        var enrollments = (await db.Enrollments.AsNoTracking()
            .Where(e => ids.Contains(e.EmployeeId) && e.CurriculumCode != null)
            .Select(e => new { e.EmployeeId, e.CurriculumCode, e.Cycle, e.Status, e.AssignedAtUtc, e.CompletedAtUtc, e.DueDate })
            .ToListAsync(cancellationToken))
            .ToLookup(e => e.EmployeeId, e => new SummaryEnrollment(e.CurriculumCode!, e.Cycle, e.Status, e.AssignedAtUtc, e.CompletedAtUtc, e.DueDate));
        var existing = (await db.ProgressSummaries.Where(s => ids.Contains(s.EmployeeId)).ToListAsync(cancellationToken))
            .ToDictionary(s => (s.EmployeeId, s.CurriculumCode, s.FiscalYear));
        var evidence = (await db.SkillRecords.AsNoTracking().Where(r => ids.Contains(r.EmployeeId)).ToListAsync(cancellationToken))
            .ToLookup(r => r.EmployeeId);
        var levels = (await db.EmployeeSkillLevels.Where(l => ids.Contains(l.EmployeeId)).ToListAsync(cancellationToken))
            .ToDictionary(l => (l.EmployeeId, l.SkillId));

        foreach (var row in existing.Values)
        {
            units.Add((row.OrgUnitId, row.FiscalYear));
        }
        var keep = new HashSet<(int, string, int)>();
        foreach (var id in ids)
        {
            if (!employees.TryGetValue(id, out var employee) || !employee.IsActive)
            {
                continue;
            }
            var computed = ProgressSummary.For(
                new SummaryEmployee(employee.Id, employee.OrgUnitId, employee.JobLevelId, employee.EmploymentType), enrollments[id], currentYear);
            foreach (var row in computed)
            {
                var key = (row.EmployeeId, row.CurriculumCode, row.FiscalYear);
                keep.Add(key);
                units.Add((row.OrgUnitId, row.FiscalYear));
                if (existing.TryGetValue(key, out var stored))
                {
                    stored.CopyFiguresFrom(row);
                }
                else
                {
                    db.ProgressSummaries.Add(row);
                }
            }
        }
        db.ProgressSummaries.RemoveRange(existing.Where(e => !keep.Contains(e.Key)).Select(e => e.Value));

        var keepLevels = new HashSet<(int, int)>();
        foreach (var id in ids)
        {
            if (!employees.TryGetValue(id, out var employee) || !employee.IsActive)
            {
                continue;
            }
            foreach (var (skillId, level) in SkillRecord.CurrentLevels(evidence[id], today))
            {
                keepLevels.Add((id, skillId));
                if (levels.TryGetValue((id, skillId), out var stored))
                {
                    stored.ChangeLevel(level);
                }
                else
                {
                    db.EmployeeSkillLevels.Add(new EmployeeSkillLevel(id, skillId, level));
                }
            }
        }
        db.EmployeeSkillLevels.RemoveRange(levels.Where(l => !keepLevels.Contains(l.Key)).Select(l => l.Value));
        await SaveAndForgetAsync(cancellationToken);
    }

    private async Task RefreshUnitsAsync(HashSet<(int OrgUnitId, int FiscalYear)> units, CancellationToken cancellationToken)
    {
        foreach (var chunk in units.Select(u => u.OrgUnitId).Distinct().Order().Chunk(ChunkSize))
        {
            await LockAsync(OrgUnitLockSpace, chunk, cancellationToken);
            var years = units.Where(u => chunk.Contains(u.OrgUnitId)).Select(u => u.FiscalYear).Distinct().ToList();
            var figures = await db.ProgressSummaries.AsNoTracking()
                .Where(s => chunk.Contains(s.OrgUnitId) && years.Contains(s.FiscalYear))
                .GroupBy(s => new { s.OrgUnitId, s.CurriculumCode, s.FiscalYear })
                .Select(g => new
                {
                    g.Key.OrgUnitId,
                    g.Key.CurriculumCode,
                    g.Key.FiscalYear,
                    Employees = g.Count(),
                    Complete = g.Count(s => s.RequiredCount > 0 && s.CompletedCount == s.RequiredCount),
                    Required = g.Sum(s => s.RequiredCount),
                    Completed = g.Sum(s => s.CompletedCount),
                })
                .ToListAsync(cancellationToken);
            var stored = (await db.OrgUnitProgressSummaries
                    .Where(u => chunk.Contains(u.OrgUnitId) && years.Contains(u.FiscalYear))
                    .ToListAsync(cancellationToken))
                .ToDictionary(u => (u.OrgUnitId, u.CurriculumCode, u.FiscalYear));
            var wanted = units.Where(u => chunk.Contains(u.OrgUnitId)).ToHashSet();
            var seen = new HashSet<(int, string, int)>();
            foreach (var f in figures.Where(f => wanted.Contains((f.OrgUnitId, f.FiscalYear))))
            {
                var key = (f.OrgUnitId, f.CurriculumCode, f.FiscalYear);
                seen.Add(key);
                if (stored.TryGetValue(key, out var row))
                {
                    row.Update(f.Employees, f.Complete, f.Required, f.Completed);
                }
                else
                {
                    db.OrgUnitProgressSummaries.Add(new OrgUnitProgressSummary(f.OrgUnitId, f.CurriculumCode, f.FiscalYear, f.Employees, f.Complete, f.Required, f.Completed));
                }
            }
            db.OrgUnitProgressSummaries.RemoveRange(stored
                .Where(s => wanted.Contains((s.Key.OrgUnitId, s.Key.FiscalYear)) && !seen.Contains(s.Key))
                .Select(s => s.Value));
            await RefreshRollupsAsync(chunk, years, wanted, cancellationToken);
            await RefreshCompletionMonthsAsync(chunk, years, wanted, cancellationToken);
            await SaveAndForgetAsync(cancellationToken);
        }
    }

    /// <summary>
    /// Recomputes every <see cref="ProgressRollup"/> of the wanted units and years from their summary
    /// rows, and removes the rest. Wholesale per unit and year rather than per person: a person who
    /// changed job level or employment type (not only unit) leaves one group and joins another, and
    /// both are among the unit's rows recomputed here.
    /// </summary>
    private async Task RefreshRollupsAsync(int[] units, List<int> years, HashSet<(int OrgUnitId, int FiscalYear)> wanted, CancellationToken cancellationToken)
    {
        var rows = db.ProgressSummaries.AsNoTracking()
            .Where(s => units.Contains(s.OrgUnitId) && years.Contains(s.FiscalYear) && s.RequiredCount > 0);
        // Each summary row is one person × curriculum, so per curriculum every count is a count of rows.
        var perCurriculum = await rows
            .GroupBy(s => new { s.FiscalYear, s.CurriculumCode, s.OrgUnitId, s.JobLevelId, s.EmploymentType })
            .Select(g => new RollupFigures(g.Key.FiscalYear, g.Key.CurriculumCode, g.Key.OrgUnitId, g.Key.JobLevelId, g.Key.EmploymentType,
                g.Count(), g.Count(s => s.CompletedCount == s.RequiredCount), g.Sum(s => s.RequiredCount), g.Sum(s => s.CompletedCount)))
            .ToListAsync(cancellationToken);
        // All curricula together: a person counts once, and is complete when nothing required of them is open.
        var allCurricula = (await rows
                .GroupBy(s => new { s.FiscalYear, s.OrgUnitId, s.JobLevelId, s.EmploymentType })
                .Select(g => new
                {
                    g.Key.FiscalYear,
                    g.Key.OrgUnitId,
                    g.Key.JobLevelId,
                    g.Key.EmploymentType,
                    People = g.Select(s => s.EmployeeId).Distinct().Count(),
                    Open = g.Where(s => s.CompletedCount < s.RequiredCount).Select(s => s.EmployeeId).Distinct().Count(),
                    Required = g.Sum(s => s.RequiredCount),
                    Completed = g.Sum(s => s.CompletedCount),
                })
                .ToListAsync(cancellationToken))
            .Select(g => new RollupFigures(g.FiscalYear, ProgressRollup.AllCurricula, g.OrgUnitId, g.JobLevelId, g.EmploymentType,
                g.People, ProgressRollup.CompleteOverAllCurricula(g.People, g.Open), g.Required, g.Completed));

        var stored = (await db.ProgressRollups
                .Where(r => units.Contains(r.OrgUnitId) && years.Contains(r.FiscalYear))
                .ToListAsync(cancellationToken))
            .Where(r => wanted.Contains((r.OrgUnitId, r.FiscalYear)))
            .ToDictionary(r => (r.FiscalYear, r.CurriculumCode, r.OrgUnitId, r.JobLevelId, r.EmploymentType));
        var seen = new HashSet<(int, string, int, int, EmploymentType)>();
        foreach (var f in perCurriculum.Concat(allCurricula).Where(f => wanted.Contains((f.OrgUnitId, f.FiscalYear))))
        {
            var key = (f.FiscalYear, f.CurriculumCode, f.OrgUnitId, f.JobLevelId, f.EmploymentType);
            seen.Add(key);
            if (stored.TryGetValue(key, out var row))
            {
                row.Update(f.People, f.Complete, f.Required, f.Completed);
            }
            else
            {
                db.ProgressRollups.Add(new ProgressRollup(f.FiscalYear, f.CurriculumCode, f.OrgUnitId, f.JobLevelId, f.EmploymentType,
                    f.People, f.Complete, f.Required, f.Completed));
            }
        }
        // Groups that emptied (everyone moved, left or lost the curriculum) keep no row.
        db.ProgressRollups.RemoveRange(stored.Where(s => !seen.Contains(s.Key)).Select(s => s.Value));
    }

    /// <summary>
    /// Recomputes the <see cref="CompletionMonthCount"/> rows of the wanted units and years, and removes the
    /// rest. The database counts rows per completion day (a few hundred per unit and year); they are
    /// put into months here, which needs no date function that differs between the providers.
    /// </summary>
    private async Task RefreshCompletionMonthsAsync(int[] units, List<int> years, HashSet<(int OrgUnitId, int FiscalYear)> wanted, CancellationToken cancellationToken)
    {
        var days = await db.ProgressSummaries.AsNoTracking()
            .Where(s => units.Contains(s.OrgUnitId) && years.Contains(s.FiscalYear) && s.RequiredCount > 0)
            .GroupBy(s => new { s.FiscalYear, s.CurriculumCode, s.OrgUnitId, s.CompletedOn })
            .Select(g => new { g.Key.FiscalYear, g.Key.CurriculumCode, g.Key.OrgUnitId, g.Key.CompletedOn, Rows = g.Count() })
            .ToListAsync(cancellationToken);
        var months = days
            .Where(d => wanted.Contains((d.OrgUnitId, d.FiscalYear)))
            .GroupBy(d => (d.FiscalYear, d.CurriculumCode, d.OrgUnitId, Month: CompletionMonthCount.MonthOf(d.CompletedOn)))
            .ToDictionary(g => g.Key, g => g.Sum(d => d.Rows));

        var stored = (await db.CompletionMonthCounts
                .Where(c => units.Contains(c.OrgUnitId) && years.Contains(c.FiscalYear))
                .ToListAsync(cancellationToken))
            .Where(c => wanted.Contains((c.OrgUnitId, c.FiscalYear)))
            .ToDictionary(c => (c.FiscalYear, c.CurriculumCode, c.OrgUnitId, Month: c.CompletedMonth));
        foreach (var (key, count) in months)
        {
            if (stored.TryGetValue(key, out var row))
            {
                row.Update(count);
            }
            else
            {
                db.CompletionMonthCounts.Add(new CompletionMonthCount(key.FiscalYear, key.CurriculumCode, key.OrgUnitId, key.Month, count));
            }
        }
        db.CompletionMonthCounts.RemoveRange(stored.Where(s => !months.ContainsKey(s.Key)).Select(s => s.Value));
    }

    private sealed record RollupFigures(int FiscalYear, string CurriculumCode, int OrgUnitId, int JobLevelId, EmploymentType EmploymentType,
        int People, int Complete, int Required, int Completed);

    /// <summary>Serialises refreshes of the same keys across app nodes, to the end of the transaction.</summary>
    private async Task LockAsync(int space, int[] keys, CancellationToken cancellationToken)
    {
        if (!db.Database.IsNpgsql())
        {
            return;
        }
        // Sorted, so two refreshes wanting overlapping keys take them in the same order and cannot deadlock.
        await db.Database.ExecuteSqlRawAsync(
            "SELECT count(pg_advisory_xact_lock({0}, k)) FROM unnest({1}) AS k",
            [space, keys], cancellationToken);
    }

    private async Task SaveAndForgetAsync(CancellationToken cancellationToken)
    {
        using (ProgressSummaryInterceptor.Suppress())
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        foreach (var entry in db.ChangeTracker.Entries().Where(e => e.Entity is ProgressSummary or OrgUnitProgressSummary or ProgressRollup or CompletionMonthCount or EmployeeSkillLevel).ToList())
        {
            entry.State = EntityState.Detached;
        }
    }
}
