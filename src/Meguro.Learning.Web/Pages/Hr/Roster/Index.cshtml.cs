using System.ComponentModel.DataAnnotations;
using Meguro.Learning.Data;
using Meguro.Learning.Domain.Imports;
using Meguro.Learning.Roster;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Meguro.Learning.Web.Pages.Hr.Roster;

/// <summary>Upload a roster or organisation CSV; the next page is its dry run.</summary>
[RequestSizeLimit(MaxUploadBytes + 64 * 1024)]
[RequestFormLimits(MultipartBodyLengthLimit = MaxUploadBytes + 64 * 1024)]
public sealed class IndexModel(LearningDbContext db, ImportRunner imports) : PageModel
{
    public const int MaxUploadBytes = 20 * 1024 * 1024;

    [BindProperty] public IFormFile? Upload { get; set; }

    [BindProperty, Required(ErrorMessage = "{0}を選択してください。"), Display(Name = "ファイルの種類")]
    public ImportKind? Kind { get; set; } = ImportKind.Roster;

    [BindProperty] public CsvEncoding Encoding { get; set; } = CsvEncoding.Auto;

    public IReadOnlyList<ImportBatchRow> History { get; private set; } = [];

    public sealed record ImportBatchRow(Guid Id, ImportKind Kind, string FileName, string UploadedBy, DateTime UploadedAtUtc, ImportStatus Status, string Summary);

    public Task OnGetAsync(CancellationToken ct) => LoadHistoryAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (Upload is null || Upload.Length == 0)
        {
            ModelState.AddModelError(nameof(Upload), "取り込むCSVファイルを選択してください。");
        }
        else if (Upload.Length > MaxUploadBytes)
        {
            ModelState.AddModelError(nameof(Upload), "ファイルが大きすぎます（上限 20 MB）。");
        }
        if (!Enum.IsDefined(Encoding))
        {
            ModelState.AddModelError(nameof(Encoding), "文字コードの指定が正しくありません。");
        }
        if (Kind is { } chosen && !Enum.IsDefined(chosen))
        {
            ModelState.AddModelError(nameof(Kind), "ファイルの種類を選択してください。");
        }
        if (!ModelState.IsValid || Kind is not { } kind)
        {
            await LoadHistoryAsync(ct);
            return Page();
        }
        using var buffer = new MemoryStream((int)Upload!.Length);
        await Upload.CopyToAsync(buffer, ct);
        var (batch, _) = await imports.UploadAsync(kind, Upload.FileName, buffer.ToArray(), Encoding, User.Identity!.Name!, ct);
        return RedirectToPage("Batch", new { id = batch.Id });
    }

    private async Task LoadHistoryAsync(CancellationToken ct) =>
        History = await db.ImportBatches.AsNoTracking()
            .OrderByDescending(b => b.UploadedAtUtc).Take(20)
            .Select(b => new ImportBatchRow(b.Id, b.Kind, b.FileName, b.UploadedBy, b.UploadedAtUtc, b.Status, b.Summary))
            .ToListAsync(ct);
}
