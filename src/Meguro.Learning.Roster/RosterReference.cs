using Meguro.Learning.Domain.Organization;
using Meguro.Learning.Domain.People;

namespace Meguro.Learning.Roster;

/// <summary>
/// What a roster row's 所属コード and 職層 are checked against: the organisation and the job levels
/// as they are in the database. Held in dictionaries so a 100,000-row file costs no query per row.
/// </summary>
public sealed class RosterReference
{
    private readonly Dictionary<string, OrgUnit> _orgUnits;
    private readonly Dictionary<string, JobLevel> _jobLevelsByName;
    private readonly Dictionary<string, JobLevel> _jobLevelsByCode;

    public RosterReference(IEnumerable<OrgUnit> orgUnits, IEnumerable<JobLevel> jobLevels)
    {
        _orgUnits = orgUnits.ToDictionary(u => u.Code, StringComparer.Ordinal);
        var levels = jobLevels.OrderBy(l => l.Rank).ToList();
        JobLevels = levels;
        _jobLevelsByName = levels.ToDictionary(l => l.Name, StringComparer.Ordinal);
        // Codes are ASCII identifiers (kacho-hosa); HR systems differ in how they case them.
        _jobLevelsByCode = levels.ToDictionary(l => l.Code, StringComparer.OrdinalIgnoreCase);
    }

    public IReadOnlyCollection<OrgUnit> OrgUnits => _orgUnits.Values;

    /// <summary>In rank order, 係員 first.</summary>
    public IReadOnlyList<JobLevel> JobLevels { get; }

    public OrgUnit? FindOrgUnit(string code) => _orgUnits.GetValueOrDefault(code);

    /// <summary>A 職層 as the roster names it: its name (主任) or its code (shunin).</summary>
    public JobLevel? FindJobLevel(string nameOrCode) =>
        _jobLevelsByName.GetValueOrDefault(nameOrCode) ?? _jobLevelsByCode.GetValueOrDefault(nameOrCode);
}
