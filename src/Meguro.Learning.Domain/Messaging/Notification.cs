namespace Meguro.Learning.Domain.Messaging;

/// <summary>An in-app notice (お知らせ) for one employee; the header shows the unread count.</summary>
public class Notification
{
    private Notification() { }

    public Notification(int employeeId, string dedupKey, string text, string? url, DateTime nowUtc)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dedupKey);
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        EmployeeId = employeeId;
        DedupKey = dedupKey;
        Text = text;
        Url = url;
        CreatedAtUtc = DateTime.SpecifyKind(nowUtc, DateTimeKind.Utc);
    }

    public long Id { get; private set; }
    public int EmployeeId { get; private set; }

    /// <summary>Unique: the same reminder makes one notice, however often the job runs.</summary>
    public string DedupKey { get; private set; } = "";

    public string Text { get; private set; } = "";
    public string? Url { get; private set; }
    public DateTime CreatedAtUtc { get; private set; }
    public DateTime? ReadAtUtc { get; private set; }

    public void MarkRead(DateTime nowUtc) => ReadAtUtc ??= nowUtc;
}
