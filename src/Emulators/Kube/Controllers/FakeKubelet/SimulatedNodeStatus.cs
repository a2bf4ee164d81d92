using System.Text.Json.Nodes;

using OrleansEci.Emulators.Kube.Objects;
using OrleansEci.Emulators.Kube.Serialization;

namespace OrleansEci.Emulators.Kube.Controllers.FakeKubelet;

/// <summary>
/// The node status a healthy kubelet posts (pkg/kubelet/nodestatus/setters.go): the four standard conditions with the
/// kubelet's reasons and messages, refreshed when they differ or when their heartbeat is older than the report interval;
/// addresses, capacity, allocatable and nodeInfo filled in only where the node has none.
/// </summary>
internal static class SimulatedNodeStatus
{
    private static readonly (string Type, string Status, string Reason, string Message)[] Healthy =
    [
        ("MemoryPressure", "False", "KubeletHasSufficientMemory", "kubelet has sufficient memory available"),
        ("DiskPressure", "False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure"),
        ("PIDPressure", "False", "KubeletHasSufficientPID", "kubelet has sufficient PID available"),
        ("Ready", "True", "KubeletReady", "kubelet is posting ready status"),
    ];

    /// <summary>What a node without declared resources offers: plenty, as KWOK's fake nodes do.</summary>
    private static readonly (string Name, string Quantity)[] DefaultCapacity =
    [
        ("cpu", "32"), ("memory", "256Gi"), ("ephemeral-storage", "1Ti"), ("pods", "110"),
    ];

    public static JsonObject Apply(JsonObject node, DateTimeOffset now, TimeSpan reportInterval, Func<string> allocateIp)
    {
        var status = KubeJson.GetOrAddObject(node, "status");
        if (NeedsHeartbeat(status, now, reportInterval))
        {
            var text = Meta.FormatTime(now);
            foreach (var (type, value, reason, message) in Healthy)
            {
                var previous = Conditions.Find(status, type);
                Conditions.Put(status, new JsonObject
                {
                    ["type"] = type,
                    ["status"] = value,
                    ["lastHeartbeatTime"] = text,
                    ["lastTransitionTime"] = KubeJson.GetString(previous, "status") == value ? KubeJson.GetString(previous, "lastTransitionTime") ?? text : text,
                    ["reason"] = reason,
                    ["message"] = message,
                });
            }
        }

        if (status["addresses"] is not JsonArray { Count: > 0 })
        {
            status["addresses"] = new JsonArray(
                new JsonObject { ["type"] = "InternalIP", ["address"] = allocateIp() },
                new JsonObject { ["type"] = "Hostname", ["address"] = Meta.Name(node) });
        }

        var capacity = status["capacity"] as JsonObject;
        if (capacity is not { Count: > 0 })
        {
            capacity = [];
            foreach (var (name, quantity) in DefaultCapacity)
            {
                capacity[name] = quantity;
            }

            status["capacity"] = capacity;
        }

        if (status["allocatable"] is not JsonObject { Count: > 0 })
        {
            status["allocatable"] = capacity.DeepClone();
        }

        status["nodeInfo"] ??= new JsonObject
        {
            ["machineID"] = "", ["systemUUID"] = "", ["bootID"] = "", ["kernelVersion"] = "", ["osImage"] = "",
            ["containerRuntimeVersion"] = "kwok://", ["kubeletVersion"] = "fake", ["kubeProxyVersion"] = "fake",
            ["operatingSystem"] = "linux", ["architecture"] = "amd64",
        };
        return node;
    }

    public static string? InternalIp(JsonObject node) =>
        ((node["status"] as JsonObject)?["addresses"] as JsonArray)?.OfType<JsonObject>()
            .Where(a => KubeJson.GetString(a, "type") == "InternalIP").Select(a => KubeJson.GetString(a, "address")).FirstOrDefault();

    private static bool NeedsHeartbeat(JsonObject status, DateTimeOffset now, TimeSpan reportInterval)
    {
        foreach (var (type, value, reason, _) in Healthy)
        {
            var condition = Conditions.Find(status, type);
            if (KubeJson.GetString(condition, "status") != value || KubeJson.GetString(condition, "reason") != reason)
            {
                return true;
            }
        }

        var heartbeat = Meta.ParseTime(KubeJson.GetString(Conditions.Find(status, "Ready"), "lastHeartbeatTime"));
        return heartbeat is null || heartbeat.Value + reportInterval <= now;
    }
}
