using Microsoft.Extensions.Configuration;

using Orleans.Configuration;

namespace OrleansEci.Silo.Hosting;

/// <summary><c>silo.UseConfiguredClustering(configuration)</c>: membership, the <c>pods</c> grain storage and reminders as configured.</summary>
internal static class ClusteringSiloBuilderExtensions
{
    /// <summary>Grain storage the runtime's grains persist to (<c>[PersistentState(..., "pods")]</c>).</summary>
    public const string PodStorage = "pods";

    /// <summary>
    /// <see cref="ClusteringMode.Localhost"/>: localhost clustering on the configured ports and memory storage.
    /// <see cref="ClusteringMode.Redis"/>: Redis membership, Redis grain storage in System.Text.Json (a renamed class
    /// does not make stored state unreadable, as Newtonsoft's <c>$type</c> would) and Redis reminders, with the silo
    /// advertising <c>POD_IP</c>. Invalid options stop start-up here with every problem and its fix.
    /// </summary>
    public static ISiloBuilder UseConfiguredClustering(this ISiloBuilder silo, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(configuration);
        var options = ClusteringOptions.Read(key => configuration[key]);
        if (options.Problems.Count > 0)
        {
            throw new InvalidOperationException("The silo's clustering is misconfigured:\n- " + string.Join("\n- ", options.Problems));
        }

        if (options.Mode == ClusteringMode.Localhost)
        {
            silo.UseLocalhostClustering(options.SiloPort, options.GatewayPort);
            silo.AddMemoryGrainStorage(PodStorage);
            return silo;
        }

        silo.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = options.ClusterId;
            o.ServiceId = options.ServiceId;
        });
        if (options.SiloName is { } name)
        {
            silo.Configure<SiloOptions>(o => o.SiloName = name);
        }

        var advertised = options.AdvertisedAddress ?? throw new InvalidOperationException("Redis clustering without an advertised address passed validation.");
        silo.ConfigureEndpoints(advertised, options.SiloPort, options.GatewayPort, listenOnAnyHostAddress: true);
        // Each provider gets its own ConfigurationOptions; the 10.4.2 options have no ConnectionString property
        // (orleans-redis.md §2).
        silo.UseRedisClustering(o => o.ConfigurationOptions = options.RedisConfiguration());
        silo.AddRedisGrainStorage(PodStorage, o => o.ConfigurationOptions = options.RedisConfiguration());
        silo.UseRedisReminderService(o => o.ConfigurationOptions = options.RedisConfiguration());
        silo.UseSystemTextJsonGrainStorageSerializer();
        return silo;
    }
}
