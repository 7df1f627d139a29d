using Meguro.Learning.Jobs.Curricula;
using Meguro.Learning.Data;
using Meguro.Learning.Domain;
using Meguro.Learning.Domain.Learning;
using Meguro.Learning.Domain.People;
using Meguro.Learning.Domain.Reporting;
using Meguro.Learning.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Meguro.Learning.Web.Pages.Manager;

/// <summary>
/// One person of the team: their required courses (status, due date, progress) and their current
/// skill levels against the targets of their job level. This is the drill-down, so it reads the
/// person's own enrollments. Someone outside the viewer's scope answers 404.
/// </summary>
public sealed class PeopleModel(LearningDbContext db, OrgScope scope, CurriculumNames curriculumNames, TimeProvider clock) : PageModel
{
    public sealed record Person(int Id, string Number, string Name, string OrgUnit, int OrgUnitId, string JobLevel, EmploymentType EmploymentType);

    public sealed record CourseRow(string Title, string Curriculum, int Cycle, EnrollmentStatus Status, DateOnly? DueDate, int Percent, DateTime? CompletedAtUtc, bool Overdue);

    public sealed record SkillRow(string Category, string Name, int Level, int? Target)
    {
        public int Gap => Target is { } t ? SkillTarget.Gap(Level, t) : 0;
    }

    public Person? Employee { get; private set; }
    public IReadOnlyList<(LeaveKind Kind, DateOnly Start, DateOnly? End)> Leave { get; private set; } = [];
    public IReadOnlyList<CourseRow> Courses { get; private set; } = [];
    public IReadOnlyList<SkillRow> Skills { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var found = await db.Employees.AsNoTracking().Where(e => e.Id == id && e.IsActive)
            .Select(e => new { e.Id, e.EmployeeNumber, e.Name, Unit = e.OrgUnit.Name, e.OrgUnitId, e.OrgUnit.Path, Level = e.JobLevel.Name, e.JobLevelId, e.EmploymentType })
            .SingleOrDefaultAsync(ct);
        if (found is null || !await scope.CanSeePathAsync(User, found.Path, ct))
        {
            return NotFound();
        }
        Employee = new Person(found.Id, found.EmployeeNumber, found.Name, found.Unit, found.OrgUnitId, found.Level, found.EmploymentType);
        var today = Jst.Today(clock);
        Leave = [.. (await db.EmployeeLeaves.AsNoTracking()
                .Where(l => l.EmployeeId == id && l.Start <= today && (l.End == null || l.End >= today))
                .Select(l => new { l.Kind, l.Start, l.End }).ToListAsync(ct))
            .Select(l => (l.Kind, l.Start, l.End))];
        Courses = await LoadCoursesAsync(id, today, ct);
        Skills = await LoadSkillsAsync(id, found.JobLevelId, ct);
        return Page();
    }

    /// <summary>Courses someone else decided the person must take (curriculum or HR), not the ones they chose themselves.</summary>
    private async Task<IReadOnlyList<CourseRow>> LoadCoursesAsync(int employeeId, DateOnly today, CancellationToken ct)
    {
        var enrollments = await db.Enrollments.AsNoTracking().Include(e => e.Progress)
            .Where(e => e.EmployeeId == employeeId && e.Source != EnrollmentSource.Self)
            .ToListAsync(ct);
        var courseIds = enrollments.Select(e => e.CourseId).Distinct().ToList();
        var versions = await db.CourseVersions.AsNoTracking()
            .Where(v => courseIds.Contains(v.CourseId) && v.Number == v.Course.PublishedVersionNumber)
            .Select(v => new { v.CourseId, v.Title, Lessons = v.Lessons.Select(l => l.Slug).ToList() })
            .ToDictionaryAsync(v => v.CourseId, ct);
        var names = await curriculumNames.AllAsync(ct);
        return [.. enrollments
            .OrderBy(e => e.Status == EnrollmentStatus.Active ? 0 : 1).ThenBy(e => e.DueDate ?? DateOnly.MaxValue).ThenByDescending(e => e.Cycle)
            .Select(e =>
            {
                var version = versions.GetValueOrDefault(e.CourseId);
                var percent = e.Status == EnrollmentStatus.Completed ? 100 : e.PercentDone(version?.Lessons ?? []);
                var curriculum = e.CurriculumCode is { } code ? names.GetValueOrDefault(code, code) : "";
                return new CourseRow(version?.Title ?? "", curriculum, e.Cycle, e.Status, e.DueDate, percent, e.CompletedAtUtc,
                    e.Status == EnrollmentStatus.Active && e.DueDate < today);
            })];
    }

    /// <summary>Every active skill the person has a level in or a target for, in the catalogue's order.</summary>
    private async Task<IReadOnlyList<SkillRow>> LoadSkillsAsync(int employeeId, int jobLevelId, CancellationToken ct)
    {
        var levels = await db.EmployeeSkillLevels.AsNoTracking().Where(l => l.EmployeeId == employeeId).ToDictionaryAsync(l => l.SkillId, l => l.Level, ct);
        var targets = await db.SkillTargets.AsNoTracking().Where(t => t.JobLevelId == jobLevelId).ToDictionaryAsync(t => t.SkillId, t => t.TargetLevel, ct);
        var skills = await db.Skills.AsNoTracking().Where(s => s.IsActive)
            .OrderBy(s => s.Category.SortOrder).ThenBy(s => s.SortOrder)
            .Select(s => new { s.Id, s.Name, Category = s.Category.Name })
            .ToListAsync(ct);
        return [.. skills.Where(s => levels.ContainsKey(s.Id) || targets.ContainsKey(s.Id))
            .Select(s => new SkillRow(s.Category, s.Name, levels.GetValueOrDefault(s.Id), targets.TryGetValue(s.Id, out var t) ? t : null))];
    }

    public static string StatusName(EnrollmentStatus status) => status switch
    {
        EnrollmentStatus.Active => "受講中",
        EnrollmentStatus.Completed => "修了",
        EnrollmentStatus.NotRequired => "対象外",
        _ => "免除",
    };
}
