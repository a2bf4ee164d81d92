using System.Text.Json.Nodes;

namespace OrleansEci.Emulators.Kube.Pods;

/// <summary>
/// The pod's QoS class (status.qosClass), as pkg/apis/core/helper/qos/qos.go computes it: Guaranteed when every
/// container limits and requests cpu and memory equally, BestEffort when none requests or limits anything, else Burstable.
/// </summary>
public static class PodQos
{
    private static readonly string[] ContainerLists = ["containers", "initContainers"];
    private static readonly string[] Resources = ["cpu", "memory"];

    public static string Of(JsonObject spec)
    {
        var containers = ContainerLists
            .SelectMany(l => (spec[l] as JsonArray ?? []).OfType<JsonObject>()).ToList();
        var anything = false;
        var guaranteed = containers.Count > 0;
        foreach (var container in containers)
        {
            var resources = container["resources"] as JsonObject;
            var requests = resources?["requests"] as JsonObject;
            var limits = resources?["limits"] as JsonObject;
            anything |= requests is { Count: > 0 } || limits is { Count: > 0 };
            foreach (var resource in Resources)
            {
                var limit = limits?[resource]?.ToString();
                var request = requests?[resource]?.ToString() ?? limit;
                if (limit is null || request != limit)
                {
                    guaranteed = false;
                }
            }
        }

        return !anything ? "BestEffort" : guaranteed ? "Guaranteed" : "Burstable";
    }
}
