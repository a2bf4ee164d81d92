using System.Text.Json.Nodes;

using OrleansEci.Emulators.Kube.Serialization;

namespace OrleansEci.Emulators.Kube.Controllers.NodeLifecycle;

/// <summary>
/// The taints the node lifecycle controller manages (pkg/controller/nodelifecycle, TaintNodesByCondition and
/// taint-based eviction): NoSchedule taints for conditions (Ready False → not-ready, Unknown → unreachable, memory,
/// disk, PID pressure, network unavailable) and for <c>spec.unschedulable</c>; NoExecute not-ready/unreachable for the
/// Ready condition, stamped with timeAdded.
/// </summary>
internal static class NodeTaints
{
    public const string NotReady = "node.kubernetes.io/not-ready";
    public const string Unreachable = "node.kubernetes.io/unreachable";
    public const string Unschedulable = "node.kubernetes.io/unschedulable";
    public const string MemoryPressure = "node.kubernetes.io/memory-pressure";
    public const string DiskPressure = "node.kubernetes.io/disk-pressure";
    public const string PidPressure = "node.kubernetes.io/pid-pressure";
    public const string NetworkUnavailable = "node.kubernetes.io/network-unavailable";

    private static readonly (string Key, string Effect)[] Managed =
    [
        (NotReady, "NoSchedule"), (Unreachable, "NoSchedule"), (Unschedulable, "NoSchedule"), (MemoryPressure, "NoSchedule"),
        (DiskPressure, "NoSchedule"), (PidPressure, "NoSchedule"), (NetworkUnavailable, "NoSchedule"), (NotReady, "NoExecute"), (Unreachable, "NoExecute"),
    ];

    /// <summary>The controller's taints that the node's conditions and spec call for.</summary>
    public static HashSet<(string Key, string Effect)> Desired(JsonObject node)
    {
        var status = node["status"] as JsonObject;
        var desired = new HashSet<(string, string)>();
        var ready = Conditions.StatusOf(status, "Ready");
        if (ready == "False")
        {
            desired.Add((NotReady, "NoSchedule"));
            desired.Add((NotReady, "NoExecute"));
        }
        else if (ready == "Unknown")
        {
            desired.Add((Unreachable, "NoSchedule"));
            desired.Add((Unreachable, "NoExecute"));
        }

        foreach (var (type, key) in new[] { ("MemoryPressure", MemoryPressure), ("DiskPressure", DiskPressure), ("PIDPressure", PidPressure), ("NetworkUnavailable", NetworkUnavailable) })
        {
            if (Conditions.StatusOf(status, type) == "True")
            {
                desired.Add((key, "NoSchedule"));
            }
        }

        if ((node["spec"] as JsonObject)?["unschedulable"] is JsonValue v && v.TryGetValue<bool>(out var unschedulable) && unschedulable)
        {
            desired.Add((Unschedulable, "NoSchedule"));
        }

        return desired;
    }

    /// <summary>Brings <c>spec.taints</c> in line with <paramref name="desired"/>, leaving other taints alone; true when it changed.</summary>
    public static bool Apply(JsonObject node, HashSet<(string Key, string Effect)> desired, string now)
    {
        var spec = KubeJson.GetOrAddObject(node, "spec");
        var taints = spec["taints"] as JsonArray ?? [];
        var changed = false;
        foreach (var taint in taints.OfType<JsonObject>().ToList())
        {
            var id = (KubeJson.GetString(taint, "key") ?? "", KubeJson.GetString(taint, "effect") ?? "");
            if (Managed.Contains(id) && !desired.Contains(id))
            {
                taints.Remove(taint);
                changed = true;
            }
        }

        foreach (var (key, effect) in desired)
        {
            if (taints.OfType<JsonObject>().Any(t => KubeJson.GetString(t, "key") == key && KubeJson.GetString(t, "effect") == effect))
            {
                continue;
            }

            var taint = new JsonObject { ["key"] = key, ["effect"] = effect };
            if (effect == "NoExecute")
            {
                taint["timeAdded"] = now;
            }

            taints.Add(taint);
            changed = true;
        }

        if (taints.Count == 0)
        {
            spec.Remove("taints");
        }
        else
        {
            spec["taints"] = taints;
        }

        return changed;
    }
}
