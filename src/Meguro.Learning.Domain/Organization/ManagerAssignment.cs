using Meguro.Learning.Domain.People;

namespace Meguro.Learning.Domain.Organization;

/// <summary>
/// 所属長: an employee who manages an OrgUnit and so may see that unit's whole subtree.
/// One person can head several units (兼務).
/// </summary>
public class ManagerAssignment
{
    private ManagerAssignment() { }

    public ManagerAssignment(Employee employee, OrgUnit orgUnit)
    {
        Employee = employee;
        EmployeeId = employee.Id;
        OrgUnit = orgUnit;
        OrgUnitId = orgUnit.Id;
    }

    public int Id { get; private set; }
    public int EmployeeId { get; private set; }
    public Employee Employee { get; private set; } = null!;
    public int OrgUnitId { get; private set; }
    public OrgUnit OrgUnit { get; private set; } = null!;
}
