using Hangfire;
using Meguro.Learning.Jobs.Curricula;
using Meguro.Learning.Jobs.Mail;
using Meguro.Learning.Jobs.Quizzes;
using Meguro.Learning.Jobs.Reminders;
using Meguro.Learning.Jobs.Reporting;
using Microsoft.Extensions.DependencyInjection;

namespace Meguro.Learning.Jobs;

public static class JobsServiceCollectionExtensions
{
    /// <summary>Registers the job classes. The job storage is chosen by the web host, never here.</summary>
    public static IServiceCollection AddLearningJobs(this IServiceCollection services)
    {
        services.AddScoped<HousekeepingJob>();
        services.AddScoped<CourseCompletion>();
        services.AddScoped<QuizScoringJob>();
        services.AddSingleton<AttemptScoredSignal>();
        services.AddScoped<QuizSweepJob>();
        services.AddScoped<IReminderMailComposer, TemplateReminderMailComposer>();
        services.AddScoped<ReminderJob>();
        services.AddScoped<AssignmentEngine>();
        services.AddSingleton<CurriculumNames.Cache>();
        services.AddScoped<CurriculumNames>();
        services.AddScoped<CurriculumImporter>();
        services.AddScoped<CurriculumAssignmentJob>();
        services.AddScoped<SummaryRebuildJob>();
        return services;
    }

    /// <summary>Schedules the recurring jobs; safe to call on every start-up (ids are stable).</summary>
    public static void ScheduleRecurringJobs(IRecurringJobManager recurring)
    {
        ArgumentNullException.ThrowIfNull(recurring);
        recurring.AddOrUpdate<HousekeepingJob>(
            HousekeepingJob.RecurringJobId,
            job => job.RunAsync(CancellationToken.None),
            "15 3 * * *",
            new RecurringJobOptions { TimeZone = Domain.Jst.Zone });
        // Every day at 08:30 JST; the job itself does nothing on a day that is not a business day.
        recurring.AddOrUpdate<ReminderJob>(
            ReminderJob.RecurringJobId,
            job => job.RunAsync(CancellationToken.None),
            "30 8 * * *",
            new RecurringJobOptions { TimeZone = Domain.Jst.Zone });
        recurring.AddOrUpdate<QuizSweepJob>(
            QuizSweepJob.RecurringJobId,
            job => job.RunAsync(CancellationToken.None),
            Cron.Minutely());
        recurring.AddOrUpdate<MailSenderJob>(
            MailSenderJob.RecurringJobId,
            job => job.RunAsync(CancellationToken.None),
            Cron.Minutely());
        recurring.AddOrUpdate<CurriculumAssignmentJob>(
            CurriculumAssignmentJob.RecurringJobId,
            job => job.RunAsync(CancellationToken.None),
            "30 2 * * *",
            new RecurringJobOptions { TimeZone = Domain.Jst.Zone });
        // After the nightly assignment, before anyone opens a report in the morning.
        recurring.AddOrUpdate<SummaryRebuildJob>(
            SummaryRebuildJob.RecurringJobId,
            job => job.RunAsync(CancellationToken.None),
            "50 2 * * *",
            new RecurringJobOptions { TimeZone = Domain.Jst.Zone });
    }
}
