using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Meguro.Learning.Content;

public static class ContentServiceCollectionExtensions
{
    public static IServiceCollection AddLearningContent(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ContentOptions>().Bind(configuration.GetSection(ContentOptions.SectionName));
        services.AddScoped<JobLevelCatalog>();
        return services;
    }
}
