using Meguro.Learning.Data;
using Meguro.Learning.Domain.Auditing;
using Meguro.Learning.Domain.Organization;
using Meguro.Learning.Roster.Csv;
using Microsoft.EntityFrameworkCore;

namespace Meguro.Learning.Roster;

/// <summary>
/// The 組織 import: creates, renames, moves, reopens and closes OrgUnits to match an organisation
/// CSV. The file is the whole chart, so a unit missing from it is closed (deactivated, never
/// deleted) — but only when nobody active works there any more.
/// </summary>
public sealed class OrgUnitImportService(LearningDbContext db, TimeProvider clock)
{
    public const string AuditAction = "組織取込";

    /// <summary>The dry run; reads only, entities untracked.</summary>
    public async Task<OrgUnitPreview> PreviewAsync(byte[] csv, CsvEncoding encoding, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(csv);
        var file = OrgUnitCsvReader.Read(csv, encoding);
        if (!file.IsValid)
        {
            return new OrgUnitPreview(file, null);
        }
        var units = await db.OrgUnits.AsNoTracking().ToListAsync(cancellationToken);
        var plan = OrgUnitPlanner.Plan(file, units, await ActiveEmployeesAsync(cancellationToken), rewritePaths: false);
        return plan.Errors.Count > 0 ? new OrgUnitPreview(file, null, plan.Errors) : new OrgUnitPreview(file, plan);
    }

    /// <summary>
    /// Checks everything first; with any error nothing changes. Otherwise applies the file, the
    /// rewritten paths of every unit below a moved one, and one audit entry in one transaction.
    /// </summary>
    public async Task<OrgUnitImportResult> ApplyAsync(byte[] csv, CsvEncoding encoding, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(csv);
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        var file = OrgUnitCsvReader.Read(csv, encoding);
        if (!file.IsValid)
        {
            return new OrgUnitImportResult(file, null);
        }

        await using var transaction = db.Database.CurrentTransaction is null
            ? await db.Database.BeginTransactionAsync(cancellationToken)
            : null;
        try
        {
            // Tracked, all at once: the context fixes up every Parent, which RefreshPath walks.
            var units = await db.OrgUnits.ToListAsync(cancellationToken);
            var plan = OrgUnitPlanner.Plan(file, units, await ActiveEmployeesAsync(cancellationToken), rewritePaths: true);
            if (plan.Errors.Count > 0)
            {
                ForgetOrgUnits();
                return new OrgUnitImportResult(file, null, plan.Errors);
            }

            db.OrgUnits.AddRange(plan.Created);
            var result = new OrgUnitImportResult(file, plan);
            db.AuditEntries.Add(new AuditEntry(clock.GetUtcNow().UtcDateTime, actor, AuditAction,
                $"組織CSV（{CsvValues.Count(file.RowCount)} 行、{file.EncodingName}）", result.Summary));
            await db.SaveChangesAsync(cancellationToken);
            if (transaction is not null)
            {
                await transaction.CommitAsync(cancellationToken);
            }
            return result;
        }
        catch
        {
            ForgetOrgUnits();
            throw;
        }
    }

    private async Task<Dictionary<int, int>> ActiveEmployeesAsync(CancellationToken cancellationToken) =>
        await db.Employees
            .Where(e => e.IsActive)
            .GroupBy(e => e.OrgUnitId)
            .Select(g => new { OrgUnitId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.OrgUnitId, x => x.Count, cancellationToken);

    /// <summary>Drops half-made changes so a later SaveChanges by the caller cannot write them.</summary>
    private void ForgetOrgUnits()
    {
        foreach (var entry in db.ChangeTracker.Entries().ToList())
        {
            if (entry.Entity is OrgUnit or AuditEntry)
            {
                entry.State = Microsoft.EntityFrameworkCore.EntityState.Detached;
            }
        }
    }
}
