using System.Text.RegularExpressions;
using Meguro.Learning.Content.Tests.Infrastructure;
using Meguro.Learning.Domain.Curricula;
using Meguro.Learning.Domain.People;

namespace Meguro.Learning.Content.Tests;

/// <summary>The default plan in content/curricula/ loads and has the shape the city asked for.</summary>
public sealed partial class ShippedCurriculaTests
{
    private static readonly CurriculumSet Set = CurriculumCatalog.Load(RepositoryContent.Root);
    private static readonly DateOnly Today = new(2026, 6, 1);

    private static Curriculum Get(string id) => Set.Curricula.Single(c => c.Id == id);

    [Fact]
    public void The_shipped_curricula_load_without_problems()
    {
        Assert.True(Set.IsValid, string.Join("\n", Set.Issues));
        Assert.Equal(["all-staff", "fiscal-year-appointed", "kacho-and-above", "kakaricho-and-above", "new-hires"], Set.Curricula.Select(c => c.Id));
    }

    [Fact]
    public void All_staff_take_dx_basics_yearly_security_and_personal_information_by_the_fiscal_year_end()
    {
        var curriculum = Get("all-staff");

        Assert.Equal(
            [new CurriculumCourse("meguro-dx-basics", true, false), new CurriculumCourse("information-security", true, true), new CurriculumCourse("personal-information", true, false)],
            curriculum.RequiredCourses);
        Assert.All(curriculum.ElectiveCourses, c => Assert.False(c.IsYearly));
        Assert.Equal(DuePolicy.FiscalYearEnd, curriculum.Due);
        Assert.Equal([EmploymentType.Regular, EmploymentType.Reappointed], curriculum.Rule.EmploymentTypes);
    }

    [Theory]
    [InlineData("kakaricho-and-above", "kakaricho", 3, new[] { "service-design", "data-literacy" })]
    [InlineData("kacho-and-above", "kacho", 5, new[] { "dx-leader-management" })]
    public void Higher_job_levels_add_their_courses(string id, string minJobLevel, int rank, string[] required)
    {
        var curriculum = Get(id);

        Assert.Equal(new MinimumJobLevel(minJobLevel, rank), curriculum.Rule.MinJobLevel);
        Assert.Equal(required, curriculum.RequiredCourses.Select(c => c.Slug));
        Assert.Equal(DuePolicy.FiscalYearEnd, curriculum.Due);
    }

    [Fact]
    public void Fiscal_year_appointed_staff_take_the_essentials_only()
    {
        var curriculum = Get("fiscal-year-appointed");

        Assert.Equal([new CurriculumCourse("information-security", true, true), new CurriculumCourse("personal-information", true, false)], curriculum.Courses);
        Assert.Equal([EmploymentType.FiscalYearAppointed], curriculum.Rule.EmploymentTypes);
    }

    [Fact]
    public void New_hires_have_30_days()
    {
        var curriculum = Get("new-hires");

        Assert.Equal(30, curriculum.Rule.HiredWithinDays);
        Assert.Equal(DuePolicy.DaysAfterAssignment(30), curriculum.Due);
        Assert.Equal(["meguro-dx-basics", "information-security", "personal-information"], curriculum.RequiredCourses.Select(c => c.Slug));
    }

    public static TheoryData<string, string, EmploymentType, int, string[]> People => new()
    {
        { "正規の係員", "kakariin", EmploymentType.Regular, 2000, ["all-staff"] },
        { "再任用の主任", "shunin", EmploymentType.Reappointed, 2000, ["all-staff"] },
        { "正規の係長", "kakaricho", EmploymentType.Regular, 2000, ["all-staff", "kakaricho-and-above"] },
        { "正規の課長補佐", "kacho-hosa", EmploymentType.Regular, 2000, ["all-staff", "kakaricho-and-above"] },
        { "正規の課長", "kacho", EmploymentType.Regular, 2000, ["all-staff", "kacho-and-above", "kakaricho-and-above"] },
        { "正規の部長", "bucho", EmploymentType.Regular, 2000, ["all-staff", "kacho-and-above", "kakaricho-and-above"] },
        { "会計年度任用職員", "kakariin", EmploymentType.FiscalYearAppointed, 2000, ["fiscal-year-appointed"] },
        { "採用30日目の正規職員", "kakariin", EmploymentType.Regular, 30, ["all-staff", "new-hires"] },
        { "採用31日目の正規職員", "kakariin", EmploymentType.Regular, 31, ["all-staff"] },
        { "採用10日目の会計年度任用職員", "kakariin", EmploymentType.FiscalYearAppointed, 10, ["fiscal-year-appointed"] },
    };

    [Theory]
    [MemberData(nameof(People))]
    public void Each_person_gets_the_curricula_of_their_level_and_employment(string who, string jobLevel, EmploymentType type, int daysSinceHired, string[] expected)
    {
        var ranks = new Dictionary<string, int> { ["kakariin"] = 1, ["shunin"] = 2, ["kakaricho"] = 3, ["kacho-hosa"] = 4, ["kacho"] = 5, ["bucho"] = 6 };
        var facts = new EmployeeFacts(jobLevel, ranks[jobLevel], type, "/B03/B03-K02/B03-K02-T01/", Today.AddDays(-daysSinceHired), null);

        Assert.True(expected.SequenceEqual(Set.Curricula.Where(c => c.AppliesTo(facts, Today)).Select(c => c.Id)), who);
    }

    [Fact]
    public void A_fixed_term_appointment_ending_in_two_weeks_brings_the_due_date_forward()
    {
        var facts = new EmployeeFacts("kakariin", 1, EmploymentType.FiscalYearAppointed, "/B01/", new DateOnly(2026, 4, 1), new DateOnly(2026, 6, 15));

        Assert.Equal(new DateOnly(2026, 6, 15), Get("fiscal-year-appointed").Due.DueDateFor(Today, facts, LeaveHistory.None, Today));
    }

    /// <summary>A course is yearly in a curriculum exactly when its course.md says so: an enrollment's cycle depends on it.</summary>
    [Fact]
    public void Yearly_courses_agree_with_their_course_md()
    {
        foreach (var course in Set.Curricula.SelectMany(c => c.Courses))
        {
            var front = File.ReadAllText(Path.Combine(RepositoryContent.CoursesFolder, course.Slug, "course.md"));
            Assert.True(course.IsYearly == YearlyTrue().IsMatch(front), $"{course.Slug}: yearly が course.md と違います");
        }
    }

    [GeneratedRegex(@"^yearly:\s*true\s*$", RegexOptions.Multiline)]
    private static partial Regex YearlyTrue();
}
