using Meguro.Learning.Data;
using Meguro.Learning.Domain;
using Meguro.Learning.Domain.People;
using Meguro.Learning.Jobs.Curricula;
using Meguro.Learning.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Meguro.Learning.Web.Pages.Hr.Leave;

/// <summary>休職・産休・育休: current and upcoming leave; recording or ending one moves that person's due dates at once.</summary>
public sealed class IndexModel(LearningDbContext db, AssignmentEngine engine, AuditLog audit, TimeProvider clock) : PageModel
{
    public const string AuditAction = "休業の登録";

    public sealed record Row(int Id, string Number, string Name, LeaveKind Kind, DateOnly Start, DateOnly? End, LeaveSource Source);

    public IReadOnlyList<Row> Leaves { get; private set; } = [];

    [TempData]
    public string? Done { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAddAsync(string? number, LeaveKind kind, DateOnly? start, DateOnly? end, CancellationToken ct)
    {
        var employee = await db.Employees.SingleOrDefaultAsync(e => e.EmployeeNumber == (number ?? "").Trim(), ct);
        if (employee is null || start is null)
        {
            return await RefuseAsync(employee is null ? "その職員番号の職員はいません。" : "開始日を入力してください。", ct);
        }
        try
        {
            var period = new LeavePeriod(kind, start.Value, end);
            db.EmployeeLeaves.Add(new EmployeeLeave(employee.Id, period, LeaveSource.HR, User.Identity!.Name!, clock.GetUtcNow().UtcDateTime));
        }
        catch (Exception ex) when (ex is DomainException or ArgumentOutOfRangeException)
        {
            return await RefuseAsync(ex.Message, ct);
        }
        audit.Record(User.Identity!.Name!, AuditAction, employee.EmployeeNumber, $"{kind.ToJapanese()} {start:yyyy-MM-dd}〜{end:yyyy-MM-dd}");
        return await SaveAndRecomputeAsync(employee.Id, ct);
    }

    public async Task<IActionResult> OnPostEndAsync(int leaveId, DateOnly? lastDay, CancellationToken ct)
    {
        var leave = await db.EmployeeLeaves.SingleOrDefaultAsync(l => l.Id == leaveId, ct);
        if (leave is null)
        {
            // A stale page or a forged id: say so on the page, change nothing.
            Response.StatusCode = StatusCodes.Status404NotFound;
            return await RefuseAsync("指定された休業が見つかりません。画面を読み込み直してください。", ct);
        }
        if (lastDay is null)
        {
            return await RefuseAsync("休業の最終日を入力してください。", ct);
        }
        try
        {
            leave.EndOn(lastDay.Value);
        }
        catch (DomainException ex)
        {
            return await RefuseAsync(ex.Message, ct);
        }
        var number = await db.Employees.Where(e => e.Id == leave.EmployeeId).Select(e => e.EmployeeNumber).SingleAsync(ct);
        audit.Record(User.Identity!.Name!, AuditAction, number, $"{leave.Kind.ToJapanese()}の終了 {lastDay:yyyy-MM-dd}");
        return await SaveAndRecomputeAsync(leave.EmployeeId, ct);
    }

    private async Task<IActionResult> SaveAndRecomputeAsync(int employeeId, CancellationToken ct)
    {
        await db.SaveChangesAsync(ct);
        var result = await engine.RunAsync(new AssignmentScope(EmployeeId: employeeId), User.Identity!.Name!, "休業の登録", ct);
        Done = $"保存しました。{result.Summary}";
        return RedirectToPage();
    }

    private async Task<IActionResult> RefuseAsync(string message, CancellationToken ct)
    {
        ModelState.AddModelError("", message);
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var today = Jst.Today(clock);
        // Ordered before the projection into Row: a constructor's parameters cannot be ordered by in SQL.
        Leaves = (await db.EmployeeLeaves.AsNoTracking()
            .Where(l => l.End == null || l.End >= today)
            .Join(db.Employees, l => l.EmployeeId, e => e.Id, (l, e) => new { l.Id, e.EmployeeNumber, e.Name, l.Kind, l.Start, l.End, l.Source })
            .OrderBy(r => r.Start).ThenBy(r => r.EmployeeNumber)
            .Take(500)
            .ToListAsync(ct))
            .Select(r => new Row(r.Id, r.EmployeeNumber, r.Name, r.Kind, r.Start, r.End, r.Source))
            .ToList();
    }
}
