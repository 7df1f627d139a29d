using Meguro.Learning.Domain.Curricula;

namespace Meguro.Learning.Domain.Tests.Curricula;

public sealed class CurriculumTests
{
    private static readonly CurriculumCourse Security = new("information-security", IsRequired: true, IsYearly: true);
    private static readonly CurriculumCourse DxBasics = new("meguro-dx-basics", IsRequired: true, IsYearly: false);
    private static readonly CurriculumCourse GenerativeAi = new("generative-ai", IsRequired: false, IsYearly: false);

    private static Curriculum Curriculum(string id = "all-staff", params CurriculumCourse[] courses) =>
        new(id, "全職員", "", courses, AssignmentRule.Everyone, DuePolicy.FiscalYearEnd);

    [Fact]
    public void Courses_keep_their_order_and_split_into_required_and_elective()
    {
        var curriculum = Curriculum("all-staff", DxBasics, GenerativeAi, Security);

        Assert.Equal(["meguro-dx-basics", "generative-ai", "information-security"], curriculum.Courses.Select(c => c.Slug));
        Assert.Equal(["meguro-dx-basics", "information-security"], curriculum.RequiredCourses.Select(c => c.Slug));
        Assert.Equal("generative-ai", Assert.Single(curriculum.ElectiveCourses).Slug);
    }

    [Theory]
    [InlineData(null, "2026-06-01", true)]
    [InlineData("2026-03-15", "2026-03-31", false)] // same fiscal year (FY2025)
    [InlineData("2026-03-15", "2026-04-01", true)]  // FY2026 began: assign again
    [InlineData("2026-04-01", "2027-03-31", false)]
    public void A_yearly_course_is_assigned_again_in_each_new_fiscal_year(string? completedOn, string today, bool needed) =>
        Assert.Equal(needed, Security.NeedsAssignment(completedOn is null ? null : DateOnly.Parse(completedOn), DateOnly.Parse(today)));

    [Fact]
    public void A_course_that_is_not_yearly_stays_done()
    {
        Assert.False(DxBasics.NeedsAssignment(new DateOnly(2020, 5, 1), new DateOnly(2027, 5, 1)));
        Assert.True(DxBasics.NeedsAssignment(null, new DateOnly(2027, 5, 1)));
    }

    [Fact]
    public void A_curriculum_needs_a_slug_like_id_a_name_and_distinct_courses()
    {
        Assert.Throws<DomainException>(() => Curriculum("All Staff", DxBasics));
        Assert.Throws<DomainException>(() => Curriculum("all-staff"));
        Assert.Throws<DomainException>(() => Curriculum("all-staff", DxBasics, DxBasics with { IsRequired = false }));
        Assert.Throws<DomainException>(() => new Curriculum("all-staff", " ", "", [DxBasics], AssignmentRule.Everyone, DuePolicy.FiscalYearEnd));
    }

    [Fact]
    public void Whether_it_applies_is_the_rule_s_answer()
    {
        var curriculum = new Curriculum("new-hires", "新規採用", "", [DxBasics],
            new AssignmentRule([], null, [], [], 30), DuePolicy.DaysAfterAssignment(30));

        Assert.True(curriculum.AppliesTo(A.Facts(hiredOn: new DateOnly(2026, 4, 1)), new DateOnly(2026, 4, 20)));
        Assert.False(curriculum.AppliesTo(A.Facts(), new DateOnly(2026, 4, 20)));
    }
}
