namespace Meguro.Learning.Domain.Skills;

/// <summary>
/// The four levels every framework shares (1 知っている … 4 指導できる). The number is the key:
/// courses and skills records store the number, the name is only for display.
/// </summary>
public class SkillLevel
{
    public const int Min = 1;
    public const int Max = 4;

    private SkillLevel() { }

    public SkillLevel(int level, string name, string description)
    {
        if (!IsValid(level))
        {
            throw new DomainException($"スキルレベルは{Min}〜{Max}で指定してください（{level} は使えません）。");
        }
        Level = level;
        Update(name, description);
    }

    public int Level { get; private set; }
    public string Name { get; private set; } = "";
    public string Description { get; private set; } = "";

    public static bool IsValid(int level) => level is >= Min and <= Max;

    public bool Update(string name, string description)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var changed = Name != name.Trim() || Description != description.Trim();
        Name = name.Trim();
        Description = description.Trim();
        return changed;
    }
}
