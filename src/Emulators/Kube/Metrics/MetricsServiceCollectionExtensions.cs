using Microsoft.Extensions.DependencyInjection;

using OrleansEci.Emulators.Kube.Resources;

namespace OrleansEci.Emulators.Kube.Metrics;

public static class MetricsServiceCollectionExtensions
{
    /// <summary>Adds metrics.k8s.io and the scraper that fills it (resolve <see cref="ResourceMetricsScraper"/> to scrape on demand).</summary>
    public static IServiceCollection AddKubeMetrics(this IServiceCollection services, MetricsOptions options)
    {
        options.Validate();
        services.AddSingleton(options);
        services.AddSingleton<MetricsStorage>();
        services.AddSingleton<IResourceTypeSource, MetricsResources>();
        services.AddSingleton<ResourceMetricsScraper>();
        services.AddHostedService(provider => provider.GetRequiredService<ResourceMetricsScraper>());
        return services;
    }
}
