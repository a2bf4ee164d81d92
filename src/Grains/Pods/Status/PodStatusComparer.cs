using k8s.Models;

namespace OrleansEci.Grains.Pods.Status;

/// <summary>
/// Semantic equality of two pod statuses for "write only when it changed": everything <c>kubectl</c> shows except
/// condition times (which <see cref="PodStatusMapper.Stamp"/> carries over) and the container id inside a termination
/// (ECI's own id, sent by one of its two calls only); conditions by type and container statuses by name in any order,
/// null and empty text alike, times to the second (the API server keeps seconds).
/// </summary>
internal static class PodStatusComparer
{
    public static bool Same(V1PodStatus a, V1PodStatus b) =>
        Text(a.Phase, b.Phase) && Text(a.Reason, b.Reason) && Text(a.Message, b.Message)
        && Text(a.PodIP, b.PodIP) && Text(a.HostIP, b.HostIP) && Text(a.QosClass, b.QosClass) && Text(a.NominatedNodeName, b.NominatedNodeName)
        && Time(a.StartTime, b.StartTime)
        && Set(a.PodIPs?.Select(p => p.Ip), b.PodIPs?.Select(p => p.Ip))
        && Set(a.HostIPs?.Select(p => p.Ip), b.HostIPs?.Select(p => p.Ip))
        && Keyed(a.Conditions, b.Conditions, c => c.Type, SameCondition)
        && Keyed(a.ContainerStatuses, b.ContainerStatuses, c => c.Name, SameContainer)
        && Keyed(a.InitContainerStatuses, b.InitContainerStatuses, c => c.Name, SameContainer);

    private static bool SameCondition(V1PodCondition a, V1PodCondition b) =>
        Text(a.Status, b.Status) && Text(a.Reason, b.Reason) && Text(a.Message, b.Message);

    private static bool SameContainer(V1ContainerStatus a, V1ContainerStatus b) =>
        Text(a.Image, b.Image) && Text(a.ImageID, b.ImageID) && Text(a.ContainerID, b.ContainerID)
        && a.Ready == b.Ready && (a.Started ?? false) == (b.Started ?? false) && a.RestartCount == b.RestartCount
        && SameState(a.State, b.State) && SameState(a.LastState, b.LastState);

    private static bool SameState(V1ContainerState? a, V1ContainerState? b) =>
        Text(a?.Waiting?.Reason, b?.Waiting?.Reason) && Text(a?.Waiting?.Message, b?.Waiting?.Message)
        && (a?.Waiting is null) == (b?.Waiting is null)
        && (a?.Running is null) == (b?.Running is null) && Time(a?.Running?.StartedAt, b?.Running?.StartedAt)
        && SameTermination(a?.Terminated, b?.Terminated);

    private static bool SameTermination(V1ContainerStateTerminated? a, V1ContainerStateTerminated? b) =>
        (a is null && b is null) || (a is not null && b is not null
            && a.ExitCode == b.ExitCode && a.Signal == b.Signal && Text(a.Reason, b.Reason) && Text(a.Message, b.Message)
            && Time(a.StartedAt, b.StartedAt) && Time(a.FinishedAt, b.FinishedAt));

    private static bool Keyed<T>(IList<T>? a, IList<T>? b, Func<T, string?> key, Func<T, T, bool> same)
    {
        Dictionary<string, T> left = ByKey(a, key);
        Dictionary<string, T> right = ByKey(b, key);
        return left.Count == right.Count && left.All(kv => right.TryGetValue(kv.Key, out T? other) && same(kv.Value, other));
    }

    private static Dictionary<string, T> ByKey<T>(IList<T>? items, Func<T, string?> key)
    {
        Dictionary<string, T> byKey = new(StringComparer.Ordinal);
        foreach (T item in items ?? [])
        {
            if (item is not null)
            {
                byKey.TryAdd(key(item) ?? "", item);
            }
        }

        return byKey;
    }

    private static bool Set(IEnumerable<string?>? a, IEnumerable<string?>? b) =>
        new HashSet<string>((a ?? []).OfType<string>().Where(s => s.Length > 0), StringComparer.OrdinalIgnoreCase)
            .SetEquals((b ?? []).OfType<string>().Where(s => s.Length > 0));

    private static bool Text(string? a, string? b) => string.Equals(a ?? "", b ?? "", StringComparison.Ordinal);

    private static bool Time(DateTime? a, DateTime? b) => Seconds(a) == Seconds(b);

    private static long? Seconds(DateTime? t) => t is { } v
        ? (v.Kind == DateTimeKind.Local ? v.ToUniversalTime() : v).Ticks / TimeSpan.TicksPerSecond
        : null;
}
