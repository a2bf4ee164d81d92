using System.Text.Json.Nodes;

using OrleansEci.Emulators.Kube.Api;
using OrleansEci.Emulators.Kube.Errors;
using OrleansEci.Emulators.Kube.Serialization;

namespace OrleansEci.Emulators.Kube.Streaming;

/// <summary>
/// The pod, container and node a streaming subresource is for, checked as kube-apiserver checks them
/// (pkg/registry/core/pod/strategy.go validateContainer, streamLocation).
/// </summary>
internal sealed record PodTarget(string Namespace, string Name, string Container, string? NodeName)
{
    /// <summary>Reads the pod (404 if missing) and resolves the container: the named one, else the only one.</summary>
    public static PodTarget Resolve(ApiContext context, string? container)
    {
        var name = context.Request.Name!;
        var pod = context.Service.Get(context.Type, context.Request.Namespace, name).ToJson();
        return new PodTarget(context.Request.Namespace ?? "", name, ValidateContainer(pod, name, container), NodeOf(pod));
    }

    /// <summary>Reads the pod without choosing a container (port-forward).</summary>
    public static PodTarget ResolvePod(ApiContext context)
    {
        var name = context.Request.Name!;
        var pod = context.Service.Get(context.Type, context.Request.Namespace, name).ToJson();
        return new PodTarget(context.Request.Namespace ?? "", name, "", NodeOf(pod));
    }

    /// <summary>The node, or 400 "pod x does not have a host assigned" (exec, attach, port-forward).</summary>
    public string RequireNode() =>
        NodeName ?? throw ApiErrors.BadRequest($"pod {Name} does not have a host assigned");

    private static string? NodeOf(JsonObject pod) => KubeJson.GetString(pod, "spec", "nodeName") is { Length: > 0 } node ? node : null;

    private static string ValidateContainer(JsonObject pod, string podName, string? container)
    {
        var spec = pod["spec"] as JsonObject;
        var containers = Names(spec, "containers");
        var all = Names(spec, "initContainers").Concat(containers).Concat(Names(spec, "ephemeralContainers")).ToList();
        if (!string.IsNullOrEmpty(container))
        {
            return all.Contains(container, StringComparer.Ordinal)
                ? container
                : throw ApiErrors.BadRequest($"container {container} is not valid for pod {podName}");
        }

        return containers.Count switch
        {
            1 => containers[0],
            0 => throw ApiErrors.BadRequest($"a container name must be specified for pod {podName}"),
            _ => throw ApiErrors.BadRequest($"a container name must be specified for pod {podName}, choose one of: [{string.Join(" ", all)}]"),
        };
    }

    private static List<string> Names(JsonObject? spec, string field) =>
        [.. (spec?[field] as JsonArray ?? []).OfType<JsonObject>().Select(c => KubeJson.GetString(c, "name") ?? "")];
}
