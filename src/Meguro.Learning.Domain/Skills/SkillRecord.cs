using Meguro.Learning.Domain.Learning;

namespace Meguro.Learning.Domain.Skills;

/// <summary>
/// One piece of evidence in an employee's skills record: 「この試験に合格して、このスキルがこのレベルに
/// 達した」. Append-only — rows are never updated or deleted; the current level is derived from them
/// (<see cref="CurrentLevels"/>), so the record can always be audited back to the attempt, the course
/// version and the score that produced it.
/// </summary>
public class SkillRecord
{
    private SkillRecord() { }

    private SkillRecord(int enrollmentId, int employeeId, int skillId, int level, long? attemptId, int courseVersionId, decimal? scorePercent, DateTime achievedAtUtc, DateOnly? expiresOn)
    {
        EnrollmentId = enrollmentId;
        EmployeeId = employeeId;
        SkillId = skillId;
        Level = level;
        AttemptId = attemptId;
        CourseVersionId = courseVersionId;
        ScorePercent = scorePercent;
        AchievedAtUtc = achievedAtUtc;
        ExpiresOn = expiresOn;
    }

    public long Id { get; private set; }
    public int EmployeeId { get; private set; }

    /// <summary>The enrollment the evidence came from; an enrollment is passed once, so it gives each skill once.</summary>
    public int EnrollmentId { get; private set; }

    public int SkillId { get; private set; }
    public Skill Skill { get; private set; } = null!;
    public int Level { get; private set; }
    public long? AttemptId { get; private set; }
    public int CourseVersionId { get; private set; }
    public decimal? ScorePercent { get; private set; }
    public DateTime AchievedAtUtc { get; private set; }

    /// <summary>Last day the evidence counts; set for yearly courses (the end of the fiscal year it was taken for).</summary>
    public DateOnly? ExpiresOn { get; private set; }

    /// <summary>Evidence from a passed, scored attempt for one skill the course version grants.</summary>
    public static SkillRecord FromPassedAttempt(Attempt attempt, int skillId, int level, DateTime nowUtc, DateOnly? expiresOn)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        if (attempt.Status != AttemptStatus.Scored || attempt.Passed != true)
        {
            throw new DomainException("合格した受験だけがスキルの記録になります。");
        }
        if (!SkillLevel.IsValid(level))
        {
            throw new DomainException($"スキルレベルは{SkillLevel.Min}〜{SkillLevel.Max}で指定してください。");
        }
        return new SkillRecord(attempt.EnrollmentId, attempt.EmployeeId, skillId, level, attempt.Id, attempt.CourseVersionId, attempt.ScorePercent, nowUtc, expiresOn);
    }

    /// <summary>Evidence from completing a course that has no quiz: the lessons are the evidence.</summary>
    public static SkillRecord FromCompletion(Enrollment enrollment, int courseVersionId, int skillId, int level, DateTime nowUtc, DateOnly? expiresOn)
    {
        ArgumentNullException.ThrowIfNull(enrollment);
        if (enrollment.Status != EnrollmentStatus.Completed)
        {
            throw new DomainException("修了したコースだけがスキルの記録になります。");
        }
        if (!SkillLevel.IsValid(level))
        {
            throw new DomainException($"スキルレベルは{SkillLevel.Min}〜{SkillLevel.Max}で指定してください。");
        }
        return new SkillRecord(enrollment.Id, enrollment.EmployeeId, skillId, level, null, courseVersionId, null, nowUtc, expiresOn);
    }

    public bool IsValidOn(DateOnly day) => ExpiresOn is not { } expires || day <= expires;

    /// <summary>The current level per skill: the highest level among the evidence still valid on <paramref name="today"/>.</summary>
    public static IReadOnlyDictionary<int, int> CurrentLevels(IEnumerable<SkillRecord> records, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(records);
        return records.Where(r => r.IsValidOn(today))
            .GroupBy(r => r.SkillId)
            .ToDictionary(g => g.Key, g => g.Max(r => r.Level));
    }
}
