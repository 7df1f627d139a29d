using System.ComponentModel.DataAnnotations;
using Meguro.Learning.Jobs.Curricula;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Meguro.Learning.Web.Pages.Hr.Assignments;

/// <summary>The whole city's pending assignment changes per curriculum, applied by HR with a reason.</summary>
public sealed class IndexModel(AssignmentEngine engine) : PageModel
{
    public AssignmentPlan Plan { get; private set; } = null!;

    [BindProperty]
    [Required(ErrorMessage = "適用の理由を入力してください。")]
    [StringLength(200, ErrorMessage = "理由は200文字以内で入力してください。")]
    public string? Reason { get; set; }

    [TempData]
    public string? Applied { get; set; }

    public async Task OnGetAsync(CancellationToken ct) =>
        Plan = await engine.PlanAsync(AssignmentScope.Everything, ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Plan = await engine.PlanAsync(AssignmentScope.Everything, ct);
        if (!ModelState.IsValid || !Plan.IsValid)
        {
            return Page();
        }
        var result = await engine.ApplyAsync(Plan, User.Identity!.Name!, Reason!.Trim(), ct);
        Applied = $"適用しました。{result.Summary}";
        return RedirectToPage();
    }
}
