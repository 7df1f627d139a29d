using Meguro.Learning.Content;
using Meguro.Learning.Data;
using Meguro.Learning.Domain;
using Meguro.Learning.Domain.Auditing;
using Meguro.Learning.Domain.Curricula;
using Meguro.Learning.Domain.Learning;
using Meguro.Learning.Domain.People;
using Microsoft.EntityFrameworkCore;

namespace Meguro.Learning.Jobs.Curricula;

/// <summary>
/// Assigns the required courses of the active curricula to the people they match. Set-based: a
/// run reads curricula, courses, employees, leave and enrollments in a handful of queries and
/// decides in memory, so it costs the same few queries for 30 or 100,000 enrollments.
/// <para>
/// Only required courses are assigned; electives stay optional (learners find them in the course
/// list). An enrollment stays required while its own curriculum still matches the person's current
/// job level, employment type and unit; the tenure condition (<c>hiredWithinDays</c>) is judged on the
/// assignment day, so a new hire's course does not become 対象外 merely because a month has passed.
/// </para>
/// </summary>
public sealed class AssignmentEngine(LearningDbContext db, TimeProvider clock)
{
    public const string AuditAction = "カリキュラム割当";
    public const string NightlyActor = "システム（夜間）";
    private const int BatchSize = 1000;

    private sealed record Facts(PlannedPerson Person, EmployeeFacts Employee);

    private sealed record Existing(int Id, int EmployeeId, int CourseId, int Cycle, EnrollmentStatus Status, EnrollmentSource Source,
        string? CurriculumCode, DateOnly? DueDate, DateTime AssignedAtUtc);

    private sealed record CourseInfo(int Id, string Slug, bool Yearly);

    /// <summary>The plan for the whole city, or for one curriculum with the editor's unsaved text.</summary>
    public Task<AssignmentPlan> PlanAsync(string? onlyCurriculumCode, IReadOnlyDictionary<string, string>? overrideYaml, CancellationToken cancellationToken) =>
        PlanAsync(new AssignmentScope(onlyCurriculumCode, null, overrideYaml), cancellationToken);

    public async Task<AssignmentPlan> PlanAsync(AssignmentScope scope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var today = Jst.Today(clock);
        var (curricula, issues) = await LoadCurriculaAsync(scope.OverrideYaml, cancellationToken);
        if (issues.Count > 0)
        {
            return new AssignmentPlan(today, [], [], [], [], issues);
        }
        var courses = await LoadCoursesAsync(cancellationToken);
        var people = await LoadFactsAsync(scope.EmployeeId, cancellationToken);
        var leave = await LoadLeaveAsync(scope.EmployeeId, cancellationToken);
        var enrollments = await LoadEnrollmentsAsync(scope.EmployeeId, cancellationToken);

        var planner = new Planner(today, curricula, courses, leave, scope.CurriculumCode);
        foreach (var person in people)
        {
            planner.PlanFor(person, enrollments[person.Person.EmployeeId]);
        }
        return planner.ToPlan();
    }

    /// <summary>
    /// Carries out a plan in one transaction: inserts in batches, changes loaded by id in batches,
    /// and one audit entry with the counts and the reason. Entity methods decide each change, so a
    /// plan that went stale (say the learner completed the course meanwhile) changes nothing there.
    /// </summary>
    public async Task<AssignmentResult> ApplyAsync(AssignmentPlan plan, string actor, string reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        if (!plan.IsValid)
        {
            throw new InvalidOperationException("A plan with curriculum errors cannot be applied.");
        }
        var now = clock.GetUtcNow().UtcDateTime;
        await using var transaction = db.Database.CurrentTransaction is null
            ? await db.Database.BeginTransactionAsync(cancellationToken)
            : null;
        var assigned = await InsertAsync(plan.NewEnrollments, now, cancellationToken);
        var notRequired = await ChangeAsync(plan.NoLongerRequired,
            (e, c) => e.MarkNotRequired($"カリキュラム「{c.CurriculumCode}」の対象から外れました（{reason}）。", actor, now), cancellationToken);
        var reinstated = await ChangeAsync(plan.Reinstated, (e, c) => e.Reinstate(c.CurriculumCode, c.NewDueDate, actor, now), cancellationToken);
        var moved = await ChangeAsync(plan.DueDateMoves, (e, c) => e.MoveDueDate(c.NewDueDate), cancellationToken);
        var result = new AssignmentResult(assigned, notRequired, reinstated, moved);
        db.AuditEntries.Add(new AuditEntry(now, actor, AuditAction, "カリキュラム", $"{reason}: {result.Summary}"));
        await db.SaveChangesAsync(cancellationToken);
        if (transaction is not null)
        {
            await transaction.CommitAsync(cancellationToken);
        }
        db.ChangeTracker.Clear();
        return result;
    }

