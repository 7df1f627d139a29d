using System.Globalization;
using System.Runtime.CompilerServices;
using Meguro.Learning.Domain;
using Meguro.Learning.Domain.Organization;
using Meguro.Learning.Domain.People;
using Meguro.Learning.Roster.Csv;

namespace Meguro.Learning.Roster;

/// <summary>What a valid roster file does: the entity changes to save and their description for HR.</summary>
internal sealed class RosterPlan
{
    public List<Employee> Created { get; } = [];
    public List<Employee> Deactivated { get; } = [];
    public List<Employee> Reactivated { get; } = [];
    public List<ManagerAssignment> AssignmentsToAdd { get; } = [];
    public List<ManagerAssignment> AssignmentsToRemove { get; } = [];
    public List<RosterChange> New { get; } = [];
    public List<RosterChange> Updates { get; } = [];
    public List<RosterChange> Leavers { get; } = [];
    public int Unchanged { get; set; }

    /// <summary>Roster leaves of existing people to insert.</summary>
    public List<EmployeeLeave> LeavesToAdd { get; } = [];

    /// <summary>Roster leaves that had not started yet and the file no longer states.</summary>
    public List<EmployeeLeave> LeavesToRemove { get; } = [];

    /// <summary>Leaves of people created by this file: they get ids only once saved.</summary>
    public List<(Employee Employee, LeavePeriod Period)> LeavesOfNewPeople { get; } = [];
}

/// <summary>
/// Brings a set of employees in line with a roster file through the entities' own methods
/// (<see cref="Employee.UpdateFromRoster"/>, <see cref="Employee.Deactivate"/>) and writes down what
/// changed. The dry run hands it detached copies, so the very code that will apply the file
/// produces the preview, and nothing reaches the database; the import hands it tracked entities.
/// All lookups are dictionaries: the cost grows with the file, not with its square.
/// <para>
/// Leave (when the file has the 休業 columns): each row states the person's current or most recent
/// leave. Only leaves the roster recorded (<see cref="LeaveSource.Roster"/>) are ever changed; what
/// HR recorded on /hr/leave stays as it is. People missing from the file keep their leaves.
/// </para>
/// </summary>
internal sealed class RosterPlanner
{
    private readonly RosterPlan _plan = new();
    private readonly IReadOnlyCollection<Employee> _employees;
    private readonly bool _hasLeaveColumns;
    private readonly string _actor;
    private readonly DateTime _nowUtc;
    private readonly Dictionary<string, Employee> _byNumber;
    private readonly Dictionary<int, OrgUnit> _orgUnitsById;
    private readonly Dictionary<int, JobLevel> _jobLevelsById;
    private readonly ILookup<int, ManagerAssignment> _assignmentsByEmployee;
    private readonly HashSet<Employee> _inFile = new(ReferenceEqualityComparer.Instance);
    private readonly ILookup<int, EmployeeLeave> _leavesByEmployee;
    private readonly DateOnly _today;

    /// <param name="hasLeaveColumns">The file has the 休業 columns (<see cref="RosterCsv.HasLeaveColumns"/>).</param>
    /// <param name="rosterLeaves">The stored leaves with <see cref="LeaveSource.Roster"/> (others are ignored).</param>
    /// <param name="actor">Recorded as who entered the leaves the file adds.</param>
    public RosterPlanner(
        RosterReference reference,
        IReadOnlyCollection<Employee> employees,
        IReadOnlyCollection<ManagerAssignment> assignments,
        IReadOnlyCollection<EmployeeLeave> rosterLeaves,
        bool hasLeaveColumns,
        string actor,
        DateTime nowUtc)
    {
        _employees = employees;
        _hasLeaveColumns = hasLeaveColumns;
        _actor = actor;
        _nowUtc = nowUtc;
        _byNumber = employees.ToDictionary(e => e.EmployeeNumber, StringComparer.Ordinal);
        _orgUnitsById = reference.OrgUnits.ToDictionary(u => u.Id);
        _jobLevelsById = reference.JobLevels.ToDictionary(l => l.Id);
        _assignmentsByEmployee = assignments.ToLookup(a => a.EmployeeId);
        _leavesByEmployee = rosterLeaves.Where(l => l.Source == LeaveSource.Roster).ToLookup(l => l.EmployeeId);
        _today = DateOnly.FromDateTime(Jst.FromUtc(nowUtc));
    }

