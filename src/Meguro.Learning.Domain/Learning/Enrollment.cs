using Meguro.Learning.Domain.People;

namespace Meguro.Learning.Domain.Learning;

/// <summary>Why the person has the course.</summary>
public enum EnrollmentSource
{
    /// <summary>自己登録: the learner chose the course.</summary>
    Self = 1,
    /// <summary>カリキュラム: assigned by a curriculum rule.</summary>
    Curriculum = 2,
    /// <summary>人事が個別に割り当て.</summary>
    HR = 3,
}

public enum EnrollmentStatus
{
    /// <summary>受講中 (or not yet started).</summary>
    Active = 1,
    /// <summary>修了.</summary>
    Completed = 2,
    /// <summary>対象外: no longer required after a transfer or promotion; progress is kept.</summary>
    NotRequired = 3,
    /// <summary>免除: HR exempted the person, with a reason.</summary>
    Exempt = 4,
}

/// <summary>
/// An employee × course. Progress is recorded per lesson <em>slug</em>, not per lesson row, so
/// it survives a new version of the course: lessons that keep their slug keep their progress.
/// <see cref="Cycle"/> is 0 for a one-off course and the fiscal year for a yearly one, so the
/// same person can take 情報セキュリティ again each year without losing last year's record.
/// </summary>
public class Enrollment
{
    private readonly List<LessonProgress> _progress = [];

    private Enrollment() { }

    private Enrollment(Employee employee, int courseId, EnrollmentSource source, int cycle, DateTime nowUtc, DateOnly? dueDate)
    {
        Employee = employee;
        EmployeeId = employee.Id;
        CourseId = courseId;
        Source = source;
        Cycle = cycle;
        AssignedAtUtc = nowUtc;
        DueDate = dueDate;
        Status = EnrollmentStatus.Active;
    }

    public int Id { get; private set; }
    public int EmployeeId { get; private set; }
    public Employee Employee { get; private set; } = null!;
    public int CourseId { get; private set; }
    public EnrollmentSource Source { get; private set; }
    public int Cycle { get; private set; }
    public DateTime AssignedAtUtc { get; private set; }
    public DateOnly? DueDate { get; private set; }
    public DateTime? StartedAtUtc { get; private set; }
    public DateTime? CompletedAtUtc { get; private set; }
    public EnrollmentStatus Status { get; private set; }

    /// <summary>The curriculum (its code) that assigned the course; null for self-enrolment and HR's own assignments.</summary>
    public string? CurriculumCode { get; private set; }

    /// <summary>Why the status was last changed to 対象外 or 免除 (shown to HR and kept for the audit).</summary>
    public string? StatusReason { get; private set; }

    public string? StatusChangedBy { get; private set; }
    public DateTime? StatusChangedAtUtc { get; private set; }

    /// <summary>When the course quiz was first passed; null while not passed (or for a course without a quiz).</summary>
    public DateTime? QuizPassedAtUtc { get; private set; }

    /// <summary>The attempt that passed the quiz.</summary>
    public long? PassedAttemptId { get; private set; }

    /// <summary>The lesson the learner last opened: 「続きから」 goes there.</summary>
    public string? LastLessonSlug { get; private set; }

    public IReadOnlyCollection<LessonProgress> Progress => _progress;

    /// <summary>自己登録. Only an active employee can enrol, and only in a course open to self-enrolment.</summary>
    public static Enrollment SelfEnroll(Employee employee, int courseId, bool courseAllowsSelfEnrollment, int cycle, DateTime nowUtc)
    {
        if (!employee.IsActive)
        {
            throw new DomainException("在籍していない職員は受講登録できません。");
        }
        if (!courseAllowsSelfEnrollment)
        {
            throw new DomainException("このコースは自分で受講登録できません。人事・研修担当による割り当てが必要です。");
        }
        return new Enrollment(employee, courseId, EnrollmentSource.Self, cycle, nowUtc, dueDate: null);
    }

    /// <summary>Assigned by HR or a curriculum, with a due date.</summary>
    public static Enrollment Assign(Employee employee, int courseId, EnrollmentSource source, int cycle, DateTime nowUtc, DateOnly? dueDate)
    {
        if (source == EnrollmentSource.Self)
        {
            throw new ArgumentException("Use SelfEnroll for self-enrolment.", nameof(source));
        }
        return new Enrollment(employee, courseId, source, cycle, nowUtc, dueDate);
    }

