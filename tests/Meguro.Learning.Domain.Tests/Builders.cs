using Meguro.Learning.Domain.Curricula;
using Meguro.Learning.Domain.Organization;
using Meguro.Learning.Domain.People;

namespace Meguro.Learning.Domain.Tests;

/// <summary>Test-data builders: a small 部 → 課 → 係 tree and employees in it.</summary>
internal static class A
{
    public static readonly JobLevel Kakariin = new("kakariin", "係員", 1, isManagerial: false);
    public static readonly JobLevel Shunin = new("shunin", "主任", 2, isManagerial: false);
    public static readonly JobLevel Kakaricho = new("kakaricho", "係長", 3, isManagerial: true);
    public static readonly JobLevel KachoHosa = new("kacho-hosa", "課長補佐", 4, isManagerial: true);
    public static readonly JobLevel Kacho = new("kacho", "課長", 5, isManagerial: true);
    public static readonly JobLevel Bucho = new("bucho", "部長", 6, isManagerial: true);

    /// <summary>The six 職層 of content/job-levels.yml, by code.</summary>
    public static readonly IReadOnlyDictionary<string, JobLevel> JobLevels =
        new[] { Kakariin, Shunin, Kakaricho, KachoHosa, Kacho, Bucho }.ToDictionary(l => l.Code);

    public static OrgUnit Department(string code = "B01", string name = "企画経営部") => new(code, name, OrgUnitKind.Department, null);

    public static OrgUnit Section(OrgUnit department, string code = "B01-K01", string name = "企画課") => new(code, name, OrgUnitKind.Section, department);

    public static OrgUnit Team(OrgUnit section, string code = "B01-K01-T01", string name = "庶務係") => new(code, name, OrgUnitKind.Team, section);

    public static EmployeeProfile Profile(OrgUnit unit, string number = "100001", JobLevel? level = null,
        EmploymentType type = EmploymentType.Regular, DateOnly? appointmentEnd = null, string name = "目黒　太郎") =>
        new(number, name, "メグロ　タロウ", "t.meguro@example.lg.jp", unit, level ?? Kakariin, type, appointmentEnd, new DateOnly(2020, 4, 1));

    public static Employee Employee(OrgUnit unit, string number = "100001") => new(Profile(unit, number));

    /// <summary>What a curriculum rule sees of a person: by default a 正規 係員 of 庶務係 hired on 2020-04-01.</summary>
    public static EmployeeFacts Facts(string jobLevel = "kakariin", EmploymentType type = EmploymentType.Regular,
        string orgUnitPath = "/B01/B01-K01/B01-K01-T01/", DateOnly? hiredOn = null, DateOnly? appointmentEnd = null) =>
        new(jobLevel, JobLevels[jobLevel].Rank, type, orgUnitPath, hiredOn ?? new DateOnly(2020, 4, 1), appointmentEnd);
}
