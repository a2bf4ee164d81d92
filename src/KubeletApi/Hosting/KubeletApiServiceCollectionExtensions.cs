using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

using OrleansEci.KubeletApi.Auth;
using OrleansEci.KubeletApi.Logs;
using OrleansEci.KubeletApi.Stats;

namespace OrleansEci.KubeletApi.Hosting;

/// <summary>
/// Registers the kubelet API: <c>services.AddKubeletApi(configuration)</c>. The host also registers
/// <see cref="k8s.IKubernetes"/> (TokenReview, SubjectAccessReview), <see cref="Eci.IEciClient"/> and an
/// <see cref="Pods.IKubeletPodDirectory"/>, listens with <see cref="KubeletKestrelExtensions.ListenKubeletApi"/> and maps
/// the routes with <see cref="KubeletApiEndpoints.MapKubeletApi"/>.
/// </summary>
public static class KubeletApiServiceCollectionExtensions
{
    /// <summary>
    /// Options from the <c>KubeletApi</c> section of <paramref name="configuration"/>, then <c>KUBELET_PORT</c>, then
    /// <paramref name="configure"/>; validated at start-up with what to fix.
    /// </summary>
    public static IServiceCollection AddKubeletApi(this IServiceCollection services, IConfiguration? configuration = null, Action<KubeletApiOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<KubeletApiOptions>();
        if (configuration is not null)
        {
            options.Bind(configuration.GetSection(KubeletApiOptions.SectionName));
        }

        options.Configure(static o => o.ApplyEnvironment(Environment.GetEnvironmentVariable));
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<KubeletApiOptions>, KubeletApiOptionsValidator>());
        options.ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddLogging();
        services.TryAddSingleton<KubeletCertificates>();
        services.TryAddSingleton<KubeletNodes>();
        services.TryAddSingleton<KubeletAuthenticator>();
        services.TryAddSingleton<KubeletAuthorizer>();
        services.TryAddSingleton<LogFollowBudget>();
        services.TryAddSingleton<NodeMetricsCollector>();
        return services;
    }
}
