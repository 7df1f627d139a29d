namespace Meguro.Learning.Domain.Reporting;

/// <summary>
/// How many person × curriculum rows (<see cref="ProgressSummary"/>) of one unit and fiscal year were
/// completed in a given month — or are not completed — for the city report's trend (月末時点の修了率).
/// The trend at a month end is the rows completed in that month or earlier, over all rows of the year,
/// so a dozen counts per unit and curriculum answer it instead of the year's 400,000 rows.
/// <para>
/// The trend over all curricula counts person × curriculum rows too (not people), so it is the sum of
/// the curricula's counts and has no rows of its own. A completion can fall before the fiscal year (a
/// one-off course done in an earlier year counts as done in every later year); its month is kept as
/// it is, and such a row counts at every month end of the year.
/// </para>
/// </summary>
public class CompletionMonthCount
{
    /// <summary>The <see cref="CompletedMonth"/> of the rows not completed.</summary>
    public const int NotCompleted = 0;

    private CompletionMonthCount() { }

    public CompletionMonthCount(int fiscalYear, string curriculumCode, int orgUnitId, int completedMonth, int rows)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(curriculumCode);
        FiscalYear = fiscalYear;
        CurriculumCode = curriculumCode;
        OrgUnitId = orgUnitId;
        CompletedMonth = completedMonth;
        Update(rows);
    }

    public long Id { get; private set; }
    public int FiscalYear { get; private set; }
    public string CurriculumCode { get; private set; } = "";
    public int OrgUnitId { get; private set; }

    /// <summary>The month of completion as yyyymm (202506 for June 2025), or <see cref="NotCompleted"/>.</summary>
    public int CompletedMonth { get; private set; }

    /// <summary>Person × curriculum rows of the unit completed in that month (or not completed).</summary>
    public int Rows { get; private set; }

    /// <summary>The <see cref="CompletedMonth"/> of a row completed on <paramref name="completedOn"/>.</summary>
    public static int MonthOf(DateOnly? completedOn) => completedOn is { } day ? (day.Year * 100) + day.Month : NotCompleted;

    /// <summary>
    /// True when these rows count as completed at the end of the month <paramref name="month"/> falls in:
    /// completed in that month or before (a day on or before the month end is a month on or before it).
    /// </summary>
    public bool IsCompletedBy(DateOnly month) => IsCompletedBy(CompletedMonth, month);

    /// <inheritdoc cref="IsCompletedBy(DateOnly)"/>
    public static bool IsCompletedBy(int completedMonth, DateOnly month) => completedMonth != NotCompleted && completedMonth <= MonthOf(month);

    /// <returns>True when the count changed.</returns>
    public bool Update(int rows)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rows);
        if (Rows == rows)
        {
            return false;
        }
        Rows = rows;
        return true;
    }
}
