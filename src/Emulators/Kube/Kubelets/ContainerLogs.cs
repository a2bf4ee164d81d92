using System.Collections.Concurrent;

namespace OrleansEci.Emulators.Kube.Kubelets;

/// <summary>
/// The container logs a <see cref="LocalKubelet"/> serves: lines with the time they were written, per
/// namespace/pod/container, plus the log of the previous (terminated) instance. Appending wakes followers.
/// </summary>
public sealed class ContainerLogs
{
    private readonly ConcurrentDictionary<(string Namespace, string Pod, string Container, bool Previous), ContainerLog> _logs = new();
    private readonly TimeProvider _time;

    public ContainerLogs(TimeProvider time)
    {
        _time = time;
    }

    /// <summary>The kubelet's clock (log timestamps, sinceSeconds).</summary>
    public DateTimeOffset Now => _time.GetUtcNow();

    /// <summary>Appends one line (a newline is added) to the current log of a container.</summary>
    public void Append(string ns, string pod, string container, string line) =>
        Get(ns, pod, container, previous: false, create: true)!.Append(_time.GetUtcNow(), line);

    /// <summary>Sets the log of the container's previous instance (what <c>kubectl logs --previous</c> reads).</summary>
    public void SetPrevious(string ns, string pod, string container, params string[] lines)
    {
        var log = Get(ns, pod, container, previous: true, create: true)!;
        foreach (var line in lines)
        {
            log.Append(_time.GetUtcNow(), line);
        }

        log.Complete();
    }

    /// <summary>Marks the container as terminated: followers get the end of the stream.</summary>
    public void Complete(string ns, string pod, string container) => Get(ns, pod, container, previous: false, create: true)!.Complete();

    internal ContainerLog? Get(string ns, string pod, string container, bool previous, bool create) =>
        create ? _logs.GetOrAdd((ns, pod, container, previous), _ => new ContainerLog()) : _logs.GetValueOrDefault((ns, pod, container, previous));
}
