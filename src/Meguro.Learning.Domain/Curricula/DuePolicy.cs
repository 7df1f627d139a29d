using Meguro.Learning.Domain.People;

namespace Meguro.Learning.Domain.Curricula;

/// <summary>
/// When a course assigned by a curriculum must be finished: a number of days after the assignment,
/// or a fixed day of the year such as the fiscal-year end (3/31).
/// </summary>
public abstract record DuePolicy
{
    private protected DuePolicy() { }

    public static DuePolicy DaysAfterAssignment(int days) => new DaysAfterAssignmentPolicy(days);

    /// <summary>The first <paramref name="month"/>/<paramref name="day"/> on or after the assignment; 3/31 is the end of the fiscal year the assignment falls in.</summary>
    public static DuePolicy FixedDate(int month, int day) => new FixedDatePolicy(month, day);

    public static DuePolicy FiscalYearEnd => FixedDate(3, 31);

    /// <summary>The due date by the policy alone, before leave and appointment end are taken into account.</summary>
    public abstract DateOnly DueDate(DateOnly assignedOn);

    /// <summary>
    /// The due date for one person: the policy's date, moved later by their leave
    /// (<see cref="LeaveHistory.ShiftDueDate"/>), then for 会計年度任用職員 brought forward to the end of
    /// their appointment if it would fall after it — the cap comes last because an appointment that ends
    /// cannot be extended by leave. It is never before <paramref name="assignedOn"/>, even for an
    /// appointment that has already ended (the assignment job should not assign such a person at all).
    /// </summary>
    /// <param name="today">The JST date of the computation; only open-ended leave depends on it.</param>
    public DateOnly DueDateFor(DateOnly assignedOn, EmployeeFacts employee, LeaveHistory leave, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(employee);
        ArgumentNullException.ThrowIfNull(leave);
        var due = leave.ShiftDueDate(assignedOn, DueDate(assignedOn), today);
        if (employee.EmploymentType == EmploymentType.FiscalYearAppointed
            && employee.AppointmentEndDate is { } end && end < due)
        {
            due = end < assignedOn ? assignedOn : end;
        }
        return due;
    }

    public sealed record DaysAfterAssignmentPolicy : DuePolicy
    {
        public DaysAfterAssignmentPolicy(int days)
        {
            if (days < 1)
            {
                throw new DomainException("期限の日数（daysAfterAssignment）は1以上にしてください。");
            }
            Days = days;
        }

        public int Days { get; }

        public override DateOnly DueDate(DateOnly assignedOn) => assignedOn.AddDays(Days);

        public override string ToString() => $"割当から{Days}日後";
    }

    public sealed record FixedDatePolicy : DuePolicy
    {
        public FixedDatePolicy(int month, int day)
        {
            // A non-leap year, so that 2/29 (a date that does not exist every year) is refused.
            if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(2001, month))
            {
                throw new DomainException($"期限の日付 {month:00}-{day:00} は毎年ある日付ではありません。");
            }
            Month = month;
            Day = day;
        }

        public int Month { get; }

        public int Day { get; }

        public override DateOnly DueDate(DateOnly assignedOn)
        {
            var thisYear = new DateOnly(assignedOn.Year, Month, Day);
            return thisYear >= assignedOn ? thisYear : thisYear.AddYears(1);
        }

        public override string ToString() => $"{Month}月{Day}日";
    }
}
