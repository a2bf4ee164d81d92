using System.Collections.Concurrent;

using k8s.Models;

using OrleansEci.KubeletApi.Pods;

namespace OrleansEci.KubeletApi.Tests.Kubelet;

/// <summary>The silo's pod directory, as a list the test fills: pods whose groups are real groups in the local ECI service.</summary>
internal sealed class FakePodDirectory : IKubeletPodDirectory
{
    private readonly ConcurrentDictionary<string, KubeletPod> _pods = new(StringComparer.Ordinal);

    public int Lookups;

    public void Put(KubeletPod pod) => _pods[pod.Namespace + "/" + pod.Name] = pod;

    public void Remove(string ns, string name) => _pods.TryRemove(ns + "/" + name, out _);

    public Task<IReadOnlyList<KubeletPod>> ListPodsAsync(string nodeName, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<KubeletPod>>([.. _pods.Values.Where(p => p.Pod.Spec?.NodeName == nodeName).OrderBy(p => p.Name, StringComparer.Ordinal)]);

    public Task<KubeletPod?> FindPodAsync(string podNamespace, string podName, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref Lookups);
        return Task.FromResult(_pods.GetValueOrDefault(podNamespace + "/" + podName));
    }

    /// <summary>A pod on <paramref name="node"/> with the given containers, all running since <paramref name="started"/>.</summary>
    public static V1Pod Pod(string ns, string name, string node, DateTimeOffset started, params string[] containers) => new()
    {
        ApiVersion = "v1",
        Kind = "Pod",
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns, Uid = $"uid-{ns}-{name}" },
        Spec = new V1PodSpec { NodeName = node, Containers = [.. containers.Select(c => new V1Container { Name = c, Image = "busybox:1.36" })] },
        Status = new V1PodStatus
        {
            Phase = "Running",
            StartTime = started.UtcDateTime,
            ContainerStatuses = [.. containers.Select(c => new V1ContainerStatus
            {
                Name = c,
                Image = "busybox:1.36",
                ImageID = "",
                Ready = true,
                RestartCount = 0,
                State = new V1ContainerState { Running = new V1ContainerStateRunning { StartedAt = started.UtcDateTime } },
            })],
        },
    };

    /// <summary>The pod with <paramref name="container"/> reported terminated.</summary>
    public static V1Pod Terminated(V1Pod pod, string container, DateTimeOffset at)
    {
        var status = pod.Status.ContainerStatuses.Single(s => s.Name == container);
        status.State = new V1ContainerState { Terminated = new V1ContainerStateTerminated { ExitCode = 0, Reason = "Completed", FinishedAt = at.UtcDateTime } };
        return pod;
    }
}