    /// <summary>
    /// Plan and apply in one call (nightly job, roster import, curriculum save). A run with nothing
    /// to do writes nothing, not even an audit entry: the log records changes.
    /// </summary>
    public async Task<AssignmentResult> RunAsync(AssignmentScope scope, string actor, string reason, CancellationToken cancellationToken)
    {
        var plan = await PlanAsync(scope, cancellationToken);
        return plan.IsValid && !plan.IsEmpty ? await ApplyAsync(plan, actor, reason, cancellationToken) : new AssignmentResult(0, 0, 0, 0);
    }

    /// <summary>The curriculum-reference data (course slugs, 職層 ranks) as the database knows them.</summary>
    public async Task<CurriculumReference> ReferenceAsync(CancellationToken cancellationToken)
    {
        var slugs = await db.Courses.AsNoTracking().Select(c => c.Slug).ToListAsync(cancellationToken);
        var ranks = await db.JobLevels.AsNoTracking().ToDictionaryAsync(l => l.Code, l => l.Rank, StringComparer.Ordinal, cancellationToken);
        return new CurriculumReference(slugs.ToHashSet(StringComparer.Ordinal), ranks);
    }

    private async Task<(List<Curriculum> Curricula, List<ContentIssue> Issues)> LoadCurriculaAsync(
        IReadOnlyDictionary<string, string>? overrideYaml, CancellationToken cancellationToken)
    {
        var stored = await db.CurriculumDefinitions.AsNoTracking().Where(d => d.IsActive)
            .ToDictionaryAsync(d => d.Code, d => d.Yaml, StringComparer.Ordinal, cancellationToken);
        foreach (var (code, yaml) in overrideYaml ?? new Dictionary<string, string>())
        {
            stored[code] = yaml;
        }
        var reference = await ReferenceAsync(cancellationToken);
        var curricula = new List<Curriculum>();
        var issues = new List<ContentIssue>();
        foreach (var (code, yaml) in stored.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var (curriculum, _, fileIssues) = CurriculumCatalog.ParseFile(yaml, CurriculumCatalog.FileLabel(code + ".yml"), reference);
            issues.AddRange(fileIssues);
            if (curriculum is not null)
            {
                curricula.Add(curriculum);
            }
        }
        return (curricula, issues);
    }

    private async Task<Dictionary<string, CourseInfo>> LoadCoursesAsync(CancellationToken cancellationToken) =>
        await db.CourseVersions.AsNoTracking()
            .Where(v => v.Number == v.Course.PublishedVersionNumber && !v.Course.IsArchived)
            .Select(v => new CourseInfo(v.CourseId, v.Course.Slug, v.Yearly))
            .ToDictionaryAsync(c => c.Slug, StringComparer.Ordinal, cancellationToken);

