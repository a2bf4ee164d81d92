using System.Collections.Concurrent;
using System.Net;

using k8s;
using k8s.Autorest;
using k8s.Models;

using OrleansEci.Grains.Cluster;
using OrleansEci.Grains.Pods;
using OrleansEci.Grains.Pods.Lifecycle;
using OrleansEci.KubeletApi.Pods;

namespace OrleansEci.Silo.Kubelet;

/// <summary>
/// The kubelet API's view of the pods: the pod objects from the API server (cached for a moment, since `logs -f` asks on
/// every poll), each with its container group id from the pod's <c>k8s.aliyun.com/eci-instance-id</c> annotation, or
/// from its pod grain when the annotation is not written yet. Any silo answers for any pod.
/// </summary>
internal sealed class GrainPodDirectory(IKubernetes kube, IGrainFactory grains, TimeProvider time) : IKubeletPodDirectory
{
    private readonly Polly.ResiliencePipeline _grainCalls = GrainCallRetry.Create(time);
    private static readonly TimeSpan PodTtl = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan NodeTtl = TimeSpan.FromSeconds(5);
    private readonly ConcurrentDictionary<string, (DateTimeOffset At, KubeletPod? Pod)> _pods = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (DateTimeOffset At, IReadOnlyList<KubeletPod> Pods)> _nodes = new(StringComparer.Ordinal);

    public async Task<IReadOnlyList<KubeletPod>> ListPodsAsync(string nodeName, CancellationToken cancellationToken)
    {
        DateTimeOffset now = time.GetUtcNow();
        if (_nodes.TryGetValue(nodeName, out var cached) && now - cached.At < NodeTtl)
        {
            return cached.Pods;
        }

        var pods = new List<KubeletPod>();
        string? next = null;
        do
        {
            V1PodList page = await kube.CoreV1.ListPodForAllNamespacesAsync(fieldSelector: "spec.nodeName=" + nodeName, limit: 500,
                continueParameter: next, cancellationToken: cancellationToken).ConfigureAwait(false);
            pods.AddRange(page.Items.Select(p => new KubeletPod(p, GroupIdOf(p))));
            next = page.Metadata?.ContinueProperty;
        }
        while (!string.IsNullOrEmpty(next));

        _nodes[nodeName] = (now, pods);
        return pods;
    }

    public async Task<KubeletPod?> FindPodAsync(string podNamespace, string podName, CancellationToken cancellationToken)
    {
        string key = podNamespace + "/" + podName;
        DateTimeOffset now = time.GetUtcNow();
        if (_pods.TryGetValue(key, out var cached) && now - cached.At < PodTtl)
        {
            return cached.Pod;
        }

        KubeletPod? found = null;
        try
        {
            V1Pod pod = await kube.CoreV1.ReadNamespacedPodAsync(podName, podNamespace, cancellationToken: cancellationToken).ConfigureAwait(false);
            string? groupId = GroupIdOf(pod);
            if (groupId is null)
            {
                // A silo failing over answers SiloUnavailable for a moment: retried (bounded) rather than failing `kubectl logs`.
                PodGrainState state = await _grainCalls.ExecuteAsync(static async (grain, ct) => await grain.GetState().WaitAsync(ct).ConfigureAwait(false),
                    grains.GetGrain<IPodGrain>(key), cancellationToken).ConfigureAwait(false);
                groupId = state.Uid == pod.Metadata.Uid ? state.ContainerGroupId : null;
            }

            found = new KubeletPod(pod, groupId);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
        }

        _pods[key] = (now, found);
        return found;
    }

    private static string? GroupIdOf(V1Pod pod) => pod.Metadata?.Annotations?.TryGetValue(PodGrain.InstanceIdAnnotation, out string? id) == true ? id : null;
}
