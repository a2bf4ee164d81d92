using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

using OrleansEci.Emulators.Kube.Admission;
using OrleansEci.Emulators.Kube.Api;
using OrleansEci.Emulators.Kube.Auth;
using OrleansEci.Emulators.Kube.Controllers;
using OrleansEci.Emulators.Kube.Discovery;
using OrleansEci.Emulators.Kube.Metrics;
using OrleansEci.Emulators.Kube.Objects;
using OrleansEci.Emulators.Kube.OpenApi;
using OrleansEci.Emulators.Kube.Resources;
using OrleansEci.Emulators.Kube.Services;
using OrleansEci.Emulators.Kube.Snapshots;
using OrleansEci.Emulators.Kube.Storage;
using OrleansEci.Emulators.Kube.Streaming;
using OrleansEci.Emulators.Kube.Tables;

namespace OrleansEci.Emulators.Kube.Hosting;

/// <summary>
/// Composes the server. Features add themselves next to <see cref="AddKubeApiServer"/> with their own
/// <c>AddXxx()</c> extension: resource types (<see cref="IResourceTypeSource"/>), admission plugins
/// (<see cref="Admission.IAdmissionPlugin"/>), response renderers (<see cref="Negotiation.IResponseRenderer"/>),
/// token authenticators (<see cref="ITokenAuthenticator"/>) and controllers (hosted services using <see cref="ResourceService"/>).
/// </summary>
public static class KubeApiServerServiceCollectionExtensions
{
    public static IServiceCollection AddKubeApiServer(this IServiceCollection services, KubeApiServerOptions options, CertificateAuthority certificateAuthority)
    {
        options.Validate();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(Random.Shared);
        services.AddSingleton(options);
        services.AddSingleton(certificateAuthority);
        services.AddSingleton(options.Store);
        services.AddSingleton(options.Services);
        services.AddSingleton(Options.Create(options.Api));
        services.AddSingleton<ClusterIpAllocator>();
        services.AddSingleton<IResourceTypeSource, BuiltInResources>();
        services.AddSingleton<ResourceRegistry>();
        services.AddSingleton<ObjectStore>();
        services.AddSingleton<ListSnapshots>();
        services.AddSingleton<ResourceService>();
        services.AddSingleton<DiscoveryDocuments>();
        services.AddSingleton<ApiDispatcher>();
        if (options.Token is { } token)
        {
            services.AddSingleton<ITokenAuthenticator>(new StaticTokenAuthenticator(token));
        }

        // Features: one line each, `services.AddKubeXxx();`, defined in the feature's own folder. Both the standalone
        // server and in-process hosts get them from here (tests may add more through KubeApiServer.StartAsync).
        services.AddKubeControllers(options.Controllers);
        services.AddKubeTables();
        services.AddKubeOpenApi();
        services.AddKubeStreaming(options.Kubelets);
        services.AddKubeAdmissionWebhooks();
        services.AddKubeMetrics(options.Metrics);
        services.AddKubeAuth(authenticationEnabled: options.Token is not null);
        services.AddKubeSnapshots(options.Snapshot);
        return services;
    }
}
