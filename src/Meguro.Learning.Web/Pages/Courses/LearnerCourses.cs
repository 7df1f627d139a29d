using System.Security.Claims;
using Meguro.Learning.Data;
using Meguro.Learning.Domain;
using Meguro.Learning.Domain.Courses;
using Meguro.Learning.Domain.Learning;
using Meguro.Learning.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace Meguro.Learning.Web.Pages.Courses;

/// <summary>Who is asking: their employee record (if any), 職層 and roles decide which courses they see.</summary>
public sealed record Learner(int? EmployeeId, string? JobLevelCode, IReadOnlyList<string> Roles)
{
    public bool CanSee(CourseVersion version) => version.IsVisibleTo(JobLevelCode, Roles);
}

/// <summary>
/// The learner's view of the courses: only published, unarchived versions that the person's
/// audience allows. A course outside the audience answers 404, as if it did not exist, so its
/// existence does not leak either.
/// </summary>
public sealed class LearnerCourses(LearningDbContext db, TimeProvider clock, PublishedVersions published)
{
    public async Task<Learner> LearnerAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        var roles = user.FindAll(ClaimTypes.Role).Select(c => c.Value).ToList();
        if (user.GetEmployeeId() is not { } employeeId)
        {
            return new Learner(null, null, roles);
        }
        var level = await db.Employees.Where(e => e.Id == employeeId && e.IsActive).Select(e => e.JobLevel.Code).SingleOrDefaultAsync(ct);
        return new Learner(level is null ? null : employeeId, level, roles);
    }

    public IQueryable<CourseVersion> PublishedVersions() =>
        db.CourseVersions.Where(v => !v.Course.IsArchived && v.Number == v.Course.PublishedVersionNumber);

    /// <summary>The published version of <paramref name="slug"/> with lessons and skills, or null when the learner may not see it.</summary>
    public async Task<CourseVersion?> VisibleVersionAsync(string slug, Learner learner, CancellationToken ct)
    {
        var version = await WithContent(PublishedVersions()).SingleOrDefaultAsync(v => v.Course.Slug == slug, ct);
        return version is not null && learner.CanSee(version) ? version : null;
    }

    /// <summary>
    /// The same as <see cref="VisibleVersionAsync"/>, for reading only (the lesson page): an untracked
    /// copy shared by all requests while the course's published version stays the same. One small
    /// query asks which version is published; the version with its lessons is read only when that changed.
    /// </summary>
    public async Task<CourseVersion?> VisibleVersionForReadingAsync(string slug, Learner learner, CancellationToken ct)
    {
        var current = await PublishedVersions().Where(v => v.Course.Slug == slug).Select(v => (int?)v.Id).SingleOrDefaultAsync(ct);
        if (current is not { } id)
        {
            return null;
        }
        var version = await published.GetAsync(id, () => WithContent(db.CourseVersions.AsNoTracking()).SingleAsync(v => v.Id == id, ct));
        return learner.CanSee(version) ? version : null;
    }

    /// <summary>What a course's pages show of a version: the course, its lessons, and the skills it grants.</summary>
    private static IQueryable<CourseVersion> WithContent(IQueryable<CourseVersion> versions) => versions
        .Include(v => v.Course)
        .Include(v => v.Lessons)
        .Include(v => v.Skills).ThenInclude(s => s.Skill).ThenInclude(k => k.Category)
        .AsSplitQuery();

    /// <summary>The fiscal year for a yearly course, 0 otherwise (see <see cref="Enrollment.Cycle"/>).</summary>
    public int CycleFor(CourseVersion version) => version.Yearly ? Jst.FiscalYear(Jst.Today(clock)) : 0;

    public Task<Enrollment?> EnrollmentAsync(Learner learner, CourseVersion version, CancellationToken ct)
    {
        if (learner.EmployeeId is not { } employeeId)
        {
            return Task.FromResult<Enrollment?>(null);
        }
        var cycle = CycleFor(version);
        return db.Enrollments.Include(e => e.Progress)
            .SingleOrDefaultAsync(e => e.EmployeeId == employeeId && e.CourseId == version.CourseId && e.Cycle == cycle, ct);
    }

    public async Task<Enrollment> SelfEnrollAsync(Learner learner, CourseVersion version, CancellationToken ct)
    {
        if (await EnrollmentAsync(learner, version, ct) is { } existing)
        {
            return existing;
        }
        var employee = await db.Employees.SingleAsync(e => e.Id == learner.EmployeeId, ct);
        var enrollment = Enrollment.SelfEnroll(employee, version.CourseId, version.SelfEnroll, CycleFor(version), clock.GetUtcNow().UtcDateTime);
        db.Add(enrollment);
        await db.SaveChangesAsync(ct);
        return enrollment;
    }
}

/// <summary>
/// Published course versions kept in memory by id. A published version never changes (editing makes
/// a new version), so an entry needs no expiry to stay right; only the most recently used are kept.
/// Skill names shown with a version are those of when it was first read; the skills catalog changes
/// only at start-up, which empties this cache.
/// </summary>
public sealed class PublishedVersions : IDisposable
{
    private readonly MemoryCache _versions = new(new MemoryCacheOptions { SizeLimit = 64 });

    public async Task<CourseVersion> GetAsync(int id, Func<Task<CourseVersion>> load) =>
        (await _versions.GetOrCreateAsync(id, async entry =>
        {
            entry.Size = 1;
            return await load();
        }))!;

    public void Dispose() => _versions.Dispose();
}
