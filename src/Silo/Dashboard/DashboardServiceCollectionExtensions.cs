using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

using OrleansEci.KubeletApi.Metrics;

namespace OrleansEci.Silo.Dashboard;

/// <summary><c>services.AddRuntimeDashboard(configuration)</c>: the runtime's metrics exporter, snapshot and recent-activity window.</summary>
internal static class DashboardServiceCollectionExtensions
{
    public static IServiceCollection AddRuntimeDashboard(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DashboardUiOptions>().Bind(configuration.GetSection(DashboardUiOptions.SectionName))
            .Validate(static o => { o.Validate(); return true; }).ValidateOnStart();
        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<PrometheusMetricsWriter>();
        services.TryAddSingleton<IRuntimeMetricsWriter>(static sp => sp.GetRequiredService<PrometheusMetricsWriter>());
        services.TryAddSingleton<RecentActivity>();
        services.TryAddSingleton<RuntimeSnapshot>();
        services.AddHostedService(static sp => sp.GetRequiredService<RuntimeSnapshot>());
        return services;
    }
}
