using Meguro.Learning.Domain.Curricula;
using Meguro.Learning.Domain.People;

namespace Meguro.Learning.Web.Pages.Hr.Curricula;

/// <summary>How HR reads a curriculum in a table: the rule and the due policy as one Japanese phrase each.</summary>
public static class CurriculumText
{
    public static string Rule(AssignmentRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var parts = new List<string>();
        var levels = rule.JobLevelCodes.ToList();
        if (rule.MinJobLevel is { } min)
        {
            levels.Add(min.Code + "以上");
        }
        if (levels.Count > 0)
        {
            parts.Add("職層: " + string.Join("・", levels));
        }
        if (rule.EmploymentTypes.Count > 0)
        {
            parts.Add("雇用区分: " + string.Join("・", rule.EmploymentTypes.Select(t => t.ToJapanese())));
        }
        if (rule.OrgUnitCodes.Count > 0)
        {
            parts.Add("所属: " + string.Join("・", rule.OrgUnitCodes) + "（下の所属を含む）");
        }
        if (rule.HiredWithinDays is { } days)
        {
            parts.Add($"採用から{days}日以内");
        }
        return parts.Count == 0 ? "全職員" : string.Join("、", parts);
    }

    public static string Due(DuePolicy due) => due switch
    {
        DuePolicy.FixedDatePolicy { Month: 3, Day: 31 } => "年度末（3月31日）",
        _ => due.ToString(),
    };
}
