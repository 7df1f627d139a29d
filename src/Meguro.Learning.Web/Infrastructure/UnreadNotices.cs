using System.Security.Claims;
using Meguro.Learning.Data;
using Microsoft.EntityFrameworkCore;

namespace Meguro.Learning.Web.Infrastructure;

/// <summary>The unread count in the navigation: one indexed count per page view.</summary>
public sealed class UnreadNotices(LearningDbContext db)
{
    public async Task<int> CountAsync(ClaimsPrincipal user)
    {
        if (user.GetEmployeeId() is not { } employeeId)
        {
            return 0;
        }
        return await db.Notifications.CountAsync(n => n.EmployeeId == employeeId && n.ReadAtUtc == null);
    }
}
