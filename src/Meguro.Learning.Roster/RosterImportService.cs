using Meguro.Learning.Data;
using Meguro.Learning.Data.Identity;
using Meguro.Learning.Domain.Auditing;
using Meguro.Learning.Domain.Organization;
using Meguro.Learning.Domain.People;
using Meguro.Learning.Roster.Csv;
using Microsoft.EntityFrameworkCore;

namespace Meguro.Learning.Roster;

/// <summary>
/// The 職員名簿 import: checks a roster CSV against the organisation and job levels, shows what it
/// would change (<see cref="PreviewAsync"/>) and applies it (<see cref="ApplyAsync"/>) all or nothing.
/// The file is the whole truth about active staff: people missing from it are deactivated (never
/// deleted) and their sign-in blocked, and 所属長 assignments follow its 所属長 column.
/// Bytes in, report out: storing the upload (ImportBatch) is the caller's business.
/// </summary>
public sealed class RosterImportService(LearningDbContext db, TimeProvider clock)
{
    public const string AuditAction = "名簿取込";

    /// <summary>Keeps each IN (…) list well below the parameter limits of SQLite and PostgreSQL.</summary>
    private const int QueryChunkSize = 500;

    /// <summary>The dry run. Reads only; entities are loaded untracked, so nothing can be saved by accident later.</summary>
    public async Task<RosterPreview> PreviewAsync(byte[] csv, CsvEncoding encoding, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(csv);
        var reference = new RosterReference(
            await db.OrgUnits.AsNoTracking().ToListAsync(cancellationToken),
            await db.JobLevels.AsNoTracking().ToListAsync(cancellationToken));
        var file = RosterCsvReader.Read(csv, encoding, reference);
        if (!file.IsValid)
        {
            return new RosterPreview(file, null);
        }
        var employees = await db.Employees.AsNoTracking().ToListAsync(cancellationToken);
        var assignments = await db.ManagerAssignments.AsNoTracking().ToListAsync(cancellationToken);
        var leaves = file.HasLeaveColumns
            ? await db.EmployeeLeaves.AsNoTracking().Where(l => l.Source == LeaveSource.Roster).ToListAsync(cancellationToken)
            : [];
        var plan = RosterPlanner.Plan(file, reference, employees, assignments, leaves, AuditAction, clock.GetUtcNow().UtcDateTime);
        return new RosterPreview(file, plan);
    }

    /// <summary>
    /// Checks the whole file first; with any error nothing is changed and the errors are returned.
    /// Otherwise applies every change, the account locks and one audit entry in one transaction (one
    /// SaveChanges, plus a COPY of new people on PostgreSQL and a second SaveChanges for the leaves of new
    /// people), so a crash leaves either the old roster
    /// or the new one, never a mix.
    /// Changes the caller already has pending in this context are saved in the same transaction.
    /// </summary>
    /// <param name="actor">Who applies the file (user name), for the audit log.</param>
    public async Task<RosterImportResult> ApplyAsync(byte[] csv, CsvEncoding encoding, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(csv);
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);

