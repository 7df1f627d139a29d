using Meguro.Learning.Domain;
using Meguro.Learning.Domain.People;

namespace Meguro.Learning.Demo.Tests;

/// <summary>The demo's finished courses: deterministic, a realistic share, on working days of this fiscal year up to today.</summary>
public sealed class DemoProgressTests
{
    private static readonly DateOnly Today = new(2026, 11, 30);

    private static List<DemoProgress.Assigned> Enrollments() =>
        [.. Enumerable.Range(1, 3000).SelectMany(person => Enumerable.Range(0, 3).Select(i =>
            new DemoProgress.Assigned(person * 10 + i, person, person % 5 == 0 ? EmploymentType.FiscalYearAppointed : EmploymentType.Regular)))];

    [Fact]
    public void The_same_enrollments_and_day_give_the_same_plan_whatever_their_order()
    {
        var enrollments = Enrollments();

        var first = DemoProgress.Plan(enrollments, Today);
        var again = DemoProgress.Plan(Enumerable.Reverse(enrollments), Today);
        var otherSeed = DemoProgress.Plan(enrollments, Today, seed: 1);

        Assert.Equal(first, again);
        Assert.NotEqual(first, otherSeed);
    }

    [Fact]
    public void About_two_thirds_are_finished_on_weekdays_in_working_hours_between_the_start_of_the_year_and_today()
    {
        var plan = DemoProgress.Plan(Enrollments(), Today);

        Assert.InRange(plan.Count / 9000.0, 0.55, 0.75);
        var local = plan.Select(c => Jst.FromUtc(c.CompletedAtUtc)).ToList();
        Assert.All(local, t =>
        {
            Assert.InRange(DateOnly.FromDateTime(t), new DateOnly(2026, 4, 1), Today);
            Assert.InRange(t.Hour, 9, 17);
            Assert.NotEqual(DayOfWeek.Saturday, t.DayOfWeek);
            Assert.NotEqual(DayOfWeek.Sunday, t.DayOfWeek);
        });
        // Spread over the year, not bunched: every month from April to November has completions, April the most.
        var perMonth = local.GroupBy(t => t.Month).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal([4, 5, 6, 7, 8, 9, 10, 11], perMonth.Keys.Order());
        Assert.Equal(4, perMonth.MaxBy(p => p.Value).Key);
    }

    [Fact]
    public void On_the_first_day_of_the_year_nothing_is_finished()
    {
        Assert.Empty(DemoProgress.Plan(Enrollments(), new DateOnly(2027, 4, 1)));
    }
}
