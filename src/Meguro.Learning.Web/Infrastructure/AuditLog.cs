using Meguro.Learning.Data;
using Meguro.Learning.Domain.Auditing;

namespace Meguro.Learning.Web.Infrastructure;

/// <summary>
/// Adds an audit entry to the same unit of work as the change it describes, so that the change
/// and its record are saved (or lost) together.
/// </summary>
public sealed class AuditLog(LearningDbContext db, TimeProvider clock)
{
    public void Record(string actor, string action, string target, string details) =>
        db.AuditEntries.Add(new AuditEntry(clock.GetUtcNow().UtcDateTime, actor, action, target, details));
}
