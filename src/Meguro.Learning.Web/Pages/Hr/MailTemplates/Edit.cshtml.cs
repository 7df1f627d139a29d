using Meguro.Learning.Data;
using Meguro.Learning.Domain.Messaging;
using Meguro.Learning.Jobs.Mail;
using Meguro.Learning.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Meguro.Learning.Web.Pages.Hr.MailTemplates;

/// <summary>
/// HR edits one template. Saving is refused with line-numbered errors when the text would not render,
/// so the send job only ever meets templates that parsed; a preview renders the unsaved text with a
/// real enrollment.
/// </summary>
public sealed class EditModel(LearningDbContext db, MailTemplateEngine engine, PreviewEnrollments previews, AuditLog audit, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public string Key { get; set; } = "";
    [BindProperty] public string Subject { get; set; } = "";
    [BindProperty] public string Body { get; set; } = "";
    [BindProperty] public int Revision { get; set; }
    [BindProperty] public int? EnrollmentId { get; set; }

    public MailTemplateDefinition Definition { get; private set; } = null!;
    public MailTemplate Stored { get; private set; } = null!;
    public IReadOnlyList<string> Errors { get; private set; } = [];
    public IReadOnlyList<PreviewEnrollments.Choice> Enrollments { get; private set; } = [];
    public RenderedMail? Preview { get; private set; }
    [TempData] public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }
        (Subject, Body, Revision) = (Stored.Subject, Stored.Body, Stored.Revision);
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }
        if (!engine.Validate(Key, Subject, Body, out var errors))
        {
            return Refuse(StatusCodes.Status400BadRequest, errors);
        }
        if (Stored.Revision != Revision)
        {
            return Refuse(StatusCodes.Status409Conflict, [StaleMessage(Stored)]);
        }
        Stored.Update(Subject.Trim(), Body, User.Identity!.Name!, clock.GetUtcNow().UtcDateTime);
        audit.Record(User.Identity!.Name!, "メールの文面を保存", Key, $"保存番号 {Stored.Revision}・件名「{Stored.Subject}」");
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Refuse(StatusCodes.Status409Conflict, ["ほかの人が先に保存しました。内容を確認してからもう一度保存してください（入力はこの画面に残っています）。"]);
        }
        Message = "保存しました。次に送るメールからこの文面を使います。";
        return RedirectToPage(new { Key });
    }

    public async Task<IActionResult> OnPostPreviewAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }
        if (!engine.Validate(Key, Subject, Body, out var errors))
        {
            return Refuse(StatusCodes.Status400BadRequest, errors);
        }
        var model = EnrollmentId is { } id ? await previews.ModelAsync(Key, id, ct) : null;
        if (model is null)
        {
            return Refuse(StatusCodes.Status400BadRequest, ["プレビューに使う受講を選んでください。"]);
        }
        Preview = engine.RenderUnsaved(Subject, Body, model);
        return Page();
    }

    private static string StaleMessage(MailTemplate stored) =>
        $"この文面は {stored.UpdatedBy} さんが先に保存しました（保存番号 {stored.Revision}）。内容を確認してからもう一度保存してください（入力はこの画面に残っています）。";

    private PageResult Refuse(int status, IReadOnlyList<string> errors)
    {
        Errors = errors;
        Response.StatusCode = status;
        return Page();
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var definition = MailTemplateDefaults.Find(Key);
        var stored = definition is null ? null : await db.MailTemplates.SingleOrDefaultAsync(t => t.Key == Key, ct);
        if (stored is null)
        {
            return false;
        }
        (Definition, Stored) = (definition!, stored);
        Enrollments = await previews.RecentAsync(ct);
        return true;
    }
}
