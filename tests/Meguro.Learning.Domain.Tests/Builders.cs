using Meguro.Learning.Domain.Organization;
using Meguro.Learning.Domain.People;

namespace Meguro.Learning.Domain.Tests;

/// <summary>Test-data builders: a small 部 → 課 → 係 tree and employees in it.</summary>
internal static class A
{
    public static readonly JobLevel Kakariin = new("kakariin", "係員", 1, isManagerial: false);
    public static readonly JobLevel Shunin = new("shunin", "主任", 2, isManagerial: false);
    public static readonly JobLevel Kacho = new("kacho", "課長", 5, isManagerial: true);

    public static OrgUnit Department(string code = "B01", string name = "企画経営部") => new(code, name, OrgUnitKind.Department, null);

    public static OrgUnit Section(OrgUnit department, string code = "B01-K01", string name = "企画課") => new(code, name, OrgUnitKind.Section, department);

    public static OrgUnit Team(OrgUnit section, string code = "B01-K01-T01", string name = "庶務係") => new(code, name, OrgUnitKind.Team, section);

    public static EmployeeProfile Profile(OrgUnit unit, string number = "100001", JobLevel? level = null,
        EmploymentType type = EmploymentType.Regular, DateOnly? appointmentEnd = null, string name = "目黒　太郎") =>
        new(number, name, "メグロ　タロウ", "t.meguro@example.lg.jp", unit, level ?? Kakariin, type, appointmentEnd, new DateOnly(2020, 4, 1));

    public static Employee Employee(OrgUnit unit, string number = "100001") => new(Profile(unit, number));
}
