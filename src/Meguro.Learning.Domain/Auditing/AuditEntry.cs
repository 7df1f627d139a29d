namespace Meguro.Learning.Domain.Auditing;

/// <summary>
/// One HR or administrator action. Append-only: there is no update or delete path, because the
/// log is how the city answers "who changed this, when and why".
/// </summary>
public class AuditEntry
{
    private AuditEntry() { }

    public AuditEntry(DateTime atUtc, string actor, string action, string target, string details)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        ArgumentException.ThrowIfNullOrWhiteSpace(action);
        AtUtc = DateTime.SpecifyKind(atUtc, DateTimeKind.Utc);
        Actor = actor;
        Action = action;
        Target = target;
        Details = details;
    }

    public long Id { get; private set; }
    public DateTime AtUtc { get; private set; }
    public string Actor { get; private set; } = "";
    public string Action { get; private set; } = "";
    public string Target { get; private set; } = "";
    public string Details { get; private set; } = "";
}
