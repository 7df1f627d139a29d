using Meguro.Learning.Domain.People;

namespace Meguro.Learning.Domain.Curricula;

/// <summary>
/// What curriculum rules look at about one person, flattened so that rules can be evaluated without
/// loading the organisation tree or the job-level table. <see cref="OrgUnitPath"/> is
/// <see cref="Organization.OrgUnit.Path"/> ("/B01/B01-K01/B01-K01-T01/").
/// </summary>
public sealed record EmployeeFacts(
    string JobLevelCode,
    int JobLevelRank,
    EmploymentType EmploymentType,
    string OrgUnitPath,
    DateOnly? HiredOn,
    DateOnly? AppointmentEndDate)
{
    public static EmployeeFacts Of(Employee employee)
    {
        ArgumentNullException.ThrowIfNull(employee);
        return new(employee.JobLevel.Code, employee.JobLevel.Rank, employee.EmploymentType, employee.OrgUnit.Path,
            employee.HiredOn, employee.AppointmentEndDate);
    }

    /// <summary>True when the person works in the unit <paramref name="orgUnitCode"/> or anywhere below it.</summary>
    public bool WorksWithin(string orgUnitCode) =>
        OrgUnitPath.Contains("/" + orgUnitCode + "/", StringComparison.Ordinal);

    /// <summary>
    /// Whole days since the hire date: 0 on the hire date itself, null when the hire date is unknown.
    /// Negative before the person starts.
    /// </summary>
    public int? DaysSinceHired(DateOnly today) => HiredOn is { } hired ? today.DayNumber - hired.DayNumber : null;
}
