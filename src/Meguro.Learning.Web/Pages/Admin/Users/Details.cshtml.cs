using System.ComponentModel.DataAnnotations;
using Meguro.Learning.Data;
using Meguro.Learning.Data.Identity;
using Meguro.Learning.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Meguro.Learning.Web.Pages.Admin.Users;

/// <summary>One account: set a password, release a lockout, grant or take away roles. Every action is audited.</summary>
public sealed class DetailsModel(UserManager<AppUser> users, LearningDbContext db, AuditLog audit) : PageModel
{
    /// <summary>Roles an administrator grants by hand. Learner and Manager follow the roster (employee record, 所属長).</summary>
    public static readonly IReadOnlyList<string> GrantableRoles = [Roles.HR, Roles.ContentEditor, Roles.Administrator];

    public AppUser Account { get; private set; } = null!;
    public IList<string> CurrentRoles { get; private set; } = [];
    public string? EmployeeSummary { get; private set; }
    public bool IsLockedOut { get; private set; }
    [TempData] public string? Message { get; set; }
    public IReadOnlyList<string> Errors { get; private set; } = [];

    [BindProperty] public PasswordInput Password { get; set; } = new();
    [BindProperty] public List<string> SelectedRoles { get; set; } = [];

    public sealed class PasswordInput
    {
        [Required(ErrorMessage = "{0}を入力してください。")]
        [Display(Name = "新しいパスワード")]
        [StringLength(128, MinimumLength = 10, ErrorMessage = "{0}は{2}文字以上にしてください。")]
        public string NewPassword { get; set; } = "";
    }

    public async Task<IActionResult> OnGetAsync(string id) => await LoadAsync(id) ? Page() : NotFound();

    public async Task<IActionResult> OnPostPasswordAsync(string id)
    {
        if (!await LoadAsync(id)) return NotFound();
        if (!ModelState.IsValid) return Page();
        if (await users.HasPasswordAsync(Account)) await users.RemovePasswordAsync(Account);
        return await FinishAsync(await users.AddPasswordAsync(Account, Password.NewPassword), "パスワード設定", "パスワードを設定しました。本人に安全な方法で伝え、初回ログイン後に変更するよう依頼してください。");
    }

    public async Task<IActionResult> OnPostUnlockAsync(string id)
    {
        if (!await LoadAsync(id)) return NotFound();
        if (Account.EmployeeId is int employeeId && !await db.Employees.AnyAsync(e => e.Id == employeeId && e.IsActive))
        {
            Errors = ["退職（名簿から削除）した職員のアカウントはロックを解除できません。"];
            return Page();
        }
        await users.SetLockoutEndDateAsync(Account, null);
        return await FinishAsync(await users.ResetAccessFailedCountAsync(Account), "ロック解除", "ロックを解除しました。");
    }

    public async Task<IActionResult> OnPostRolesAsync(string id)
    {
        if (!await LoadAsync(id)) return NotFound();
        var wanted = SelectedRoles.Intersect(GrantableRoles).ToHashSet();
        if (Account.UserName == User.Identity?.Name && CurrentRoles.Contains(Roles.Administrator) && !wanted.Contains(Roles.Administrator))
        {
            Errors = ["自分自身からシステム管理者のロールを外すことはできません。別の管理者に依頼してください。"];
            return Page();
        }
        var toAdd = wanted.Except(CurrentRoles).ToList();
        var toRemove = GrantableRoles.Intersect(CurrentRoles).Except(wanted).ToList();
        if (toAdd.Count == 0 && toRemove.Count == 0)
        {
            Message = "ロールに変更はありません。";
            return RedirectToPage(new { id });
        }
        var result = await users.AddToRolesAsync(Account, toAdd);
        if (result.Succeeded) result = await users.RemoveFromRolesAsync(Account, toRemove);
        var details = string.Join("、", toAdd.Select(r => "追加: " + Roles.JapaneseName(r)).Concat(toRemove.Select(r => "削除: " + Roles.JapaneseName(r))));
        return await FinishAsync(result, "ロール変更", "ロールを変更しました。", details);
    }

    private async Task<bool> LoadAsync(string id)
    {
        var account = await users.FindByIdAsync(id);
        if (account is null) return false;
        Account = account;
        CurrentRoles = await users.GetRolesAsync(account);
        IsLockedOut = await users.IsLockedOutAsync(account);
        if (account.EmployeeId is int employeeId)
        {
            EmployeeSummary = await db.Employees.Where(e => e.Id == employeeId)
                .Select(e => e.EmployeeNumber + "　" + e.Name + "（" + e.OrgUnit.Name + "・" + e.JobLevel.Name + (e.IsActive ? "" : "・退職") + "）")
                .SingleOrDefaultAsync();
        }
        SelectedRoles = CurrentRoles.Intersect(GrantableRoles).ToList();
        return true;
    }

    private async Task<IActionResult> FinishAsync(IdentityResult result, string action, string message, string details = "")
    {
        if (!result.Succeeded)
        {
            Errors = result.Errors.Select(e => e.Description).ToList();
            return Page();
        }
        audit.Record(User.Identity!.Name!, action, Account.UserName!, details);
        await db.SaveChangesAsync();
        Message = message;
        return RedirectToPage(new { id = Account.Id });
    }
}