    /// <summary>The whole file at once: every record in file order, then the people it no longer lists.</summary>
    public static RosterPlan Plan(
        RosterCsv file,
        RosterReference reference,
        IReadOnlyCollection<Employee> employees,
        IReadOnlyCollection<ManagerAssignment> assignments,
        IReadOnlyCollection<EmployeeLeave> rosterLeaves,
        string actor,
        DateTime nowUtc)
    {
        if (!file.IsValid)
        {
            throw new InvalidOperationException("A roster file with errors cannot be planned.");
        }
        var planner = new RosterPlanner(reference, employees, assignments, rosterLeaves, file.HasLeaveColumns, actor, nowUtc);
        foreach (var record in file.Records)
        {
            planner.Add(record);
        }
        return planner.Finish();
    }

    /// <summary>
    /// Plans one row (rows must come in file order, each 職員番号 once). Returns the person it creates,
    /// or null when the row is about someone already recorded: the import can start writing new
    /// people while the rest of the file is still being read.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // per row, see RosterCsvReader.ReadRow
    public Employee? Add(RosterRecord record)
    {
        var plan = _plan;
        var profile = record.Profile;
        if (!_byNumber.TryGetValue(profile.EmployeeNumber, out var employee))
        {
            employee = new Employee(profile);
            plan.Created.Add(employee);
            if (record.IsUnitHead)
            {
                plan.AssignmentsToAdd.Add(new ManagerAssignment(employee, profile.OrgUnit));
            }
            if (_hasLeaveColumns && record.Leave is { } newLeave)
            {
                plan.LeavesOfNewPeople.Add((employee, newLeave));
            }
            plan.New.Add(new RosterChange(RosterChangeKind.New, employee.EmployeeNumber, employee.Name, record.Line,
                DescribeNew(profile, record.IsUnitHead) + (_hasLeaveColumns && record.Leave is { } l ? $"、休業: {Describe(l)}" : ""))
            {
                LeaveChanged = _hasLeaveColumns && record.Leave is not null,
            });
            return employee;
        }

        _inFile.Add(employee);
        var before = Snapshot.Of(employee);
        var changes = employee.UpdateFromRoster(profile);
        if (changes.HasFlag(EmployeeChanges.Reactivated))
        {
            plan.Reactivated.Add(employee);
        }
        var parts = DescribeUpdate(before, employee, changes, _orgUnitsById, _jobLevelsById);
        var unitHeadChange = ReplaceAssignments(plan, employee, record.IsUnitHead ? profile.OrgUnit : null,
            _assignmentsByEmployee[employee.Id], _orgUnitsById);
        if (unitHeadChange is not null)
        {
            parts.Add(unitHeadChange);
        }
        var leaveChanges = _hasLeaveColumns
            ? ApplyLeave(plan, employee, record.Leave, [.. _leavesByEmployee[employee.Id]], _actor, _today, _nowUtc)
            : [];
        parts.AddRange(leaveChanges);

        if (parts.Count == 0)
        {
            plan.Unchanged++;
            return null;
        }
        plan.Updates.Add(new RosterChange(RosterChangeKind.Update, employee.EmployeeNumber, employee.Name, record.Line, string.Join("、", parts))
        {
            Fields = changes,
            UnitHeadChanged = unitHeadChange is not null,
            LeaveChanged = leaveChanges.Count > 0,
        });
        return null;
    }

