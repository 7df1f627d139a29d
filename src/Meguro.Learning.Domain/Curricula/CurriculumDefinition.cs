namespace Meguro.Learning.Domain.Curricula;

/// <summary>Where the current text of a curriculum came from.</summary>
public enum CurriculumOrigin
{
    /// <summary>content/curricula/*.yml, imported at start-up or from the admin page.</summary>
    File = 1,
    /// <summary>Edited by HR in the browser.</summary>
    Editor = 2,
}

/// <summary>
/// The stored YAML of one curriculum (its <see cref="Code"/> is the YAML <c>id</c>). The text is
/// the single source: the assignment engine parses it (<see cref="Curriculum"/>) each run, so the
/// file format, the browser editor and the engine can never disagree. <see cref="FileHash"/> remembers
/// which file text was imported last, so an unchanged file does not overwrite HR's edits on restart.
/// </summary>
public class CurriculumDefinition
{
    private CurriculumDefinition() { }

    public CurriculumDefinition(string code, string yaml, CurriculumOrigin origin, string fileHash, string by, DateTime nowUtc)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(code);
        Code = code;
        Update(yaml, origin, fileHash, by, nowUtc);
    }

    public int Id { get; private set; }
    public string Code { get; private set; } = "";
    public string Yaml { get; private set; } = "";
    public CurriculumOrigin Origin { get; private set; }

    /// <summary>SHA-256 of the file text last imported (empty when the curriculum was created in the browser).</summary>
    public string FileHash { get; private set; } = "";

    public bool IsActive { get; private set; } = true;
    public int Revision { get; private set; }
    public string UpdatedBy { get; private set; } = "";
    public DateTime UpdatedAtUtc { get; private set; }

    public void Update(string yaml, CurriculumOrigin origin, string fileHash, string by, DateTime nowUtc)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(yaml);
        ArgumentException.ThrowIfNullOrWhiteSpace(by);
        Yaml = yaml;
        Origin = origin;
        FileHash = fileHash;
        UpdatedBy = by;
        UpdatedAtUtc = DateTime.SpecifyKind(nowUtc, DateTimeKind.Utc);
        IsActive = true;
        Revision++;
    }

    /// <summary>Switched off: the engine no longer assigns from it; enrollments it made become 対象外 on the next run.</summary>
    public void Deactivate(string by, DateTime nowUtc)
    {
        if (!IsActive)
        {
            throw new DomainException("このカリキュラムは既に停止しています。");
        }
        IsActive = false;
        UpdatedBy = by;
        UpdatedAtUtc = DateTime.SpecifyKind(nowUtc, DateTimeKind.Utc);
        Revision++;
    }

    /// <summary>Switched on again as it is: the next engine run assigns from it and reinstates what it had set aside.</summary>
    public void Reactivate(string by, DateTime nowUtc)
    {
        if (IsActive)
        {
            throw new DomainException("このカリキュラムは停止していません。");
        }
        IsActive = true;
        UpdatedBy = by;
        UpdatedAtUtc = DateTime.SpecifyKind(nowUtc, DateTimeKind.Utc);
        Revision++;
    }
}
