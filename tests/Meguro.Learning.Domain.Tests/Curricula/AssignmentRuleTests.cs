using Meguro.Learning.Domain.Curricula;
using Meguro.Learning.Domain.People;

namespace Meguro.Learning.Domain.Tests.Curricula;

public sealed class AssignmentRuleTests
{
    private static readonly DateOnly Today = new(2026, 5, 1);

    private static AssignmentRule Rule(string[]? jobLevels = null, string? minJobLevel = null, EmploymentType[]? types = null,
        string[]? orgUnits = null, int? hiredWithinDays = null) =>
        new(jobLevels ?? [], minJobLevel is null ? null : new MinimumJobLevel(minJobLevel, A.JobLevels[minJobLevel].Rank),
            types ?? [], orgUnits ?? [], hiredWithinDays);

    [Theory]
    [InlineData("kakariin", false)]
    [InlineData("shunin", false)]
    [InlineData("kakaricho", true)]
    [InlineData("kacho-hosa", true)]
    [InlineData("kacho", true)]
    [InlineData("bucho", true)]
    public void A_minimum_job_level_matches_that_rank_and_every_higher_one(string jobLevel, bool matches) =>
        Assert.Equal(matches, Rule(minJobLevel: "kakaricho").Matches(A.Facts(jobLevel), Today));

    [Theory]
    [InlineData("kakariin", false)]
    [InlineData("kakaricho", false)]
    [InlineData("kacho", true)]
    [InlineData("bucho", true)]
    public void A_list_of_job_levels_matches_exactly_those(string jobLevel, bool matches) =>
        Assert.Equal(matches, Rule(jobLevels: ["kacho", "bucho"]).Matches(A.Facts(jobLevel), Today));

    [Theory]
    [InlineData("kakaricho", false)]
    [InlineData("kacho-hosa", true)]
    [InlineData("kacho", true)]
    [InlineData("bucho", true)]
    public void A_list_and_a_minimum_together_are_alternatives(string jobLevel, bool matches) =>
        Assert.Equal(matches, Rule(jobLevels: ["kacho-hosa"], minJobLevel: "kacho").Matches(A.Facts(jobLevel), Today));

    [Theory]
    [InlineData("/B01/B01-K01/", true)]
    [InlineData("/B01/B01-K01/B01-K01-T01/", true)]
    [InlineData("/B01/B01-K01/B01-K01-T02/", true)]
    [InlineData("/B01/", false)]
    [InlineData("/B01/B01-K02/", false)]
    [InlineData("/B01/B01-K02/B01-K02-T01/", false)]
    [InlineData("/B01/B01-K011/", false)]
    [InlineData("/B02/B02-K01/", false)]
    public void An_org_unit_matches_itself_and_its_whole_subtree_but_not_its_siblings_or_parent(string path, bool matches) =>
        Assert.Equal(matches, Rule(orgUnits: ["B01-K01"]).Matches(A.Facts(orgUnitPath: path), Today));

    [Fact]
    public void Several_org_units_are_alternatives()
    {
        var rule = Rule(orgUnits: ["B01-K01", "B02"]);

        Assert.True(rule.Matches(A.Facts(orgUnitPath: "/B02/B02-K05/B02-K05-T01/"), Today));
        Assert.False(rule.Matches(A.Facts(orgUnitPath: "/B03/"), Today));
    }

    [Theory]
    [InlineData(EmploymentType.Regular, true)]
    [InlineData(EmploymentType.Reappointed, true)]
    [InlineData(EmploymentType.FiscalYearAppointed, false)]
    public void Employment_types_restrict_who_matches(EmploymentType type, bool matches) =>
        Assert.Equal(matches, Rule(types: [EmploymentType.Regular, EmploymentType.Reappointed]).Matches(A.Facts(type: type), Today));

    [Theory]
    [InlineData("2026-03-31", false)] // hired the day before: day 0 is the hire date
    [InlineData("2026-04-01", true)]  // hired 2026-04-01, today 2026-05-01 is day 30
    [InlineData("2026-04-02", true)]
    [InlineData("2026-05-01", true)]  // day 0
    [InlineData("2026-05-02", false)] // not started yet
    public void Hired_within_30_days_includes_day_30_and_not_day_31(string hiredOn, bool matches) =>
        Assert.Equal(matches, Rule(hiredWithinDays: 30).Matches(A.Facts(hiredOn: DateOnly.Parse(hiredOn)), Today));

    [Fact]
    public void The_tenure_boundary_moves_with_today()
    {
        var rule = Rule(hiredWithinDays: 30);
        var facts = A.Facts(hiredOn: new DateOnly(2026, 4, 1));

        Assert.True(rule.Matches(facts, new DateOnly(2026, 5, 1)));
        Assert.False(rule.Matches(facts, new DateOnly(2026, 5, 2)));
    }

    [Fact]
    public void Without_a_hire_date_a_person_is_not_a_new_hire()
    {
        Assert.False(Rule(hiredWithinDays: 30).Matches(A.Facts() with { HiredOn = null }, Today));
        Assert.True(Rule().Matches(A.Facts() with { HiredOn = null }, Today));
    }

    [Fact]
    public void Every_condition_that_is_set_must_hold()
    {
        var rule = Rule(minJobLevel: "kakaricho", types: [EmploymentType.Regular], orgUnits: ["B01"]);

        Assert.True(rule.Matches(A.Facts("kacho", orgUnitPath: "/B01/B01-K03/"), Today));
        Assert.False(rule.Matches(A.Facts("shunin", orgUnitPath: "/B01/B01-K03/"), Today));
        Assert.False(rule.Matches(A.Facts("kacho", EmploymentType.Reappointed, "/B01/B01-K03/"), Today));
        Assert.False(rule.Matches(A.Facts("kacho", orgUnitPath: "/B02/"), Today));
    }

    [Fact]
    public void An_empty_rule_matches_everyone()
    {
        Assert.True(AssignmentRule.Everyone.Matches(A.Facts("bucho", EmploymentType.FiscalYearAppointed, "/B09/"), Today));
    }

    [Fact]
    public void Facts_are_taken_from_an_employee()
    {
        var team = A.Team(A.Section(A.Department()));
        var employee = new Employee(A.Profile(team, level: A.Kacho, type: EmploymentType.FiscalYearAppointed, appointmentEnd: new DateOnly(2027, 3, 31)));

        var facts = EmployeeFacts.Of(employee);

        Assert.Equal(new EmployeeFacts("kacho", 5, EmploymentType.FiscalYearAppointed, "/B01/B01-K01/B01-K01-T01/",
            new DateOnly(2020, 4, 1), new DateOnly(2027, 3, 31)), facts);
        Assert.True(Rule(orgUnits: ["B01-K01"]).Matches(facts, Today));
    }

    [Fact]
    public void A_negative_tenure_or_a_path_in_place_of_a_code_is_refused()
    {
        Assert.Throws<DomainException>(() => Rule(hiredWithinDays: -1));
        Assert.Throws<DomainException>(() => Rule(orgUnits: ["/B01/"]));
    }
}
