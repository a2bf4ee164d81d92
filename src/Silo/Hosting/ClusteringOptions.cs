using System.Globalization;
using System.Net;
using System.Net.Sockets;

using StackExchange.Redis;

namespace OrleansEci.Silo.Hosting;

/// <summary>
/// The silo's clustering, read from the <c>Orleans</c> section (environment: <c>Orleans__ClusteringMode</c>, ...) and the
/// downward-API variables <c>POD_IP</c> and <c>POD_NAME</c>. <see cref="Read"/> never throws: every malformed value
/// becomes a problem saying how to fix it, and <see cref="ClusteringSiloBuilderExtensions.UseConfiguredClustering"/>
/// stops start-up with all of them.
/// </summary>
internal sealed class ClusteringOptions
{
    public const string SectionName = "Orleans";

    /// <summary>Downward-API variable with the pod's IP (<c>status.podIP</c>), the address other silos dial.</summary>
    public const string PodIpVariable = "POD_IP";

    /// <summary>Downward-API variable with the pod's name (<c>metadata.name</c>), used as the silo's name.</summary>
    public const string PodNameVariable = "POD_NAME";

    private const string DefaultId = "orleans-eci";
    private const int DefaultSiloPort = 11111;
    private const int DefaultGatewayPort = 30000;

    /// <summary>
    /// <c>Orleans:ClusteringMode</c>; default <see cref="ClusteringMode.Localhost"/>. Not <c>Orleans:Clustering</c>:
    /// Orleans 10 reads that section itself as a provider (<c>Orleans:Clustering:ProviderType</c>) and fails start-up
    /// with "Could not find Clustering provider named 'Default'" when it holds a plain value.
    /// </summary>
    public ClusteringMode Mode { get; init; } = ClusteringMode.Localhost;

    /// <summary><c>Orleans:SiloPort</c>, silo-to-silo traffic; default 11111.</summary>
    public int SiloPort { get; init; } = DefaultSiloPort;

    /// <summary><c>Orleans:GatewayPort</c>, Orleans clients; default 30000.</summary>
    public int GatewayPort { get; init; } = DefaultGatewayPort;

    /// <summary><c>Orleans:ClusterId</c>: silos with the same id form one cluster; default <c>orleans-eci</c>.</summary>
    public string ClusterId { get; init; } = DefaultId;

    /// <summary>
    /// <c>Orleans:ServiceId</c>: prefixes every Redis key (grain state, reminders, membership), so it must stay the
    /// same across deployments and differ between environments sharing a Redis; default <c>orleans-eci</c>.
    /// </summary>
    public string ServiceId { get; init; } = DefaultId;

    /// <summary><c>Orleans:AdvertisedIPAddress</c>, else <c>POD_IP</c>. Required in Redis mode.</summary>
    public IPAddress? AdvertisedAddress { get; init; }

    /// <summary><c>POD_NAME</c> when set: the silo's name in the membership table and the dashboard.</summary>
    public string? SiloName { get; init; }

    /// <summary>
    /// <c>Orleans:Redis:ConnectionString</c>, StackExchange.Redis syntax (<c>host:6379,password=...,ssl=true</c>).
    /// Required in Redis mode. Never logged: it may carry a password.
    /// </summary>
    public string? RedisConnectionString { get; init; }

    /// <summary>What is wrong, each with how to fix it; empty when the options can be used.</summary>
    public IReadOnlyList<string> Problems { get; init; } = [];

    /// <summary>A fresh StackExchange.Redis configuration per provider (each owns its multiplexer).</summary>
    public ConfigurationOptions RedisConfiguration() =>
        ConfigurationOptions.Parse(RedisConnectionString ?? throw new InvalidOperationException("No Redis connection string: the mode is not Redis."));

