namespace Meguro.Learning.Domain.Organization;

/// <summary>The three tiers of a Japanese municipal organisation chart.</summary>
public enum OrgUnitKind
{
    /// <summary>部</summary>
    Department = 1,
    /// <summary>課</summary>
    Section = 2,
    /// <summary>係</summary>
    Team = 3,
}

public static class OrgUnitKindNames
{
    public static string ToJapanese(this OrgUnitKind kind) => kind switch
    {
        OrgUnitKind.Department => "部",
        OrgUnitKind.Section => "課",
        OrgUnitKind.Team => "係",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static bool TryParseJapanese(string? text, out OrgUnitKind kind)
    {
        kind = default;
        switch (text?.Trim())
        {
            case "部": kind = OrgUnitKind.Department; return true;
            case "課": kind = OrgUnitKind.Section; return true;
            case "係": kind = OrgUnitKind.Team; return true;
            default: return false;
        }
    }
}
