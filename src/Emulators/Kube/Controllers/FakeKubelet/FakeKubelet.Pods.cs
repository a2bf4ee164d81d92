using System.Text.Json.Nodes;

using OrleansEci.Emulators.Kube.Errors;
using OrleansEci.Emulators.Kube.Objects;
using OrleansEci.Emulators.Kube.Serialization;

namespace OrleansEci.Emulators.Kube.Controllers.FakeKubelet;

public sealed partial class FakeKubelet
{
    private async Task SyncPodAsync(string queueKey, string podKey, CancellationToken cancellationToken)
    {
        var slash = podKey.IndexOf('/', StringComparison.Ordinal);
        var (ns, name) = (podKey[..slash], podKey[(slash + 1)..]);
        if (Service.Find(_pods, ns, name) is not { } stored)
        {
            _podIps.Release(podKey);
            return;
        }

        var pod = stored.ToJson();
        var nodeName = KubeJson.GetString(pod, "spec", "nodeName") ?? "";
        if (!_managed.ContainsKey(nodeName))
        {
            return;
        }

        if (Meta.DeletionTimestamp(pod) is { } deletion)
        {
            await FinishDeletionAsync(queueKey, pod, deletion, cancellationToken).ConfigureAwait(false);
            return;
        }

        var phase = KubeJson.GetString(pod, "status", "phase");
        if (phase is null or "Pending")
        {
            await StartAsync(ns, name, stored.Uid, nodeName, cancellationToken).ConfigureAwait(false);
        }
        else if (phase == "Running" && _options.CompleteJobPods && OwnedByJob(pod))
        {
            await UpdatePodStatusAsync(ns, name, stored.Uid, p => SimulatedPodStatus.Succeeded(p, Meta.FormatTime(Now)), cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task StartAsync(string ns, string name, string uid, string nodeName, CancellationToken cancellationToken)
    {
        var hostIp = Service.Find(_nodes, null, nodeName) is { } node ? SimulatedNodeStatus.InternalIp(node.ToJson()) ?? _nodeIps.Allocate(nodeName) : _nodeIps.Allocate(nodeName);
        await UpdatePodStatusAsync(ns, name, uid, pod =>
        {
            var hostNetwork = (pod["spec"] as JsonObject)?["hostNetwork"] is JsonValue v && v.TryGetValue<bool>(out var h) && h;
            var podIp = hostNetwork ? hostIp : _podIps.Allocate($"{ns}/{name}");
            SimulatedPodStatus.Running(pod, hostIp, podIp, Meta.FormatTime(Now));
        }, cancellationToken).ConfigureAwait(false);
        FakeKubeletLog.PodStarted(Logger, ns, name, nodeName);
    }

    /// <summary>After the grace period (or the configured termination delay), the kubelet's final delete: grace 0, UID precondition.</summary>
    private async Task FinishDeletionAsync(string queueKey, JsonObject pod, string deletionTimestamp, CancellationToken cancellationToken)
    {
        var deadline = Meta.ParseTime(deletionTimestamp) ?? Now;
        if (_options.TerminationDelay is { } delay)
        {
            var grace = Meta.DeletionGracePeriodSeconds(pod) ?? 0;
            deadline = deadline.AddSeconds(-grace) + delay;
        }

        if (deadline > Now)
        {
            Queue.AddAt(queueKey, deadline);
            return;
        }

        var options = new DeleteOptions { GracePeriodSeconds = 0, PreconditionUid = Meta.Uid(pod) };
        try
        {
            await Service.DeleteAsync(_pods, Meta.Namespace(pod), Meta.Name(pod)!, options, cancellationToken).ConfigureAwait(false);
        }
        catch (ApiException e) when (e.Code is 404 or 409)
        {
            // Already gone, or replaced by a new pod of the same name.
        }
    }

    private Task<WriteResult> UpdatePodStatusAsync(string ns, string name, string uid, Action<JsonObject> change, CancellationToken cancellationToken) =>
        Service.UpdateWithAsync(_pods, ns, name, pod =>
        {
            if (Meta.Uid(pod) == uid && Meta.DeletionTimestamp(pod) is null)
            {
                change(pod);
            }

            return pod;
        }, WriteOptions.Default, "status", cancellationToken);

    private static bool OwnedByJob(JsonObject pod) =>
        (Meta.Of(pod)["ownerReferences"] as JsonArray)?.OfType<JsonObject>()
            .Any(r => KubeJson.GetString(r, "kind") == "Job" && KubeJson.GetString(r, "apiVersion") == "batch/v1") == true;
}
