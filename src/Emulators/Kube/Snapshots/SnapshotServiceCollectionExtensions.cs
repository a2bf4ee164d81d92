using Microsoft.Extensions.DependencyInjection;

using OrleansEci.Emulators.Kube.Storage;

namespace OrleansEci.Emulators.Kube.Snapshots;

public static class SnapshotServiceCollectionExtensions
{
    /// <summary>Adds the snapshot file when <see cref="SnapshotOptions.Path"/> is set (nothing otherwise).</summary>
    public static IServiceCollection AddKubeSnapshots(this IServiceCollection services, SnapshotOptions options)
    {
        options.Validate();
        if (options.Path is null)
        {
            return services;
        }

        services.AddSingleton(options);
        services.AddSingleton<SnapshotService>();
        services.AddSingleton<IStoreInitializer>(provider => provider.GetRequiredService<SnapshotService>());
        services.AddHostedService(provider => provider.GetRequiredService<SnapshotService>());
        return services;
    }
}
