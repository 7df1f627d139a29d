using Meguro.Learning.Domain.Learning;
using Meguro.Learning.Domain.Skills;

namespace Meguro.Learning.Domain.Tests.Learning;

public sealed class AttemptTests
{
    private static readonly DateTime Now = new(2026, 11, 30, 1, 0, 0, DateTimeKind.Utc);
    private static readonly string[] Lessons = ["why", "layers"];

    private static Enrollment NewEnrollment(int cycle = 0) =>
        Enrollment.SelfEnroll(A.Employee(A.Team(A.Section(A.Department()))), courseId: 1, courseAllowsSelfEnrollment: true, cycle, Now);

    private static Attempt Start(Enrollment? enrollment = null, int soFar = 0, int allowed = 0, TimeSpan? limit = null) =>
        Attempt.Start(enrollment ?? NewEnrollment(), courseVersionId: 7, soFar, allowed, "{\"questions\":[]}", Now, limit);

    [Fact]
    public void Starting_is_refused_once_the_allowed_attempts_are_used_and_after_a_pass()
    {
        var enrollment = NewEnrollment();

        Assert.Equal(2, Start(enrollment, soFar: 1, allowed: 2).Number);
        var used = Assert.Throws<DomainException>(() => Start(enrollment, soFar: 2, allowed: 2));
        Assert.Equal("受験できる回数（2 回）をすべて使いました。", used.Message);
        Assert.Equal(51, Start(enrollment, soFar: 50, allowed: 0).Number);

        enrollment.RecordQuizPass(attemptId: 9, Now);
        Assert.Throws<DomainException>(() => Start(enrollment));
    }

    [Fact]
    public void An_older_autosave_arriving_late_does_not_overwrite_a_newer_one()
    {
        var attempt = Start();

        Assert.True(attempt.SaveAnswers("{\"q\":\"new\"}", stamp: 200, Now));
        Assert.False(attempt.SaveAnswers("{\"q\":\"old\"}", stamp: 100, Now));

        Assert.Equal("{\"q\":\"new\"}", attempt.AnswersJson);
    }

    [Fact]
    public void Submitting_twice_counts_once()
    {
        var attempt = Start();

        Assert.True(attempt.Submit("{\"q\":\"a\"}", 1, Now));
        Assert.False(attempt.Submit("{\"q\":\"b\"}", 2, Now.AddSeconds(1)));

        Assert.Equal(AttemptStatus.Submitted, attempt.Status);
        Assert.Equal("{\"q\":\"a\"}", attempt.AnswersJson);
        Assert.Throws<DomainException>(() => attempt.SaveAnswers("{}", 3, Now));
    }

    [Fact]
    public void After_the_deadline_and_its_grace_answers_are_refused_and_a_submit_keeps_what_was_saved_in_time()
    {
        var attempt = Start(limit: TimeSpan.FromMinutes(10));
        attempt.SaveAnswers("{\"q\":\"in time\"}", 1, Now.AddMinutes(9));

        // Within the grace period the last autosave still counts.
        Assert.True(attempt.SaveAnswers("{\"q\":\"last second\"}", 2, Now.AddMinutes(10).AddSeconds(10)));
        var late = Now.AddMinutes(10) + Attempt.DeadlineGrace + TimeSpan.FromSeconds(1);
        Assert.Throws<DomainException>(() => attempt.SaveAnswers("{\"q\":\"late\"}", 3, late));
        Assert.True(attempt.Submit("{\"q\":\"late\"}", 4, late));

        Assert.Equal("{\"q\":\"last second\"}", attempt.AnswersJson);
        Assert.Equal(SubmissionKind.TimeLimit, attempt.SubmittedBy);
        Assert.Equal(Now.AddMinutes(10), attempt.SubmittedAtUtc);
    }

    [Fact]
    public void Scoring_needs_a_submission_and_happens_once()
    {
        var attempt = Start();
        Assert.Throws<DomainException>(() => attempt.RecordScore(1, 1, 100, true, "[]", Now));
        attempt.Submit("{}", 1, Now);

        Assert.True(attempt.RecordScore(8, 10, 80, true, "[]", Now));
        Assert.False(attempt.RecordScore(0, 10, 0, false, "[]", Now));

        Assert.Equal(80m, attempt.ScorePercent);
        Assert.True(attempt.Passed);
    }