    private async Task<List<Facts>> LoadFactsAsync(int? employeeId, CancellationToken cancellationToken)
    {
        var rows = await db.Employees.AsNoTracking()
            .Where(e => e.IsActive && (employeeId == null || e.Id == employeeId))
            .Select(e => new
            {
                e.Id, e.EmployeeNumber, e.Name, Level = e.JobLevel.Code, e.JobLevel.Rank, e.EmploymentType, e.OrgUnit.Path,
                e.HiredOn, e.AppointmentEndDate,
            })
            .ToListAsync(cancellationToken);
        return [.. rows.Select(r => new Facts(new PlannedPerson(r.Id, r.EmployeeNumber, r.Name),
            new EmployeeFacts(r.Level, r.Rank, r.EmploymentType, r.Path, r.HiredOn, r.AppointmentEndDate)))];
    }

    private async Task<Dictionary<int, LeaveHistory>> LoadLeaveAsync(int? employeeId, CancellationToken cancellationToken)
    {
        var rows = await db.EmployeeLeaves.AsNoTracking()
            .Where(l => employeeId == null || l.EmployeeId == employeeId)
            .Select(l => new { l.EmployeeId, l.Kind, l.Start, l.End })
            .ToListAsync(cancellationToken);
        return rows.GroupBy(r => r.EmployeeId)
            .ToDictionary(g => g.Key, g => new LeaveHistory(g.Select(r => new LeavePeriod(r.Kind, r.Start, r.End))));
    }

    private async Task<ILookup<int, Existing>> LoadEnrollmentsAsync(int? employeeId, CancellationToken cancellationToken)
    {
        var rows = await db.Enrollments.AsNoTracking()
            .Where(e => employeeId == null || e.EmployeeId == employeeId)
            .Select(e => new Existing(e.Id, e.EmployeeId, e.CourseId, e.Cycle, e.Status, e.Source, e.CurriculumCode, e.DueDate, e.AssignedAtUtc))
            .ToListAsync(cancellationToken);
        return rows.ToLookup(e => e.EmployeeId);
    }

    private async Task<int> InsertAsync(IReadOnlyList<PlannedAssignment> assignments, DateTime now, CancellationToken cancellationToken)
    {
        foreach (var batch in assignments.Chunk(BatchSize))
        {
            var ids = batch.Select(a => a.Person.EmployeeId).Distinct().ToList();
            var employees = await db.Employees.Where(e => ids.Contains(e.Id)).ToDictionaryAsync(e => e.Id, cancellationToken);
            db.Enrollments.AddRange(batch.Select(a =>
                Enrollment.AssignFromCurriculum(employees[a.Person.EmployeeId], a.CourseId, a.CurriculumCode, a.Cycle, now, a.DueDate)));
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }
        return assignments.Count;
    }

    private async Task<int> ChangeAsync(IReadOnlyList<PlannedChange> changes, Func<Enrollment, PlannedChange, bool> change, CancellationToken cancellationToken)
    {
        var count = 0;
        foreach (var batch in changes.Chunk(BatchSize))
        {
            var ids = batch.Select(c => c.EnrollmentId).ToList();
            var enrollments = await db.Enrollments.Where(e => ids.Contains(e.Id)).ToDictionaryAsync(e => e.Id, cancellationToken);
            count += batch.Count(c => enrollments.TryGetValue(c.EnrollmentId, out var e) && change(e, c));
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }
        return count;
    }

