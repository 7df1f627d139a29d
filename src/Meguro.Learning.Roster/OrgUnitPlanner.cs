using Meguro.Learning.Domain;
using Meguro.Learning.Domain.Organization;
using Meguro.Learning.Roster.Csv;

namespace Meguro.Learning.Roster;

internal sealed class OrgUnitPlan
{
    public List<ImportIssue> Errors { get; } = [];
    public List<OrgUnit> Created { get; } = [];
    public List<OrgUnitChange> New { get; } = [];
    public List<OrgUnitChange> Updates { get; } = [];
    public List<OrgUnitChange> Deactivations { get; } = [];
    public int Unchanged { get; set; }
}

/// <summary>
/// Brings the organisation in line with a 組織 file through <see cref="OrgUnit"/>'s own methods.
/// Like <see cref="RosterPlanner"/> it works on detached copies for the dry run and on tracked
/// entities for the import. Checks that need the whole tree (parents, units still staffed) happen
/// before anything is touched; the caller must not use the entities when <see cref="OrgUnitPlan.Errors"/> is not empty.
/// </summary>
internal static class OrgUnitPlanner
{
    private static readonly OrgUnitKind[] TopDown = [OrgUnitKind.Department, OrgUnitKind.Section, OrgUnitKind.Team];

    /// <param name="units">Every unit in the database, active or not.</param>
    /// <param name="activeEmployees">Active employees per OrgUnit id.</param>
    /// <param name="rewritePaths">
    /// Recompute every materialised path below a moved unit. Needs the Parent navigations that a
    /// tracking query fixes up, so only the import asks for it; the dry run does not show paths.
    /// </param>
    public static OrgUnitPlan Plan(OrgUnitCsv file, IReadOnlyCollection<OrgUnit> units, IReadOnlyDictionary<int, int> activeEmployees, bool rewritePaths)
    {
        if (!file.IsValid)
        {
            throw new InvalidOperationException("An organisation file with errors cannot be planned.");
        }
        var plan = new OrgUnitPlan();
        var existing = units.ToDictionary(u => u.Code, StringComparer.Ordinal);
        var byId = units.ToDictionary(u => u.Id);
        var inFile = file.Records.ToDictionary(r => r.Code, StringComparer.Ordinal);

        Check(file, existing, inFile, plan.Errors);
        var closing = Closing(units, inFile, activeEmployees, byId, plan.Errors);
        if (plan.Errors.Count > 0)
        {
            return plan;
        }

        // Parents before children, so a unit always hangs under a parent whose path is final.
        var current = new Dictionary<string, OrgUnit>(existing, StringComparer.Ordinal);
        foreach (var kind in TopDown)
        {
            foreach (var record in file.Records.Where(r => r.Kind == kind))
            {
                var parent = record.ParentCode is null ? null : current[record.ParentCode];
                try
                {
                    if (!existing.TryGetValue(record.Code, out var unit))
                    {
                        unit = new OrgUnit(record.Code, record.Name, record.Kind, parent);
                        current[unit.Code] = unit;
                        plan.Created.Add(unit);
                        plan.New.Add(new OrgUnitChange(OrgUnitChangeKind.New, unit.Code, unit.Name, record.Line,
                            parent is null ? $"新設（{kind.ToJapanese()}）" : $"新設（{kind.ToJapanese()}、上位所属: {parent.Name}）"));
                        continue;
                    }
                    var change = Update(unit, record, parent, byId);
                    if (change is null)
                    {
                        plan.Unchanged++;
                    }
                    else
                    {
                        plan.Updates.Add(change);
                    }
                }
                catch (DomainException ex)
                {
                    plan.Errors.Add(ImportIssue.At(record.Line, ex.Message));
                }
            }
        }

        foreach (var unit in closing)
        {
            unit.Deactivate();
            plan.Deactivations.Add(new OrgUnitChange(OrgUnitChangeKind.Deactivation, unit.Code, unit.Name, null, "ファイルに記載なし → 廃止"));
        }

        if (rewritePaths)
        {
            foreach (var kind in TopDown)
            {
                foreach (var unit in current.Values.Where(u => u.Kind == kind))
                {
                    unit.RefreshPath();
                }
            }
        }
        return plan;
    }

    private static OrgUnitChange? Update(OrgUnit unit, OrgUnitRecord record, OrgUnit? parent, Dictionary<int, OrgUnit> byId)
    {
        var parts = new List<string>();
        var reactivated = !unit.IsActive;
        if (reactivated)
        {
            unit.Reactivate();
            parts.Add("再開（廃止 → 有効）");
        }
        var renamed = unit.Name != record.Name;
        if (renamed)
        {
            parts.Add($"名称: {unit.Name} → {record.Name}");
            unit.Rename(record.Name);
        }
        var oldParent = unit.ParentId is { } parentId ? byId.GetValueOrDefault(parentId) : null;
        var moved = oldParent?.Code != parent?.Code;
        if (moved)
        {
            unit.MoveTo(parent);
            parts.Add($"上位所属: {oldParent?.Name ?? "（なし）"} → {parent?.Name ?? "（なし）"}");
        }
        return parts.Count == 0
            ? null
            : new OrgUnitChange(OrgUnitChangeKind.Update, unit.Code, unit.Name, record.Line, string.Join("、", parts))
            {
                Renamed = renamed,
                Moved = moved,
                Reactivated = reactivated,
            };
    }

