using Meguro.Learning.Domain.Learning;

namespace Meguro.Learning.Domain.Tests.Learning;

public sealed class EnrollmentTests
{
    private static readonly DateTime Now = new(2026, 11, 30, 1, 0, 0, DateTimeKind.Utc);
    private static readonly string[] Lessons = ["why", "layers", "mail"];

    [Fact]
    public void Marking_a_lesson_twice_records_it_once_and_progress_counts_current_lessons()
    {
        var enrollment = Enrollment.SelfEnroll(A.Employee(A.Team(A.Section(A.Department()))), courseId: 1, courseAllowsSelfEnrollment: true, cycle: 0, Now);

        Assert.True(enrollment.MarkLessonDone("why", Now));
        Assert.False(enrollment.MarkLessonDone("why", Now.AddMinutes(1)));

        Assert.Single(enrollment.Progress);
        Assert.Equal(33, enrollment.PercentDone(Lessons));
        Assert.Equal(Now, enrollment.StartedAtUtc);
    }

    [Fact]
    public void Progress_on_a_lesson_removed_by_a_new_version_does_not_count()
    {
        var enrollment = Enrollment.SelfEnroll(A.Employee(A.Team(A.Section(A.Department()))), 1, true, 0, Now);
        enrollment.MarkLessonDone("old-lesson", Now);
        enrollment.MarkLessonDone("why", Now);

        Assert.Equal(33, enrollment.PercentDone(Lessons));
        Assert.False(enrollment.AllLessonsDone(Lessons));
    }

    [Fact]
    public void Resume_goes_to_the_first_lesson_not_yet_done()
    {
        var enrollment = Enrollment.SelfEnroll(A.Employee(A.Team(A.Section(A.Department()))), 1, true, 0, Now);
        enrollment.MarkLessonDone("why", Now);
        enrollment.Visit("mail", Now);

        Assert.Equal("layers", enrollment.ResumeLesson(Lessons));
        enrollment.MarkLessonDone("layers", Now);
        enrollment.MarkLessonDone("mail", Now);
        Assert.Equal("mail", enrollment.ResumeLesson(Lessons));
    }

    [Fact]
    public void Self_enrolment_needs_an_active_employee_and_an_open_course()
    {
        var employee = A.Employee(A.Team(A.Section(A.Department())));

        Assert.Throws<DomainException>(() => Enrollment.SelfEnroll(employee, 1, courseAllowsSelfEnrollment: false, 0, Now));
        employee.Deactivate(Now);
        Assert.Throws<DomainException>(() => Enrollment.SelfEnroll(employee, 1, courseAllowsSelfEnrollment: true, 0, Now));
    }

    [Fact]
    public void Completing_twice_keeps_the_first_date()
    {
        var enrollment = Enrollment.SelfEnroll(A.Employee(A.Team(A.Section(A.Department()))), 1, true, 0, Now);

        enrollment.Complete(Now);
        enrollment.Complete(Now.AddDays(1));

        Assert.Equal(EnrollmentStatus.Completed, enrollment.Status);
        Assert.Equal(Now, enrollment.CompletedAtUtc);
    }
}
