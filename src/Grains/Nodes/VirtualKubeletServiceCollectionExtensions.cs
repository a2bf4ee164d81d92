using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace OrleansEci.Grains.Nodes;

/// <summary>Registers <see cref="VirtualKubeletOptions"/>: <c>services.AddVirtualKubeletOptions(configuration)</c>.</summary>
public static class VirtualKubeletServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="VirtualKubeletOptions"/> from the <c>VirtualKubelet</c> section of <paramref name="configuration"/>,
    /// then the vk.yaml environment variables that are set, and validates them when the host starts, so a bad value
    /// stops start-up with every problem and its fix instead of surfacing on the first pod.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The configuration holding the section.</param>
    /// <param name="getVariable">Reads environment variables; default <see cref="Environment.GetEnvironmentVariable(string)"/> (tests pass a dictionary).</param>
    public static IServiceCollection AddVirtualKubeletOptions(this IServiceCollection services, IConfiguration configuration, Func<string, string?>? getVariable = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var read = getVariable ?? Environment.GetEnvironmentVariable;
        services.AddOptions<VirtualKubeletOptions>()
            .Bind(configuration.GetSection(VirtualKubeletOptions.SectionName))
            .Configure(o => o.ApplyEnvironment(read))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<VirtualKubeletOptions>, VirtualKubeletOptionsValidator>());
        return services;
    }
}
