namespace Meguro.Learning.Domain.Learning;

public enum AttemptStatus
{
    /// <summary>受験中: answers are being autosaved.</summary>
    InProgress = 1,
    /// <summary>提出済み: stored, waiting for the scoring job.</summary>
    Submitted = 2,
    /// <summary>採点済み.</summary>
    Scored = 3,
}

/// <summary>Who ended the attempt.</summary>
public enum SubmissionKind
{
    /// <summary>The learner pressed 提出する.</summary>
    Learner = 1,
    /// <summary>The time limit ran out; the answers saved before it count.</summary>
    TimeLimit = 2,
}

/// <summary>
/// One sitting of a course quiz (受験). The questions drawn for it are stored with it, so a new
/// version of the quiz or a retake never changes what this attempt showed and how it is scored.
/// Answers are kept as the quiz engine's JSON; the domain only guards the lifecycle:
/// 受験中 → 提出済み → 採点済み, each step once.
/// </summary>
public class Attempt
{
    /// <summary>
    /// Answers that arrive this long after the deadline still count: the browser's last autosave or
    /// the submit pressed in the final second is in flight, not late.
    /// </summary>
    public static readonly TimeSpan DeadlineGrace = TimeSpan.FromSeconds(15);

    private Attempt() { }

    private Attempt(Enrollment enrollment, int courseVersionId, int number, string drawJson, DateTime nowUtc, TimeSpan? timeLimit)
    {
        Enrollment = enrollment;
        EnrollmentId = enrollment.Id;
        EmployeeId = enrollment.EmployeeId;
        CourseId = enrollment.CourseId;
        CourseVersionId = courseVersionId;
        Number = number;
        DrawJson = drawJson;
        AnswersJson = "{}";
        StartedAtUtc = nowUtc;
        DeadlineUtc = timeLimit is { } limit ? nowUtc + limit : null;
        Status = AttemptStatus.InProgress;
    }

    public long Id { get; private set; }
    public int EnrollmentId { get; private set; }
    public Enrollment Enrollment { get; private set; } = null!;

    /// <summary>Copied from the enrollment so that "only my own attempts" is one indexed filter.</summary>
    public int EmployeeId { get; private set; }

    public int CourseId { get; private set; }
    public int CourseVersionId { get; private set; }

    /// <summary>1 for the first attempt of the enrollment, 2 for the retake, …; unique per enrollment.</summary>
    public int Number { get; private set; }

    public AttemptStatus Status { get; private set; }
    public string DrawJson { get; private set; } = "";
    public string AnswersJson { get; private set; } = "";

    /// <summary>The browser's clock value of the newest autosave, so a late-arriving older save cannot overwrite a newer one.</summary>
    public long AnswersStamp { get; private set; }

    public DateTime? AnswersSavedAtUtc { get; private set; }
    public DateTime StartedAtUtc { get; private set; }
    public DateTime? DeadlineUtc { get; private set; }
    public DateTime? SubmittedAtUtc { get; private set; }
    public SubmissionKind? SubmittedBy { get; private set; }
    public DateTime? ScoredAtUtc { get; private set; }
    public decimal? ScoreEarned { get; private set; }
    public decimal? ScoreMax { get; private set; }
    public decimal? ScorePercent { get; private set; }
    public bool? Passed { get; private set; }

    /// <summary>Per-question outcome as the quiz engine wrote it, for the result page's feedback.</summary>
    public string? ResultJson { get; private set; }

    /// <summary>Concurrency token: two requests (double submit, two scoring jobs) cannot both move the attempt on.</summary>
    public int Revision { get; private set; }

