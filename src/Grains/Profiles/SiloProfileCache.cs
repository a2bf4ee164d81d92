using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

using OrleansEci.Grains.Cluster;
using OrleansEci.Profiles;

namespace OrleansEci.Grains.Profiles;

/// <summary>
/// This silo's copy of the eci-profile in force, for the admission webhook (per request) and pod grains (per create):
/// answered from memory, never by a grain call. Refreshed by polling the cluster's <see cref="IProfileGrain"/> every
/// <see cref="ProfileOptions.RefreshInterval"/> with the version it has.
/// <para>
/// Why polling rather than an Orleans observer or stream: an observer reference lives only as long as the grain
/// activation that holds it, so after a silo's death every silo would have to notice and re-subscribe (observers are
/// themselves polled for liveness in Orleans' own guidance), and a stream needs a stream provider and pub-sub storage
/// this runtime does not otherwise have. A poll that usually carries only two numbers is cheaper than either, re-activates
/// the grain on a survivor by itself, and bounds staleness to one interval, which the docs promise as "without
/// restart", not instantly.
/// </para>
/// </summary>
public sealed partial class SiloProfileCache(
    IGrainFactory grains,
    IClusterCatalog catalog,
    IOptions<ProfileOptions> options,
    TimeProvider time,
    ILogger<SiloProfileCache> log) : BackgroundService, IEciProfileSource
{
    private volatile EciProfile _current = EciProfile.Default;
    private Guid _activation;
    private long _version;
    private IReadOnlyDictionary<string, string>? _data;

    /// <inheritdoc />
    public EciProfile Current => _current;

    /// <summary>Asks the grain once; true when the profile in force changed.</summary>
    public async Task<bool> RefreshAsync()
    {
        ProfileSnapshot snapshot = await grains.GetGrain<IProfileGrain>(catalog.ClusterId).GetProfile(_activation, _version).ConfigureAwait(false);
        if (snapshot.Unchanged)
        {
            return false;
        }

        // The grain only keeps data that parsed; parsing it here again gives the same profile on every silo.
        ProfileParseResult parsed = EciProfileParser.Parse(snapshot.Data);
        if (parsed.Profile is not { } profile)
        {
            throw new InvalidOperationException($"The profile grain sent version {snapshot.Version} that does not parse: {parsed.Describe()}");
        }

        _activation = snapshot.Activation;
        _version = snapshot.Version;
        if (SameData(_data, snapshot.Data))
        {
            return false; // a new activation of the grain, same profile
        }

        _data = snapshot.Data;
        _current = profile;
        LogRefreshed(log, snapshot.Version, snapshot.Data is null ? "defaults" : "kube-system/eci-profile");
        return true;
    }

    private static bool SameData(IReadOnlyDictionary<string, string>? a, IReadOnlyDictionary<string, string>? b) =>
        a is null || b is null ? a is null && b is null : a.Count == b.Count && a.All(p => b.TryGetValue(p.Key, out string? v) && v == p.Value);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        TimeSpan interval = options.Value.RefreshInterval;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RefreshAsync().WaitAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                LogRefreshFailed(log, e);
            }

            await Task.Delay(interval, time, stoppingToken).ConfigureAwait(false);
        }
    }

    [LoggerMessage(EventId = 610, Level = LogLevel.Information, Message = "This silo now uses eci-profile version {Version} ({Source})")]
    private static partial void LogRefreshed(ILogger logger, long version, string source);

    [LoggerMessage(EventId = 611, Level = LogLevel.Warning, Message = "Reading the eci-profile from its grain failed; the last one read stays in use")]
    private static partial void LogRefreshFailed(ILogger logger, Exception exception);
}