    /// <summary>After the last row: everyone the file did not list leaves. Call once.</summary>
    public RosterPlan Finish()
    {
        var plan = _plan;
        foreach (var employee in _employees)
        {
            if (_inFile.Contains(employee))
            {
                continue;
            }
            // Not in the roster: no longer heads anything, whether they leave now or left before.
            plan.AssignmentsToRemove.AddRange(_assignmentsByEmployee[employee.Id]);
            var orgUnit = _orgUnitsById.GetValueOrDefault(employee.OrgUnitId);
            var jobLevel = _jobLevelsById.GetValueOrDefault(employee.JobLevelId);
            if (employee.Deactivate(_nowUtc))
            {
                plan.Deactivated.Add(employee);
                plan.Leavers.Add(new RosterChange(RosterChangeKind.Leaver, employee.EmployeeNumber, employee.Name, null,
                    $"名簿に記載なし → 無効化（所属: {orgUnit?.Name ?? "不明"}、職層: {jobLevel?.Name ?? "不明"}）"));
            }
        }
        return plan;
    }

    /// <summary>
    /// Makes the person head exactly <paramref name="headOf"/> (or nothing) and says how that
    /// changed, or returns null when it did not. Other units the person headed are released:
    /// the file is the whole truth about 所属長.
    /// </summary>
    private static string? ReplaceAssignments(
        RosterPlan plan, Employee employee, OrgUnit? headOf, IEnumerable<ManagerAssignment> current, Dictionary<int, OrgUnit> orgUnitsById)
    {
        var kept = false;
        var released = new List<string>();
        foreach (var assignment in current)
        {
            if (headOf is not null && assignment.OrgUnitId == headOf.Id)
            {
                kept = true;
                continue;
            }
            plan.AssignmentsToRemove.Add(assignment);
            released.Add(orgUnitsById.GetValueOrDefault(assignment.OrgUnitId)?.Name ?? "不明");
        }
        var added = headOf is not null && !kept;
        if (added)
        {
            plan.AssignmentsToAdd.Add(new ManagerAssignment(employee, headOf!));
        }
        return (added, released.Count) switch
        {
            (false, 0) => null,
            (true, 0) => "所属長: 追加",
            (false, _) => "所属長: 解除",
            _ => $"所属長: {string.Join("・", released)} → {headOf!.Name}",
        };
    }

    /// <summary>
    /// Brings the person's roster leaves in line with what their row states, and says what changed
    /// (「休業: …」 parts; none when nothing did).
    /// </summary>
    private static List<string> ApplyLeave(
        RosterPlan plan, Employee employee, LeavePeriod? stated, List<EmployeeLeave> leaves, string actor, DateOnly today, DateTime nowUtc)
    {
        var parts = new List<string>();
        if (stated is null)
        {
            // Not on leave (any more): what is still open ends yesterday; what had not begun is withdrawn.
            var yesterday = today.AddDays(-1);
            foreach (var open in leaves.Where(l => l.End is null || l.End >= today))
            {
                if (open.Start > yesterday)
                {
                    plan.LeavesToRemove.Add(open);
                    parts.Add($"休業: {Describe(open.Period)} を取消し");
                }
                else
                {
                    open.ChangeEnd(yesterday);
                    parts.Add($"休業: 復職（{CsvValues.FormatDate(yesterday)}まで）");
                }
            }
            return parts;
        }

        var same = leaves.FirstOrDefault(l => l.Start == stated.Start && l.Kind == stated.Kind);
        if (same is not null)
        {
            var before = same.Period;
            if (same.ChangeEnd(stated.End))
            {
                parts.Add($"休業: {Describe(before)} → {Range(same.Period)}");
            }
        }
        else
        {
            plan.LeavesToAdd.Add(new EmployeeLeave(employee.Id, stated, LeaveSource.Roster, actor, nowUtc));
            parts.Add($"休業: {Describe(stated)}");
        }

        // The stated leave is the current one: earlier roster leaves still open then end the day before it.
        var dayBefore = stated.Start.AddDays(-1);
        foreach (var other in leaves.Where(l => !ReferenceEquals(l, same) && (l.End is null || l.End > dayBefore)))
        {
            var before = other.Period;
            if (other.Start > dayBefore && other.Start > today)
            {
                // Starts later than the stated leave and has not begun: superseded, withdrawn.
                plan.LeavesToRemove.Add(other);
                parts.Add($"休業: {Describe(before)} を取消し");
                continue;
            }
            // Never before its own start: a leave that began on or after the stated one keeps its first day.
            var lastDay = other.Start > dayBefore ? other.Start : dayBefore;
            if (other.ChangeEnd(lastDay))
            {
                parts.Add($"休業: {Describe(before)} → {Range(other.Period)}");
            }
        }
        return parts;
    }