    [Fact]
    public void A_course_with_a_quiz_completes_only_when_the_lessons_are_done_and_the_quiz_is_passed_in_either_order()
    {
        var lessonsFirst = NewEnrollment();
        lessonsFirst.MarkLessonDone("why", Now);
        lessonsFirst.MarkLessonDone("layers", Now);
        Assert.False(lessonsFirst.TryComplete(Lessons, courseHasQuiz: true, Now));
        lessonsFirst.RecordQuizPass(1, Now);
        Assert.True(lessonsFirst.TryComplete(Lessons, courseHasQuiz: true, Now));
        Assert.False(lessonsFirst.TryComplete(Lessons, courseHasQuiz: true, Now));

        var passFirst = NewEnrollment();
        passFirst.RecordQuizPass(2, Now);
        passFirst.MarkLessonDone("why", Now);
        Assert.False(passFirst.TryComplete(Lessons, courseHasQuiz: true, Now));
        passFirst.MarkLessonDone("layers", Now);
        Assert.True(passFirst.TryComplete(Lessons, courseHasQuiz: true, Now));
        Assert.Equal(EnrollmentStatus.Completed, passFirst.Status);
    }

    [Fact]
    public void Skill_evidence_comes_only_from_a_passed_scored_attempt_and_the_current_level_ignores_expired_rows()
    {
        var failed = Start();
        failed.Submit("{}", 1, Now);
        failed.RecordScore(0, 10, 0, false, "[]", Now);
        Assert.Throws<DomainException>(() => SkillRecord.FromPassedAttempt(failed, skillId: 1, level: 2, Now, null));

        var passed = Start();
        passed.Submit("{}", 1, Now);
        passed.RecordScore(10, 10, 100, true, "[]", Now);
        var lasting = SkillRecord.FromPassedAttempt(passed, skillId: 1, level: 2, Now, expiresOn: null);
        var yearly = SkillRecord.FromPassedAttempt(passed, skillId: 1, level: 3, Now, expiresOn: new DateOnly(2027, 3, 31));
        var other = SkillRecord.FromPassedAttempt(passed, skillId: 2, level: 1, Now, expiresOn: null);

        var inYear = SkillRecord.CurrentLevels([lasting, yearly, other], new DateOnly(2027, 3, 31));
        var nextYear = SkillRecord.CurrentLevels([lasting, yearly, other], new DateOnly(2027, 4, 1));

        Assert.Equal(3, inYear[1]);
        Assert.Equal(2, nextYear[1]);
        Assert.Equal(1, nextYear[2]);
    }
}

public sealed class CertificateTests
{
    [Fact]
    public void New_codes_are_canonical_and_differ()
    {
        var codes = Enumerable.Range(0, 200).Select(_ => Certificate.NewCode()).ToList();

        Assert.Equal(200, codes.Distinct().Count());
        Assert.All(codes, c => Assert.Equal(c, Certificate.NormalizeCode(c)));
        Assert.All(codes, c => Assert.Matches("^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$", c));
    }

    [Theory]
    [InlineData("7k2m qx9d t4hw", "7K2M-QX9D-T4HW")]
    [InlineData("7K2MQX9DT4HW", "7K2M-QX9D-T4HW")]
    [InlineData("OK2M-QX9D-T4HL", "0K2M-QX9D-T4H1")]
    [InlineData("7K2M－QX9D－T4HW", "7K2M-QX9D-T4HW")]
    [InlineData("7K2M-QX9D-T4H", null)]
    [InlineData("7K2M-QX9D-T4HWX", null)]
    [InlineData("7K2M-QX9D-T4HU", null)]
    [InlineData("", null)]
    public void Typed_codes_are_read_forgivingly(string typed, string? expected) =>
        Assert.Equal(expected, Certificate.NormalizeCode(typed));

    [Fact]
    public void A_certificate_is_only_issued_for_a_completed_enrollment()
    {
        var now = new DateTime(2026, 11, 30, 1, 0, 0, DateTimeKind.Utc);
        var enrollment = Enrollment.SelfEnroll(A.Employee(A.Team(A.Section(A.Department()))), 1, true, 0, now);

        Assert.Throws<DomainException>(() => Certificate.Issue(enrollment, "目黒　太郎", 7, "情報セキュリティ", 1, null, now, null));
        enrollment.Complete(now);
        var certificate = Certificate.Issue(enrollment, "目黒　太郎", 7, "情報セキュリティ", 1, null, now, new DateOnly(2027, 3, 31));

        Assert.True(certificate.IsValidOn(new DateOnly(2027, 3, 31)));
        Assert.False(certificate.IsValidOn(new DateOnly(2027, 4, 1)));
    }
}
