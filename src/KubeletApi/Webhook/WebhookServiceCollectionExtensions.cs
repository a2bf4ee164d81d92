using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

using OrleansEci.KubeletApi.Admission;

namespace OrleansEci.KubeletApi.Webhook;

/// <summary>
/// Registers the admission webhook's hosting: <c>services.AddAdmissionWebhook(configuration)</c>. The host also registers
/// <see cref="k8s.IKubernetes"/> and an <see cref="Profiles.IEciProfileSource"/> answering from memory, listens with
/// <see cref="WebhookKestrelExtensions.ListenAdmissionWebhook"/> and maps <see cref="WebhookEndpointExtensions.MapAdmissionWebhook(Microsoft.AspNetCore.Routing.IEndpointRouteBuilder)"/>.
/// </summary>
public static class WebhookServiceCollectionExtensions
{
    /// <summary>
    /// Options from the <c>Webhook</c> and <c>Admission</c> sections, then <c>WEBHOOK</c>, then <paramref name="configure"/>;
    /// validated at start-up. When enabled: the certificates, the namespace cache and the vk-webhook registration loop.
    /// </summary>
    public static IServiceCollection AddAdmissionWebhook(this IServiceCollection services, IConfiguration? configuration = null, Action<WebhookOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<WebhookOptions>();
        var admission = services.AddOptions<AdmissionOptions>();
        if (configuration is not null)
        {
            options.Bind(configuration.GetSection(WebhookOptions.SectionName));
            admission.Bind(configuration.GetSection(AdmissionOptions.SectionName));
        }

        options.Configure(static o => o.ApplyEnvironment(Environment.GetEnvironmentVariable));
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.Validate(static o => Valid(o.Problems())).ValidateOnStart();
        admission.Validate(static o => Valid(o.Problems())).ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddLogging();
        services.TryAddSingleton<WebhookCertificates>();
        services.TryAddSingleton<NamespaceCache>();
        services.TryAddSingleton<INamespaceLabelLookup>(static sp => sp.GetRequiredService<NamespaceCache>());
        services.TryAddSingleton<WebhookRegistrar>();
        services.AddHostedService<WebhookLoops>();
        return services;
    }

    private static bool Valid(IReadOnlyList<string> problems) =>
        problems.Count == 0 ? true : throw new InvalidOperationException(string.Join(" ", problems));
}
