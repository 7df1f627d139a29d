using Meguro.Learning.Domain.People;
using Meguro.Learning.Domain.Reporting;

namespace Meguro.Learning.Domain.Tests.Reporting;

public class ProgressRollupTests
{
    [Fact]
    public void Over_all_curricula_a_person_with_any_open_curriculum_is_not_complete()
    {
        // 3 people; 2 have something open (one of them in two curricula): 1 complete.
        Assert.Equal(1, ProgressRollup.CompleteOverAllCurricula(people: 3, peopleWithAnyOpen: 2));
    }

    [Fact]
    public void Update_reports_whether_anything_changed_and_refuses_inconsistent_figures()
    {
        var rollup = new ProgressRollup(2026, ProgressRollup.AllCurricula, 1, 2, EmploymentType.Regular, 2, 1, 4, 3);
        Assert.True(rollup.IsAllCurricula);

        Assert.False(rollup.Update(2, 1, 4, 3));
        Assert.True(rollup.Update(2, 2, 4, 4));
        Assert.Equal((2, 2, 4, 4), (rollup.People, rollup.Complete, rollup.Required, rollup.Completed));

        // A group of nobody is removed, not kept at zero; more complete than people, or fewer courses than people, is a bug.
        Assert.Throws<ArgumentException>(() => rollup.Update(0, 0, 0, 0));
        Assert.Throws<ArgumentException>(() => rollup.Update(2, 3, 4, 4));
        Assert.Throws<ArgumentException>(() => rollup.Update(2, 1, 1, 1));
        Assert.Throws<ArgumentException>(() => rollup.Update(2, 1, 4, 5));
    }

    [Theory]
    [InlineData(null, 0)]
    [InlineData("2026-06-30", 202606)]
    [InlineData("2027-01-01", 202701)]
    public void The_month_of_a_completion_is_its_year_and_month(string? day, int month) =>
        Assert.Equal(month, CompletionMonthCount.MonthOf(day is null ? null : DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void Rows_count_as_completed_at_the_end_of_their_month_and_every_later_one()
    {
        var june = new CompletionMonthCount(2026, "sec", 1, CompletionMonthCount.MonthOf(new DateOnly(2026, 6, 30)), 3);
        Assert.False(june.IsCompletedBy(new DateOnly(2026, 5, 1)));
        Assert.True(june.IsCompletedBy(new DateOnly(2026, 6, 1)));
        Assert.True(june.IsCompletedBy(new DateOnly(2027, 3, 1)));

        // A one-off course done in an earlier fiscal year counts from the first month of this one.
        var earlier = new CompletionMonthCount(2026, "sec", 1, CompletionMonthCount.MonthOf(new DateOnly(2024, 11, 5)), 1);
        Assert.True(earlier.IsCompletedBy(new DateOnly(2026, 4, 1)));

        var open = new CompletionMonthCount(2026, "sec", 1, CompletionMonthCount.NotCompleted, 5);
        Assert.False(open.IsCompletedBy(new DateOnly(2027, 3, 1)));

        Assert.False(june.Update(3));
        Assert.True(june.Update(4));
        Assert.Throws<ArgumentOutOfRangeException>(() => june.Update(0));
    }
}
