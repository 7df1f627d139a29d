using Meguro.Learning.Data;
using Meguro.Learning.Domain;
using Meguro.Learning.Domain.Skills;
using Meguro.Learning.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Meguro.Learning.Web.Pages.My;

/// <summary>
/// マイスキル: the signed-in employee's own skills record — current level per skill, every piece of
/// evidence behind it, and their 修了証. There is no id in the URL, so nobody can ask for someone else's.
/// </summary>
public sealed class SkillsModel(LearningDbContext db, TimeProvider clock) : PageModel
{
    /// <summary>One row of the skills record, with what a person needs to recognise it.</summary>
    public sealed record Evidence(
        long Id, int SkillId, string SkillCode, string SkillName, int Level, DateTime AchievedAtUtc,
        string CourseTitle, int VersionNumber, decimal? ScorePercent, DateOnly? ExpiresOn, bool Expired);

    /// <summary>A skill's current level and the evidence that gives it (null at level 0).</summary>
    public sealed record SkillStanding(string Code, string Name, int Level, Evidence? Source);

    public sealed record CategoryStanding(string Name, IReadOnlyList<SkillStanding> Skills);

    public sealed record MyCertificate(string Code, string CourseTitle, int VersionNumber, DateTime IssuedAtUtc, DateOnly? ExpiresOn, bool Expired);

    public bool IsEmployee { get; private set; }
    public DateOnly Today { get; private set; }
    public IReadOnlyDictionary<int, string> LevelNames { get; private set; } = new Dictionary<int, string>();
    public IReadOnlyList<CategoryStanding> Categories { get; private set; } = [];
    public IReadOnlyList<Evidence> History { get; private set; } = [];
    public IReadOnlyList<MyCertificate> Certificates { get; private set; } = [];

    public string LevelName(int level) => LevelNames.TryGetValue(level, out var name) ? name : "";

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (User.GetEmployeeId() is not { } employeeId)
        {
            return;
        }
        IsEmployee = true;
        Today = Jst.Today(clock);
        LevelNames = await db.SkillLevels.AsNoTracking().ToDictionaryAsync(l => l.Level, l => l.Name, ct);
        await LoadSkillsAsync(employeeId, ct);
        Certificates = await LoadCertificatesAsync(employeeId, ct);
    }

    private async Task LoadSkillsAsync(int employeeId, CancellationToken ct)
    {
        // The record itself is materialised (untracked) because the rule for the current level lives
        // on SkillRecord; names and titles come along in the same query.
        var rows = await db.SkillRecords.AsNoTracking()
            .Where(r => r.EmployeeId == employeeId)
            .Join(db.CourseVersions, r => r.CourseVersionId, v => v.Id, (r, v) => new
            {
                Record = r,
                CourseTitle = v.Title,
                VersionNumber = v.Number,
                SkillCode = r.Skill.Code,
                SkillName = r.Skill.Name,
                SkillOrder = r.Skill.SortOrder,
                Category = r.Skill.Category.Name,
                Framework = r.Skill.Category.FrameworkCode,
                CategoryOrder = r.Skill.Category.SortOrder,
            })
            .ToListAsync(ct);

        History = rows
            .Select(x => new Evidence(x.Record.Id, x.Record.SkillId, x.SkillCode, x.SkillName, x.Record.Level, x.Record.AchievedAtUtc,
                x.CourseTitle, x.VersionNumber, x.Record.ScorePercent, x.Record.ExpiresOn, !x.Record.IsValidOn(Today)))
            .OrderByDescending(e => e.AchievedAtUtc).ThenByDescending(e => e.Id)
            .ToList();

        var current = SkillRecord.CurrentLevels(rows.Select(x => x.Record), Today);
        Categories = rows
            .GroupBy(x => new { x.Framework, x.CategoryOrder, x.Category })
            .OrderBy(g => g.Key.Framework, StringComparer.Ordinal).ThenBy(g => g.Key.CategoryOrder)
            .Select(g => new CategoryStanding(g.Key.Category, g
                .GroupBy(x => new { x.Record.SkillId, x.SkillCode, x.SkillName, x.SkillOrder })
                .OrderBy(s => s.Key.SkillOrder)
                .Select(s =>
                {
                    var level = current.GetValueOrDefault(s.Key.SkillId);
                    return new SkillStanding(s.Key.SkillCode, s.Key.SkillName, level, SourceOf(s.Key.SkillId, level));
                })
                .ToList()))
            .ToList();
    }

    /// <summary>The newest valid evidence at the current level: the one a person would show for it.</summary>
    private Evidence? SourceOf(int skillId, int level) =>
        level == 0 ? null : History.FirstOrDefault(e => e.SkillId == skillId && e.Level == level && !e.Expired);

    private async Task<IReadOnlyList<MyCertificate>> LoadCertificatesAsync(int employeeId, CancellationToken ct)
    {
        var certificates = await db.Certificates.AsNoTracking()
            .Where(c => c.EmployeeId == employeeId)
            .Select(c => new { c.Code, c.CourseTitle, c.VersionNumber, c.IssuedAtUtc, c.ExpiresOn })
            .ToListAsync(ct);
        return certificates
            .Select(c => new MyCertificate(c.Code, c.CourseTitle, c.VersionNumber, c.IssuedAtUtc, c.ExpiresOn, c.ExpiresOn is { } end && Today > end))
            .OrderByDescending(c => c.IssuedAtUtc)
            .ToList();
    }
}
