using Meguro.Learning.Domain.People;

namespace Meguro.Learning.Domain.Tests.People;

public sealed class EmployeeTests
{
    [Fact]
    public void A_fixed_term_employee_needs_an_appointment_end_date()
    {
        var team = A.Team(A.Section(A.Department()));

        var error = Assert.Throws<DomainException>(() => new Employee(A.Profile(team, type: EmploymentType.FiscalYearAppointed)));

        Assert.Contains("任用期間終了日", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Updating_from_the_roster_reports_exactly_what_changed()
    {
        var section = A.Section(A.Department());
        var from = A.Team(section);
        var to = A.Team(section, "B01-K01-T02", "企画係");
        var employee = new Employee(A.Profile(from));

        var changes = employee.UpdateFromRoster(A.Profile(to, level: A.Shunin));
        var again = employee.UpdateFromRoster(A.Profile(to, level: A.Shunin));

        Assert.Equal(EmployeeChanges.OrgUnit | EmployeeChanges.JobLevel, changes);
        Assert.Equal(EmployeeChanges.None, again);
        Assert.Same(to, employee.OrgUnit);
        Assert.Equal("主任", employee.JobLevel.Name);
    }

    [Fact]
    public void A_leaver_is_deactivated_once_and_reactivated_when_the_roster_lists_them_again()
    {
        var team = A.Team(A.Section(A.Department()));
        var employee = new Employee(A.Profile(team));
        var now = new DateTime(2026, 11, 30, 0, 0, 0, DateTimeKind.Utc);

        Assert.True(employee.Deactivate(now));
        Assert.False(employee.Deactivate(now.AddDays(1)));
        Assert.Equal(now, employee.DeactivatedAtUtc);
        var changes = employee.UpdateFromRoster(A.Profile(team));

        Assert.Equal(EmployeeChanges.Reactivated, changes);
        Assert.True(employee.IsActive);
        Assert.Null(employee.DeactivatedAtUtc);
    }

    [Fact]
    public void The_employee_number_cannot_change()
    {
        var team = A.Team(A.Section(A.Department()));
        var employee = new Employee(A.Profile(team, "100001"));

        Assert.Throws<DomainException>(() => employee.UpdateFromRoster(A.Profile(team, "100002")));
    }

    [Fact]
    public void An_employee_is_linked_to_one_sign_in_account_only()
    {
        var employee = A.Employee(A.Team(A.Section(A.Department())));

        employee.LinkAccount("user-1");
        employee.LinkAccount("user-1");

        Assert.Throws<DomainException>(() => employee.LinkAccount("user-2"));
        Assert.Equal("user-1", employee.UserId);
    }

    [Theory]
    [InlineData("正規", EmploymentType.Regular)]
    [InlineData("会計年度任用職員", EmploymentType.FiscalYearAppointed)]
    [InlineData(" 再任用 ", EmploymentType.Reappointed)]
    public void Employment_types_are_read_from_their_Japanese_names(string text, EmploymentType expected)
    {
        Assert.True(EmploymentTypeNames.TryParseJapanese(text, out var type));
        Assert.Equal(expected, type);
        Assert.False(EmploymentTypeNames.TryParseJapanese("臨時", out _));
    }

    [Fact]
    public void Job_levels_compare_by_rank()
    {
        Assert.True(A.Kacho.IsAtLeast(A.Shunin));
        Assert.False(A.Kakariin.IsAtLeast(A.Shunin));
    }
}
