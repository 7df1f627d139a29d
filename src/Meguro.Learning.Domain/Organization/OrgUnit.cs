namespace Meguro.Learning.Domain.Organization;

/// <summary>
/// A node of the 部 → 課 → 係 tree. <see cref="Path"/> is a materialised path of codes
/// ("/D01/D01-S01/") so that "this unit and everything below it" is one indexed prefix query
/// on both SQLite and PostgreSQL; manager scope checks depend on it.
/// </summary>
public class OrgUnit
{
    private OrgUnit() { }

    public OrgUnit(string code, string name, OrgUnitKind kind, OrgUnit? parent)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(code);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        EnsureParentFits(kind, parent);
        Code = code.Trim();
        Name = name.Trim();
        Kind = kind;
        Parent = parent;
        ParentId = parent?.Id;
        Path = BuildPath(parent, Code);
        IsActive = true;
    }

    public int Id { get; private set; }
    public string Code { get; private set; } = "";
    public string Name { get; private set; } = "";
    public OrgUnitKind Kind { get; private set; }
    public int? ParentId { get; private set; }
    public OrgUnit? Parent { get; private set; }
    public string Path { get; private set; } = "";
    public bool IsActive { get; private set; }

    public static string BuildPath(OrgUnit? parent, string code) => (parent?.Path ?? "/") + code + "/";

    /// <summary>True when <paramref name="other"/> is this unit or lies anywhere below it.</summary>
    public bool Contains(OrgUnit other) => other.Path.StartsWith(Path, StringComparison.Ordinal);

    public void Rename(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name.Trim();
    }

    /// <summary>Moves the unit under a new parent. Descendant paths must be rewritten by the caller.</summary>
    public void MoveTo(OrgUnit? parent)
    {
        EnsureParentFits(Kind, parent);
        if (parent is not null && Contains(parent))
        {
            throw new DomainException($"所属「{Name}」を自分の配下へ移動することはできません。");
        }
        Parent = parent;
        ParentId = parent?.Id;
        Path = BuildPath(parent, Code);
    }

    /// <summary>Recomputes the path after an ancestor moved.</summary>
    public void RefreshPath() => Path = BuildPath(Parent, Code);

    public void Deactivate() => IsActive = false;

    public void Reactivate() => IsActive = true;

    private static void EnsureParentFits(OrgUnitKind kind, OrgUnit? parent)
    {
        var ok = kind switch
        {
            OrgUnitKind.Department => parent is null,
            OrgUnitKind.Section => parent?.Kind == OrgUnitKind.Department,
            OrgUnitKind.Team => parent?.Kind == OrgUnitKind.Section,
            _ => false,
        };
        if (!ok)
        {
            throw new DomainException(kind switch
            {
                OrgUnitKind.Department => "部は最上位の所属です。上位所属は指定できません。",
                OrgUnitKind.Section => "課の上位所属は部でなければなりません。",
                _ => "係の上位所属は課でなければなりません。",
            });
        }
    }
}
