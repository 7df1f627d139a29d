using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Meguro.Learning.Roster;

public static class RosterServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="RosterImportService"/> and <see cref="OrgUnitImportService"/> (scoped, like
    /// the LearningDbContext they use). Needs AddLearningData.
    /// </summary>
    public static IServiceCollection AddRosterImport(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddScoped<RosterImportService>();
        services.TryAddScoped<OrgUnitImportService>();
        return services;
    }
}
