using Meguro.Learning.Content;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Meguro.Learning.Web.Pages.Admin;

/// <summary>
/// Brings content/ (courses, skills, job levels) into the database on demand, e.g. after a
/// git pull on the server. Idempotent: unchanged courses create nothing.
/// </summary>
public sealed class ContentModel(
    CourseImporter courses, SkillCatalog skills, JobLevelCatalog jobLevels, IOptions<ContentOptions> options, IWebHostEnvironment environment) : PageModel
{
    public string ContentRoot { get; private set; } = "";
    public IReadOnlyList<CourseImportResult>? Results { get; private set; }
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
        Results = await courses.ImportAllAsync(root, User.Identity!.Name!, ct);
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
