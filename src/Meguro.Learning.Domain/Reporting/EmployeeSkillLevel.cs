using Meguro.Learning.Domain.Skills;

namespace Meguro.Learning.Domain.Reporting;

/// <summary>
/// An employee's current level in one skill, derived from their <see cref="SkillRecord"/> evidence
/// (<see cref="SkillRecord.CurrentLevels"/>) so the skill matrix and the city report need not
/// replay the evidence. Recomputed when evidence is added, and nightly because evidence expires.
/// </summary>
public class EmployeeSkillLevel
{
    private EmployeeSkillLevel() { }

    public EmployeeSkillLevel(int employeeId, int skillId, int level)
    {
        if (!SkillLevel.IsValid(level))
        {
            throw new DomainException($"スキルレベルは{SkillLevel.Min}〜{SkillLevel.Max}で指定してください。");
        }
        EmployeeId = employeeId;
        SkillId = skillId;
        Level = level;
    }

    public long Id { get; private set; }
    public int EmployeeId { get; private set; }
    public int SkillId { get; private set; }
    public int Level { get; private set; }

    /// <returns>True when the level changed.</returns>
    public bool ChangeLevel(int level)
    {
        if (!SkillLevel.IsValid(level))
        {
            throw new DomainException($"スキルレベルは{SkillLevel.Min}〜{SkillLevel.Max}で指定してください。");
        }
        if (Level == level)
        {
            return false;
        }
        Level = level;
        return true;
    }
}
