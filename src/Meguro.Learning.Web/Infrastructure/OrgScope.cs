using System.Security.Claims;
using Meguro.Learning.Data;
using Meguro.Learning.Data.Identity;
using Meguro.Learning.Domain.Organization;
using Meguro.Learning.Domain.People;
using Microsoft.EntityFrameworkCore;

namespace Meguro.Learning.Web.Infrastructure;

/// <summary>
/// Scope of what a person may see. HR and administrators see the whole city; a manager sees the
/// subtrees of the units they head; everyone else sees only themselves. Pages ask this service
/// instead of filtering on their own, so the rule lives in one place.
/// </summary>
public sealed class OrgScope(LearningDbContext db)
{
    public static bool SeesEverything(ClaimsPrincipal user) =>
        user.IsInRole(Roles.HR) || user.IsInRole(Roles.Administrator);

    /// <summary>The units whose subtrees this manager may see (empty for non-managers).</summary>
    public async Task<IReadOnlyList<OrgUnit>> ManagedUnitsAsync(ClaimsPrincipal user, CancellationToken ct = default)
    {
        if (user.GetEmployeeId() is not { } employeeId || !user.IsInRole(Roles.Manager))
        {
            return [];
        }
        return await db.ManagerAssignments.AsNoTracking()
            .Where(a => a.EmployeeId == employeeId && a.OrgUnit.IsActive)
            .Select(a => a.OrgUnit)
            .OrderBy(u => u.Path)
            .ToListAsync(ct);
    }

    /// <summary>Active employees visible to <paramref name="user"/> in their managed subtrees.</summary>
    public async Task<IQueryable<Employee>> VisibleEmployeesAsync(ClaimsPrincipal user, CancellationToken ct = default)
    {
        if (SeesEverything(user))
        {
            return db.Employees;
        }
        var paths = (await ManagedUnitsAsync(user, ct)).Select(u => u.Path).ToList();
        if (paths.Count == 0)
        {
            var self = user.GetEmployeeId() ?? -1;
            return db.Employees.Where(e => e.Id == self);
        }
        return EmployeesUnder(paths);
    }

    /// <summary>Everyone (active or not) placed in the units with these paths or below them, as one query.</summary>
    public IQueryable<Employee> EmployeesUnder(IReadOnlyCollection<string> paths)
    {
        var query = db.Employees.Where(e => false);
        foreach (var path in paths)
        {
            var prefix = path;
            query = query.Union(db.Employees.Where(e => e.OrgUnit.Path.StartsWith(prefix)));
        }
        return query;
    }

    public async Task<bool> CanSeeUnitAsync(ClaimsPrincipal user, OrgUnit unit, CancellationToken ct = default) =>
        await CanSeePathAsync(user, unit.Path, ct);

    /// <summary>True when the unit with this materialised path lies in what <paramref name="user"/> may see.</summary>
    public async Task<bool> CanSeePathAsync(ClaimsPrincipal user, string orgUnitPath, CancellationToken ct = default) =>
        SeesEverything(user) || (await ManagedUnitsAsync(user, ct)).Any(m => orgUnitPath.StartsWith(m.Path, StringComparison.Ordinal));

    /// <summary>
    /// The tops of what the team reports show: the units a manager heads, or every active 部 for HR
    /// and administrators. Empty for anyone else, so a report never falls back to "everything".
    /// </summary>
    public async Task<IReadOnlyList<OrgUnit>> RootUnitsAsync(ClaimsPrincipal user, CancellationToken ct = default)
    {
        if (SeesEverything(user))
        {
            return await db.OrgUnits.AsNoTracking().Where(u => u.ParentId == null && u.IsActive).OrderBy(u => u.Path).ToListAsync(ct);
        }
        var managed = await ManagedUnitsAsync(user, ct);
        // A unit inside another managed unit is already covered by it (兼務 of a 課 and one of its 係).
        return [.. managed.Where(u => !managed.Any(m => m.Id != u.Id && m.Contains(u)))];
    }
}
