using Meguro.Learning.Demo;
using Meguro.Learning.Domain.Organization;
using static Meguro.Learning.Roster.Tests.Infrastructure.TestCsv;

namespace Meguro.Learning.Roster.Tests;

/// <summary>The organisation file: row checks, and the tree checks against an empty database (the planner, no I/O).</summary>
public class OrgUnitCsvReaderTests
{
    private static OrgUnitCsv Read(string text) => OrgUnitCsvReader.Read(Utf8(text), CsvEncoding.Auto);

    private static OrgUnitPlan PlanOnEmptyDatabase(OrgUnitCsv file) =>
        OrgUnitPlanner.Plan(file, [], new Dictionary<int, int>(), rewritePaths: false);

    [Fact]
    public void Reads_the_demo_organisation_in_shift_jis()
    {
        var file = OrgUnitCsvReader.Read(Sjis(DemoOrganization.ToCsv()), CsvEncoding.Auto);

        Assert.Empty(file.Errors);
        Assert.Equal("Shift_JIS", file.EncodingName);
        Assert.Equal(DemoOrganization.Units.Select(u => (u.Code, u.Name, u.Kind, u.ParentCode)),
            file.Records.Select(r => (r.Code, r.Name, r.Kind, r.ParentCode)));
    }

    [Fact]
    public void Row_errors_name_the_column_and_value()
    {
        var file = Read(OrganizationText(
            "B01,企画経営部,部,",
            "B01,総務部,部,",
            "B02,総務部,局,",
            "B03,危機管理室,部,B01",
            "B01-K01,企画課,課,",
            ",名無し,係,B01-K01",
            "B01-K02,,課,B01"));

        Assert.Equal(
            [
                "3行目: 所属コード「B01」が重複しています（2行目と3行目）。",
                "4行目: 種別「局」は読み取れません（部・課・係のいずれか）。",
                "5行目: 部は最上位の所属です。上位所属コード「B01」は空欄にしてください。",
                "6行目: 課には上位所属コードが必要です。",
                "7行目: 所属コードが空です。",
                "8行目: 所属名が空です。",
            ],
            file.Errors.Select(e => e.Message));
    }

    [Fact]
    public void A_parent_may_come_later_in_the_file()
    {
        var file = Read(OrganizationText("B01-K01-T01,庶務係,係,B01-K01", "B01-K01,企画課,課,B01", "B01,企画経営部,部,"));

        var plan = PlanOnEmptyDatabase(file);

        Assert.Empty(plan.Errors);
        Assert.Equal(["B01", "B01-K01", "B01-K01-T01"], plan.Created.Select(u => u.Code));
        Assert.Equal("/B01/B01-K01/B01-K01-T01/", plan.Created[2].Path);
        Assert.Equal([4, 3, 2], plan.New.Select(c => c.Line!.Value));
    }

    [Fact]
    public void A_parent_must_exist_and_be_of_the_tier_above()
    {
        var file = Read(OrganizationText(
            "B01,企画経営部,部,",
            "B01-K01,企画課,課,B01",
            "B01-K01-T01,庶務係,係,B01",
            "B01-K02,財政課,課,B01-K01",
            "B01-K01-T02,企画係,係,B09"));

        var plan = PlanOnEmptyDatabase(file);

        Assert.Equal(
            [
                "4行目: 係の上位所属は課でなければなりません（上位所属コード「B01」は部です）。",
                "5行目: 課の上位所属は部でなければなりません（上位所属コード「B01-K01」は課です）。",
                "6行目: 上位所属コード「B09」は存在しません。",
            ],
            plan.Errors.Select(e => e.Message));
    }

    [Fact]
    public void The_tier_of_an_existing_unit_cannot_change()
    {
        var department = new OrgUnit("B01", "企画経営部", OrgUnitKind.Department, null);
        var file = Read(OrganizationText("B01,企画経営部,課,B02", "B02,総務部,部,"));

        var plan = OrgUnitPlanner.Plan(file, [department], new Dictionary<int, int>(), rewritePaths: false);

        Assert.Equal("2行目: 所属コード「B01」の種別は変更できません（部 → 課）。新しい所属コードで登録してください。", Assert.Single(plan.Errors).Message);
    }
}
