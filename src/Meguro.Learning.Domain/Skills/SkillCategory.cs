namespace Meguro.Learning.Domain.Skills;

/// <summary>
/// A group of skills inside one framework, e.g. DSS-L「マインド・スタンス」. The code joins framework
/// and category ("dss-l/mind") because category ids are only unique within their framework.
/// </summary>
public class SkillCategory
{
    private SkillCategory() { }

    public SkillCategory(string code, string frameworkCode, string frameworkName, string name, string description, int sortOrder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(code);
        ArgumentException.ThrowIfNullOrWhiteSpace(frameworkCode);
        Code = code.Trim();
        FrameworkCode = frameworkCode.Trim();
        Update(frameworkName, name, description, sortOrder);
    }

    public int Id { get; private set; }
    public string Code { get; private set; } = "";
    public string FrameworkCode { get; private set; } = "";
    public string FrameworkName { get; private set; } = "";
    public string Name { get; private set; } = "";
    public string Description { get; private set; } = "";
    public int SortOrder { get; private set; }

    public static string CodeFor(string frameworkCode, string categoryId) => $"{frameworkCode}/{categoryId}";

    /// <summary>Applies the file's wording; returns whether anything changed.</summary>
    public bool Update(string frameworkName, string name, string description, int sortOrder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(frameworkName);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var changed = FrameworkName != frameworkName.Trim() || Name != name.Trim()
            || Description != description.Trim() || SortOrder != sortOrder;
        FrameworkName = frameworkName.Trim();
        Name = name.Trim();
        Description = description.Trim();
        SortOrder = sortOrder;
        return changed;
    }
}
