using Meguro.Learning.Domain.People;

namespace Meguro.Learning.Domain.Curricula;

/// <summary>
/// Who a curriculum is for. Each condition that is set must hold (AND); a condition that is empty
/// does not restrict. Inside the job-level condition the explicit list and the minimum are
/// alternatives (OR), so "課長補佐, and 課長以上" can be written as <c>jobLevels: [kacho-hosa]</c> plus
/// <c>minJobLevel: kacho</c>.
/// </summary>
public sealed class AssignmentRule
{
    public static readonly AssignmentRule Everyone = new([], null, [], [], null);

    /// <param name="jobLevelCodes">職層 codes that match exactly.</param>
    /// <param name="minJobLevel">The lowest 職層 that matches, with every higher rank ("係長以上").</param>
    /// <param name="employmentTypes">Employment types that match.</param>
    /// <param name="orgUnitCodes">Units whose whole subtree matches.</param>
    /// <param name="hiredWithinDays">New hires only: at most this many days since the hire date.</param>
    public AssignmentRule(
        IEnumerable<string> jobLevelCodes,
        MinimumJobLevel? minJobLevel,
        IEnumerable<EmploymentType> employmentTypes,
        IEnumerable<string> orgUnitCodes,
        int? hiredWithinDays)
    {
        JobLevelCodes = Distinct(jobLevelCodes);
        MinJobLevel = minJobLevel;
        EmploymentTypes = [.. employmentTypes.Distinct()];
        OrgUnitCodes = Distinct(orgUnitCodes);
        if (OrgUnitCodes.Any(c => c.Contains('/', StringComparison.Ordinal)))
        {
            throw new DomainException("所属コードに「/」は使えません。");
        }
        if (hiredWithinDays is < 0)
        {
            throw new DomainException("採用後の日数（hiredWithinDays）は0以上にしてください。");
        }
        HiredWithinDays = hiredWithinDays;
    }

    public IReadOnlyList<string> JobLevelCodes { get; }

    public MinimumJobLevel? MinJobLevel { get; }

    public IReadOnlyList<EmploymentType> EmploymentTypes { get; }

    public IReadOnlyList<string> OrgUnitCodes { get; }

    public int? HiredWithinDays { get; }

    /// <summary>True when the curriculum applies to this person on <paramref name="today"/> (JST date).</summary>
    public bool Matches(EmployeeFacts facts, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(facts);
        return MatchesJobLevel(facts)
            && (EmploymentTypes.Count == 0 || EmploymentTypes.Contains(facts.EmploymentType))
            && (OrgUnitCodes.Count == 0 || OrgUnitCodes.Any(facts.WorksWithin))
            && MatchesTenure(facts, today);
    }

    private bool MatchesJobLevel(EmployeeFacts facts)
    {
        if (JobLevelCodes.Count == 0 && MinJobLevel is null)
        {
            return true;
        }
        return JobLevelCodes.Contains(facts.JobLevelCode, StringComparer.Ordinal)
            || (MinJobLevel is { } min && facts.JobLevelRank >= min.Rank);
    }

    /// <summary>
    /// "Hired within N days": from the hire date (day 0) through day N inclusive. A person without a
    /// recorded hire date is not a new hire, and one who has not started yet does not match either.
    /// </summary>
    private bool MatchesTenure(EmployeeFacts facts, DateOnly today)
    {
        if (HiredWithinDays is not { } limit)
        {
            return true;
        }
        return facts.DaysSinceHired(today) is { } days && days >= 0 && days <= limit;
    }

    private static string[] Distinct(IEnumerable<string> codes) =>
        [.. codes.Select(c => c.Trim()).Where(c => c.Length > 0).Distinct(StringComparer.Ordinal)];
}

/// <summary>
/// The lowest 職層 of a "…以上" rule. The code is kept for display and the rank for comparison:
/// ranks come from <c>content/job-levels.yml</c>, loaded together with the curricula.
/// </summary>
public sealed record MinimumJobLevel(string Code, int Rank);
