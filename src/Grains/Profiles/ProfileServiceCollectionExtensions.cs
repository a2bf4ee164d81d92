using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

using OrleansEci.Profiles;

namespace OrleansEci.Grains.Profiles;

/// <summary>Registers this silo's view of the eci-profile: <see cref="SiloProfileCache"/> as <see cref="IEciProfileSource"/>.</summary>
public static class ProfileServiceCollectionExtensions
{
    /// <summary>Options from the <c>Profile</c> section, validated at start-up; the cache polls the cluster's <see cref="IProfileGrain"/>.</summary>
    public static IServiceCollection AddEciProfile(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<ProfileOptions>().Bind(configuration.GetSection(ProfileOptions.SectionName))
            .Validate(static o => { o.Validate(); return true; }).ValidateOnStart();
        services.TryAddSingleton<SiloProfileCache>();
        services.TryAddSingleton<IEciProfileSource>(static sp => sp.GetRequiredService<SiloProfileCache>());
        services.AddHostedService(static sp => sp.GetRequiredService<SiloProfileCache>());
        return services;
    }
}
