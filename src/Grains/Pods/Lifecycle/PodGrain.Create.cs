using System.Net;
using System.Text.Json.Nodes;

using k8s;
using k8s.Autorest;
using k8s.Models;

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

using OrleansEci.Eci.ContainerGroups;
using OrleansEci.Eci.Errors;
using OrleansEci.Grains.Cluster;
using OrleansEci.Grains.Pods.Mapping;
using OrleansEci.Grains.Pods.Status;
using OrleansEci.Grains.Profiles;
using OrleansEci.Profiles;

namespace OrleansEci.Grains.Pods.Lifecycle;

public sealed partial class PodGrain
{
    /// <summary>The annotation ACK writes on a pod with its container group id (eci-annotations-current.md, system annotations).</summary>
    public const string InstanceIdAnnotation = "k8s.aliyun.com/eci-instance-id";

    /// <summary>
    /// The ClientToken of a pod's n-th group: derived from the UID, so a silo that dies mid-create and the one that takes
    /// over send the same token, and ECI creates the group once (≤ 64 ASCII, eci-openapi.md §3.1).
    /// </summary>
    internal static string ClientTokenFor(string uid, int generation) => $"vk-{uid}-{generation}";

    /// <summary>One create attempt: resolve inputs, map, persist the intent, call ECI, record the outcome.</summary>
    private async Task CreateStepAsync(CancellationToken ct)
    {
        if (_pod is not { } pod || Node is not { } node)
        {
            return; // nothing observed since activation; the watch's next delivery resumes
        }

        DateTimeOffset now = _time.GetUtcNow();
        if (Record.NextAttemptAt is { } next && next > now)
        {
            Kick(next - now);
            return;
        }

        if (Record.Stage == PodStage.None && Record.ContainerGroupId is null
            && pod.Metadata.Annotations?.TryGetValue(InstanceIdAnnotation, out string? recorded) == true
            && await GroupExistsAsync(recorded, ct))
        {
            // The grain lost its state (a restart on volatile storage) but the pod says which group is its own.
            await AdoptAsync(recorded, fresh: true);
            return;
        }

        PodInputs? inputs = await FetchInputsAsync(pod, PodMapper.Dependencies(pod), ct);
        if (inputs is null)
        {
            return;
        }

        string token = Record.ClientToken ?? ClientTokenFor(Record.Uid, Record.Generation);
        switch (PodMapper.Map(pod, inputs, MappingContextFor(pod, node, token)))
        {
            case Unsupported u:
                await RejectAsync(u.Reason, u.Message);
                return;
            case MissingInput m:
                await RetryLaterAsync(m.Reason, m.Message, PodCreationPolicy.Default, countAttempt: false);
                return;
            case Mapped mapped:
                _createdVolumes = VolumeFingerprint(pod, inputs);
                await CreateAsync(mapped, token, ct);
                return;
        }
    }

    /// <summary>Makes <paramref name="groupId"/> the pod's group: persisted, routed by the poller, written on the pod.</summary>
    private async Task AdoptAsync(string groupId, bool fresh)
    {
        Record.ContainerGroupId = groupId;
        Record.Stage = PodStage.Created;
        Record.AppliedImages ??= _pod is { } pod ? ImagesFingerprint(pod) : null;
        Record.AppliedVolumes ??= _createdVolumes;
        Record.NextAttemptAt = null;
        Record.Reason = null;
        Record.Message = null;
        await _state.WriteStateAsync();
        await Poller.Track(groupId, Key, fresh);
        _tracked = true;
        await AnnotateAsync(groupId);
        LogCreated(_log, Key, groupId, Record.Attempts);
    }

    private async Task OnCreateFailedAsync(EciException e, PodCreationPolicy policy)
    {
        string reason = e.Category switch
        {
            EciErrorCategory.NoStock => "NoStock",
            EciErrorCategory.Throttled => "Throttling",
            EciErrorCategory.Quota => "QuotaExceed",
            _ => "ProviderCreateFailed",
        };
        string message = $"{e.Code}: {e.ErrorMessage ?? e.Message}";
        LogCreateFailed(_log, Key, e.Category, e.Code, Record.Attempts);
        if (e.Category is EciErrorCategory.InvalidRequest or EciErrorCategory.NotSupported)
        {
            await RejectAsync("ProviderInvalidRequest", message);
            return;
        }

        if (e.Code?.StartsWith("QuotaExceed", StringComparison.Ordinal) == true)
        {
            // The account's vCPU quota: the node stops advertising room it cannot give (the retry still follows).
            await GrainFactory.GetGrain<Nodes.IVirtualNodeGrain>(Record.NodeName).ReportAccountQuotaExhausted();
        }

        // A throttle says "not now", not "this pod cannot be created": it backs off like any failure but never spends
        // the pod's attempts (1,000 pods behind ECI's 20 creates/s left some Pending for good after 8 throttles).
        await RetryLaterAsync(reason, message, policy, countAttempt: e.Category != EciErrorCategory.Throttled, e.RetryAfter);
    }

