using Meguro.Learning.Content;
using Meguro.Learning.Data;
using Meguro.Learning.Domain;
using Meguro.Learning.Domain.Curricula;
using Meguro.Learning.Jobs.Curricula;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Meguro.Learning.Web.Pages.Hr.Curricula;

/// <summary>カリキュラム一覧: what each stored curriculum asks of whom, and how many people it matches today.</summary>
public sealed class IndexModel(LearningDbContext db, AssignmentEngine engine, TimeProvider clock) : PageModel
{
    public sealed record Row(string Code, string Name, string Rule, IReadOnlyList<CurriculumCourse> Courses, string Due, int Matched,
        CurriculumOrigin Origin, string UpdatedBy, DateTime UpdatedAtUtc, bool IsActive, string? Problem);

    public IReadOnlyList<Row> Curricula { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
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
