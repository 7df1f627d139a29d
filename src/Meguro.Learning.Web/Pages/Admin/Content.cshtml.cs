using Meguro.Learning.Content;
using Meguro.Learning.Jobs.Curricula;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Meguro.Learning.Web.Pages.Admin;

/// <summary>
/// Brings content/ (courses, skills, skill targets, job levels; curricula apart) into the database on demand,
/// e.g. after a git pull on the server. Idempotent: unchanged courses and curriculum files create nothing.
/// </summary>
public sealed class ContentModel(
    CourseImporter courses, SkillCatalog skills, SkillTargetCatalog skillTargets, JobLevelCatalog jobLevels, CurriculumImporter curricula, AssignmentEngine engine,
    IOptions<ContentOptions> options, IWebHostEnvironment environment) : PageModel
{
    public const string CurriculumReason = "カリキュラムの取込（管理画面）";

    public string ContentRoot { get; private set; } = "";
    public IReadOnlyList<CourseImportResult>? Results { get; private set; }
    public CurriculumImportResult? CurriculumResult { get; private set; }

    /// <summary>What the assignment engine did after a successful curriculum import.</summary>
    public AssignmentResult? Assignment { get; private set; }

    public string? Error { get; private set; }

    public void OnGet() => ContentRoot = Locate() ?? "";

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (Locate() is not { } root) return Page();
        ContentRoot = root;
        try
        {
            await jobLevels.SyncAsync(root);
            await skills.SyncAsync(root);
        }
        catch (ContentFileException ex)
        {
            Error = ex.Message;
            return Page();
        }
        // A bad targets file keeps the stored targets (and HR's); the courses are imported all the same.
        var targets = await skillTargets.SyncAsync(root, User.Identity!.Name!, ct);
        if (!targets.Succeeded)
        {
            Error = "スキルの目標レベル（content/skills/targets.yml）を取り込めませんでした: " + string.Join(" / ", targets.Issues);
        }
        Results = await courses.ImportAllAsync(root, User.Identity!.Name!, ct);
        return Page();
    }

    /// <summary>
    /// content/curricula/*.yml, as at start-up: files changed since their last import overwrite the
    /// stored curriculum (all or nothing: one bad file and none is written), then the engine runs.
    /// </summary>
    public async Task<IActionResult> OnPostCurriculaAsync(CancellationToken ct)
    {
        if (Locate() is not { } root) return Page();
        ContentRoot = root;
        var actor = User.Identity!.Name!;
        CurriculumResult = await curricula.ImportAsync(root, actor, ct);
        if (CurriculumResult.Succeeded)
        {
            Assignment = await engine.RunAsync(AssignmentScope.Everything, actor, CurriculumReason, ct);
        }
        return Page();
    }

    public static string Describe(CourseImportOutcome outcome) => outcome switch
    {
        CourseImportOutcome.Created => "新規公開",
        CourseImportOutcome.NewVersion => "新しい版を公開",
        CourseImportOutcome.Unchanged => "変更なし",
        _ => "エラー（変更していません）",
    };

    private string? Locate()
    {
        try
        {
            return ContentOptions.Locate(options.Value.Root, environment.ContentRootPath, AppContext.BaseDirectory);
        }
        catch (DirectoryNotFoundException ex)
        {
            Error = ex.Message;
            return null;
        }
    }
}
