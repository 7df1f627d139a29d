using Bogus;
using Meguro.Learning.Domain;
using Meguro.Learning.Domain.People;

namespace Meguro.Learning.Demo;

/// <summary>
/// Which assigned courses the demo staff have finished, and when — so the city report, its monthly
/// trend and the skill figures show plausible numbers on a fresh demo. Deterministic like the roster
/// (Bogus's own seeded <see cref="Randomizer"/>): the same enrollments and day give the same plan.
/// <para>
/// Each person gets a habit: most finish nearly everything early in the year, some finish part of it
/// over the year, a few leave it to the end. 会計年度任用職員 finish a little less. Completion days
/// lie between the start of the fiscal year and today (JST), on weekdays, in working hours.
/// </para>
/// </summary>
public static class DemoProgress
{
    public const int DefaultSeed = DemoRoster.DefaultSeed + 6;

    /// <summary>An open curriculum enrollment as the plan needs it.</summary>
    public sealed record Assigned(int EnrollmentId, int EmployeeId, EmploymentType EmploymentType);

    /// <summary>Complete <see cref="EnrollmentId"/> at <see cref="CompletedAtUtc"/>.</summary>
    public sealed record Completion(int EnrollmentId, int EmployeeId, DateTime CompletedAtUtc);

    private sealed record Habit(double Chance, double Skew);

    // Chance to finish each course, and how early in the year (a higher skew means earlier).
    private static readonly (double Weight, Habit Habit)[] Habits =
    [
        (0.45, new Habit(0.92, 1.6)),
        (0.35, new Habit(0.62, 1.0)),
        (0.20, new Habit(0.18, 0.6)),
    ];

    public static IReadOnlyList<Completion> Plan(IEnumerable<Assigned> enrollments, DateOnly today, int seed = DefaultSeed)
    {
        ArgumentNullException.ThrowIfNull(enrollments);
        var start = Jst.FiscalYearStart(Jst.FiscalYear(today));
        var days = today.DayNumber - start.DayNumber;
        var plan = new List<Completion>();
        if (days < 1)
        {
            // The first day of the year: nobody has had time to finish anything.
            return plan;
        }
        var random = new Randomizer(seed);
        // Ordered, so the plan does not depend on the order the database returned the rows in.
        foreach (var person in enrollments.GroupBy(e => e.EmployeeId).OrderBy(g => g.Key))
        {
            var habit = PickHabit(random.Double());
            foreach (var enrollment in person.OrderBy(e => e.EnrollmentId))
            {
                var chance = habit.Chance * (enrollment.EmploymentType == EmploymentType.FiscalYearAppointed ? 0.85 : 1.0);
                var finishes = random.Double() < chance;
                // Drawn whether or not the course is finished, so one person's outcome never shifts the next person's dates.
                var position = Math.Pow(random.Double(), habit.Skew);
                var minute = random.Int(9 * 60, 17 * 60);
                if (!finishes)
                {
                    continue;
                }
                var day = Weekday(start.AddDays((int)Math.Floor(position * days)), start);
                var local = day.ToDateTime(new TimeOnly(minute / 60, minute % 60));
                plan.Add(new Completion(enrollment.EnrollmentId, enrollment.EmployeeId, TimeZoneInfo.ConvertTimeToUtc(local, Jst.Zone)));
            }
        }
        return plan;
    }

    private static Habit PickHabit(double draw)
    {
        foreach (var (weight, habit) in Habits)
        {
            if (draw < weight)
            {
                return habit;
            }
            draw -= weight;
        }
        return Habits[^1].Habit;
    }

    /// <summary>A Saturday or Sunday moves back to the Friday before (never before the start of the year).</summary>
    private static DateOnly Weekday(DateOnly day, DateOnly start)
    {
        var back = day.DayOfWeek switch { DayOfWeek.Saturday => 1, DayOfWeek.Sunday => 2, _ => 0 };
        var moved = day.AddDays(-back);
        return moved < start ? day : moved;
    }
}
