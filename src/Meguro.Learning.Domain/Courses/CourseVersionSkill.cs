using Meguro.Learning.Domain.Skills;

namespace Meguro.Learning.Domain.Courses;

/// <summary>A skill a version grants on completion, and at which level (1–4).</summary>
public class CourseVersionSkill
{
    private CourseVersionSkill() { }

    internal CourseVersionSkill(CourseVersion version, Skill skill, int level)
    {
        CourseVersion = version;
        Skill = skill;
        SkillId = skill.Id;
        Level = level;
    }

    public int Id { get; private set; }
    public int CourseVersionId { get; private set; }
    public CourseVersion CourseVersion { get; private set; } = null!;
    public int SkillId { get; private set; }
    public Skill Skill { get; private set; } = null!;
    public int Level { get; private set; }
}
