using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Meguro.Learning.Jobs.Mail;

public static class MailServiceCollectionExtensions
{
    /// <summary>Mail templates and the outbox sender, with <see cref="MailOptions"/> bound from the <c>Mail</c> section.</summary>
    public static IServiceCollection AddLearningMail(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<MailOptions>().Bind(configuration.GetSection(MailOptions.SectionName));
        services.AddSingleton<MailTemplateEngine>();
        services.AddScoped<MailTemplates>();
        services.AddScoped<MailSenderJob>();
        return services;
    }
}
