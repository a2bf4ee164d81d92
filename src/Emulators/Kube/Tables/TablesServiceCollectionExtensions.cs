using Microsoft.Extensions.DependencyInjection;

using OrleansEci.Emulators.Kube.Negotiation;

namespace OrleansEci.Emulators.Kube.Tables;

/// <summary>Adds Table output (<c>as=Table</c>) to the local API server.</summary>
public static class TablesServiceCollectionExtensions
{
    public static IServiceCollection AddKubeTables(this IServiceCollection services)
    {
        services.AddSingleton<IResponseRenderer>(new TableRenderer("v1"));
        services.AddSingleton<IResponseRenderer>(new TableRenderer("v1beta1"));
        return services;
    }
}
