using Meguro.Learning.Data;
using Meguro.Learning.Domain.Imports;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Meguro.Learning.Web.Pages.Hr.Roster;

/// <summary>The dry run of one upload, and the button that applies it.</summary>
public sealed class BatchModel(LearningDbContext db, ImportRunner imports) : PageModel
{
    /// <summary>Long lists are cut on screen; the counts in the summary stay exact.</summary>
    public const int MaxRowsPerSection = 500;

    public ImportBatch Batch { get; private set; } = null!;
    public ImportOutcome? Outcome { get; private set; }
    [TempData] public string? Message { get; set; }

    public static string StatusName(ImportStatus status) => status switch
    {
        ImportStatus.Previewed => "確認待ち",
        ImportStatus.Applied => "適用済み",
        ImportStatus.Rejected => "エラーのため却下",
        _ => status.ToString(),
    };

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        // An applied file is shown by its recorded result: checking it again against today's
        // data would only say "no changes" and hide what it did.
        if (Batch.Status != ImportStatus.Applied && Batch.Content.Length > 0)
        {
            Outcome = await imports.PreviewAsync(Batch, ct);
        }
        return Page();
    }

    public async Task<IActionResult> OnPostApplyAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        if (Batch.Status != ImportStatus.Previewed || Batch.Content.Length == 0)
        {
            // A second click, the back button or a replayed form: the file was already dealt with.
            Message = Batch.Status == ImportStatus.Applied ? "このファイルは既に適用済みです。" : "このファイルは適用できません。";
            return RedirectToPage(new { id });
        }
        Outcome = await imports.ApplyAsync(Batch, User.Identity!.Name!, ct);
        if (!Outcome.IsValid)
        {
            return Page();
        }
        Message = "適用しました。" + Outcome.Summary;
        return RedirectToPage(new { id });
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        var batch = await db.ImportBatches.SingleOrDefaultAsync(b => b.Id == id, ct);
        if (batch is null) return false;
        Batch = batch;
        return true;
    }
}
