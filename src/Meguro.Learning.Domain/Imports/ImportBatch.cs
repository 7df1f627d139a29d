namespace Meguro.Learning.Domain.Imports;

public enum ImportKind
{
    /// <summary>職員名簿</summary>
    Roster = 1,
    /// <summary>組織（所属）マスタ</summary>
    Organization = 2,
}

public enum ImportStatus
{
    /// <summary>Uploaded and checked (dry run shown); nothing applied yet.</summary>
    Previewed = 1,
    Applied = 2,
    /// <summary>The file had invalid rows; kept so HR can see what was sent.</summary>
    Rejected = 3,
}

/// <summary>
/// An uploaded HR file. The bytes are stored before anything is checked or applied, so a crash
/// between the dry run and "適用" loses nothing, and the applied file stays as evidence.
/// </summary>
public class ImportBatch
{
    private ImportBatch() { }

    public ImportBatch(ImportKind kind, string fileName, byte[] content, string encoding, string uploadedBy, DateTime uploadedAtUtc)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentException.ThrowIfNullOrWhiteSpace(encoding);
        Id = Guid.NewGuid();
        Kind = kind;
        FileName = string.IsNullOrWhiteSpace(fileName) ? "roster.csv" : Path.GetFileName(fileName);
        Content = content;
        Encoding = encoding;
        UploadedBy = uploadedBy;
        UploadedAtUtc = uploadedAtUtc;
        Status = ImportStatus.Previewed;
    }

    public Guid Id { get; private set; }
    public ImportKind Kind { get; private set; }
    public string FileName { get; private set; } = "";
    public byte[] Content { get; private set; } = [];

    /// <summary>The character encoding HR chose at upload ("auto", "utf-8", "shift_jis"), so a later look at the preview decodes the bytes the same way.</summary>
    public string Encoding { get; private set; } = "auto";
    public string UploadedBy { get; private set; } = "";
    public DateTime UploadedAtUtc { get; private set; }
    public ImportStatus Status { get; private set; }
    public DateTime? CompletedAtUtc { get; private set; }
    public string Summary { get; private set; } = "";

    public void MarkApplied(DateTime nowUtc, string summary)
    {
        if (Status == ImportStatus.Applied)
        {
            throw new DomainException("このファイルは既に適用済みです。");
        }
        Status = ImportStatus.Applied;
        CompletedAtUtc = nowUtc;
        Summary = summary;
    }

    public void MarkRejected(DateTime nowUtc, string summary)
    {
        Status = ImportStatus.Rejected;
        CompletedAtUtc = nowUtc;
        Summary = summary;
    }

    /// <summary>Housekeeping drops the bytes of old previews nobody applied; the row and summary stay.</summary>
    public bool DiscardContentIfStale(DateTime nowUtc, TimeSpan maxAge)
    {
        if (Status == ImportStatus.Applied || Content.Length == 0 || nowUtc - UploadedAtUtc < maxAge)
        {
            return false;
        }
        Content = [];
        return true;
    }
}
