using System.Diagnostics;
using Meguro.Learning.Data;
using Meguro.Learning.Data.Reporting;
using Meguro.Learning.Demo;
using Meguro.Learning.Domain;
using Meguro.Learning.Domain.Learning;
using Meguro.Learning.Domain.Skills;
using Meguro.Learning.Jobs;
using Microsoft.EntityFrameworkCore;

namespace Meguro.Learning.Web.Infrastructure;

/// <summary>
/// Completes a realistic share of the demo's curriculum assignments (<see cref="DemoProgress.Plan"/>)
/// so that a fresh demo shows a city report, a trend and skill figures instead of zeros. Goes through
/// the domain, as a learner's completion does: every lesson marked done, the enrollment completed,
/// the skills of the published version recorded as evidence and a 修了証 issued.
/// <para>
/// Runs only right after the demo was seeded into an empty database (the caller knows), never in
/// Production, and never where anyone has progress already — a started or completed course, a quiz
/// attempt, skill evidence or a certificate — so real learning is never mixed with invented learning.
/// </para>
/// </summary>
public sealed class DemoProgressSeeder(
    LearningDbContext db,
    ReportSummaries summaries,
    IHostEnvironment environment,
    TimeProvider clock,
    ILogger<DemoProgressSeeder> log)
{
    private const int ChunkSize = 1000;

    /// <returns>The number of courses completed (0 when the database already had progress).</returns>
    public async Task<int> SeedAsync(CancellationToken ct)
    {
        if (environment.IsProduction())
        {
            throw new InvalidOperationException("デモの受講状況は本番環境（Production）では作成できません。");
        }
        if (await HasProgressAsync(ct))
        {
            log.LogInformation("受講の記録があるため、デモの受講状況は作成しません。");
            return 0;
        }
        var watch = Stopwatch.StartNew();
        var assigned = await db.Enrollments.AsNoTracking()
            .Where(e => e.Status == EnrollmentStatus.Active && e.CurriculumCode != null)
            .Select(e => new DemoProgress.Assigned(e.Id, e.EmployeeId, e.Employee.EmploymentType))
            .ToListAsync(ct);
        var plan = DemoProgress.Plan(assigned, Jst.Today(clock));
        if (plan.Count == 0)
        {
            return 0;
        }
        var versions = await db.CourseVersions.AsNoTracking()
            .Where(v => v.Number == v.Course.PublishedVersionNumber)
            .Select(v => new
            {
                v.CourseId, v.Id, v.Title, v.Number,
                Lessons = v.Lessons.OrderBy(l => l.Number).Select(l => l.Slug).ToList(),
                Skills = v.Skills.Select(s => new { s.SkillId, s.Level }).ToList(),
            })
            .ToDictionaryAsync(v => v.CourseId, ct);
        var names = await db.Employees.AsNoTracking().Where(e => e.IsActive).ToDictionaryAsync(e => e.Id, e => e.Name, ct);

        // One summary rebuild at the end instead of a refresh after every chunk, and one transaction:
        // the demo gets all of its progress or none.
        using (ProgressSummaryInterceptor.Suppress())
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            foreach (var chunk in plan.Chunk(ChunkSize))
            {
                var at = chunk.ToDictionary(c => c.EnrollmentId, c => c.CompletedAtUtc);
                var ids = at.Keys.ToList();
                var enrollments = await db.Enrollments.Where(e => ids.Contains(e.Id)).ToListAsync(ct);
                foreach (var enrollment in enrollments)
                {
                    if (!versions.TryGetValue(enrollment.CourseId, out var version) || !names.TryGetValue(enrollment.EmployeeId, out var name))
                    {
                        continue;
                    }
                    var done = at[enrollment.Id];
                    // Lessons an hour apart, the last one when the course was completed.
                    for (var i = 0; i < version.Lessons.Count; i++)
                    {
                        enrollment.MarkLessonDone(version.Lessons[i], done.AddHours(i - version.Lessons.Count + 1));
                    }
                    enrollment.Complete(done);
                    var expiresOn = CourseCompletion.ExpiryFor(enrollment);
                    foreach (var skill in version.Skills)
                    {
                        db.SkillRecords.Add(SkillRecord.FromCompletion(enrollment, version.Id, skill.SkillId, skill.Level, done, expiresOn));
                    }
                    db.Certificates.Add(Certificate.Issue(enrollment, name, version.Id, version.Title, version.Number, null, done, expiresOn));
                }
                await db.SaveChangesAsync(ct);
                db.ChangeTracker.Clear();
            }
            await transaction.CommitAsync(ct);
        }
        var written = watch.Elapsed;
        await summaries.RebuildAllAsync(ct);
        log.LogInformation("デモの受講状況: {Assigned} 件の割当のうち {Count} 件を修了にしました（記録 {Written:0.0} 秒、集計 {Summaries:0.0} 秒）。",
            assigned.Count, plan.Count, written.TotalSeconds, (watch.Elapsed - written).TotalSeconds);
        return plan.Count;
    }

    private async Task<bool> HasProgressAsync(CancellationToken ct) =>
        await db.Enrollments.AnyAsync(e => e.Status == EnrollmentStatus.Completed || e.StartedAtUtc != null, ct)
        || await db.LessonProgress.AnyAsync(ct)
        || await db.Attempts.AnyAsync(ct)
        || await db.SkillRecords.AnyAsync(ct)
        || await db.Certificates.AnyAsync(ct);
}