    /// <summary>
    /// 受験開始. Refused when the enrollment is closed, the quiz was already passed, or the allowed
    /// number of attempts is used up (<paramref name="attemptsAllowed"/> 0 = unlimited).
    /// </summary>
    public static Attempt Start(
        Enrollment enrollment, int courseVersionId, int attemptsSoFar, int attemptsAllowed,
        string drawJson, DateTime nowUtc, TimeSpan? timeLimit)
    {
        ArgumentNullException.ThrowIfNull(enrollment);
        ArgumentException.ThrowIfNullOrWhiteSpace(drawJson);
        if (enrollment.Status is EnrollmentStatus.Exempt or EnrollmentStatus.NotRequired)
        {
            throw new DomainException("このコースは免除または対象外になっているため、受験できません。");
        }
        if (enrollment.QuizPassedAtUtc is not null)
        {
            throw new DomainException("このクイズにはすでに合格しています。");
        }
        if (attemptsAllowed > 0 && attemptsSoFar >= attemptsAllowed)
        {
            throw new DomainException($"受験できる回数（{attemptsAllowed} 回）をすべて使いました。");
        }
        if (timeLimit is { } limit && limit <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(timeLimit));
        }
        return new Attempt(enrollment, courseVersionId, attemptsSoFar + 1, drawJson, nowUtc, timeLimit);
    }

    /// <summary>Whether the server no longer accepts answers: the deadline (plus grace) has passed.</summary>
    public bool IsPastDeadline(DateTime nowUtc) => DeadlineUtc is { } deadline && nowUtc > deadline + DeadlineGrace;

    /// <summary>
    /// 自動保存. Returns false (and keeps the stored answers) when <paramref name="stamp"/> is older
    /// than the stored one. Throws once the attempt is submitted or past its deadline.
    /// </summary>
    public bool SaveAnswers(string answersJson, long stamp, DateTime nowUtc)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(answersJson);
        if (Status != AttemptStatus.InProgress)
        {
            throw new DomainException("この受験はすでに提出されています。");
        }
        if (IsPastDeadline(nowUtc))
        {
            throw new DomainException("制限時間を過ぎたため、解答は保存できません。制限時間内に保存された解答で採点します。");
        }
        if (stamp < AnswersStamp)
        {
            return false;
        }
        AnswersJson = answersJson;
        AnswersStamp = stamp;
        AnswersSavedAtUtc = nowUtc;
        Revision++;
        return true;
    }

    /// <summary>
    /// 提出. The answers sent with the submit count only within the time limit; after it, the
    /// answers saved in time are what gets scored. Returns false when the attempt was already
    /// submitted (a double click or replayed form), which changes nothing.
    /// </summary>
    public bool Submit(string? answersJson, long stamp, DateTime nowUtc)
    {
        if (Status != AttemptStatus.InProgress)
        {
            return false;
        }
        var late = IsPastDeadline(nowUtc);
        if (!late && answersJson is not null && stamp >= AnswersStamp)
        {
            AnswersJson = answersJson;
            AnswersStamp = stamp;
            AnswersSavedAtUtc = nowUtc;
        }
        Status = AttemptStatus.Submitted;
        SubmittedAtUtc = late && DeadlineUtc is { } deadline ? deadline : nowUtc;
        SubmittedBy = late ? SubmissionKind.TimeLimit : SubmissionKind.Learner;
        Revision++;
        return true;
    }

    /// <summary>The sweep ends an attempt whose time ran out while the tab was closed.</summary>
    public bool SubmitForTimeLimit(DateTime nowUtc) => IsPastDeadline(nowUtc) && Submit(null, 0, nowUtc);

    /// <summary>採点結果の記録. Only a submitted attempt is scored, and only once.</summary>
    public bool RecordScore(decimal earned, decimal max, decimal percent, bool passed, string resultJson, DateTime nowUtc)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(resultJson);
        if (Status == AttemptStatus.Scored)
        {
            return false;
        }
        if (Status != AttemptStatus.Submitted)
        {
            throw new DomainException("提出されていない受験は採点できません。");
        }
        if (max < 0 || earned < 0 || earned > max || percent is < 0 or > 100)
        {
            throw new DomainException("採点結果が不正です。");
        }
        ScoreEarned = earned;
        ScoreMax = max;
        ScorePercent = percent;
        Passed = passed;
        ResultJson = resultJson;
        ScoredAtUtc = nowUtc;
        Status = AttemptStatus.Scored;
        Revision++;
        return true;
    }
}
