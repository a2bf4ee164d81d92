using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace OrleansEci.Grains.Zones;

/// <summary><c>services.AddZoneKnowledge(configuration)</c>: the <c>Zones</c> options and this silo's knowledge cache.</summary>
public static class ZoneServiceCollectionExtensions
{
    public static IServiceCollection AddZoneKnowledge(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<ZoneKnowledgeOptions>().Bind(configuration.GetSection(ZoneKnowledgeOptions.SectionName))
            .Validate(static o => { o.Validate(); return true; }).ValidateOnStart();
        services.TryAddSingleton<ZoneKnowledgeCache>();
        return services;
    }
}
