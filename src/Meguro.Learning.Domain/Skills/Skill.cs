namespace Meguro.Learning.Domain.Skills;

/// <summary>
/// One skill of a framework (e.g. "dssl.care.security"). Courses grant skills and employees'
/// skills records cite them by code, so a skill that leaves the framework file is deactivated,
/// never deleted: the evidence that refers to it must stay readable.
/// </summary>
public class Skill
{
    private Skill() { }

    public Skill(string code, string name, string description, SkillCategory category, int sortOrder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(code);
        Code = code.Trim();
        IsActive = true;
        Update(name, description, category, sortOrder);
    }

    public int Id { get; private set; }
    public string Code { get; private set; } = "";
    public string Name { get; private set; } = "";
    public string Description { get; private set; } = "";
    public int CategoryId { get; private set; }
    public SkillCategory Category { get; private set; } = null!;
    public int SortOrder { get; private set; }
    public bool IsActive { get; private set; }

    /// <summary>Applies the file's definition (and reactivates the skill); returns whether anything changed.</summary>
    public bool Update(string name, string description, SkillCategory category, int sortOrder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(category);
        var changed = Name != name.Trim() || Description != description.Trim() || CategoryId != category.Id
            || (category.Id == 0 && !ReferenceEquals(Category, category))
            || SortOrder != sortOrder || !IsActive;
        Name = name.Trim();
        Description = description.Trim();
        Category = category;
        CategoryId = category.Id;
        SortOrder = sortOrder;
        IsActive = true;
        return changed;
    }

    public bool Deactivate()
    {
        if (!IsActive)
        {
            return false;
        }
        IsActive = false;
        return true;
    }
}
