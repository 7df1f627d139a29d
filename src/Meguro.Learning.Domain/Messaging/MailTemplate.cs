namespace Meguro.Learning.Domain.Messaging;

/// <summary>
/// A Liquid (Fluid) template HR edits: subject and body of one kind of mail. The text is checked by
/// the template engine when it is saved, so a broken template never reaches the send job.
/// </summary>
public class MailTemplate
{
    private MailTemplate() { }

    public MailTemplate(string key, string subject, string body, string by, DateTime nowUtc)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        Key = key;
        Update(subject, body, by, nowUtc);
    }

    public int Id { get; private set; }
    public string Key { get; private set; } = "";
    public string Subject { get; private set; } = "";
    public string Body { get; private set; } = "";
    public int Revision { get; private set; }
    public string UpdatedBy { get; private set; } = "";
    public DateTime UpdatedAtUtc { get; private set; }

    public void Update(string subject, string body, string by, DateTime nowUtc)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(subject);
        ArgumentNullException.ThrowIfNull(body);
        ArgumentException.ThrowIfNullOrWhiteSpace(by);
        Subject = subject;
        Body = body;
        UpdatedBy = by;
        UpdatedAtUtc = DateTime.SpecifyKind(nowUtc, DateTimeKind.Utc);
        Revision++;
    }
}
