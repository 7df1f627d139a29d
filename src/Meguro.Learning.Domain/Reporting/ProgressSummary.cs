using Meguro.Learning.Domain.Learning;
using Meguro.Learning.Domain.People;

namespace Meguro.Learning.Domain.Reporting;

/// <summary>What the summary needs to know about one curriculum enrollment.</summary>
public sealed record SummaryEnrollment(
    string CurriculumCode, int Cycle, EnrollmentStatus Status, DateTime AssignedAtUtc, DateTime? CompletedAtUtc, DateOnly? DueDate);

/// <summary>Who the summary rows are about: their unit, job level and employment type as they are now.</summary>
public sealed record SummaryEmployee(int EmployeeId, int OrgUnitId, int JobLevelId, EmploymentType EmploymentType);

/// <summary>
/// Derived data for reports: one row per employee × curriculum × fiscal year with the required
/// courses assigned, how many were completed by the end of that year, the earliest open due date
/// and the day everything was done. Reports read these rows (and <see cref="OrgUnitProgressSummary"/>)
/// instead of scanning enrollments, so a city-wide report costs one indexed aggregate.
/// <para>
/// The rows are never the truth: they are recomputed for an employee whenever their enrollments
/// change (<see cref="For"/> is the only way to make them) and a job can rebuild all of them.
/// </para>
/// </summary>
public class ProgressSummary
{
    private ProgressSummary() { }

    public long Id { get; private set; }
    public int EmployeeId { get; private set; }
    public string CurriculumCode { get; private set; } = "";
    public int FiscalYear { get; private set; }
    public int OrgUnitId { get; private set; }
    public int JobLevelId { get; private set; }
    public EmploymentType EmploymentType { get; private set; }

    /// <summary>Required courses of the curriculum the person has in this fiscal year (対象外 and 免除 not counted).</summary>
    public int RequiredCount { get; private set; }

    /// <summary>Of those, completed by the end of the fiscal year (or by now, for the current one).</summary>
    public int CompletedCount { get; private set; }

    /// <summary>The earliest due date among the courses still open; past it, the person is overdue.</summary>
    public DateOnly? EarliestOpenDueDate { get; private set; }

    /// <summary>The JST day the last required course was completed, when all are; null while any is open.</summary>
    public DateOnly? CompletedOn { get; private set; }

    public bool IsComplete => RequiredCount > 0 && CompletedCount == RequiredCount;

    public bool IsOverdueOn(DateOnly day) => EarliestOpenDueDate is { } due && due < day;

    /// <summary>
    /// The rows for one person. A yearly course counts in the fiscal year it is for (its cycle); a
    /// one-off course counts in every fiscal year from the one it was assigned in up to
    /// <paramref name="currentFiscalYear"/>, as completed in the years that end after it was
    /// completed — so last year's report stays as it was, and this year's knows the person has it.
    /// </summary>
    public static IReadOnlyList<ProgressSummary> For(SummaryEmployee employee, IEnumerable<SummaryEnrollment> enrollments, int currentFiscalYear)
    {
        ArgumentNullException.ThrowIfNull(employee);
        ArgumentNullException.ThrowIfNull(enrollments);
        var rows = new Dictionary<(string Code, int Year), ProgressSummary>();
        foreach (var enrollment in enrollments)
        {
            if (enrollment.Status is not (EnrollmentStatus.Active or EnrollmentStatus.Completed))
            {
                continue;
            }
            var completedOn = enrollment.Status == EnrollmentStatus.Completed && enrollment.CompletedAtUtc is { } at
                ? DateOnly.FromDateTime(Jst.FromUtc(at))
                : (DateOnly?)null;
            var firstYear = enrollment.Cycle > 0 ? enrollment.Cycle : Jst.FiscalYear(DateOnly.FromDateTime(Jst.FromUtc(enrollment.AssignedAtUtc)));
            var lastYear = enrollment.Cycle > 0 ? enrollment.Cycle : Math.Max(firstYear, currentFiscalYear);
            for (var year = firstYear; year <= lastYear; year++)
            {
                if (!rows.TryGetValue((enrollment.CurriculumCode, year), out var row))
                {
                    rows[(enrollment.CurriculumCode, year)] = row = new ProgressSummary
                    {
                        EmployeeId = employee.EmployeeId,
                        CurriculumCode = enrollment.CurriculumCode,
                        FiscalYear = year,
                        OrgUnitId = employee.OrgUnitId,
                        JobLevelId = employee.JobLevelId,
                        EmploymentType = employee.EmploymentType,
                    };
                }
                row.Count(completedOn is { } done && done <= Jst.FiscalYearEnd(year) ? completedOn : null, enrollment.DueDate);
            }
        }
        return [.. rows.Values.OrderBy(r => r.CurriculumCode, StringComparer.Ordinal).ThenBy(r => r.FiscalYear)];
    }

    private DateOnly? _lastCompletion;

    private void Count(DateOnly? completedOn, DateOnly? dueDate)
    {
        RequiredCount++;
        if (completedOn is { } done)
        {
            CompletedCount++;
            _lastCompletion = _lastCompletion is { } last && last > done ? last : done;
        }
        else if (dueDate is { } due && (EarliestOpenDueDate is not { } earliest || due < earliest))
        {
            EarliestOpenDueDate = due;
        }
        CompletedOn = CompletedCount == RequiredCount ? _lastCompletion : null;
    }

    /// <summary>Takes the figures of a freshly computed row for the same employee, curriculum and year.</summary>
    /// <returns>True when anything changed.</returns>
    public bool CopyFiguresFrom(ProgressSummary computed)
    {
        ArgumentNullException.ThrowIfNull(computed);
        if (computed.EmployeeId != EmployeeId || computed.CurriculumCode != CurriculumCode || computed.FiscalYear != FiscalYear)
        {
            throw new InvalidOperationException("Figures can only be copied from the row with the same key.");
        }
        if (SameFiguresAs(computed))
        {
            return false;
        }
        OrgUnitId = computed.OrgUnitId;
        JobLevelId = computed.JobLevelId;
        EmploymentType = computed.EmploymentType;
        RequiredCount = computed.RequiredCount;
        CompletedCount = computed.CompletedCount;
        EarliestOpenDueDate = computed.EarliestOpenDueDate;
        CompletedOn = computed.CompletedOn;
        return true;
    }

    /// <summary>True when the two rows say the same (used to skip writing unchanged rows).</summary>
    public bool SameFiguresAs(ProgressSummary other) =>
        other is not null && EmployeeId == other.EmployeeId && CurriculumCode == other.CurriculumCode && FiscalYear == other.FiscalYear
        && OrgUnitId == other.OrgUnitId && JobLevelId == other.JobLevelId && EmploymentType == other.EmploymentType
        && RequiredCount == other.RequiredCount && CompletedCount == other.CompletedCount
        && EarliestOpenDueDate == other.EarliestOpenDueDate && CompletedOn == other.CompletedOn;
}