    public static ClusteringOptions Read(Func<string, string?> get)
    {
        ArgumentNullException.ThrowIfNull(get);
        List<string> problems = [];
        var mode = ReadMode(get($"{SectionName}:ClusteringMode"), problems);
        int siloPort = ReadPort(get, "SiloPort", DefaultSiloPort, problems);
        int gatewayPort = ReadPort(get, "GatewayPort", DefaultGatewayPort, problems);
        if (siloPort == gatewayPort && siloPort != 0)
        {
            problems.Add($"{SectionName}:SiloPort and {SectionName}:GatewayPort are both {siloPort}. Give the gateway its own port, e.g. 30000.");
        }

        string clusterId = ReadId(get, "ClusterId", problems);
        string serviceId = ReadId(get, "ServiceId", problems);
        var address = ReadAddress(get, problems);
        string? connection = NullIfBlank(get($"{SectionName}:Redis:ConnectionString"));
        if (mode == ClusteringMode.Redis)
        {
            if (address is null && !problems.Any(p => p.Contains(PodIpVariable, StringComparison.Ordinal)))
            {
                problems.Add($"{SectionName}:ClusteringMode is Redis but no address to advertise to the other silos. Set {PodIpVariable} from the downward API (status.podIP) or {SectionName}:AdvertisedIPAddress.");
            }

            CheckConnectionString(connection, problems);
        }

        return new ClusteringOptions
        {
            Mode = mode, SiloPort = siloPort, GatewayPort = gatewayPort, ClusterId = clusterId, ServiceId = serviceId,
            AdvertisedAddress = address, SiloName = NullIfBlank(get(PodNameVariable)), RedisConnectionString = connection,
            Problems = problems,
        };
    }

    private static ClusteringMode ReadMode(string? value, List<string> problems)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return ClusteringMode.Localhost;
        }

        if (Enum.TryParse<ClusteringMode>(value.Trim(), ignoreCase: true, out var mode) && Enum.IsDefined(mode))
        {
            return mode;
        }

        problems.Add($"{SectionName}:ClusteringMode '{value}' is not a clustering mode. Use Localhost (one silo, state in memory) or Redis (with {SectionName}:Redis:ConnectionString).");
        return ClusteringMode.Localhost;
    }

    private static int ReadPort(Func<string, string?> get, string key, int fallback, List<string> problems)
    {
        string? value = get($"{SectionName}:{key}");
        if (string.IsNullOrWhiteSpace(value))
        {
            return fallback;
        }

        if (int.TryParse(value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int port) && port <= 65535)
        {
            return port;
        }

        problems.Add($"{SectionName}:{key} '{value}' is not a TCP port. Use 1-65535, e.g. {fallback}.");
        return fallback;
    }

    private static string ReadId(Func<string, string?> get, string key, List<string> problems)
    {
        string? value = get($"{SectionName}:{key}");
        if (value is null)
        {
            return DefaultId;
        }

        // Redis keys are "{ServiceId}/members/{ClusterId}" and "{ServiceId}/state/..." (orleans-redis.md §4): a slash
        // or blank would make one environment's keys collide with another's.
        if (value.Length == 0 || value.Any(c => char.IsWhiteSpace(c) || c == '/'))
        {
            problems.Add($"{SectionName}:{key} '{value}' must be non-empty without spaces or '/'. Use e.g. orleans-eci-prod.");
            return DefaultId;
        }

        return value;
    }

    private static IPAddress? ReadAddress(Func<string, string?> get, List<string> problems)
    {
        string key = $"{SectionName}:AdvertisedIPAddress";
        string? value = NullIfBlank(get(key));
        string source = key;
        if (value is null)
        {
            value = NullIfBlank(get(PodIpVariable));
            source = PodIpVariable;
        }

        if (value is null)
        {
            return null;
        }

        // IPAddress.TryParse takes inet_aton's short forms ("10.0.3" is 10.0.0.3): a truncated POD_IP must not pass.
        value = value.Trim();
        if (IPAddress.TryParse(value, out var address) && !address.Equals(IPAddress.Any) && !address.Equals(IPAddress.IPv6Any)
            && (address.AddressFamily != AddressFamily.InterNetwork || value.Count(c => c == '.') == 3))
        {
            return address;
        }

        problems.Add($"{source} '{value}' is not an address other silos can dial. Set {PodIpVariable} from the downward API (fieldRef status.podIP) or {key} to this host's IP.");
        return null;
    }

    private static void CheckConnectionString(string? connection, List<string> problems)
    {
        if (connection is null)
        {
            problems.Add($"{SectionName}:ClusteringMode is Redis but {SectionName}:Redis:ConnectionString is empty. Set it (environment Orleans__Redis__ConnectionString), e.g. redis:6379,password=...,abortConnect=false.");
            return;
        }

        try
        {
            if (ConfigurationOptions.Parse(connection).EndPoints.Count == 0)
            {
                problems.Add($"{SectionName}:Redis:ConnectionString names no Redis endpoint. Start it with host:port, e.g. redis:6379.");
            }
        }
        catch (ArgumentException e)
        {
            // StackExchange.Redis names the bad keyword, never the password's value.
            problems.Add($"{SectionName}:Redis:ConnectionString is not a StackExchange.Redis connection string ({e.Message}). Use host:port followed by ,key=value options.");
        }
    }

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
