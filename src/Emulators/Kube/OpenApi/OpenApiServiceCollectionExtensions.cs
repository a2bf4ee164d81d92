using Microsoft.Extensions.DependencyInjection;

namespace OrleansEci.Emulators.Kube.OpenApi;

/// <summary>Adds the OpenAPI documents (built in the background at start-up); map them with <see cref="OpenApiEndpoints.MapKubeOpenApi"/>.</summary>
public static class OpenApiServiceCollectionExtensions
{
    public static IServiceCollection AddKubeOpenApi(this IServiceCollection services)
    {
        services.AddSingleton<OpenApiDocuments>();
        services.AddHostedService<OpenApiWarmup>();
        return services;
    }
}
