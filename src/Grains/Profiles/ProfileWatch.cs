using System.Net;

using k8s;
using k8s.Autorest;
using k8s.Models;

using Microsoft.Extensions.Logging;

using OrleansEci.Grains.Kubernetes;
using OrleansEci.Profiles;

namespace OrleansEci.Grains.Profiles;

/// <summary>
/// The loop beside a <see cref="ProfileGrain"/>: lists <c>kube-system/eci-profile</c> (by field selector, so an absent
/// ConfigMap is an empty list, not an error), then watches from the list's resourceVersion; on <c>410 Gone</c> it lists
/// again, as client-go's reflector does. Each version goes through <see cref="ProfileState"/>; a refused one is posted
/// as a Warning event on the ConfigMap, once per resourceVersion.
/// </summary>
internal sealed partial class ProfileWatch : IAsyncDisposable
{
    /// <summary>The reason of the Warning event on a refused eci-profile.</summary>
    public const string InvalidReason = "InvalidEciProfile";

    private const string FieldSelector = "metadata.name=" + EciProfileKeys.ConfigMapName;
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan WatchTimeout = TimeSpan.FromMinutes(5);

    private readonly IKubernetes _kube;
    private readonly KubeEventSink _events;
    private readonly TimeProvider _time;
    private readonly ILogger _log;
    private readonly CancellationTokenSource _stop = new();
    private Task _loop = Task.CompletedTask;
    private string? _resourceVersion;

    public ProfileWatch(ProfileState state, IKubernetes kube, KubeEventSink events, TimeProvider time, ILogger log)
    {
        State = state;
        _kube = kube;
        _events = events;
        _time = time;
        _log = log;
    }

    /// <summary>The profile in force and its version.</summary>
    public ProfileState State { get; }