    /// <summary>
    /// Records a failed attempt and schedules the next with capped exponential back-off and jitter; when the attempts
    /// are spent: Failed under fail-fast, keep trying under reschedule, else stay Pending with the reason.
    /// </summary>
    private async Task RetryLaterAsync(string reason, string message, PodCreationPolicy policy, bool countAttempt, TimeSpan? hint = null)
    {
        bool spent = countAttempt && Record.Attempts >= _options.MaxCreateAttempts;
        if (spent && policy.FailStrategy == CreateFailStrategy.FailFast)
        {
            await RejectAsync(reason, message);
            return;
        }

        DateTimeOffset now = _time.GetUtcNow();
        Record.Reason = reason;
        Record.Message = message;
        if (spent && policy.FailStrategy != CreateFailStrategy.Reschedule)
        {
            Record.NextAttemptAt = null; // retries spent: Pending with the reason until the pod changes or is deleted
        }
        else
        {
            // Attempts count ECI calls; waiting for inputs (a ConfigMap not there yet) backs off on its own counter.
            TimeSpan delay = Backoff(countAttempt ? Math.Max(1, Record.Attempts) : ++_inputRetries);
            delay = hint > delay ? hint.Value : delay;
            Record.NextAttemptAt = now + delay;
            Kick(delay);
        }

        await _state.WriteStateAsync();
        JournalRetry(reason, message, Record.NextAttemptAt, countAttempt);
        await PostAsync(new PodEvent("Warning", reason, message, 1, now.UtcDateTime, now.UtcDateTime, "create:" + reason + ":" + message, "orleans-eci"));
        await WriteStatusAsync(PodStatusMapper.Pending(Shape, reason, message, now.UtcDateTime));
    }

    private int _inputRetries;
    private string? _createdVolumes;

    private TimeSpan Backoff(int attempt)
    {
        double factor = Math.Pow(2, Math.Min(attempt - 1, 20));
        TimeSpan delay = TimeSpan.FromTicks((long)Math.Min(_options.RetryMaxDelay.Ticks, _options.RetryBaseDelay.Ticks * factor));
        return delay * (0.8 + (Random.Shared.NextDouble() * 0.4)); // ±20 % so retries of many pods spread out
    }

    /// <summary>A permanent failure: one Warning event and phase Failed with the reason, never retried.</summary>
    private async Task RejectAsync(string reason, string message)
    {
        if (Record.Stage == PodStage.Rejected && Record.Reason == reason)
        {
            return;
        }

        Record.Stage = PodStage.Rejected;
        Record.Reason = reason;
        Record.Message = message;
        Record.NextAttemptAt = null;
        await _state.WriteStateAsync();
        DateTime now = _time.GetUtcNow().UtcDateTime;
        LogRejected(_log, Key, reason, message);
        await PostAsync(new PodEvent("Warning", reason, message, 1, now, now, "reject:" + reason, "orleans-eci"));
        await WriteStatusAsync(new V1PodStatus
        {
            Phase = "Failed",
            Reason = reason,
            Message = message,
            StartTime = _written?.StartTime,
            Conditions = _written?.Conditions?.Where(c => c.Type == "PodScheduled").ToList(),
        });
        _pod = null;
    }

