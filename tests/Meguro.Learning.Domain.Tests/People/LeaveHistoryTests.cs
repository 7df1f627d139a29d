using Meguro.Learning.Domain.People;

namespace Meguro.Learning.Domain.Tests.People;

public sealed class LeaveHistoryTests
{
    private static readonly DateOnly AssignedOn = new(2026, 4, 1);
    private static readonly DateOnly Due = new(2026, 5, 1);

    private static DateOnly D(string date) => DateOnly.Parse(date);

    private static LeavePeriod Leave(string start, string? end, LeaveKind kind = LeaveKind.LeaveOfAbsence) =>
        new(kind, D(start), end is null ? null : D(end));

    public static TheoryData<string, LeavePeriod[], string, string> Shifts => new()
    {
        // Assigned 2026-04-01, due 2026-05-01 (30 days), today, leave → moved due date.
        { "no leave", [], "2026-04-01", "2026-05-01" },
        { "10 days inside the window", [Leave("2026-04-10", "2026-04-19")], "2026-04-01", "2026-05-11" },
        { "leave ending on the assignment day counts that one day", [Leave("2026-03-01", "2026-04-01")], "2026-04-01", "2026-05-02" },
        { "leave that began before the assignment counts from the assignment", [Leave("2026-03-01", "2026-04-10")], "2026-04-01", "2026-05-11" },
        { "leave ending the day before the assignment counts nothing", [Leave("2026-03-01", "2026-03-31")], "2026-04-01", "2026-05-01" },
        { "leave after the due date counts nothing", [Leave("2026-05-02", "2026-06-30")], "2026-04-01", "2026-05-01" },
        { "leave starting on the due date moves it past the whole leave", [Leave("2026-05-01", "2026-05-10")], "2026-04-01", "2026-05-11" },
        { "a second leave inside the extended window counts too", [Leave("2026-04-10", "2026-04-19"), Leave("2026-05-05", "2026-05-08")], "2026-04-01", "2026-05-15" },
        { "overlapping 産休 and 育休 count each day once",
            [Leave("2026-04-10", "2026-04-19", LeaveKind.MaternityLeave), Leave("2026-04-15", "2026-04-24", LeaveKind.ChildcareLeave)], "2026-04-01", "2026-05-16" },
        { "open-ended leave counts up to today", [Leave("2026-04-10", null)], "2026-04-20", "2026-05-12" },
        { "open-ended leave a few days later has moved it further", [Leave("2026-04-10", null)], "2026-04-25", "2026-05-17" },
        { "open-ended leave not yet started counts nothing", [Leave("2026-04-25", null)], "2026-04-20", "2026-05-01" },
        { "open-ended leave that began after the due date counts nothing", [Leave("2026-05-10", null)], "2026-06-01", "2026-05-01" },
    };

    [Theory]
    [MemberData(nameof(Shifts))]
    public void Leave_moves_the_due_date_by_the_leave_days_before_it(string because, LeavePeriod[] periods, string today, string expected)
    {
        var shifted = new LeaveHistory(periods).ShiftDueDate(AssignedOn, Due, D(today));

        Assert.True(D(expected) == shifted, $"{because}: expected {expected}, got {shifted:yyyy-MM-dd}");
    }

    [Fact]
    public void The_moved_due_date_leaves_as_many_days_off_leave_as_the_original_window()
    {
        var history = new LeaveHistory([Leave("2026-04-03", "2026-04-07"), Leave("2026-04-20", "2026-05-03"), Leave("2026-05-06", "2026-05-06")]);

        var shifted = history.ShiftDueDate(AssignedOn, Due, AssignedOn);

        var available = Enumerable.Range(0, shifted.DayNumber - AssignedOn.DayNumber + 1)
            .Count(i => !history.IsOnLeave(AssignedOn.AddDays(i)));
        Assert.Equal(Due.DayNumber - AssignedOn.DayNumber + 1, available);
        Assert.False(history.IsOnLeave(shifted));
    }

    [Theory]
    [InlineData("2026-04-09", false)]
    [InlineData("2026-04-10", true)]
    [InlineData("2026-04-19", true)]
    [InlineData("2026-04-20", false)]
    [InlineData("2026-06-01", true)]
    [InlineData("2030-01-01", true)]
    public void On_leave_from_the_first_to_the_last_day_and_indefinitely_while_no_end_is_known(string day, bool onLeave)
    {
        var history = new LeaveHistory([Leave("2026-04-10", "2026-04-19", LeaveKind.MaternityLeave), Leave("2026-06-01", null, LeaveKind.ChildcareLeave)]);

        Assert.Equal(onLeave, history.IsOnLeave(D(day)));
    }

    [Fact]
    public void A_leave_cannot_end_before_it_starts()
    {
        var error = Assert.Throws<DomainException>(() => Leave("2026-04-10", "2026-04-09", LeaveKind.ChildcareLeave));

        Assert.Contains("育休", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("休職", LeaveKind.LeaveOfAbsence)]
    [InlineData("産休", LeaveKind.MaternityLeave)]
    [InlineData("育児休業", LeaveKind.ChildcareLeave)]
    public void Leave_kinds_have_Japanese_names(string name, LeaveKind kind)
    {
        Assert.True(LeaveKindNames.TryParseJapanese(name, out var parsed));
        Assert.Equal(kind, parsed);
        Assert.True(LeaveKindNames.TryParseJapanese(kind.ToJapanese(), out _));
    }
}
