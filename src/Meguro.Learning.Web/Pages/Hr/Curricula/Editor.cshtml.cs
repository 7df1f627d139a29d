using Meguro.Learning.Content;
using Meguro.Learning.Data;
using Meguro.Learning.Domain.Curricula;
using Meguro.Learning.Jobs.Curricula;
using Meguro.Learning.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Meguro.Learning.Web.Pages.Hr.Curricula;

/// <summary>
/// One curriculum's YAML, previewed against today's roster before it is saved. Saving is refused
/// with file:line on a parse error and on a stale revision, and then changes nothing; a successful
/// save is audited and applied at once.
/// </summary>
public sealed class EditorModel(LearningDbContext db, AssignmentEngine engine, AuditLog audit, TimeProvider clock) : PageModel
{
    public const string NewCode = "new";
    public const string AuditAction = "カリキュラム編集";
    public const int PreviewLimit = 100;

    [BindProperty(SupportsGet = true)]
    public string Code { get; set; } = "";

    [BindProperty]
    public string Yaml { get; set; } = "";

    [BindProperty]
    public int Revision { get; set; }

    public bool IsNew => Code == NewCode;
    public IReadOnlyList<ContentIssue> Issues { get; private set; } = [];
    public AssignmentPlan? Preview { get; private set; }

    [TempData]
    public string? Saved { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (IsNew)
        {
            Yaml = "id: \nname: \ncourses:\n  - course: information-security\nrule:\n  employmentTypes: [正規]\ndue:\n  fixedDate: 03-31\n";
            return Page();
        }
        var definition = await db.CurriculumDefinitions.AsNoTracking().SingleOrDefaultAsync(d => d.Code == Code, ct);
        if (definition is null)
        {
            return NotFound();
        }
        (Yaml, Revision) = (definition.Yaml, definition.Revision);
        return Page();
    }

    public async Task<IActionResult> OnPostPreviewAsync(CancellationToken ct)
    {
        if (await ParseAsync(ct) is { } curriculum)
        {
            Preview = await engine.PlanAsync(curriculum.Id, new Dictionary<string, string> { [curriculum.Id] = Yaml }, ct);
            Issues = Preview.Issues;
        }
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(CancellationToken ct)
    {
        if (await ParseAsync(ct) is not { } curriculum)
        {
            return Page();
        }
        var actor = User.Identity!.Name!;
        var now = clock.GetUtcNow().UtcDateTime;
        var definition = await db.CurriculumDefinitions.SingleOrDefaultAsync(d => d.Code == curriculum.Id, ct);
        if (Refusal(definition, curriculum.Id) is { } refusal)
        {
            Issues = [new ContentIssue(Label(curriculum.Id), 0, refusal)];
            return Page();
        }
        if (definition is null)
        {
            db.CurriculumDefinitions.Add(new CurriculumDefinition(curriculum.Id, Yaml, CurriculumOrigin.Editor, "", actor, now));
        }
        else
        {
            db.Entry(definition).Property(d => d.Revision).OriginalValue = Revision;
            definition.Update(Yaml, CurriculumOrigin.Editor, definition.FileHash, actor, now);
        }
        audit.Record(actor, AuditAction, curriculum.Id, $"「{curriculum.Name}」を保存しました。");
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            Issues = [new ContentIssue(Label(curriculum.Id), 0, StaleMessage)];
            return Page();
        }
        db.ChangeTracker.Clear();
        var result = await engine.RunAsync(new AssignmentScope(curriculum.Id), actor, $"カリキュラム「{curriculum.Id}」の保存", ct);
        Saved = $"保存しました。{result.Summary}";
        return RedirectToPage(new { code = curriculum.Id });
    }

    private const string StaleMessage = "ほかの人が先にこのカリキュラムを保存しました。再読み込みして、最新の内容に変更をやり直してください。";

    /// <summary>The id is the key: a new curriculum may not take an existing id, and an edit may not rename one.</summary>
    private string? Refusal(CurriculumDefinition? stored, string id)
    {
        if (IsNew)
        {
            return stored is null ? null : $"id「{id}」のカリキュラムはすでにあります。別の id にしてください。";
        }
        if (id != Code)
        {
            return $"id は変更できません（「{Code}」のままにしてください）。";
        }
        return stored is null || stored.Revision != Revision ? StaleMessage : null;
    }

    private async Task<Curriculum?> ParseAsync(CancellationToken ct)
    {
        var reference = await engine.ReferenceAsync(ct);
        var (curriculum, _, issues) = CurriculumCatalog.ParseFile(Yaml ?? "", Label(IsNew ? "new" : Code), reference);
        Issues = issues;
        return curriculum;
    }

    private static string Label(string code) => CurriculumCatalog.FileLabel(code + ".yml");
}
