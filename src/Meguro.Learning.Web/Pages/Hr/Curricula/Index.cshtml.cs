using Meguro.Learning.Content;
using Meguro.Learning.Data;
using Meguro.Learning.Domain;
using Meguro.Learning.Domain.Curricula;
using Meguro.Learning.Jobs.Curricula;
using Meguro.Learning.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Meguro.Learning.Web.Pages.Hr.Curricula;

/// <summary>
/// カリキュラム一覧: what each stored curriculum asks of whom, and how many people it matches today.
/// HR may stop a curriculum (or start it again) with a reason; the engine then sets its open
/// enrollments aside as 対象外 (or reinstates them). Audited.
/// </summary>
public sealed class IndexModel(LearningDbContext db, AssignmentEngine engine, AuditLog audit, TimeProvider clock) : PageModel
{
    public const string DeactivateAction = "カリキュラムの停止";
    public const string ReactivateAction = "カリキュラムの再開";

    [TempData]
    public string? Done { get; set; }

    public sealed record Row(string Code, string Name, string Rule, IReadOnlyList<CurriculumCourse> Courses, string Due, int Matched,
        CurriculumOrigin Origin, string UpdatedBy, DateTime UpdatedAtUtc, bool IsActive, string? Problem);

    public IReadOnlyList<Row> Curricula { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public Task<IActionResult> OnPostDeactivateAsync(string? code, string? reason, CancellationToken ct) =>
        ChangeAsync(code, reason, DeactivateAction, (d, by, now) => d.Deactivate(by, now), "停止しました", ct);

    public Task<IActionResult> OnPostReactivateAsync(string? code, string? reason, CancellationToken ct) =>
        ChangeAsync(code, reason, ReactivateAction, (d, by, now) => d.Reactivate(by, now), "再開しました", ct);

    private async Task<IActionResult> ChangeAsync(
        string? code, string? reason, string action, Action<CurriculumDefinition, string, DateTime> change, string done, CancellationToken ct)
    {
        var definition = await db.CurriculumDefinitions.SingleOrDefaultAsync(d => d.Code == code, ct);
        if (definition is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return await RefuseAsync("指定されたカリキュラムが見つかりません。画面を読み込み直してください。", ct);
        }
        if (string.IsNullOrWhiteSpace(reason))
        {
            return await RefuseAsync("理由を入力してください。", ct);
        }
        reason = reason.Trim();
        var actor = User.Identity!.Name!;
        try
        {
            change(definition, actor, clock.GetUtcNow().UtcDateTime);
        }
        catch (DomainException ex)
        {
            return await RefuseAsync(ex.Message, ct);
        }
        audit.Record(actor, action, definition.Code, reason);
        await db.SaveChangesAsync(ct);
        // After the change is committed, like a save in the editor: a failure here is repaired by the nightly run.
        var result = await engine.RunAsync(new AssignmentScope(CurriculumCode: definition.Code), actor, $"{action}（{reason}）", ct);
        Done = $"「{definition.Code}」を{done}。{result.Summary}";
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
        var definitions = await db.CurriculumDefinitions.AsNoTracking().OrderBy(d => d.Code).ToListAsync(ct);
        var reference = await engine.ReferenceAsync(ct);
        var people = await db.Employees.AsNoTracking().Where(e => e.IsActive)
            .Select(e => new EmployeeFacts(e.JobLevel.Code, e.JobLevel.Rank, e.EmploymentType, e.OrgUnit.Path, e.HiredOn, e.AppointmentEndDate))
            .ToListAsync(ct);
        var today = Jst.Today(clock);
        Curricula = [.. definitions.Select(d =>
        {
            var (curriculum, _, issues) = CurriculumCatalog.ParseFile(d.Yaml, CurriculumCatalog.FileLabel(d.Code + ".yml"), reference);
            return curriculum is null
                ? new Row(d.Code, d.Code, "", [], "", 0, d.Origin, d.UpdatedBy, d.UpdatedAtUtc, d.IsActive, issues.FirstOrDefault()?.ToString())
                : new Row(d.Code, curriculum.Name, CurriculumText.Rule(curriculum.Rule), curriculum.Courses, CurriculumText.Due(curriculum.Due),
                    people.Count(p => curriculum.AppliesTo(p, today)), d.Origin, d.UpdatedBy, d.UpdatedAtUtc, d.IsActive, null);
        })];
    }
}
