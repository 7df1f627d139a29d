using Meguro.Learning.Domain.People;

namespace Meguro.Learning.Domain.Reporting;

/// <summary>
/// The <see cref="ProgressSummary"/> rows of one fiscal year added up per curriculum, unit, job level
/// and employment type — the cells the city report (全庁レポート) adds into its 部, 課, job level and
/// employment type tables. Reading these few thousand rows instead of the year's person × curriculum
/// rows (400,000 for 100,000 staff) keeps the report fast whatever the size of the city.
/// <para>
/// The row with <see cref="CurriculumCode"/> <see cref="AllCurricula"/> is the view over all curricula
/// together, where a person counts once: it cannot be added up from the per-curriculum rows, because a
/// person with two curricula would count twice. Like the summaries, the rows are derived and are
/// recomputed per unit and year by <c>ReportSummaries</c>, never edited by hand.
/// </para>
/// </summary>
public class ProgressRollup
{
    /// <summary>The curriculum code of the rows over all curricula together.</summary>
    public const string AllCurricula = "";

    private ProgressRollup() { }

    public ProgressRollup(int fiscalYear, string curriculumCode, int orgUnitId, int jobLevelId, EmploymentType employmentType,
        int people, int complete, int required, int completed)
    {
        ArgumentNullException.ThrowIfNull(curriculumCode);
        FiscalYear = fiscalYear;
        CurriculumCode = curriculumCode;
        OrgUnitId = orgUnitId;
        JobLevelId = jobLevelId;
        EmploymentType = employmentType;
        Update(people, complete, required, completed);
    }

    public long Id { get; private set; }
    public int FiscalYear { get; private set; }

    /// <summary>The curriculum, or <see cref="AllCurricula"/> for all of them together.</summary>
    public string CurriculumCode { get; private set; } = "";

    public int OrgUnitId { get; private set; }
    public int JobLevelId { get; private set; }
    public EmploymentType EmploymentType { get; private set; }

    /// <summary>People with at least one required course (of the curriculum, or of any curriculum).</summary>
    public int People { get; private set; }

    /// <summary>Of those, people with nothing required left open (of the curriculum, or of any curriculum).</summary>
    public int Complete { get; private set; }

    /// <summary>Required courses of those people.</summary>
    public int Required { get; private set; }

    /// <summary>Of those, completed.</summary>
    public int Completed { get; private set; }

    public bool IsAllCurricula => CurriculumCode == AllCurricula;

    /// <summary>
    /// Over all curricula a person is complete only when no curriculum of theirs is open, so the
    /// complete people are the people less those with any open row (not the sum of the curricula's).
    /// </summary>
    public static int CompleteOverAllCurricula(int people, int peopleWithAnyOpen) => people - peopleWithAnyOpen;

    /// <summary>Takes freshly counted figures.</summary>
    /// <returns>True when anything changed (unchanged rows are not written).</returns>
    public bool Update(int people, int complete, int required, int completed)
    {
        if (people <= 0 || complete < 0 || complete > people || required < people || completed < 0 || completed > required)
        {
            // Every person counted has at least one required course; a row of nobody is removed, not kept at zero.
            throw new ArgumentException($"Inconsistent figures: {people} people, {complete} complete, {completed} of {required} courses.");
        }
        if ((People, Complete, Required, Completed) == (people, complete, required, completed))
        {
            return false;
        }
        (People, Complete, Required, Completed) = (people, complete, required, completed);
        return true;
    }
}
