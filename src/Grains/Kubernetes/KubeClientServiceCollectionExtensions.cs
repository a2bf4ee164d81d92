using k8s;

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

using OrleansEci.Eci.Resilience;

namespace OrleansEci.Grains.Kubernetes;

/// <summary>Registers the runtime's one Kubernetes client, paced by <see cref="KubeClientOptions"/>.</summary>
public static class KubeClientServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IKubernetes"/>. The connection comes from a <see cref="KubernetesClientConfiguration"/>
    /// registered in the container (tests and the sandbox register one), else <see cref="KubeClientOptions.Kubeconfig"/>,
    /// else <c>KUBECONFIG</c>, else the in-cluster service account.
    /// </summary>
    public static IServiceCollection AddKubeClient(this IServiceCollection services, Action<KubeClientOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<KubeClientOptions>().BindConfiguration(KubeClientOptions.SectionName);
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.Validate(static o =>
        {
            o.Validate();
            return true;
        });
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<KubeRequestCounters>();
        services.TryAddSingleton<KubeEventSink>();
        services.AddHostedService(static sp => sp.GetRequiredService<KubeEventSink>());
        services.TryAddSingleton<IKubernetes>(static sp =>
        {
            var o = sp.GetRequiredService<IOptions<KubeClientOptions>>().Value;
            o.Validate();
            var config = sp.GetService<KubernetesClientConfiguration>() ?? Load(o);
            var time = sp.GetRequiredService<TimeProvider>();
            return new k8s.Kubernetes(config, new KubeRequestBudgetHandler(new TokenBucket(o.Burst, o.Qps, time), new TokenBucket(o.EventBurst, o.EventQps, time),
                sp.GetRequiredService<KubeRequestCounters>()));
        });
        return services;
    }

    private static KubernetesClientConfiguration Load(KubeClientOptions o)
    {
        var path = o.Kubeconfig ?? Environment.GetEnvironmentVariable(KubeClientOptions.KubeconfigVariable);
        if (!string.IsNullOrEmpty(path))
        {
            return KubernetesClientConfiguration.BuildConfigFromConfigFile(path);
        }

        return KubernetesClientConfiguration.IsInCluster()
            ? KubernetesClientConfiguration.InClusterConfig()
            : throw new InvalidOperationException(
                "No Kubernetes connection: not in a cluster and no kubeconfig. Set Kubernetes:Kubeconfig or KUBECONFIG to a kubeconfig file.");
    }
}
