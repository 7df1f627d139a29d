namespace Meguro.Learning.Domain.Reporting;

/// <summary>
/// The <see cref="ProgressSummary"/> rows of the people placed directly in one unit, added up per
/// curriculum and fiscal year. A subtree (課 with its 係, 部 with its 課) is the sum of its units'
/// rows, so a manager's overview reads a few dozen rows whatever the size of the unit.
/// </summary>
public class OrgUnitProgressSummary
{
    private OrgUnitProgressSummary() { }

    public OrgUnitProgressSummary(int orgUnitId, string curriculumCode, int fiscalYear, int employeeCount, int completeEmployeeCount, int requiredCount, int completedCount)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(curriculumCode);
        OrgUnitId = orgUnitId;
        CurriculumCode = curriculumCode;
        FiscalYear = fiscalYear;
        EmployeeCount = employeeCount;
        CompleteEmployeeCount = completeEmployeeCount;
        RequiredCount = requiredCount;
        CompletedCount = completedCount;
    }

    public long Id { get; private set; }
    public int OrgUnitId { get; private set; }
    public string CurriculumCode { get; private set; } = "";
    public int FiscalYear { get; private set; }

    /// <summary>People with at least one required course of the curriculum in the year.</summary>
    public int EmployeeCount { get; private set; }

    /// <summary>Of those, people who completed all of them.</summary>
    public int CompleteEmployeeCount { get; private set; }

    public int RequiredCount { get; private set; }
    public int CompletedCount { get; private set; }

    public void Update(int employeeCount, int completeEmployeeCount, int requiredCount, int completedCount)
    {
        EmployeeCount = employeeCount;
        CompleteEmployeeCount = completeEmployeeCount;
        RequiredCount = requiredCount;
        CompletedCount = completedCount;
    }
}
