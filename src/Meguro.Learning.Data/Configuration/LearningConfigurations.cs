using Meguro.Learning.Domain.Courses;
using Meguro.Learning.Domain.Learning;
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
        // One enrollment per person, course and cycle: a double click or two app nodes cannot enrol twice.
        b.HasIndex(x => new { x.EmployeeId, x.CourseId, x.Cycle }).IsUnique();
        // Reminder and report queries select by status and due date.
        b.HasIndex(x => new { x.Status, x.DueDate });
        b.HasIndex(x => x.CourseId);
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
