using Meguro.Learning.Data;
using Meguro.Learning.Domain.Curricula;
using Meguro.Learning.Domain.Organization;
using Meguro.Learning.Domain.People;
using Meguro.Learning.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Meguro.Learning.Web.Tests.Builders;

/// <summary>
/// A small roster of its own for one test: a 部 with two 課 (unique codes), people in them, and
/// curricula restricted to that 部, so tests sharing a database never see each other's people.
/// </summary>
public sealed class CurriculumRosterBuilder(AppFixture app)
{
    public string Department { get; } = "C" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
    public string SectionA => Department + "-A";
    public string SectionB => Department + "-B";

    public async Task CreateUnitsAsync() => await app.WithDbAsync(async db =>
    {
        var dept = new OrgUnit(Department, "試験部", OrgUnitKind.Department, null);
        db.OrgUnits.AddRange(dept, new OrgUnit(SectionA, "試験A課", OrgUnitKind.Section, dept), new OrgUnit(SectionB, "試験B課", OrgUnitKind.Section, dept));
        return await db.SaveChangesAsync();
    });

    public Task<int> AddEmployeeAsync(string section, string jobLevel, EmploymentType type = EmploymentType.Regular, DateOnly? appointmentEnd = null) =>
        app.WithDbAsync(async db =>
        {
            var unit = await db.OrgUnits.SingleAsync(u => u.Code == section);
            var level = await db.JobLevels.SingleAsync(l => l.Code == jobLevel);
            var number = Random.Shared.Next(800000, 899999).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var employee = new Employee(new EmployeeProfile(number, "割当　試験" + number, "ワリアテ　シケン", "", unit, level, type, appointmentEnd, new DateOnly(2020, 4, 1)));
            db.Employees.Add(employee);
            await db.SaveChangesAsync();
            return employee.Id;
        });

    /// <summary>A curriculum for this 部 (optionally only one 課), stored as if imported.</summary>
    public async Task<string> AddCurriculumAsync(string suffix, string courses, string due, string extraRule = "", string? unit = null)
    {
        var code = Department.ToLowerInvariant() + "-" + suffix;
        await app.WithDbAsync(async db =>
        {
            db.CurriculumDefinitions.Add(new CurriculumDefinition(code, Yaml(code, courses, due, extraRule, unit ?? Department), CurriculumOrigin.File, "", "test", DateTime.UtcNow));
            return await db.SaveChangesAsync();
        });
        return code;
    }

    public static string Yaml(string code, string courses, string due, string extraRule, string unit) =>
        $"id: {code}\nname: 試験カリキュラム {code}\ncourses:\n{courses}rule:\n  orgUnits: [{unit}]\n{extraRule}due:\n  {due}\n";
}
