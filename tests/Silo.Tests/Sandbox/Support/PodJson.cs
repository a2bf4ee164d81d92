using System.Net;
using System.Text.Json.Nodes;

using OrleansEci.Emulators.Eci.Regions;

namespace OrleansEci.Silo.Tests.Sandbox.Support;

/// <summary>Reads the fields of a pod (as <c>kubectl get -o json</c> prints it) that the sandbox tests look at.</summary>
internal static class PodJson
{
    public static string Name(JsonNode pod) => (string?)pod["metadata"]?["name"] ?? "";

    public static string Uid(JsonNode pod) => (string?)pod["metadata"]?["uid"] ?? "";

    public static string? Phase(JsonNode pod) => (string?)pod["status"]?["phase"];

    public static string? NodeName(JsonNode pod) => (string?)pod["spec"]?["nodeName"];

    public static string? PodIp(JsonNode pod) => (string?)pod["status"]?["podIP"];

    public static bool Deleting(JsonNode pod) => pod["metadata"]?["deletionTimestamp"] is not null;

    /// <summary>Running, not being deleted, with a pod IP.</summary>
    public static bool RunningWithIp(JsonNode pod) => Phase(pod) == "Running" && !Deleting(pod) && !string.IsNullOrEmpty(PodIp(pod));

    /// <summary>The items of a list answer.</summary>
    public static IReadOnlyList<JsonNode> Items(JsonObject list) => [.. list["items"]!.AsArray().Select(i => i!)];

    /// <summary>One condition (type, status, reason, message), or null.</summary>
    public static JsonNode? Condition(JsonNode pod, string type) =>
        pod["status"]?["conditions"]?.AsArray().FirstOrDefault(c => (string?)c?["type"] == type);

    /// <summary>What a failure message shows of a pod: name, phase, node, IP, conditions.</summary>
    public static string Summary(JsonNode pod)
    {
        var conditions = pod["status"]?["conditions"]?.AsArray().Select(c => $"{c?["type"]}={c?["status"]}{(c?["reason"] is { } r ? $"({r})" : "")}") ?? [];
        return $"{pod["metadata"]?["namespace"]}/{Name(pod)} phase={Phase(pod)} node={NodeName(pod)} podIP={PodIp(pod)} "
            + $"deleting={Deleting(pod)} conditions=[{string.Join(", ", conditions)}]";
    }

    /// <summary>Summaries of every item of a list answer.</summary>
    public static string ListSummary(JsonObject list) => Items(list) is { Count: > 0 } items ? string.Join("; ", items.Select(Summary)) : "no pods";

    /// <summary>Whether <paramref name="ip"/> lies in the vSwitch of the zone the virtual node <paramref name="node"/> serves.</summary>
    public static bool InZoneVSwitch(RegionOptions region, string node, string? ip)
    {
        string zone = node["virtual-kubelet-".Length..];
        VSwitchOptions? vswitch = region.VSwitches.FirstOrDefault(v => v.ZoneId == zone);
        return vswitch is not null && IPAddress.TryParse(ip, out IPAddress? address) && IPNetwork.Parse(vswitch.CidrBlock).Contains(address);
    }
}
