namespace Meguro.Learning.Domain.People;

/// <summary>
/// A person's leave periods (休職・産休・育休) and the two rules that depend on them: nobody is
/// reminded while on leave, and a due date moves later by the leave taken before it.
/// Overlapping periods (産休 running into 育休) count each day once.
/// </summary>
public sealed class LeaveHistory
{
    public static readonly LeaveHistory None = new([]);

    public LeaveHistory(IEnumerable<LeavePeriod> periods)
    {
        ArgumentNullException.ThrowIfNull(periods);
        Periods = [.. periods.OrderBy(p => p.Start)];
    }

    public IReadOnlyList<LeavePeriod> Periods { get; }

    /// <summary>True when <paramref name="day"/> lies in any leave period (an open-ended leave includes every day from its start).</summary>
    public bool IsOnLeave(DateOnly day) => Periods.Any(p => p.Includes(day));

    /// <summary>
    /// Moves <paramref name="dueDate"/> later by the leave days that overlap [<paramref name="assignedOn"/>, due],
    /// where "due" is the moved date itself: the result is the day on which the learner has had as many
    /// days off leave as the unmoved window [assignedOn, dueDate] gave them. So the result never falls on
    /// a leave day, and a second leave that starts inside the extended window moves it further too.
    /// <list type="bullet">
    /// <item>Leave before <paramref name="assignedOn"/> does not count; a leave that started earlier
    /// counts from <paramref name="assignedOn"/> (the clock starts when the person comes back).</item>
    /// <item>Leave after the (moved) due date does not count: a person already overdue stays overdue.</item>
    /// <item>An open-ended leave (no end date: still on leave) counts only up to <paramref name="today"/>,
    /// because how long it lasts is not known yet; recomputing each day moves the date one day per day of
    /// leave, and the date is final once HR records the return. An open-ended leave starting after
    /// <paramref name="today"/> counts nothing yet.</item>
    /// </list>
    /// </summary>
    public DateOnly ShiftDueDate(DateOnly assignedOn, DateOnly dueDate, DateOnly today)
    {
        if (dueDate < assignedOn)
        {
            throw new ArgumentOutOfRangeException(nameof(dueDate), "期限が割当日より前です。");
        }
        var known = KnownLeave(today);
        var shifted = dueDate;
        while (true)
        {
            var next = dueDate.AddDays(DaysInside(known, assignedOn, shifted));
            if (next == shifted)
            {
                return shifted;
            }
            shifted = next;
        }
    }

    /// <summary>The leave known on <paramref name="today"/>, merged into disjoint, sorted, closed ranges.</summary>
    private List<(DateOnly Start, DateOnly End)> KnownLeave(DateOnly today)
    {
        var merged = new List<(DateOnly Start, DateOnly End)>();
        foreach (var period in Periods)
        {
            var end = period.End ?? today;
            if (end < period.Start)
            {
                continue;
            }
            if (merged.Count > 0 && period.Start <= merged[^1].End.AddDays(1))
            {
                if (end > merged[^1].End)
                {
                    merged[^1] = (merged[^1].Start, end);
                }
            }
            else
            {
                merged.Add((period.Start, end));
            }
        }
        return merged;
    }

    private static int DaysInside(List<(DateOnly Start, DateOnly End)> ranges, DateOnly from, DateOnly to)
    {
        var days = 0;
        foreach (var (start, end) in ranges)
        {
            var first = start > from ? start : from;
            var last = end < to ? end : to;
            if (first <= last)
            {
                days += last.DayNumber - first.DayNumber + 1;
            }
        }
        return days;
    }
}
