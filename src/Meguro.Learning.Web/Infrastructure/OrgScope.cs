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
        return await db.ManagerAssignments
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
        var query = db.Employees.Where(e => false);
        foreach (var path in paths)
        {
            var prefix = path;
            query = query.Union(db.Employees.Where(e => e.OrgUnit.Path.StartsWith(prefix)));
        }
        return query;
    }

    public async Task<bool> CanSeeUnitAsync(ClaimsPrincipal user, OrgUnit unit, CancellationToken ct = default) =>
        SeesEverything(user) || (await ManagedUnitsAsync(user, ct)).Any(m => m.Contains(unit));
}
