using Meguro.Learning.Domain.Organization;

namespace Meguro.Learning.Domain.Tests.Organization;

public sealed class OrgUnitTests
{
    [Fact]
    public void A_unit_contains_itself_and_everything_below_it_but_not_its_siblings()
    {
        var department = A.Department();
        var section = A.Section(department);
        var team = A.Team(section);
        var otherSection = A.Section(department, "B01-K02", "情報政策推進課");

        Assert.Equal("/B01/B01-K01/B01-K01-T01/", team.Path);
        Assert.True(department.Contains(team));
        Assert.True(section.Contains(section));
        Assert.False(otherSection.Contains(team));
        Assert.False(team.Contains(section));
    }

    [Fact]
    public void A_code_that_starts_like_another_does_not_count_as_below_it()
    {
        var b01 = A.Department("B01");
        var b011 = A.Department("B011", "別の部");

        Assert.False(b01.Contains(b011));
    }

    [Fact]
    public void A_section_must_sit_under_a_department_and_a_team_under_a_section()
    {
        var department = A.Department();

        Assert.Throws<DomainException>(() => new OrgUnit("K", "課", OrgUnitKind.Section, null));
        Assert.Throws<DomainException>(() => new OrgUnit("T", "係", OrgUnitKind.Team, department));
    }

    [Fact]
    public void A_department_has_no_parent()
    {
        var department = A.Department();

        var error = Assert.Throws<DomainException>(() => new OrgUnit("B02", "総務部", OrgUnitKind.Department, department));

        Assert.Contains("最上位", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Moving_a_section_to_another_department_rewrites_its_path_and_children_refresh()
    {
        var from = A.Department();
        var to = A.Department("B02", "総務部");
        var section = A.Section(from);
        var team = A.Team(section);

        section.MoveTo(to);
        team.RefreshPath();

        Assert.Equal("/B02/B01-K01/", section.Path);
        Assert.Equal("/B02/B01-K01/B01-K01-T01/", team.Path);
        Assert.True(to.Contains(team));
    }
}
