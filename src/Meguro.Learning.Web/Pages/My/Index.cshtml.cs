using Meguro.Learning.Data;
using Meguro.Learning.Domain.Courses;
using Meguro.Learning.Domain.Learning;
using Meguro.Learning.Domain.People;
using Meguro.Learning.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Meguro.Learning.Web.Pages.My;

public sealed class IndexModel(LearningDbContext db, TimeProvider clock) : PageModel
{
    public sealed record Profile(string Name, string Kana, string EmployeeNumber, string OrgUnitName, string JobLevelName, string EmploymentType, DateOnly? AppointmentEnd);

    public sealed record MyCourse(string Slug, string Title, EnrollmentStatus Status, int Percent, DateOnly? DueDate, string? ResumeLesson, bool Started, string? StatusReason = null);

    public Profile? Me { get; private set; }
    public IReadOnlyList<MyCourse> Courses { get; private set; } = [];

    /// <summary>対象外 and 免除: not asked of the learner any more, listed apart with the reason so nothing silently disappears.</summary>
    public IReadOnlyList<MyCourse> SetAside { get; private set; } = [];

    public DateOnly Today { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (User.GetEmployeeId() is not { } id)
        {
            return;
        }
        var e = await db.Employees.AsNoTracking()
            .Where(x => x.Id == id)
            .Select(x => new { x.Name, x.Kana, x.EmployeeNumber, Org = x.OrgUnit.Name, Level = x.JobLevel.Name, x.EmploymentType, x.AppointmentEndDate })
            .SingleOrDefaultAsync(ct);
        if (e is not null)
        {
            Me = new Profile(e.Name, e.Kana, e.EmployeeNumber, e.Org, e.Level, e.EmploymentType.ToJapanese(), e.AppointmentEndDate);
        }
        Today = Domain.Jst.Today(clock);
        var all = await LoadCoursesAsync(id, ct);
        Courses = [.. all.Where(c => c.Status is EnrollmentStatus.Active or EnrollmentStatus.Completed)];
        SetAside = [.. all.Where(c => c.Status is EnrollmentStatus.NotRequired or EnrollmentStatus.Exempt)];
    }

    /// <summary>Enrolled courses with progress against the lessons of the version learners see now.</summary>
    private async Task<IReadOnlyList<MyCourse>> LoadCoursesAsync(int employeeId, CancellationToken ct)
    {
        var enrollments = await db.Enrollments.AsNoTracking().Include(x => x.Progress)
            .Where(x => x.EmployeeId == employeeId)
            .ToListAsync(ct);
        var courseIds = enrollments.Select(x => x.CourseId).Distinct().ToList();
        var versions = await db.CourseVersions.AsNoTracking()
            .Where(v => courseIds.Contains(v.CourseId) && v.Number == v.Course.PublishedVersionNumber)
            .Select(v => new { v.CourseId, v.Course.Slug, v.Title, Lessons = v.Lessons.OrderBy(l => l.Number).Select(l => l.Slug).ToList() })
            .ToDictionaryAsync(v => v.CourseId, ct);
        return enrollments
            .Where(x => versions.ContainsKey(x.CourseId))
            .Select(x =>
            {
                var v = versions[x.CourseId];
                return new MyCourse(v.Slug, v.Title, x.Status, x.PercentDone(v.Lessons), x.DueDate, x.ResumeLesson(v.Lessons), x.StartedAtUtc is not null, x.StatusReason);
            })
            .OrderBy(c => c.Status).ThenBy(c => c.DueDate ?? DateOnly.MaxValue).ThenBy(c => c.Title, StringComparer.Ordinal)
            .ToList();
    }
}