    /// <summary>Fetches the ConfigMaps, Secrets and service-account tokens the pod refers to; null when a call failed (retried later).</summary>
    private async Task<PodInputs?> FetchInputsAsync(V1Pod pod, PodDependencies dependencies, CancellationToken ct)
    {
        if (dependencies.IsEmpty)
        {
            return PodInputs.None;
        }

        var configMaps = new Dictionary<string, V1ConfigMap>(StringComparer.Ordinal);
        var secrets = new Dictionary<string, V1Secret>(StringComparer.Ordinal);
        var tokens = new Dictionary<ServiceAccountTokenSource, string>();
        try
        {
            foreach (string name in dependencies.ConfigMaps)
            {
                if (await GetOrNullAsync(() => _kube.CoreV1.ReadNamespacedConfigMapAsync(name, Namespace, cancellationToken: ct)) is { } cm)
                {
                    configMaps[name] = cm;
                }
            }

            foreach (string name in dependencies.Secrets)
            {
                if (await GetOrNullAsync(() => _kube.CoreV1.ReadNamespacedSecretAsync(name, Namespace, cancellationToken: ct)) is { } secret)
                {
                    secrets[name] = secret;
                }
            }

            foreach (ServiceAccountTokenSource source in dependencies.Tokens)
            {
                var request = new Authenticationv1TokenRequest
                {
                    Spec = new V1TokenRequestSpec
                    {
                        Audiences = source.Audience is { } a ? [a] : [],
                        ExpirationSeconds = source.ExpirationSeconds,
                        BoundObjectRef = new V1BoundObjectReference { ApiVersion = "v1", Kind = "Pod", Name = pod.Metadata.Name, Uid = pod.Metadata.Uid },
                    },
                };
                var answer = await GetOrNullAsync(() => _kube.CoreV1.CreateNamespacedServiceAccountTokenAsync(request, source.ServiceAccountName, Namespace, cancellationToken: ct));
                if (answer?.Status?.Token is { } token)
                {
                    tokens[source] = token;
                }
            }
        }
        catch (HttpOperationException e)
        {
            await RetryLaterAsync("FailedFetchingInputs", $"Reading the pod's ConfigMaps, Secrets or tokens failed: {(int)e.Response.StatusCode} {e.Response.ReasonPhrase}",
                PodCreationPolicy.Default, countAttempt: false);
            return null;
        }

        return new PodInputs { ConfigMaps = configMaps, Secrets = secrets, Tokens = tokens };
    }

    private static async Task<T?> GetOrNullAsync<T>(Func<Task<T>> call)
        where T : class
    {
        try
        {
            return await call();
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>The group carrying this pod's UID tag, if ECI has one (a create whose answer was lost, a restart without state).</summary>
    private async Task<string?> FindGroupByUidAsync(CancellationToken ct)
    {
        var response = await _eci.DescribeContainerGroupsAsync(new DescribeContainerGroupsRequest
        {
            Tags = [new Tag(ContainerGroupTags.Cluster, _catalog.ClusterId), new Tag(ContainerGroupTags.Uid, Record.Uid)],
            Limit = 20,
        }, ct);
        return response.ContainerGroups.Where(g => g.Status is not ("Failed" or "Expired" or "ScheduleFailed"))
            .OrderBy(g => g.CreationTime).Select(g => g.ContainerGroupId).FirstOrDefault()
            ?? response.ContainerGroups.Select(g => g.ContainerGroupId).FirstOrDefault();
    }

    /// <summary>Writes the group id on the pod (as ACK does), so it survives even a loss of grain state.</summary>
    private async Task AnnotateAsync(string groupId)
    {
        var patch = new JsonObject { ["metadata"] = new JsonObject { ["annotations"] = new JsonObject { [InstanceIdAnnotation] = groupId } } };
        try
        {
            await _kube.CoreV1.PatchNamespacedPodAsync(new V1Patch(patch.ToJsonString(), V1Patch.PatchType.MergePatch), Name, Namespace);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
        }
    }

    /// <summary>
    /// The node's defaults for the mapper, with the eci-profile's network where the node leaves it open
    /// (<see cref="ProfileNetworkExtensions.NetworkFor"/>); the pod's annotations override both.
    /// </summary>
    private MappingContext MappingContextFor(V1Pod pod, VirtualNodeSettings node, string token)
    {
        ProfileNetwork network = ServiceProvider.GetService<IEciProfileSource>() is { } profiles
            ? profiles.NetworkFor(node)
            : new ProfileNetwork(null, node.VSwitchIds, node.SecurityGroupId, node.ResourceGroupId);
        return new(_catalog.ClusterId, node.Name, _catalog.RegionId, network.VSwitchIds, network.SecurityGroupId, network.ResourceGroupId, node.ZoneId,
            PodMapper.ContainerGroupName(pod), token);
    }

    private PodShape Shape => _shape ?? throw new InvalidOperationException($"Pod {Key} has not been observed since activation.");

    [LoggerMessage(EventId = 110, Level = LogLevel.Information, Message = "Pod {PodKey} runs as container group {ContainerGroupId} (attempt {Attempt})")]
    private static partial void LogCreated(ILogger logger, string podKey, string containerGroupId, int attempt);

    [LoggerMessage(EventId = 111, Level = LogLevel.Warning, Message = "Creating the group of pod {PodKey} failed ({Category} {Code}), attempt {Attempt}")]
    private static partial void LogCreateFailed(ILogger logger, string podKey, EciErrorCategory category, string? code, int attempt);

    [LoggerMessage(EventId = 112, Level = LogLevel.Warning, Message = "Pod {PodKey} cannot run on ECI: {Reason}: {Message}")]
    private static partial void LogRejected(ILogger logger, string podKey, string reason, string message);
}