    public void Start() => _loop = Task.Run(() => RunAsync(_stop.Token));

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    private async Task RunAsync(CancellationToken ct)
    {
        TimeSpan backoff = TimeSpan.FromSeconds(1);
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await ListAsync(ct).ConfigureAwait(false);
                backoff = TimeSpan.FromSeconds(1);
                while (!ct.IsCancellationRequested && await WatchOnceAsync(ct).ConfigureAwait(false))
                {
                }
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                LogWatchFailed(_log, backoff, e);
                await Task.Delay(backoff, _time, ct).ConfigureAwait(false);
                backoff = backoff * 2 > MaxBackoff ? MaxBackoff : backoff * 2;
            }
        }
    }

    private async Task ListAsync(CancellationToken ct)
    {
        V1ConfigMapList list = await _kube.CoreV1.ListNamespacedConfigMapAsync(EciProfileKeys.ConfigMapNamespace, fieldSelector: FieldSelector,
            cancellationToken: ct).ConfigureAwait(false);
        _resourceVersion = list.Metadata?.ResourceVersion;
        if (list.Items.FirstOrDefault(c => c.Metadata?.Name == EciProfileKeys.ConfigMapName) is { } configMap)
        {
            Observe(configMap);
        }
        else
        {
            Removed();
        }
    }

    /// <summary>One watch request; false when the server said 410 Gone (list again).</summary>
    private async Task<bool> WatchOnceAsync(CancellationToken ct)
    {
        bool gone = false;
        int timeout = (int)WatchTimeout.TotalSeconds;
        using var deadline = new CancellationTokenSource(WatchTimeout + TimeSpan.FromSeconds(5), _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, deadline.Token);
        try
        {
            var events = _kube.CoreV1.WatchListNamespacedConfigMapAsync(EciProfileKeys.ConfigMapNamespace, allowWatchBookmarks: true,
                fieldSelector: FieldSelector, resourceVersion: _resourceVersion, timeoutSeconds: timeout,
                onError: e => gone |= e is KubernetesException { Status.Code: (int)HttpStatusCode.Gone }, cancellationToken: linked.Token);
            await foreach (var (type, configMap) in events.ConfigureAwait(false))
            {
                _resourceVersion = configMap.Metadata?.ResourceVersion ?? _resourceVersion;
                switch (type)
                {
                    case WatchEventType.Added or WatchEventType.Modified:
                        Observe(configMap);
                        break;
                    case WatchEventType.Deleted:
                        Removed();
                        break;
                }
            }
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.Gone)
        {
            gone = true;
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            // the watch outlived its timeout: the next one starts from the last resourceVersion
        }

        return !gone;
    }

    private void Observe(V1ConfigMap configMap)
    {
        ProfileChange change = State.Apply(configMap.Metadata?.ResourceVersion, configMap.Data?.AsReadOnly());
        foreach (ProfileProblem warning in change.Warnings)
        {
            LogProfileWarning(_log, warning.ToString());
        }

        switch (change.Kind)
        {
            case ProfileChangeKind.Applied:
                LogApplied(_log, configMap.Metadata?.ResourceVersion ?? "?", State.Version);
                break;
            case ProfileChangeKind.Refused:
                LogRefused(_log, configMap.Metadata?.ResourceVersion ?? "?", change.Problem!);
                _events.Post(EciProfileKeys.ConfigMapNamespace, RefusalEvent(configMap, change.Problem!));
                break;
        }
    }

    private void Removed()
    {
        if (State.Reset())
        {
            LogDefaults(_log, State.Version);
        }
    }

    private Corev1Event RefusalEvent(V1ConfigMap configMap, string problem)
    {
        DateTime now = _time.GetUtcNow().UtcDateTime;
        return new Corev1Event
        {
            ApiVersion = "v1",
            Kind = "Event",
            // One event per refused version: the name carries the resourceVersion, so a re-list of the same version is a 409.
            Metadata = new V1ObjectMeta
            {
                Name = $"{EciProfileKeys.ConfigMapName}.{configMap.Metadata?.ResourceVersion ?? "0"}.invalid",
                NamespaceProperty = EciProfileKeys.ConfigMapNamespace,
            },
            InvolvedObject = new V1ObjectReference
            {
                ApiVersion = "v1",
                Kind = "ConfigMap",
                Name = EciProfileKeys.ConfigMapName,
                NamespaceProperty = EciProfileKeys.ConfigMapNamespace,
                Uid = configMap.Metadata?.Uid,
                ResourceVersion = configMap.Metadata?.ResourceVersion,
            },
            Type = "Warning",
            Reason = InvalidReason,
            Message = $"eci-profile refused; the last good profile stays in force: {problem}",
            Count = 1,
            FirstTimestamp = now,
            LastTimestamp = now,
            Source = new V1EventSource { Component = "orleans-eci" },
            ReportingComponent = "orleans-eci",
            ReportingInstance = "profile",
        };
    }

    [LoggerMessage(EventId = 600, Level = LogLevel.Warning, Message = "Watch of kube-system/eci-profile failed; listing again in {Backoff}")]
    private static partial void LogWatchFailed(ILogger logger, TimeSpan backoff, Exception exception);

    [LoggerMessage(EventId = 601, Level = LogLevel.Information, Message = "eci-profile resourceVersion {ResourceVersion} is in force (profile version {Version})")]
    private static partial void LogApplied(ILogger logger, string resourceVersion, long version);

    [LoggerMessage(EventId = 602, Level = LogLevel.Warning, Message = "eci-profile resourceVersion {ResourceVersion} refused; the last good profile stays in force: {Problem}")]
    private static partial void LogRefused(ILogger logger, string resourceVersion, string problem);

    [LoggerMessage(EventId = 603, Level = LogLevel.Information, Message = "kube-system/eci-profile is absent; the default profile is in force (profile version {Version})")]
    private static partial void LogDefaults(ILogger logger, long version);

    [LoggerMessage(EventId = 604, Level = LogLevel.Warning, Message = "eci-profile: {Warning}")]
    private static partial void LogProfileWarning(ILogger logger, string warning);
}
