using System.Text.Json.Nodes;

using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

using OrleansEci.Emulators.Kube.Resources;
using OrleansEci.Emulators.Kube.Serialization;
using OrleansEci.Emulators.Kube.Services;
using OrleansEci.Emulators.Kube.Storage;

namespace OrleansEci.Emulators.Kube.Snapshots;

/// <summary>
/// Keeps the store in <see cref="SnapshotOptions.Path"/>: loads it before the server serves (objects keep their uids and
/// resourceVersions, new writes continue above the saved version, older watches get 410 so informers relist, Services'
/// ClusterIPs and NodePorts stay allocated), rewrites it every <see cref="SnapshotOptions.Interval"/> when something
/// changed, and on shutdown.
/// </summary>
public sealed partial class SnapshotService : IStoreInitializer, IHostedService, IDisposable
{
    private readonly SnapshotOptions _options;
    private readonly ObjectStore _store;
    private readonly ResourceRegistry _registry;
    private readonly ClusterIpAllocator _allocator;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private readonly SemaphoreSlim _saving = new(1, 1);
    private long _savedVersion = -1;
    private Task? _loop;

    public SnapshotService(SnapshotOptions options, ObjectStore store, ResourceRegistry registry, ClusterIpAllocator allocator, TimeProvider time,
        ILogger<SnapshotService> logger)
    {
        _options = options;
        _store = store;
        _registry = registry;
        _allocator = allocator;
        _time = time;
        _logger = logger;
    }

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        if (_options.Path is not { } path || !File.Exists(path))
        {
            return;
        }

        var (resourceVersion, objects, unknown) = await SnapshotFile.ReadAsync(path, _registry, cancellationToken).ConfigureAwait(false);
        foreach (var (type, obj) in objects)
        {
            _store.Restore(type, obj);
            if (type.Group.Length == 0 && type.Plural == "services")
            {
                Reserve(obj);
            }
        }

        _store.CompleteRestore(resourceVersion);
        _savedVersion = _store.CurrentResourceVersion;
        LogRestored(_logger, objects.Count, path, resourceVersion);
        foreach (var type in unknown.Distinct(StringComparer.Ordinal))
        {
            LogUnknownType(_logger, type);
        }
    }

    /// <summary>Writes the snapshot now if anything changed since the last one.</summary>
    public async Task SaveAsync(CancellationToken cancellationToken)
    {
        if (_options.Path is not { } path)
        {
            return;
        }

        await _saving.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var version = _store.CurrentResourceVersion;
            if (version != _savedVersion)
            {
                await SnapshotFile.WriteAsync(path, _store, cancellationToken).ConfigureAwait(false);
                _savedVersion = version;
            }
        }
        finally
        {
            _saving.Release();
        }
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (_options.Path is not null)
        {
            _loop = RunAsync(_stopping.Token);
        }

        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_loop is not null)
        {
            await _loop.ConfigureAwait(false);
        }

        await SaveAsync(cancellationToken).ConfigureAwait(false);
    }

    public void Dispose()
    {
        _stopping.Dispose();
        _saving.Dispose();
    }

    private async Task RunAsync(CancellationToken stopping)
    {
        using var timer = new PeriodicTimer(_options.Interval, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(stopping).ConfigureAwait(false))
            {
                try
                {
                    await SaveAsync(stopping).ConfigureAwait(false);
                }
                catch (IOException e)
                {
                    LogSaveFailed(_logger, _options.Path!, e.Message);
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Stopping: the final save follows.
        }
    }

    private void Reserve(JsonObject service)
    {
        foreach (var ip in (service["spec"]?["clusterIPs"] as JsonArray ?? []).Select(i => i?.GetValue<string>()).Append(KubeJson.GetString(service, "spec", "clusterIP")))
        {
            if (!string.IsNullOrEmpty(ip) && ip != "None")
            {
                _allocator.TryAllocate(ip);
            }
        }

        foreach (var port in (service["spec"]?["ports"] as JsonArray ?? []).OfType<JsonObject>().Select(p => KubeJson.GetInt64(p["nodePort"])))
        {
            if (port is { } value)
            {
                _allocator.TryAllocatePort((int)value);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Restored {Count} objects from {Path} at resourceVersion {ResourceVersion}")]
    private static partial void LogRestored(ILogger logger, int count, string path, long resourceVersion);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The snapshot holds objects of {Type}, which this server does not serve; they were skipped")]
    private static partial void LogUnknownType(ILogger logger, string type);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not write the snapshot {Path}: {Reason}")]
    private static partial void LogSaveFailed(ILogger logger, string path, string reason);
}
