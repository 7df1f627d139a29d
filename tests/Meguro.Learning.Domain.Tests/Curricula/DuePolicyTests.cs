using Meguro.Learning.Domain.Curricula;
using Meguro.Learning.Domain.People;

namespace Meguro.Learning.Domain.Tests.Curricula;

public sealed class DuePolicyTests
{
    private static DateOnly D(string date) => DateOnly.Parse(date);

    [Theory]
    [InlineData("2026-04-01", 30, "2026-05-01")]
    [InlineData("2026-12-15", 30, "2027-01-14")]
    [InlineData("2027-02-01", 30, "2027-03-03")]
    public void Days_after_assignment_count_calendar_days(string assignedOn, int days, string due) =>
        Assert.Equal(D(due), DuePolicy.DaysAfterAssignment(days).DueDate(D(assignedOn)));

    [Theory]
    [InlineData("2026-04-01", "2027-03-31")]
    [InlineData("2026-10-15", "2027-03-31")]
    [InlineData("2027-01-04", "2027-03-31")]
    [InlineData("2027-03-31", "2027-03-31")]
    [InlineData("2027-04-01", "2028-03-31")]
    public void The_fiscal_year_end_is_the_end_of_the_fiscal_year_of_the_assignment(string assignedOn, string due)
    {
        Assert.Equal(D(due), DuePolicy.FiscalYearEnd.DueDate(D(assignedOn)));
        Assert.Equal(Jst.FiscalYearEnd(Jst.FiscalYear(D(assignedOn))), DuePolicy.FixedDate(3, 31).DueDate(D(assignedOn)));
    }

    [Theory]
    [InlineData(9, 30, "2026-04-01", "2026-09-30")]
    [InlineData(9, 30, "2026-10-01", "2027-09-30")]
    public void A_fixed_date_is_the_first_such_day_on_or_after_the_assignment(int month, int day, string assignedOn, string due) =>
        Assert.Equal(D(due), DuePolicy.FixedDate(month, day).DueDate(D(assignedOn)));

    [Fact]
    public void Dates_that_do_not_exist_every_year_and_non_positive_day_counts_are_refused()
    {
        Assert.Throws<DomainException>(() => DuePolicy.FixedDate(2, 29));
        Assert.Throws<DomainException>(() => DuePolicy.FixedDate(4, 31));
        Assert.Throws<DomainException>(() => DuePolicy.FixedDate(13, 1));
        Assert.Throws<DomainException>(() => DuePolicy.DaysAfterAssignment(0));
    }

    [Theory]
    // 会計年度任用: the appointment ending before the fiscal-year end brings the due date forward.
    [InlineData(EmploymentType.FiscalYearAppointed, "2026-09-30", "2026-09-30")]
    [InlineData(EmploymentType.FiscalYearAppointed, "2027-03-31", "2027-03-31")]
    [InlineData(EmploymentType.FiscalYearAppointed, "2027-06-30", "2027-03-31")]
    // Only 会計年度任用 are capped.
    [InlineData(EmploymentType.Reappointed, "2026-09-30", "2027-03-31")]
    [InlineData(EmploymentType.Regular, "2026-09-30", "2027-03-31")]
    public void For_fixed_term_staff_the_due_date_never_falls_after_the_end_of_the_appointment(EmploymentType type, string appointmentEnd, string due)
    {
        var facts = A.Facts(type: type, appointmentEnd: D(appointmentEnd));

        Assert.Equal(D(due), DuePolicy.FiscalYearEnd.DueDateFor(D("2026-04-01"), facts, LeaveHistory.None, D("2026-04-01")));
    }

    [Fact]
    public void An_appointment_that_ended_before_the_assignment_gives_the_assignment_day_not_an_earlier_date()
    {
        var facts = A.Facts(type: EmploymentType.FiscalYearAppointed, appointmentEnd: D("2026-03-31"));

        Assert.Equal(D("2026-04-10"), DuePolicy.DaysAfterAssignment(30).DueDateFor(D("2026-04-10"), facts, LeaveHistory.None, D("2026-04-10")));
    }

    [Fact]
    public void The_cap_applies_after_the_leave_shift()
    {
        var facts = A.Facts(type: EmploymentType.FiscalYearAppointed, appointmentEnd: D("2026-05-05"));
        var leave = new LeaveHistory([new LeavePeriod(LeaveKind.LeaveOfAbsence, D("2026-04-10"), D("2026-04-19"))]);

        Assert.Equal(D("2026-05-05"), DuePolicy.DaysAfterAssignment(30).DueDateFor(D("2026-04-01"), facts, leave, D("2026-04-01")));
    }

    [Fact]
    public void Leave_moves_the_due_date_for_a_person()
    {
        var leave = new LeaveHistory([new LeavePeriod(LeaveKind.ChildcareLeave, D("2026-04-10"), D("2026-04-19"))]);

        Assert.Equal(D("2026-05-11"), DuePolicy.DaysAfterAssignment(30).DueDateFor(D("2026-04-01"), A.Facts(), leave, D("2026-04-01")));
    }
}
