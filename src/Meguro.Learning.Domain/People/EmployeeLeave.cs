namespace Meguro.Learning.Domain.People;

/// <summary>Who recorded a leave.</summary>
public enum LeaveSource
{
    HR = 1,
    Roster = 2,
}

/// <summary>
/// A stored leave (休職・産休・育休) of one employee. During it the person gets no reminders, and
/// due dates move by its length (<see cref="LeaveHistory"/>). Ended by HR with <see cref="EndOn"/>, or by a
/// roster import with <see cref="ChangeEnd"/> (which only touches leaves whose <see cref="Source"/> is the roster).
/// </summary>
public class EmployeeLeave
{
    private EmployeeLeave() { }

    public EmployeeLeave(int employeeId, LeavePeriod period, LeaveSource source, string by, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(period);
        ArgumentException.ThrowIfNullOrWhiteSpace(by);
        EmployeeId = employeeId;
        Kind = period.Kind;
        Start = period.Start;
        End = period.End;
        Source = source;
        RecordedBy = by;
        RecordedAtUtc = DateTime.SpecifyKind(nowUtc, DateTimeKind.Utc);
    }

    public int Id { get; private set; }
    public int EmployeeId { get; private set; }
    public LeaveKind Kind { get; private set; }
    public DateOnly Start { get; private set; }
    public DateOnly? End { get; private set; }
    public LeaveSource Source { get; private set; }
    public string RecordedBy { get; private set; } = "";
    public DateTime RecordedAtUtc { get; private set; }

    public LeavePeriod Period => new(Kind, Start, End);

    /// <summary>復職: the last day of leave.</summary>
    public void EndOn(DateOnly lastDay) => ChangeEnd(lastDay);

    /// <summary>
    /// Sets the last day of leave, or makes it open again (null: the return date is not known),
    /// as a later roster states it. Returns false when the end was already that.
    /// </summary>
    public bool ChangeEnd(DateOnly? lastDay)
    {
        // Validates the order of the dates with the same message as a new period.
        _ = new LeavePeriod(Kind, Start, lastDay);
        if (End == lastDay)
        {
            return false;
        }
        End = lastDay;
        return true;
    }
}