    /// <summary>Row checks that need the database: the parent exists and is of the right tier, the tier does not change.</summary>
    private static void Check(OrgUnitCsv file, Dictionary<string, OrgUnit> existing, Dictionary<string, OrgUnitRecord> inFile, List<ImportIssue> errors)
    {
        foreach (var record in file.Records)
        {
            void Error(string message) => errors.Add(ImportIssue.At(record.Line, message));

            if (existing.TryGetValue(record.Code, out var unit) && unit.Kind != record.Kind)
            {
                Error($"所属コード「{record.Code}」の種別は変更できません（{unit.Kind.ToJapanese()} → {record.Kind.ToJapanese()}）。新しい所属コードで登録してください。");
            }
            if (record.ParentCode is not { } parentCode)
            {
                continue;
            }
            OrgUnitKind parentKind;
            if (inFile.TryGetValue(parentCode, out var parentRecord))
            {
                parentKind = parentRecord.Kind;
            }
            else if (existing.TryGetValue(parentCode, out var parentUnit))
            {
                // It exists, but a unit missing from the file is closed by this import.
                Error($"上位所属コード「{parentCode}」（{parentUnit.Name}）がファイルにありません。ファイルにない所属は廃止されるため、上位所属の行も含めてください。");
                continue;
            }
            else
            {
                Error($"上位所属コード「{parentCode}」は存在しません。");
                continue;
            }
            var expected = record.Kind == OrgUnitKind.Section ? OrgUnitKind.Department : OrgUnitKind.Section;
            if (parentKind != expected)
            {
                Error($"{record.Kind.ToJapanese()}の上位所属は{expected.ToJapanese()}でなければなりません（上位所属コード「{parentCode}」は{parentKind.ToJapanese()}です）。");
            }
        }
    }

    /// <summary>
    /// Active units missing from the file, children first. A unit that still has active staff, or an
    /// active unit below it, cannot close: that would leave people or units under a closed 所属.
    /// </summary>
    private static List<OrgUnit> Closing(
        IReadOnlyCollection<OrgUnit> units, Dictionary<string, OrgUnitRecord> inFile, IReadOnlyDictionary<int, int> activeEmployees,
        Dictionary<int, OrgUnit> byId, List<ImportIssue> errors)
    {
        // The tree after the import: units in the file hang where the file says, the rest where they are.
        var staysActive = new HashSet<string>(StringComparer.Ordinal);
        var childrenOf = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var record in inFile.Values)
        {
            staysActive.Add(record.Code);
            if (record.ParentCode is { } parentCode)
            {
                Child(parentCode, record.Code);
            }
        }
        foreach (var unit in units.Where(u => !inFile.ContainsKey(u.Code) && u.ParentId is not null))
        {
            if (byId.TryGetValue(unit.ParentId!.Value, out var parent))
            {
                Child(parent.Code, unit.Code);
            }
        }

        var closing = new List<OrgUnit>();
        foreach (var unit in units.Where(u => u.IsActive && !inFile.ContainsKey(u.Code)).OrderByDescending(u => u.Kind).ThenBy(u => u.Code, StringComparer.Ordinal))
        {
            var staff = activeEmployees.GetValueOrDefault(unit.Id);
            var activeChild = childrenOf.GetValueOrDefault(unit.Code)?.FirstOrDefault(staysActive.Contains);
            if (staff > 0)
            {
                errors.Add(ImportIssue.At(0,
                    $"所属コード「{unit.Code}」（{unit.Name}）はファイルにありませんが、在籍職員が {CsvValues.Count(staff)} 名いるため廃止できません。" +
                    "先に名簿で職員を異動させるか、この所属の行をファイルに残してください。"));
                staysActive.Add(unit.Code);
            }
            else if (activeChild is not null)
            {
                // A child in the file already got its own error at its line; a child kept open by
                // its staff got one above. This line names the consequence for the parent.
                errors.Add(ImportIssue.At(0,
                    $"所属コード「{unit.Code}」（{unit.Name}）はファイルにありませんが、配下の所属「{activeChild}」が有効なため廃止できません。"));
                staysActive.Add(unit.Code);
            }
            else
            {
                closing.Add(unit);
            }
        }
        return closing;

        void Child(string parentCode, string code)
        {
            if (!childrenOf.TryGetValue(parentCode, out var list))
            {
                childrenOf[parentCode] = list = [];
            }
            list.Add(code);
        }
    }
}
