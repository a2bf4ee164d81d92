using k8s;
using k8s.Models;

namespace OrleansEci.Grains.Nodes;

public static partial class NodeManifest
{
    /// <summary>The condition types a kubelet reports, in the order <c>kubectl describe node</c> shows them.</summary>
    public static IReadOnlyList<string> ConditionTypes { get; } = ["NetworkUnavailable", "MemoryPressure", "DiskPressure", "PIDPressure", "Ready"];

    /// <summary>
    /// The node's status: capacity and allocatable, the conditions with their heartbeat at <paramref name="now"/>,
    /// addresses, the kubelet endpoint and node info. A condition whose status is unchanged from
    /// <paramref name="previous"/> keeps its transition time, as the kubelet's condition setters do.
    /// Times are whole seconds, the precision the API server keeps for them.
    /// </summary>
    public static V1NodeStatus Status(VirtualNodeDefinition node, NodeCapacity capacity, NodeReadiness readiness, DateTimeOffset now, V1NodeStatus? previous = null)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(capacity);
        ArgumentNullException.ThrowIfNull(readiness);
        var at = WholeSeconds(now);
        return new V1NodeStatus
        {
            Capacity = capacity.ToCapacity(),
            Allocatable = capacity.ToAllocatable(),
            Conditions = [.. Conditions(readiness).Select(c => Stamp(c, at, previous))],
            Addresses = Addresses(node),
            DaemonEndpoints = new V1NodeDaemonEndpoints { KubeletEndpoint = new V1DaemonEndpoint { Port = node.KubeletPort } },
            NodeInfo = NodeInfo(node),
        };
    }

    /// <summary>
    /// The status-only update for <c>PATCH /api/v1/nodes/{name}/status</c> (strategic merge, as the kubelet sends it:
    /// conditions and addresses merge by <c>type</c>), refreshing heartbeats, capacity and allocatable.
    /// </summary>
    public static V1Patch StatusPatch(VirtualNodeDefinition node, NodeCapacity capacity, NodeReadiness readiness, DateTimeOffset now, V1NodeStatus? previous = null) =>
        new(KubernetesJson.Serialize(new V1Node { Status = Status(node, capacity, readiness, now, previous) }), V1Patch.PatchType.StrategicMergePatch);

    /// <summary>
    /// Whether the status must be written now: nothing written yet, something other than a heartbeat changed
    /// (capacity, allocatable, a condition's status, reason or message, addresses, endpoint, node info), or
    /// <paramref name="interval"/> (<see cref="VirtualKubeletOptions.StatusUpdateInterval"/>) has passed since the
    /// written Ready heartbeat (or the heartbeat lies in the future). Liveness between writes is the Lease's job, so this keeps Node writes to one a minute.
    /// </summary>
    /// <param name="written">The status last written (or read back from the API server); null when there is none.</param>
    /// <param name="desired">The status as it should be, from <see cref="Status"/>.</param>
    /// <param name="now">The current time.</param>
    /// <param name="interval">The longest time between two writes.</param>
    public static bool NeedsStatusWrite(V1NodeStatus? written, V1NodeStatus desired, DateTimeOffset now, TimeSpan interval)
    {
        ArgumentNullException.ThrowIfNull(desired);
        if (written is null || Changed(written, desired))
        {
            return true;
        }

        // A heartbeat from the future was written by a silo whose clock runs ahead; rewrite it rather than wait.
        var heartbeat = written.Conditions?.FirstOrDefault(c => c.Type == "Ready")?.LastHeartbeatTime;
        var elapsed = heartbeat is { } last ? now - new DateTimeOffset(DateTime.SpecifyKind(last, DateTimeKind.Utc)) : TimeSpan.MinValue;
        return elapsed < TimeSpan.Zero || elapsed >= interval;
    }

    private static bool Changed(V1NodeStatus written, V1NodeStatus desired) =>
        !SameQuantities(written.Capacity, desired.Capacity)
        || !SameQuantities(written.Allocatable, desired.Allocatable)
        || !Same(written.Conditions, desired.Conditions, c => (c.Type, c.Status, c.Reason, c.Message))
        || !Same(written.Addresses, desired.Addresses, a => (a.Type, a.Address))
        || written.DaemonEndpoints?.KubeletEndpoint?.Port != desired.DaemonEndpoints?.KubeletEndpoint?.Port
        || !SameInfo(written.NodeInfo, desired.NodeInfo);

    private static IEnumerable<V1NodeCondition> Conditions(NodeReadiness readiness) =>
    [
        // Set by the route controller or the CNI on ordinary nodes; ECI pods take addresses from the VPC vSwitches.
        new() { Type = "NetworkUnavailable", Status = "False", Reason = "EciVpcNetworkReady", Message = "pods get their addresses from the node's VPC vSwitches" },

        // The kubelet's own reasons and messages (pkg/kubelet/nodestatus/setters.go): a virtual node has no shared
        // memory, disk or PID space to run short of, since every pod has its own instance.
        new() { Type = "MemoryPressure", Status = "False", Reason = "KubeletHasSufficientMemory", Message = "kubelet has sufficient memory available" },
        new() { Type = "DiskPressure", Status = "False", Reason = "KubeletHasNoDiskPressure", Message = "kubelet has no disk pressure" },
        new() { Type = "PIDPressure", Status = "False", Reason = "KubeletHasSufficientPID", Message = "kubelet has sufficient PID available" },
        new() { Type = "Ready", Status = readiness.IsReady ? "True" : "False", Reason = readiness.Reason, Message = readiness.Message },
    ];

    private static V1NodeCondition Stamp(V1NodeCondition condition, DateTime now, V1NodeStatus? previous)
    {
        var before = previous?.Conditions?.FirstOrDefault(c => c.Type == condition.Type);
        condition.LastHeartbeatTime = now;
        condition.LastTransitionTime = before is { LastTransitionTime: { } since } && before.Status == condition.Status ? since : now;
        return condition;
    }

    private static DateTime WholeSeconds(DateTimeOffset time)
    {
        var utc = time.UtcDateTime;
        return new DateTime(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc);
    }

    private static bool SameQuantities(IDictionary<string, ResourceQuantity>? a, IDictionary<string, ResourceQuantity>? b)
    {
        a ??= new Dictionary<string, ResourceQuantity>();
        b ??= new Dictionary<string, ResourceQuantity>();
        return a.Count == b.Count && a.All(p => b.TryGetValue(p.Key, out var other) && p.Value == other);
    }

    private static bool Same<T, TKey>(IList<T>? a, IList<T>? b, Func<T, TKey> key) =>
        (a ?? []).Select(key).OrderBy(k => k).SequenceEqual((b ?? []).Select(key).OrderBy(k => k));

    private static bool SameInfo(V1NodeSystemInfo? a, V1NodeSystemInfo? b) =>
        (a?.KubeletVersion, a?.Architecture, a?.OperatingSystem, a?.ContainerRuntimeVersion, a?.OsImage, a?.KernelVersion, a?.MachineID, a?.SystemUUID, a?.BootID)
        == (b?.KubeletVersion, b?.Architecture, b?.OperatingSystem, b?.ContainerRuntimeVersion, b?.OsImage, b?.KernelVersion, b?.MachineID, b?.SystemUUID, b?.BootID);
}
