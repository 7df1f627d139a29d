using Meguro.Learning.Domain.Curricula;
using Meguro.Learning.Domain.Learning;
using Meguro.Learning.Domain.Messaging;
using Meguro.Learning.Domain.People;
using Meguro.Learning.Domain.Reminders;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Meguro.Learning.Data.Configuration;

internal sealed class CurriculumDefinitionConfiguration : IEntityTypeConfiguration<CurriculumDefinition>
{
    public void Configure(EntityTypeBuilder<CurriculumDefinition> b)
    {
        b.Property(x => x.Code).HasMaxLength(100).IsRequired();
        b.HasIndex(x => x.Code).IsUnique();
        b.Property(x => x.Yaml).IsRequired();
        b.Property(x => x.Origin).HasConversion<int>();
        b.Property(x => x.FileHash).HasMaxLength(64);
        b.Property(x => x.UpdatedBy).HasMaxLength(256);
        b.Property(x => x.UpdatedAtUtc).HasConversion(UtcConverters.DateTime);
        // A save based on an older text is refused instead of silently replacing another HR member's edit.
        b.Property(x => x.Revision).IsConcurrencyToken();
    }
}

internal sealed class EmployeeLeaveConfiguration : IEntityTypeConfiguration<EmployeeLeave>
{
    public void Configure(EntityTypeBuilder<EmployeeLeave> b)
    {
        b.Ignore(x => x.Period);
        b.Property(x => x.Kind).HasConversion<int>();
        b.Property(x => x.Source).HasConversion<int>();
        b.Property(x => x.RecordedBy).HasMaxLength(256);
        b.Property(x => x.RecordedAtUtc).HasConversion(UtcConverters.DateTime);
        b.HasIndex(x => new { x.EmployeeId, x.Start });
        b.HasOne<Employee>().WithMany().HasForeignKey(x => x.EmployeeId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ReminderDeliveryConfiguration : IEntityTypeConfiguration<ReminderDelivery>
{
    public void Configure(EntityTypeBuilder<ReminderDelivery> b)
    {
        b.Property(x => x.StepKey).HasMaxLength(40).IsRequired();
        b.Property(x => x.Recipient).HasConversion<int>();
        b.Property(x => x.CreatedAtUtc).HasConversion(UtcConverters.DateTime);
        // Exactly once: one row per enrollment and reminder step, whoever inserts it first.
        b.HasIndex(x => new { x.EnrollmentId, x.StepKey }).IsUnique();
        b.HasIndex(x => new { x.RunDate, x.RecipientEmployeeId });
        b.HasOne<Enrollment>().WithMany().HasForeignKey(x => x.EnrollmentId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(x => x.Mail).WithMany().HasForeignKey(x => x.OutboxMailId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class OutboxMailConfiguration : IEntityTypeConfiguration<OutboxMail>
{
    public void Configure(EntityTypeBuilder<OutboxMail> b)
    {
        b.Property(x => x.DedupKey).HasMaxLength(200).IsRequired();
        b.HasIndex(x => x.DedupKey).IsUnique();
        b.Property(x => x.Kind).HasMaxLength(60).IsRequired();
        b.Property(x => x.ToAddress).HasMaxLength(256);
        b.Property(x => x.ToName).HasMaxLength(200);
        b.Property(x => x.Subject).HasMaxLength(500).IsRequired();
        b.Property(x => x.Body).IsRequired();
        b.Property(x => x.Status).HasConversion<int>();
        b.Property(x => x.LastError).HasMaxLength(1000);
        b.Property(x => x.CreatedAtUtc).HasConversion(UtcConverters.DateTime);
        b.Property(x => x.NextAttemptAtUtc).HasConversion(UtcConverters.DateTime);
        b.Property(x => x.SentAtUtc).HasConversion(UtcConverters.NullableDateTime);
        b.Property(x => x.Version).IsConcurrencyToken();
        // The sender picks pending mails whose next attempt is due.
        b.HasIndex(x => new { x.Status, x.NextAttemptAtUtc });
        b.HasIndex(x => x.EmployeeId);
    }
}

internal sealed class MailTemplateConfiguration : IEntityTypeConfiguration<MailTemplate>
{
    public void Configure(EntityTypeBuilder<MailTemplate> b)
    {
        b.Property(x => x.Key).HasMaxLength(60).IsRequired();
        b.HasIndex(x => x.Key).IsUnique();
        b.Property(x => x.Subject).HasMaxLength(500).IsRequired();
        b.Property(x => x.Body).IsRequired();
        b.Property(x => x.UpdatedBy).HasMaxLength(256);
        b.Property(x => x.UpdatedAtUtc).HasConversion(UtcConverters.DateTime);
        b.Property(x => x.Revision).IsConcurrencyToken();
    }
}

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> b)
    {
        b.Property(x => x.DedupKey).HasMaxLength(200).IsRequired();
        b.HasIndex(x => x.DedupKey).IsUnique();
        b.Property(x => x.Text).HasMaxLength(1000).IsRequired();
        b.Property(x => x.Url).HasMaxLength(500);
        b.Property(x => x.CreatedAtUtc).HasConversion(UtcConverters.DateTime);
        b.Property(x => x.ReadAtUtc).HasConversion(UtcConverters.NullableDateTime);
        // The header's unread count.
        b.HasIndex(x => new { x.EmployeeId, x.ReadAtUtc });
        b.HasOne<Employee>().WithMany().HasForeignKey(x => x.EmployeeId).OnDelete(DeleteBehavior.Restrict);
    }
}
