using System.Threading.Channels;
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
    /// Checks the whole file; with any error nothing is changed and the errors are returned.
    /// Otherwise applies every change, the account locks and one audit entry in one transaction (one
    /// SaveChanges, plus a COPY of new people on PostgreSQL; elsewhere a second SaveChanges for the
    /// leaves of new people), so a crash leaves either the old roster or the new one, never a mix.
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
            var now = clock.GetUtcNow().UtcDateTime;
            await using var bulk = EmployeeBulkInsert.TryCreate(db);
            // Copying while reading only inside the import's own transaction: a bad row found
            // half-way cancels the COPY, which fails the transaction, and a caller's transaction
            // must survive a bad file. There the file is checked first and copied after.
            var streaming = bulk is not null && transaction is not null;
            var (file, plan) = streaming
                ? await ReadWhileCopyingAsync(csv, encoding, reference, bulk!, actor, now, cancellationToken)
                : await ReadThenPlanAsync(csv, encoding, reference, actor, now, cancellationToken);
            if (plan is null)
            {
                if (streaming)
                {
                    // The planner may already have changed people above the first bad line: none of it may be saved later.
                    ForgetImportEntities();
                }
                return new RosterImportResult(file, null);
            }

            if (bulk is not null)
            {
                if (!streaming)
                {
                    foreach (var employee in plan.Created)
                    {
                        await bulk.AddAsync(employee, cancellationToken);
                    }
                    await bulk.CompleteAsync(cancellationToken);
                }
                await BindCopiedPeopleAsync(plan, bulk, actor, now, cancellationToken);
            }
            else
            {
                db.Employees.AddRange(plan.Created);
            }
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
            if (bulk is null && plan.LeavesOfNewPeople.Count > 0)
            {
                // People EF created have their ids only now.
                foreach (var (employee, period) in plan.LeavesOfNewPeople)
                {
                    db.EmployeeLeaves.Add(new EmployeeLeave(employee.Id, period, LeaveSource.Roster, actor, now));
                }
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

    /// <summary>The plain way: the whole file is checked before anything is loaded or planned.</summary>
    private async Task<(RosterCsv File, RosterPlan? Plan)> ReadThenPlanAsync(
        byte[] csv, CsvEncoding encoding, RosterReference reference, string actor, DateTime now, CancellationToken cancellationToken)
    {
        var file = RosterCsvReader.Read(csv, encoding, reference);
        if (!file.IsValid)
        {
            return (file, null);
        }
        var employees = await db.Employees.ToListAsync(cancellationToken);
        var assignments = await db.ManagerAssignments.ToListAsync(cancellationToken);
        // Only what the roster itself recorded can be changed by it: HR's leaves are not even loaded.
        var leaves = file.HasLeaveColumns
            ? await db.EmployeeLeaves.Where(l => l.Source == LeaveSource.Roster).ToListAsync(cancellationToken)
            : [];
        return (file, RosterPlanner.Plan(file, reference, employees, assignments, leaves, actor, now));
    }

    /// <summary>
    /// The PostgreSQL way, for a first roster of 100,000 people: a background task reads, checks and
    /// plans the file row by row while this one copies each new person into the database as soon as
    /// they are planned, so reading the file costs (almost) no time on top of the COPY. A bad row
    /// stops the stream; the file is still read to the end for the whole list of errors, and the
    /// COPY is then cancelled by the caller (disposing <paramref name="bulk"/>), which leaves the
    /// transaction nothing to do but roll back. Returns no plan for a file with errors.
    /// </summary>
    private async Task<(RosterCsv File, RosterPlan? Plan)> ReadWhileCopyingAsync(
        byte[] csv, CsvEncoding encoding, RosterReference reference, EmployeeBulkInsert bulk, string actor, DateTime now, CancellationToken cancellationToken)
    {
        // Loaded before the file is read (the planner needs them from the first row on), so for a bad
        // file this is wasted, but it changes nothing. The stored roster leaves are loaded even when
        // the file turns out to have no 休業 columns; the planner then leaves them alone.
        var employees = await db.Employees.ToListAsync(cancellationToken);
        var assignments = await db.ManagerAssignments.ToListAsync(cancellationToken);
        var leaves = await db.EmployeeLeaves.Where(l => l.Source == LeaveSource.Roster).ToListAsync(cancellationToken);

        // Batches, so the two sides meet a few hundred times rather than 100,000.
        const int batchSize = 512;
        var created = Channel.CreateUnbounded<Employee[]>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        RosterPlanner? planner = null;
        // The reader touches no DbContext: it only reads the file and changes the loaded entities,
        // which nothing else looks at until it has finished (awaited below on every path).
        var reading = Task.Run(() =>
        {
            try
            {
                var batch = new List<Employee>(batchSize);
                var file = RosterCsvReader.Read(csv, encoding, reference, hasLeaveColumns =>
                {
                    planner = new RosterPlanner(reference, employees, assignments, leaves, hasLeaveColumns, actor, now);
                    return record =>
                    {
                        stop.Token.ThrowIfCancellationRequested();
                        if (planner.Add(record) is { } employee)
                        {
                            batch.Add(employee);
                            if (batch.Count == batchSize)
                            {
                                created.Writer.TryWrite([.. batch]);
                                batch.Clear();
                            }
                        }
                    };
                });
                if (batch.Count > 0)
                {
                    created.Writer.TryWrite([.. batch]);
                }
                return file;
            }
            finally
            {
                created.Writer.TryComplete();
            }
        }, CancellationToken.None);

        try
        {
            await foreach (var batch in created.Reader.ReadAllAsync(cancellationToken))
            {
                foreach (var employee in batch)
                {
                    await bulk.AddAsync(employee, cancellationToken);
                }
            }
        }
        catch
        {
            // The COPY failed or the request was cancelled: stop the reader and wait for it, so no
            // thread is still changing entities when the caller forgets them.
            await stop.CancelAsync();
            try
            {
                await reading;
            }
            catch (OperationCanceledException)
            {
                // Expected: it was told to stop.
            }
            throw;
        }

        var read = await reading;
        if (!read.IsValid)
        {
            return (read, null);
        }
        await bulk.CompleteAsync(cancellationToken);
        return (read, planner!.Finish());
    }

    /// <summary>
    /// People written by COPY are not tracked and have no id in memory. The few that rows of this
    /// import point at (new 所属長, new people on leave) get theirs in one query and are attached as
    /// they are stored, so their assignments and leaves are saved with everything else.
    /// </summary>
    private async Task BindCopiedPeopleAsync(RosterPlan plan, EmployeeBulkInsert bulk, string actor, DateTime now, CancellationToken cancellationToken)
    {
        // A person not stored yet has no id; everyone loaded from the database has one.
        var referenced = plan.AssignmentsToAdd.Select(a => a.Employee).Where(e => e.Id == 0)
            .Concat(plan.LeavesOfNewPeople.Select(l => l.Employee))
            .Distinct(ReferenceEqualityComparer.Instance).Cast<Employee>().ToList();
        var ids = await bulk.IdsAsync([.. referenced.Select(e => e.EmployeeNumber)], cancellationToken);
        foreach (var employee in referenced)
        {
            var entry = db.Entry(employee);
            entry.Property(e => e.Id).CurrentValue = ids[employee.EmployeeNumber];
            entry.State = EntityState.Unchanged;
        }
        foreach (var (employee, period) in plan.LeavesOfNewPeople)
        {
            db.EmployeeLeaves.Add(new EmployeeLeave(employee.Id, period, LeaveSource.Roster, actor, now));
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
