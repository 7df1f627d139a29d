using Meguro.Learning.Domain.Skills;

namespace Meguro.Learning.Domain.Reporting;

/// <summary>Where a target's current value came from.</summary>
public enum SkillTargetOrigin
{
    /// <summary><c>content/skills/targets.yml</c>: a changed file updates it.</summary>
    File = 1,
    /// <summary>Set by HR in the browser: the file no longer overrides it.</summary>
    HR = 2,
}

/// <summary>
/// The level HR expects of a job level in a skill (目標レベル): the skill matrix shows each
/// person's current level against the target of their job level, and highlights the gap.
/// Defined in <c>content/skills/targets.yml</c> and editable by HR in the browser.
/// </summary>
public class SkillTarget
{
    private SkillTarget() { }

    public SkillTarget(int jobLevelId, int skillId, int targetLevel, SkillTargetOrigin origin, string by, DateTime nowUtc)
    {
        JobLevelId = jobLevelId;
        SkillId = skillId;
        Change(targetLevel, origin, by, nowUtc);
    }

    public int Id { get; private set; }
    public int JobLevelId { get; private set; }
    public int SkillId { get; private set; }
    public int TargetLevel { get; private set; }
    public SkillTargetOrigin Origin { get; private set; }
    public string UpdatedBy { get; private set; } = "";
    public DateTime UpdatedAtUtc { get; private set; }

    /// <summary>
    /// Sets the target. A value from the file does not replace one HR set in the browser: HR's
    /// decision stands until HR changes it again.
    /// </summary>
    /// <returns>True when the target changed.</returns>
    public bool Change(int targetLevel, SkillTargetOrigin origin, string by, DateTime nowUtc)
    {
        if (!SkillLevel.IsValid(targetLevel))
        {
            throw new DomainException($"目標レベルは{SkillLevel.Min}〜{SkillLevel.Max}で指定してください。");
        }
        ArgumentException.ThrowIfNullOrWhiteSpace(by);
        if (origin == SkillTargetOrigin.File && Origin == SkillTargetOrigin.HR)
        {
            return false;
        }
        if (TargetLevel == targetLevel && Origin == origin)
        {
            return false;
        }
        TargetLevel = targetLevel;
        Origin = origin;
        UpdatedBy = by;
        UpdatedAtUtc = DateTime.SpecifyKind(nowUtc, DateTimeKind.Utc);
        return true;
    }

    /// <summary>How many levels short the person is (0 when they meet or exceed the target).</summary>
    public static int Gap(int? currentLevel, int targetLevel) => Math.Max(0, targetLevel - (currentLevel ?? 0));
}
