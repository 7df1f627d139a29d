using Meguro.Learning.Data;
using Meguro.Learning.Data.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Meguro.Learning.Web.Infrastructure;

public sealed record StaffAccountSyncResult(int Created, int ManagerRolesAdded, int ManagerRolesRemoved, int Locked, int Unlocked)
{
    public int Total => Created + ManagerRolesAdded + ManagerRolesRemoved + Locked + Unlocked;
}

/// <summary>
/// Keeps sign-in accounts in line with the roster: every active employee has an account named by
/// their 職員番号 with the Learner role; 所属長 (a manager assignment) carry the Manager role; leavers
/// cannot sign in. Set-based, because a roster import can bring in thousands of people at once and
/// one UserManager call per person would take minutes. New accounts have no password: the
/// administrator sets one (or, in production, sign-in comes from the city's directory).
/// </summary>
public sealed class StaffAccounts(LearningDbContext db, ILookupNormalizer normalizer)
{
    public async Task<StaffAccountSyncResult> SyncAsync(CancellationToken ct)
    {
        var roleIds = await db.Roles.AsNoTracking()
            .Where(r => r.Name == Roles.Learner || r.Name == Roles.Manager)
            .ToDictionaryAsync(r => r.Name!, r => r.Id, ct);
        var learnerRole = roleIds[Roles.Learner];
        var managerRole = roleIds[Roles.Manager];

        var employees = await db.Employees.ToListAsync(ct);
        var users = await db.Users.Where(u => u.EmployeeId != null).ToDictionaryAsync(u => u.EmployeeId!.Value, ct);
        var takenNames = (await db.Users.Select(u => u.NormalizedUserName).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var managers = (await db.ManagerAssignments.Select(a => a.EmployeeId).Distinct().ToListAsync(ct)).ToHashSet();
        var managerRoleHolders = (await db.UserRoles.Where(r => r.RoleId == managerRole).Select(r => r.UserId).ToListAsync(ct))
            .ToHashSet(StringComparer.Ordinal);

        int created = 0, added = 0, removed = 0, locked = 0, unlocked = 0;
        foreach (var employee in employees)
        {
            if (!users.TryGetValue(employee.Id, out var user))
            {
                if (!employee.IsActive)
                {
                    continue;
                }
                var normalizedName = normalizer.NormalizeName(employee.EmployeeNumber)!;
                if (!takenNames.Add(normalizedName))
                {
                    // An account (e.g. a renamed demo account) already uses this name; leave the employee unlinked rather than guess.
                    continue;
                }
                user = NewAccount(employee.EmployeeNumber, employee.Name, employee.Email, employee.Id, normalizedName);
                db.Users.Add(user);
                db.UserRoles.Add(new IdentityUserRole<string> { UserId = user.Id, RoleId = learnerRole });
                employee.LinkAccount(user.Id);
                users[employee.Id] = user;
                created++;
            }
            else if (employee.UserId is null)
            {
                employee.LinkAccount(user.Id);
            }

            if (user.DisplayName != employee.Name)
            {
                user.DisplayName = employee.Name;
            }

            var shouldManage = employee.IsActive && managers.Contains(employee.Id);
            if (shouldManage && !managerRoleHolders.Contains(user.Id))
            {
                db.UserRoles.Add(new IdentityUserRole<string> { UserId = user.Id, RoleId = managerRole });
                added++;
            }
            else if (!shouldManage && managerRoleHolders.Contains(user.Id))
            {
                db.UserRoles.Remove(new IdentityUserRole<string> { UserId = user.Id, RoleId = managerRole });
                removed++;
            }

            if (!employee.IsActive && user.LockoutEnd != DateTimeOffset.MaxValue)
            {
                user.LockoutEnabled = true;
                user.LockoutEnd = DateTimeOffset.MaxValue;
                user.SecurityStamp = Guid.NewGuid().ToString("N");
                locked++;
            }
            else if (employee.IsActive && user.LockoutEnd == DateTimeOffset.MaxValue)
            {
                user.LockoutEnd = null;
                unlocked++;
            }
        }

        await db.SaveChangesAsync(ct);
        return new StaffAccountSyncResult(created, added, removed, locked, unlocked);
    }

    private AppUser NewAccount(string userName, string displayName, string email, int employeeId, string normalizedName) => new()
    {
        UserName = userName,
        NormalizedUserName = normalizedName,
        DisplayName = displayName,
        Email = string.IsNullOrWhiteSpace(email) ? null : email,
        NormalizedEmail = string.IsNullOrWhiteSpace(email) ? null : normalizer.NormalizeEmail(email),
        EmployeeId = employeeId,
        SecurityStamp = Guid.NewGuid().ToString("N"),
        ConcurrencyStamp = Guid.NewGuid().ToString(),
        LockoutEnabled = true,
    };
}
