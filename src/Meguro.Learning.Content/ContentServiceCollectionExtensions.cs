using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Meguro.Learning.Content;

public static class ContentServiceCollectionExtensions
{
    public static IServiceCollection AddLearningContent(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ContentOptions>().Bind(configuration.GetSection(ContentOptions.SectionName));
        services.TryAddSingleton(TimeProvider.System);
        services.AddScoped<JobLevelCatalog>();
        services.AddScoped<SkillCatalog>();
        services.AddScoped<SkillTargetCatalog>();
        // Markdig pipeline and sanitizer are built once and shared (both are thread-safe).
        services.AddSingleton<CourseMarkdown>();
        services.AddSingleton<CourseParser>();
        services.AddScoped<CourseImporter>();
        services.AddSingleton<Quizzes.QuizCatalog>();
        return services;
    }
}