    /// <summary>Assigned by a curriculum rule; the due date comes from the curriculum's due policy.</summary>
    public static Enrollment AssignFromCurriculum(Employee employee, int courseId, string curriculumCode, int cycle, DateTime nowUtc, DateOnly? dueDate)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(curriculumCode);
        var enrollment = new Enrollment(employee, courseId, EnrollmentSource.Curriculum, cycle, nowUtc, dueDate) { CurriculumCode = curriculumCode };
        return enrollment;
    }

    /// <summary>
    /// 対象外: the person no longer matches the curriculum (promotion, transfer). Only an open
    /// curriculum assignment changes; progress and a completed record are kept as they are.
    /// </summary>
    public bool MarkNotRequired(string reason, string by, DateTime nowUtc)
    {
        if (Status != EnrollmentStatus.Active || Source != EnrollmentSource.Curriculum)
        {
            return false;
        }
        SetStatus(EnrollmentStatus.NotRequired, reason, by, nowUtc);
        return true;
    }

    /// <summary>The person matches the curriculum again (e.g. transferred back): the assignment reopens with a new due date.</summary>
    public bool Reinstate(string curriculumCode, DateOnly? dueDate, string by, DateTime nowUtc)
    {
        if (Status != EnrollmentStatus.NotRequired)
        {
            return false;
        }
        CurriculumCode = curriculumCode;
        DueDate = dueDate;
        SetStatus(EnrollmentStatus.Active, "カリキュラムの対象に戻りました。", by, nowUtc);
        return true;
    }

    /// <summary>免除 by HR, always with a reason. A completed course cannot be exempted.</summary>
    public void Exempt(string reason, string by, DateTime nowUtc)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new DomainException("免除の理由を入力してください。");
        }
        if (Status == EnrollmentStatus.Completed)
        {
            throw new DomainException("修了したコースは免除にできません。");
        }
        SetStatus(EnrollmentStatus.Exempt, reason.Trim(), by, nowUtc);
    }

    /// <summary>免除の取消し.</summary>
    public void CancelExemption(string by, DateTime nowUtc)
    {
        if (Status != EnrollmentStatus.Exempt)
        {
            throw new DomainException("このコースは免除されていません。");
        }
        SetStatus(EnrollmentStatus.Active, "免除を取り消しました。", by, nowUtc);
    }

    /// <summary>A new due date from the curriculum (policy changed, leave, end of appointment).</summary>
    public bool MoveDueDate(DateOnly? dueDate)
    {
        if (DueDate == dueDate || Status != EnrollmentStatus.Active)
        {
            return false;
        }
        DueDate = dueDate;
        return true;
    }

    private void SetStatus(EnrollmentStatus status, string reason, string by, DateTime nowUtc)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(by);
        Status = status;
        StatusReason = reason.Length > 500 ? reason[..500] : reason;
        StatusChangedBy = by;
        StatusChangedAtUtc = nowUtc;
    }

    /// <summary>The learner opened a lesson.</summary>
    public void Visit(string lessonSlug, DateTime nowUtc)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(lessonSlug);
        StartedAtUtc ??= nowUtc;
        LastLessonSlug = lessonSlug;
    }

    /// <summary>「学習済みにする」. Marking the same lesson twice records it once.</summary>
    public bool MarkLessonDone(string lessonSlug, DateTime nowUtc)
    {
        EnsureOpen();
        Visit(lessonSlug, nowUtc);
        if (_progress.Any(p => p.LessonSlug == lessonSlug))
        {
            return false;
        }
        _progress.Add(new LessonProgress(this, lessonSlug, nowUtc));
        return true;
    }

    public bool IsDone(string lessonSlug) => _progress.Any(p => p.LessonSlug == lessonSlug);

    /// <summary>
    /// Share of the current version's lessons that are done. Progress on lessons a newer version
    /// removed does not count, so the figure never exceeds 100%.
    /// </summary>
    public int PercentDone(IReadOnlyCollection<string> currentLessonSlugs)
    {
        if (currentLessonSlugs.Count == 0)
        {
            return 0;
        }
        var done = currentLessonSlugs.Count(IsDone);
        return (int)Math.Floor(100.0 * done / currentLessonSlugs.Count);
    }

    public bool AllLessonsDone(IReadOnlyCollection<string> currentLessonSlugs) =>
        currentLessonSlugs.Count > 0 && currentLessonSlugs.All(IsDone);

    /// <summary>The first lesson not yet done, else the last one visited, else the first.</summary>
    public string? ResumeLesson(IReadOnlyList<string> currentLessonSlugs) =>
        currentLessonSlugs.FirstOrDefault(s => !IsDone(s))
        ?? (LastLessonSlug is not null && currentLessonSlugs.Contains(LastLessonSlug) ? LastLessonSlug : currentLessonSlugs.FirstOrDefault());

    /// <summary>合格の記録. The first pass counts; a later one (impossible through the UI) changes nothing.</summary>
    public void RecordQuizPass(long attemptId, DateTime nowUtc)
    {
        EnsureOpen();
        if (QuizPassedAtUtc is not null)
        {
            return;
        }
        QuizPassedAtUtc = nowUtc;
        PassedAttemptId = attemptId;
    }

    /// <summary>
    /// Completes the enrollment when everything the course asks is done: every lesson of the current
    /// version, and the quiz passed when the course has one. Returns true only on the call that
    /// completed it, so the caller issues the certificate exactly once.
    /// </summary>
    public bool TryComplete(IReadOnlyCollection<string> currentLessonSlugs, bool courseHasQuiz, DateTime nowUtc)
    {
        if (Status != EnrollmentStatus.Active)
        {
            return false;
        }
        if (!AllLessonsDone(currentLessonSlugs) || (courseHasQuiz && QuizPassedAtUtc is null))
        {
            return false;
        }
        Complete(nowUtc);
        return true;
    }

    /// <summary>修了. Idempotent: completing twice keeps the first date.</summary>
    public void Complete(DateTime nowUtc)
    {
        if (Status == EnrollmentStatus.Completed)
        {
            return;
        }
        EnsureOpen();
        Status = EnrollmentStatus.Completed;
        CompletedAtUtc = nowUtc;
    }

    private void EnsureOpen()
    {
        if (Status is EnrollmentStatus.Exempt or EnrollmentStatus.NotRequired)
        {
            throw new DomainException("このコースは免除または対象外になっているため、学習を記録できません。");
        }
    }
}

/// <summary>One lesson marked 学習済み.</summary>
public class LessonProgress
{
    private LessonProgress() { }

    internal LessonProgress(Enrollment enrollment, string lessonSlug, DateTime completedAtUtc)
    {
        Enrollment = enrollment;
        LessonSlug = lessonSlug;
        CompletedAtUtc = completedAtUtc;
    }

    public long Id { get; private set; }
    public int EnrollmentId { get; private set; }
    public Enrollment Enrollment { get; private set; } = null!;
    public string LessonSlug { get; private set; } = "";
    public DateTime CompletedAtUtc { get; private set; }
}
