using Microsoft.Extensions.DependencyInjection;

using OrleansEci.Emulators.Kube.Resources;

namespace OrleansEci.Emulators.Kube.Streaming;

public static class StreamingServiceCollectionExtensions
{
    /// <summary>
    /// Adds the streaming subresources (log, exec, attach, portforward, nodes/proxy) and the kubelet client with its
    /// certificate (<see cref="KubeletClientCredentials"/>, resolvable so kubelets and tests can trust its CA).
    /// </summary>
    public static IServiceCollection AddKubeStreaming(this IServiceCollection services, KubeletClientOptions options)
    {
        options.Validate();
        services.AddSingleton(options);
        services.AddSingleton<KubeletClientCredentials>();
        services.AddSingleton<KubeletConnections>();
        services.AddSingleton<IResourceTypeSource, StreamingResources>();
        return services;
    }
}