    /// <summary>e.g. 「育休 2026-04-01〜」 or 「育休 2026-04-01〜2026-09-30」.</summary>
    private static string Describe(LeavePeriod period) => $"{period.Kind.ToJapanese()} {Range(period)}";

    /// <summary>e.g. 「2026-04-01〜」 (return date not known) or 「2026-04-01〜2026-09-30」.</summary>
    private static string Range(LeavePeriod period) =>
        period.Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "〜" +
        (period.End?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "");

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static string DescribeNew(EmployeeProfile profile, bool isUnitHead) =>
        $"所属: {profile.OrgUnit.Name}、職層: {profile.JobLevel.Name}、雇用区分: {profile.EmploymentType.ToJapanese()}" +
        (isUnitHead ? "、所属長" : "");

    private static List<string> DescribeUpdate(
        Snapshot before, Employee after, EmployeeChanges changes, Dictionary<int, OrgUnit> orgUnitsById, Dictionary<int, JobLevel> jobLevelsById)
    {
        var parts = new List<string>();
        if (changes.HasFlag(EmployeeChanges.Reactivated))
        {
            parts.Add("在籍: 無効 → 有効（再登録）");
        }
        if (changes.HasFlag(EmployeeChanges.Name))
        {
            if (before.Name != after.Name)
            {
                parts.Add($"氏名: {before.Name} → {after.Name}");
            }
            if (before.Kana != after.Kana)
            {
                parts.Add($"カナ: {Text(before.Kana)} → {Text(after.Kana)}");
            }
        }
        if (changes.HasFlag(EmployeeChanges.Email))
        {
            parts.Add($"メールアドレス: {Text(before.Email)} → {Text(after.Email)}");
        }
        if (changes.HasFlag(EmployeeChanges.OrgUnit))
        {
            var from = orgUnitsById.GetValueOrDefault(before.OrgUnitId);
            var to = after.OrgUnit;
            // Unit names repeat across the chart (庶務係 in several 課); then the codes tell them apart.
            parts.Add(from is not null && from.Name == to.Name
                ? $"所属: {from.Name}（{from.Code}） → {to.Name}（{to.Code}）"
                : $"所属: {from?.Name ?? "不明"} → {to.Name}");
        }
        if (changes.HasFlag(EmployeeChanges.JobLevel))
        {
            parts.Add($"職層: {jobLevelsById.GetValueOrDefault(before.JobLevelId)?.Name ?? "不明"} → {after.JobLevel.Name}");
        }
        if (changes.HasFlag(EmployeeChanges.EmploymentType))
        {
            parts.Add($"雇用区分: {before.EmploymentType.ToJapanese()} → {after.EmploymentType.ToJapanese()}");
        }
        if (changes.HasFlag(EmployeeChanges.AppointmentEnd))
        {
            parts.Add($"任用期間終了日: {CsvValues.FormatDate(before.AppointmentEndDate)} → {CsvValues.FormatDate(after.AppointmentEndDate)}");
        }
        if (changes.HasFlag(EmployeeChanges.HiredOn))
        {
            parts.Add($"採用日: {CsvValues.FormatDate(before.HiredOn)} → {CsvValues.FormatDate(after.HiredOn)}");
        }
        return parts;
    }

    private static string Text(string value) => value.Length == 0 ? "（なし）" : value;

    /// <summary>The recorded values before the update, for the "before → after" wording.</summary>
    private readonly record struct Snapshot(
        string Name, string Kana, string Email, int OrgUnitId, int JobLevelId,
        EmploymentType EmploymentType, DateOnly? AppointmentEndDate, DateOnly? HiredOn)
    {
        public static Snapshot Of(Employee e) =>
            new(e.Name, e.Kana, e.Email, e.OrgUnitId, e.JobLevelId, e.EmploymentType, e.AppointmentEndDate, e.HiredOn);
    }
}
