using Meguro.Learning.Data;
using Meguro.Learning.Data.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Meguro.Learning.Web.Pages.Admin.Users;

public sealed class IndexModel(LearningDbContext db, TimeProvider clock) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    public IReadOnlyList<UserRow> Users { get; private set; } = [];
    public int Matches { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var query = new UserSearch(Q).Apply(db.Users.AsNoTracking());
        Matches = await query.CountAsync(ct);
        var page = await query.OrderBy(u => u.UserName).Take(PageSize)
            .Select(u => new
            {
                u.Id, u.UserName, u.DisplayName, u.LockoutEnd, HasPassword = u.PasswordHash != null,
                Roles = db.UserRoles.Where(r => r.UserId == u.Id).Join(db.Roles, r => r.RoleId, r => r.Id, (_, r) => r.Name!).ToList(),
            })
            .ToListAsync(ct);
        var now = clock.GetUtcNow();
        Users = page.Select(u => new UserRow(u.Id, u.UserName!, u.DisplayName, u.Roles, u.HasPassword, u.LockoutEnd > now)).ToList();
    }

    public sealed record UserRow(string Id, string UserName, string DisplayName, IReadOnlyList<string> Roles, bool HasPassword, bool IsLockedOut);

    /// <summary>Finds accounts by sign-in name (職員番号) or display name; an empty query lists everyone.</summary>
    private sealed record UserSearch(string? Text)
    {
        public IQueryable<AppUser> Apply(IQueryable<AppUser> users)
        {
            var text = Text?.Trim();
            if (string.IsNullOrEmpty(text))
            {
                return users;
            }
            var upper = text.ToUpperInvariant();
            return users.Where(u => u.NormalizedUserName!.Contains(upper) || u.DisplayName.Contains(text));
        }
    }
}
