namespace Meguro.Learning.Domain.Messaging;

public enum OutboxStatus
{
    /// <summary>送信待ち (also after a temporary failure, until <see cref="OutboxMail.NextAttemptAtUtc"/>).</summary>
    Pending = 1,
    Sent = 2,
    /// <summary>The server refused the address permanently (5xx); the address is marked for HR.</summary>
    Failed = 3,
}

/// <summary>
/// A mail to send, stored in the same transaction as what caused it (a reminder step, a digest), so
/// a crash never loses it. <see cref="DedupKey"/> is unique: the same reminder can be queued only once.
/// The sender job claims rows, sends, and records the outcome; a temporary failure is retried with backoff.
/// </summary>
public class OutboxMail
{
    public const int MaxAttempts = 8;

    private OutboxMail() { }

    public OutboxMail(string dedupKey, string kind, int? employeeId, string toAddress, string toName, string subject, string body, DateTime nowUtc)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dedupKey);
        ArgumentException.ThrowIfNullOrWhiteSpace(kind);
        ArgumentException.ThrowIfNullOrWhiteSpace(subject);
        ArgumentNullException.ThrowIfNull(body);
        DedupKey = dedupKey;
        Kind = kind;
        EmployeeId = employeeId;
        ToAddress = toAddress?.Trim() ?? "";
        ToName = toName?.Trim() ?? "";
        Subject = subject;
        Body = body;
        CreatedAtUtc = DateTime.SpecifyKind(nowUtc, DateTimeKind.Utc);
        NextAttemptAtUtc = CreatedAtUtc;
        Status = OutboxStatus.Pending;
    }

    public long Id { get; private set; }
    public string DedupKey { get; private set; } = "";

    /// <summary>Template key, e.g. <c>reminder-learner</c>, <c>digest-manager</c>.</summary>
    public string Kind { get; private set; } = "";

    public int? EmployeeId { get; private set; }
    public string ToAddress { get; private set; } = "";
    public string ToName { get; private set; } = "";
    public string Subject { get; private set; } = "";
    public string Body { get; private set; } = "";
    public OutboxStatus Status { get; private set; }
    public int Attempts { get; private set; }
    public DateTime CreatedAtUtc { get; private set; }
    public DateTime NextAttemptAtUtc { get; private set; }
    public DateTime? SentAtUtc { get; private set; }
    public string? LastError { get; private set; }

    /// <summary>Concurrency token: two sender nodes cannot both record the same mail.</summary>
    public int Version { get; private set; }

    /// <summary>Can a sender take this mail now? Failed mails wait for HR (<see cref="Requeue"/>).</summary>
    public bool IsDue(DateTime nowUtc) => Status == OutboxStatus.Pending && NextAttemptAtUtc <= nowUtc;

    /// <summary>
    /// Takes the mail for one send attempt: it is hidden from other senders for <paramref name="lease"/>,
    /// and saving this change (the <see cref="Version"/> token) decides which node sends. If the sender
    /// dies before recording the outcome, the mail becomes due again when the lease ends.
    /// </summary>
    public void Claim(DateTime nowUtc, TimeSpan lease)
    {
        if (!IsDue(nowUtc))
        {
            throw new DomainException("このメールは今は送信できません。");
        }
        NextAttemptAtUtc = nowUtc + lease;
        Version++;
    }

    /// <summary>再送: HR sends a failed mail again (e.g. after the roster corrected the address); attempts start over.</summary>
    public void Requeue(DateTime nowUtc)
    {
        if (Status != OutboxStatus.Failed)
        {
            throw new DomainException("送信に失敗したメールだけを再送できます。");
        }
        Status = OutboxStatus.Pending;
        Attempts = 0;
        NextAttemptAtUtc = nowUtc;
        Version++;
    }

    /// <summary>Puts a new address on a mail before it is sent again (the employee's current one).</summary>
    public void Readdress(string toAddress)
    {
        if (Status == OutboxStatus.Sent)
        {
            throw new DomainException("送信済みのメールの宛先は変えられません。");
        }
        ToAddress = toAddress?.Trim() ?? "";
        Version++;
    }

    public void MarkSent(DateTime nowUtc)
    {
        Attempts++;
        Status = OutboxStatus.Sent;
        SentAtUtc = nowUtc;
        LastError = null;
        Version++;
    }

    /// <summary>A temporary failure: retried after 1, 2, 4, … minutes (capped at an hour) up to <see cref="MaxAttempts"/>.</summary>
    public void MarkTemporaryFailure(string error, DateTime nowUtc)
    {
        Attempts++;
        LastError = error;
        var delay = TimeSpan.FromMinutes(Math.Min(60, Math.Pow(2, Attempts - 1)));
        NextAttemptAtUtc = nowUtc + delay;
        Status = Attempts >= MaxAttempts ? OutboxStatus.Failed : OutboxStatus.Pending;
        Version++;
    }

    public void MarkPermanentFailure(string error, DateTime nowUtc)
    {
        Attempts++;
        LastError = error;
        Status = OutboxStatus.Failed;
        NextAttemptAtUtc = nowUtc;
        Version++;
    }
}