        var tracker = db.ChangeTracker;
        var autoDetect = tracker.AutoDetectChangesEnabled;
        // With automatic detection EF rescans all (up to 100,000) tracked employees whenever it
        // consults the tracker; off, the import scans them exactly once, explicitly, before saving.
        tracker.AutoDetectChangesEnabled = false;
        await using var transaction = db.Database.CurrentTransaction is null
            ? await db.Database.BeginTransactionAsync(cancellationToken)
            : null;
        try
        {
            var reference = new RosterReference(
                await db.OrgUnits.ToListAsync(cancellationToken),
                await db.JobLevels.ToListAsync(cancellationToken));
            var file = RosterCsvReader.Read(csv, encoding, reference);
            if (!file.IsValid)
            {
                return new RosterImportResult(file, null);
            }

            var employees = await db.Employees.ToListAsync(cancellationToken);
            var assignments = await db.ManagerAssignments.ToListAsync(cancellationToken);
            // Only what the roster itself recorded can be changed by it: HR's leaves are not even loaded.
            var leaves = file.HasLeaveColumns
                ? await db.EmployeeLeaves.Where(l => l.Source == LeaveSource.Roster).ToListAsync(cancellationToken)
                : [];
            var now = clock.GetUtcNow().UtcDateTime;
            var plan = RosterPlanner.Plan(file, reference, employees, assignments, leaves, actor, now);

            var copied = await AddNewPeopleAsync(plan, cancellationToken);
            db.ManagerAssignments.RemoveRange(plan.AssignmentsToRemove);
            db.ManagerAssignments.AddRange(plan.AssignmentsToAdd);
            db.EmployeeLeaves.RemoveRange(plan.LeavesToRemove);
            db.EmployeeLeaves.AddRange(plan.LeavesToAdd);
            await UpdateAccountsAsync(plan, cancellationToken);

            var result = new RosterImportResult(file, plan);
            db.AuditEntries.Add(new AuditEntry(now, actor, AuditAction,
                $"職員名簿CSV（{CsvValues.Count(file.RowCount)} 行、{file.EncodingName}）", result.Summary));

            tracker.DetectChanges();
            await db.SaveChangesAsync(cancellationToken);
            if (plan.LeavesOfNewPeople.Count > 0)
            {
                // New people have their ids only now (or, written by COPY, only in the database).
                await AddLeavesOfNewPeopleAsync(plan, copied, actor, now, cancellationToken);
                tracker.DetectChanges();
                await db.SaveChangesAsync(cancellationToken);
            }
            if (transaction is not null)
            {
                await transaction.CommitAsync(cancellationToken);
            }
            return result;
        }
        catch
        {
            // Leave no half-applied roster in the context: a later SaveChanges by the caller (say,
            // to mark the ImportBatch rejected) must not write it outside this transaction.
            ForgetImportEntities();
            throw;
        }
        finally
        {
            tracker.AutoDetectChangesEnabled = autoDetect;
        }
    }

    /// <summary>Writes the new people by COPY where possible (returns true), otherwise adds them to the context.</summary>
    private async Task<bool> AddNewPeopleAsync(RosterPlan plan, CancellationToken cancellationToken)
    {
        if (await EmployeeBulkInsert.TryCopyAsync(db, plan.Created, cancellationToken))
        {
            await RebindNewUnitHeadsAsync(plan, cancellationToken);
            return true;
        }
        db.Employees.AddRange(plan.Created);
        return false;
    }

    /// <summary>The leaves the file states for people it created, once those have ids.</summary>
    private async Task AddLeavesOfNewPeopleAsync(RosterPlan plan, bool copied, string actor, DateTime now, CancellationToken cancellationToken)
    {
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        if (copied)
        {
            var numbers = plan.LeavesOfNewPeople.Select(l => l.Employee.EmployeeNumber).ToList();
            foreach (var chunk in numbers.Chunk(QueryChunkSize))
            {
                foreach (var row in await db.Employees.Where(e => chunk.Contains(e.EmployeeNumber))
                    .Select(e => new { e.EmployeeNumber, e.Id }).ToListAsync(cancellationToken))
                {
                    ids[row.EmployeeNumber] = row.Id;
                }
            }
        }
        foreach (var (employee, period) in plan.LeavesOfNewPeople)
        {
            var id = copied ? ids[employee.EmployeeNumber] : employee.Id;
            db.EmployeeLeaves.Add(new EmployeeLeave(id, period, LeaveSource.Roster, actor, now));
        }
    }

    /// <summary>
    /// New people written by COPY are not tracked and have no id in memory, so the 所属長
    /// assignments planned for them are made again on the stored rows (a few hundred at most).
    /// </summary>
    private async Task RebindNewUnitHeadsAsync(RosterPlan plan, CancellationToken cancellationToken)
    {
        var created = new HashSet<Employee>(plan.Created, ReferenceEqualityComparer.Instance);
        var numbers = plan.AssignmentsToAdd.Where(a => created.Contains(a.Employee)).Select(a => a.Employee.EmployeeNumber).ToList();
        var stored = new Dictionary<string, Employee>(StringComparer.Ordinal);
        foreach (var chunk in numbers.Chunk(QueryChunkSize))
        {
            foreach (var employee in await db.Employees.Where(e => chunk.Contains(e.EmployeeNumber)).ToListAsync(cancellationToken))
            {
                stored[employee.EmployeeNumber] = employee;
            }
        }
        for (var i = 0; i < plan.AssignmentsToAdd.Count; i++)
        {
            var assignment = plan.AssignmentsToAdd[i];
            if (created.Contains(assignment.Employee))
            {
                plan.AssignmentsToAdd[i] = new ManagerAssignment(stored[assignment.Employee.EmployeeNumber], assignment.OrgUnit);
            }
        }
    }

    /// <summary>
    /// Leavers may not sign in any more; people who come back may again. AppUser has no "active"
    /// flag, so a permanent lockout blocks the account, and a new security stamp ends the
    /// sessions it already has.
    /// </summary>
    private async Task UpdateAccountsAsync(RosterPlan plan, CancellationToken cancellationToken)
    {
        var affected = plan.Deactivated.Concat(plan.Reactivated).ToList();
        if (affected.Count == 0)
        {
            return;
        }
        var byId = affected.ToDictionary(e => e.Id);
        var byUserId = affected.Where(e => e.UserId is not null).ToDictionary(e => e.UserId!, StringComparer.Ordinal);

        var users = new Dictionary<string, AppUser>(StringComparer.Ordinal);
        foreach (var chunk in byId.Keys.Chunk(QueryChunkSize))
        {
            foreach (var user in await db.Users.Where(u => u.EmployeeId != null && chunk.Contains(u.EmployeeId.Value)).ToListAsync(cancellationToken))
            {
                users[user.Id] = user;
            }
        }
        foreach (var chunk in byUserId.Keys.Chunk(QueryChunkSize))
        {
            foreach (var user in await db.Users.Where(u => chunk.Contains(u.Id)).ToListAsync(cancellationToken))
            {
                users[user.Id] = user;
            }
        }

        foreach (var user in users.Values)
        {
            var employee = byUserId.GetValueOrDefault(user.Id) ?? byId[user.EmployeeId!.Value];
            if (!employee.IsActive)
            {
                user.LockoutEnabled = true;
                user.LockoutEnd = DateTimeOffset.MaxValue;
                user.SecurityStamp = Guid.NewGuid().ToString();
                user.ConcurrencyStamp = Guid.NewGuid().ToString();
            }
            else if (user.LockoutEnd == DateTimeOffset.MaxValue)
            {
                // Only the lock a roster import set; a lockout for failed sign-ins runs out by itself.
                user.LockoutEnd = null;
                user.AccessFailedCount = 0;
                user.ConcurrencyStamp = Guid.NewGuid().ToString();
            }
        }
    }

    private void ForgetImportEntities()
    {
        foreach (var entry in db.ChangeTracker.Entries().ToList())
        {
            if (entry.Entity is Employee or ManagerAssignment or OrgUnit or JobLevel or AuditEntry or AppUser or EmployeeLeave)
            {
                entry.State = EntityState.Detached;
            }
        }
    }
}
