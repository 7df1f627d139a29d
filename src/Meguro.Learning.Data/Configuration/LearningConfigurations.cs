using Meguro.Learning.Domain.Courses;
using Meguro.Learning.Domain.Learning;
using Meguro.Learning.Domain.People;
using Meguro.Learning.Domain.Skills;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Meguro.Learning.Data.Configuration;

internal sealed class EnrollmentConfiguration : IEntityTypeConfiguration<Enrollment>
{
    public void Configure(EntityTypeBuilder<Enrollment> b)
    {
        b.Property(x => x.Source).HasConversion<int>();
        b.Property(x => x.Status).HasConversion<int>();
        b.Property(x => x.LastLessonSlug).HasMaxLength(100);
        b.Property(x => x.AssignedAtUtc).HasConversion(UtcConverters.DateTime);
        b.Property(x => x.StartedAtUtc).HasConversion(UtcConverters.NullableDateTime);
        b.Property(x => x.CompletedAtUtc).HasConversion(UtcConverters.NullableDateTime);
        b.Property(x => x.QuizPassedAtUtc).HasConversion(UtcConverters.NullableDateTime);
        b.Property(x => x.StatusChangedAtUtc).HasConversion(UtcConverters.NullableDateTime);
        b.Property(x => x.CurriculumCode).HasMaxLength(100);
        b.Property(x => x.StatusReason).HasMaxLength(500);
        b.Property(x => x.StatusChangedBy).HasMaxLength(256);
        // The assignment engine reads a curriculum's enrollments.
        b.HasIndex(x => x.CurriculumCode);
        // One enrollment per person, course and cycle: a double click or two app nodes cannot enrol twice.
        b.HasIndex(x => new { x.EmployeeId, x.CourseId, x.Cycle }).IsUnique();
        // Reminder and report queries select by status and due date.
        b.HasIndex(x => new { x.Status, x.DueDate });
        b.HasIndex(x => x.CourseId);
        // The reminder run's copy of the steps each enrollment was sent (SentReminderSteps, ADR 0010).
        b.Property<string>(SentReminderSteps.Column).IsRequired().HasDefaultValue("");
        b.HasOne(x => x.Employee).WithMany().HasForeignKey(x => x.EmployeeId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Course>().WithMany().HasForeignKey(x => x.CourseId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.Progress).WithOne(p => p.Enrollment).HasForeignKey(p => p.EnrollmentId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(x => x.Progress).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class LessonProgressConfiguration : IEntityTypeConfiguration<LessonProgress>
{
    public void Configure(EntityTypeBuilder<LessonProgress> b)
    {
        b.Property(x => x.LessonSlug).HasMaxLength(100).IsRequired();
        b.Property(x => x.CompletedAtUtc).HasConversion(UtcConverters.DateTime);
        b.HasIndex(x => new { x.EnrollmentId, x.LessonSlug }).IsUnique();
    }
}

internal sealed class AttemptConfiguration : IEntityTypeConfiguration<Attempt>
{
    public void Configure(EntityTypeBuilder<Attempt> b)
    {
        b.Property(x => x.Status).HasConversion<int>();
        b.Property(x => x.SubmittedBy).HasConversion<int?>();
        b.Property(x => x.DrawJson).IsRequired();
        b.Property(x => x.AnswersJson).IsRequired();
        b.Property(x => x.StartedAtUtc).HasConversion(UtcConverters.DateTime);
        b.Property(x => x.DeadlineUtc).HasConversion(UtcConverters.NullableDateTime);
        b.Property(x => x.AnswersSavedAtUtc).HasConversion(UtcConverters.NullableDateTime);
        b.Property(x => x.SubmittedAtUtc).HasConversion(UtcConverters.NullableDateTime);
        b.Property(x => x.ScoredAtUtc).HasConversion(UtcConverters.NullableDateTime);
        b.Property(x => x.ScoreEarned).HasPrecision(9, 2);
        b.Property(x => x.ScoreMax).HasPrecision(9, 2);
        b.Property(x => x.ScorePercent).HasPrecision(5, 2);
        b.Property(x => x.Revision).IsConcurrencyToken();
        // Two "start" clicks racing each other compute the same number: one of them fails here.
        b.HasIndex(x => new { x.EnrollmentId, x.Number }).IsUnique();
        b.HasIndex(x => new { x.EmployeeId, x.CourseId });
        // The sweep looks for submitted-but-unscored and expired in-progress attempts.
        b.HasIndex(x => new { x.Status, x.DeadlineUtc });
        b.HasOne(x => x.Enrollment).WithMany().HasForeignKey(x => x.EnrollmentId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<CourseVersion>().WithMany().HasForeignKey(x => x.CourseVersionId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class CertificateConfiguration : IEntityTypeConfiguration<Certificate>
{
    public void Configure(EntityTypeBuilder<Certificate> b)
    {
        b.Property(x => x.Code).HasMaxLength(14).IsRequired();
        b.Property(x => x.EmployeeName).HasMaxLength(100).IsRequired();
        b.Property(x => x.CourseTitle).HasMaxLength(200).IsRequired();
        b.Property(x => x.ScorePercent).HasPrecision(5, 2);
        b.Property(x => x.IssuedAtUtc).HasConversion(UtcConverters.DateTime);
        b.HasIndex(x => x.Code).IsUnique();
        // One certificate per enrollment, however often completion is reached (job rerun, two nodes).
        b.HasIndex(x => x.EnrollmentId).IsUnique();
        b.HasIndex(x => x.EmployeeId);
        b.HasOne(x => x.Enrollment).WithMany().HasForeignKey(x => x.EnrollmentId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<CourseVersion>().WithMany().HasForeignKey(x => x.CourseVersionId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class SkillRecordConfiguration : IEntityTypeConfiguration<SkillRecord>
{
    public void Configure(EntityTypeBuilder<SkillRecord> b)
    {
        b.Property(x => x.ScorePercent).HasPrecision(5, 2);
        b.Property(x => x.AchievedAtUtc).HasConversion(UtcConverters.DateTime);
        b.HasIndex(x => new { x.EmployeeId, x.SkillId });
        // A scoring job that runs twice (or completion reached twice) records each skill of the enrollment once.
        b.HasIndex(x => new { x.EnrollmentId, x.SkillId }).IsUnique();
        b.HasIndex(x => x.AttemptId);
        b.HasIndex(x => new { x.CourseVersionId, x.EmployeeId, x.SkillId });
        b.HasOne(x => x.Skill).WithMany().HasForeignKey(x => x.SkillId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Employee>().WithMany().HasForeignKey(x => x.EmployeeId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Enrollment>().WithMany().HasForeignKey(x => x.EnrollmentId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Attempt>().WithMany().HasForeignKey(x => x.AttemptId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<CourseVersion>().WithMany().HasForeignKey(x => x.CourseVersionId).OnDelete(DeleteBehavior.Restrict);
    }
}
