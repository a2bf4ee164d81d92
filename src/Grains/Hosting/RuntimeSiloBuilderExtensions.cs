using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

using OrleansEci.Eci.Configuration;
using OrleansEci.Grains.Cluster;
using OrleansEci.Grains.Kubernetes;
using OrleansEci.Grains.Nodes;
using OrleansEci.Grains.Polling;
using OrleansEci.Grains.Profiles;
using OrleansEci.Grains.Pods.Lifecycle;
using OrleansEci.Grains.Zones;

namespace OrleansEci.Grains.Hosting;

/// <summary><c>silo.AddEciRuntime(configuration)</c>: everything the grains need, configured and validated at start-up.</summary>
public static class RuntimeSiloBuilderExtensions
{
    /// <summary>
    /// Registers the ECI client, the paced Kubernetes client, the virtual-kubelet options (section and vk.yaml
    /// environment), pod and poller options, the cluster catalog and the keeper that starts the virtual nodes. Grain
    /// state goes to the storage named <c>pods</c>, which the host chooses (memory in the sandbox, Redis in production).
    /// </summary>
    public static ISiloBuilder AddEciRuntime(this ISiloBuilder silo, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(configuration);
        IServiceCollection services = silo.Services;
        services.AddEciClient(configuration);
        services.AddKubeClient();
        services.AddVirtualKubeletOptions(configuration);
        services.AddOptions<PodLifecycleOptions>().Bind(configuration.GetSection(PodLifecycleOptions.SectionName))
            .Validate(static o => { o.Validate(); return true; }).ValidateOnStart();
        services.AddOptions<StatusPollerOptions>().Bind(configuration.GetSection(StatusPollerOptions.SectionName))
            .Validate(static o => { o.Validate(); return true; }).ValidateOnStart();
        services.TryAddSingleton<IClusterCatalog, ClusterCatalog>();
        services.AddHostedService<VirtualNodeKeeper>();
        services.AddEciProfile(configuration);
        services.AddZoneKnowledge(configuration);
        services.TryAddSingleton<SiloDeaths>();
        services.AddHostedService(static sp => sp.GetRequiredService<SiloDeaths>());
        return silo;
    }
}
