using Meguro.Learning.Data;
using Microsoft.EntityFrameworkCore;

namespace Meguro.Learning.Jobs.Reminders;

/// <summary>
/// Who is whose 所属長, from the unit tree: the manager of a person is the head of the nearest unit on
/// the person's path (not the person themself); the manager's manager is the next head above that unit.
/// Loaded once per run — a city has a few hundred units.
/// </summary>
public sealed class ManagerLookup
{
    private readonly Dictionary<string, List<int>> _headsByUnitCode;

    private ManagerLookup(Dictionary<string, List<int>> headsByUnitCode) => _headsByUnitCode = headsByUnitCode;

    public static async Task<ManagerLookup> LoadAsync(LearningDbContext db, CancellationToken cancellationToken)
    {
        var heads = await db.ManagerAssignments.AsNoTracking()
            .Where(m => m.Employee.IsActive)
            .Select(m => new { m.OrgUnit.Code, m.EmployeeId })
            .ToListAsync(cancellationToken);
        return new ManagerLookup(heads.GroupBy(h => h.Code, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(h => h.EmployeeId).Order().ToList(), StringComparer.Ordinal));
    }

    /// <summary>The manager <paramref name="level"/> steps up (1 = own 所属長, 2 = that manager's 所属長), or null.</summary>
    public int? For(string orgPath, int employeeId, int level)
    {
        var codes = orgPath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var found = 0;
        var below = employeeId;
        for (var i = codes.Length - 1; i >= 0; i--)
        {
            // A unit the person below heads (themself, or the manager found so far — 兼務 included) is
            // not where their own 所属長 sits: look further up.
            if (!_headsByUnitCode.TryGetValue(codes[i], out var heads) || heads.Contains(below))
            {
                continue;
            }
            found++;
            if (found == level)
            {
                return heads[0];
            }
            below = heads[0];
        }
        return null;
    }
}