    /// <summary>The in-memory decisions for one run.</summary>
    private sealed class Planner(DateOnly today, List<Curriculum> curricula, Dictionary<string, CourseInfo> courses,
        Dictionary<int, LeaveHistory> leave, string? onlyCurriculumCode)
    {
        private readonly List<PlannedAssignment> _new = [];
        private readonly List<PlannedChange> _notRequired = [];
        private readonly List<PlannedChange> _reinstated = [];
        private readonly List<PlannedChange> _moves = [];
        private readonly Dictionary<string, Curriculum> _byCode = curricula.ToDictionary(c => c.Id, StringComparer.Ordinal);
        private readonly Dictionary<int, string> _slugs = courses.Values.ToDictionary(c => c.Id, c => c.Slug);

        public AssignmentPlan ToPlan() => new(today, _new, _notRequired, _reinstated, _moves, []);

        public void PlanFor(Facts person, IEnumerable<Existing> existing)
        {
            var history = leave.GetValueOrDefault(person.Person.EmployeeId, LeaveHistory.None);
            var mine = existing.ToList();
            var byKey = mine.ToDictionary(e => (e.CourseId, e.Cycle));
            var wanted = Wanted(person, history);
            foreach (var (courseId, (curriculum, cycle, due)) in wanted)
            {
                if (!InScope(curriculum.Id))
                {
                    continue;
                }
                var slug = _slugs[courseId];
                if (!byKey.TryGetValue((courseId, cycle), out var current))
                {
                    _new.Add(new PlannedAssignment(person.Person, courseId, slug, curriculum.Id, cycle, due));
                }
                else if (current.Status == EnrollmentStatus.NotRequired)
                {
                    _reinstated.Add(new PlannedChange(current.Id, person.Person, slug, curriculum.Id, current.DueDate, due));
                }
            }
            foreach (var current in mine.Where(e => e.Status == EnrollmentStatus.Active && e.Source == EnrollmentSource.Curriculum && e.CurriculumCode is not null))
            {
                PlanExisting(person, history, current, wanted);
            }
        }

        /// <summary>Still required: maybe a new due date. No longer required by any curriculum: 対象外.</summary>
        private void PlanExisting(Facts person, LeaveHistory history, Existing current, Dictionary<int, (Curriculum, int, DateOnly)> wanted)
        {
            if (!_slugs.TryGetValue(current.CourseId, out var slug) || !InScope(current.CurriculumCode!))
            {
                return;
            }
            var assignedOn = DateOnly.FromDateTime(Jst.FromUtc(current.AssignedAtUtc));
            if (_byCode.TryGetValue(current.CurriculumCode!, out var own)
                && own.Courses.Any(c => c.Slug == slug && c.IsRequired)
                && own.Rule.Matches(person.Employee, assignedOn))
            {
                var due = own.Due.DueDateFor(assignedOn, person.Employee, history, today);
                if (due != current.DueDate)
                {
                    _moves.Add(new PlannedChange(current.Id, person.Person, slug, own.Id, current.DueDate, due));
                }
                return;
            }
            if (!wanted.ContainsKey(current.CourseId))
            {
                _notRequired.Add(new PlannedChange(current.Id, person.Person, slug, current.CurriculumCode!, current.DueDate, null));
            }
        }

        /// <summary>
        /// Course → the curriculum that asks for it with the earliest due date, this fiscal year's
        /// cycle for a yearly course. A 会計年度任用職員 whose appointment has ended gets nothing new.
        /// </summary>
        private Dictionary<int, (Curriculum Curriculum, int Cycle, DateOnly Due)> Wanted(Facts person, LeaveHistory history)
        {
            var wanted = new Dictionary<int, (Curriculum, int, DateOnly)>();
            if (person.Employee.EmploymentType == EmploymentType.FiscalYearAppointed && person.Employee.AppointmentEndDate < today)
            {
                return wanted;
            }
            foreach (var curriculum in curricula.Where(c => c.AppliesTo(person.Employee, today)))
            {
                var due = curriculum.Due.DueDateFor(today, person.Employee, history, today);
                foreach (var course in curriculum.RequiredCourses)
                {
                    if (!courses.TryGetValue(course.Slug, out var info))
                    {
                        continue;
                    }
                    var cycle = info.Yearly || course.IsYearly ? Jst.FiscalYear(today) : 0;
                    if (!wanted.TryGetValue(info.Id, out var earlier) || due < earlier.Item3)
                    {
                        wanted[info.Id] = (curriculum, cycle, due);
                    }
                }
            }
            return wanted;
        }

        private bool InScope(string curriculumCode) => onlyCurriculumCode is null || onlyCurriculumCode == curriculumCode;
    }
}
