using Meguro.Learning.Data;
using Meguro.Learning.Domain;
using Meguro.Learning.Domain.Curricula;
using Meguro.Learning.Domain.Learning;
using Meguro.Learning.Domain.Organization;
using Meguro.Learning.Domain.People;
using Meguro.Learning.Domain.Reporting;
using Meguro.Learning.Domain.Skills;
using Meguro.Learning.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Meguro.Learning.Web.Tests.Builders;

/// <summary>
/// A small city for report tests, written through the domain methods in the shape the app leaves it:
/// units, people, curriculum enrollments (open, completed on a JST day, or exempt), skill evidence on
/// completed enrollments, skill targets and curriculum definitions. The report summaries then follow
/// by themselves (the save interceptor), as they do in the app.
/// <code>
/// await new ReportCityBuilder(app).Department("A", "総務部").Section("A1", "人事課", "A")
///     .Person("p1", "A1", "kakariin").Required("p1", "sec", "information-security", 2025, completedOn: day).SaveAsync();
/// </code>
/// </summary>
public sealed class ReportCityBuilder(AppFixture app)
{
    private readonly List<(string Code, string Name, OrgUnitKind Kind, string? Parent)> _units = [];
    private readonly List<(string Key, string Unit, string JobLevel, EmploymentType Type)> _people = [];
    private readonly List<(string Person, string Curriculum, string Course, int Cycle, DateOnly? CompletedOn, bool Exempt)> _enrollments = [];
    private readonly List<(string Person, string Course, int Cycle, string Skill, int Level)> _evidence = [];
    private readonly List<(string JobLevel, string Skill, int Level)> _targets = [];
    private readonly List<(string Code, string Name, string Courses)> _curricula = [];

    public ReportCityBuilder Department(string code, string name) => Unit(code, name, OrgUnitKind.Department, null);

    public ReportCityBuilder Section(string code, string name, string department) => Unit(code, name, OrgUnitKind.Section, department);

    public ReportCityBuilder Team(string code, string name, string section) => Unit(code, name, OrgUnitKind.Team, section);

    private ReportCityBuilder Unit(string code, string name, OrgUnitKind kind, string? parent)
    {
        _units.Add((code, name, kind, parent));
        return this;
    }

    public ReportCityBuilder Person(string key, string unit, string jobLevel, EmploymentType type = EmploymentType.Regular)
    {
        _people.Add((key, unit, jobLevel, type));
        return this;
    }

    /// <summary>A required course from a yearly curriculum (cycle = the fiscal year); completed at noon JST on the day given, or exempt.</summary>
    public ReportCityBuilder Required(string person, string curriculum, string course, int fiscalYear, DateOnly? completedOn = null, bool exempt = false)
    {
        _enrollments.Add((person, curriculum, course, fiscalYear, completedOn, exempt));
        return this;
    }

    /// <summary>Skill evidence from the person's completed enrollment in <paramref name="course"/>, no expiry.</summary>
    public ReportCityBuilder Evidence(string person, string course, int fiscalYear, string skill, int level)
    {
        _evidence.Add((person, course, fiscalYear, skill, level));
        return this;
    }

    public ReportCityBuilder Target(string jobLevel, string skill, int level)
    {
        _targets.Add((jobLevel, skill, level));
        return this;
    }

    /// <summary>A stored curriculum definition, so the report can show its name.</summary>
    public ReportCityBuilder Curriculum(string code, string name, params string[] courses)
    {
        _curricula.Add((code, name, string.Concat(courses.Select(c => $"  - course: {c}\n"))));
        return this;
    }

    /// <returns>Employee ids by key.</returns>
    public async Task<IReadOnlyDictionary<string, int>> SaveAsync() => await app.WithDbAsync(async db =>
    {
        var units = new Dictionary<string, OrgUnit>();
        foreach (var (code, name, kind, parent) in _units)
        {
            var unit = new OrgUnit(code, name, kind, parent is null ? null : units[parent]);
            units[code] = unit;
            db.OrgUnits.Add(unit);
        }
        await db.SaveChangesAsync();

        var levels = await db.JobLevels.ToDictionaryAsync(l => l.Code);
        var people = new Dictionary<string, Employee>();
        var number = 610000;
        foreach (var (key, unit, jobLevel, type) in _people)
        {
            number++;
            var employee = new Employee(new EmployeeProfile(number.ToString(System.Globalization.CultureInfo.InvariantCulture), "報告　" + key, "ホウコク", "",
                units[unit], levels[jobLevel], type, type == EmploymentType.FiscalYearAppointed ? new DateOnly(2030, 3, 31) : null, new DateOnly(2015, 4, 1)));
            people[key] = employee;
            db.Employees.Add(employee);
        }
        await db.SaveChangesAsync();

        var courses = await db.Courses.ToDictionaryAsync(c => c.Slug, c => c.Id);
        var enrollments = new Dictionary<(string, string, int), Enrollment>();
        foreach (var (person, curriculum, course, cycle, completedOn, exempt) in _enrollments)
        {
            var assignedAt = Noon(Jst.FiscalYearStart(cycle));
            var enrollment = Enrollment.AssignFromCurriculum(people[person], courses[course], curriculum, cycle, assignedAt, Jst.FiscalYearEnd(cycle));
            if (completedOn is { } day)
            {
                enrollment.Complete(Noon(day));
            }
            if (exempt)
            {
                enrollment.Exempt("休業のため", "test", assignedAt.AddDays(1));
            }
            enrollments[(person, course, cycle)] = enrollment;
            db.Enrollments.Add(enrollment);
        }
        await db.SaveChangesAsync();

        var skills = await db.Skills.ToDictionaryAsync(s => s.Code, s => s.Id);
        var versions = await db.Courses.Select(c => new { c.Slug, VersionId = c.Versions.Where(v => v.Number == c.PublishedVersionNumber).Select(v => v.Id).Single() })
            .ToDictionaryAsync(c => c.Slug, c => c.VersionId);
        foreach (var (person, course, cycle, skill, level) in _evidence)
        {
            var enrollment = enrollments[(person, course, cycle)];
            db.SkillRecords.Add(SkillRecord.FromCompletion(enrollment, versions[course], skills[skill], level, enrollment.CompletedAtUtc!.Value, null));
        }
        // This city's HR has set exactly these targets: the shipped content/skills/targets.yml,
        // imported at start-up, would otherwise give every job level a target in every skill.
        await db.SkillTargets.ExecuteDeleteAsync();
        foreach (var (jobLevel, skill, level) in _targets)
        {
            db.SkillTargets.Add(new SkillTarget(levels[jobLevel].Id, skills[skill], level, SkillTargetOrigin.HR, "test", DateTime.UtcNow));
        }
        foreach (var (code, name, courseList) in _curricula)
        {
            var yaml = $"id: {code}\nname: {name}\ncourses:\n{courseList}rule:\n  employmentTypes: [正規]\ndue:\n  fixedDate: 03-31\n";
            db.CurriculumDefinitions.Add(new CurriculumDefinition(code, yaml, CurriculumOrigin.File, "", "test", DateTime.UtcNow));
        }
        await db.SaveChangesAsync();
        return (IReadOnlyDictionary<string, int>)people.ToDictionary(p => p.Key, p => p.Value.Id);
    });

    private static DateTime Noon(DateOnly day) => TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(new TimeOnly(12, 0)), Jst.Zone);
}
