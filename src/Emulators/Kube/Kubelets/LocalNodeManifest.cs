using System.Text.Json.Nodes;

using OrleansEci.Emulators.Kube.Objects;

namespace OrleansEci.Emulators.Kube.Kubelets;

/// <summary>The Node object of a <see cref="LocalKubelet"/>, and its registration (create, then status, as a kubelet does).</summary>
internal static class LocalNodeManifest
{
    public static JsonObject Build(string name, int port) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "Node",
        ["metadata"] = new JsonObject
        {
            ["name"] = name,
            ["labels"] = new JsonObject
            {
                ["kubernetes.io/hostname"] = name,
                ["kubernetes.io/os"] = "linux",
                ["kubernetes.io/arch"] = "amd64",
                ["type"] = "local",
            },
        },
        ["spec"] = new JsonObject(),
        ["status"] = new JsonObject
        {
            ["addresses"] = new JsonArray(
                new JsonObject { ["type"] = "InternalIP", ["address"] = "127.0.0.1" },
                new JsonObject { ["type"] = "Hostname", ["address"] = name }),
            ["daemonEndpoints"] = new JsonObject { ["kubeletEndpoint"] = new JsonObject { ["Port"] = port } },
            ["capacity"] = Resources(),
            ["allocatable"] = Resources(),
            ["conditions"] = new JsonArray(new JsonObject
            {
                ["type"] = "Ready",
                ["status"] = "True",
                ["reason"] = "KubeletReady",
                ["message"] = "kubelet is posting ready status",
            }),
            ["nodeInfo"] = new JsonObject
            {
                ["kubeletVersion"] = "v1.32.0",
                ["kubeProxyVersion"] = "v1.32.0",
                ["operatingSystem"] = "linux",
                ["architecture"] = "amd64",
                ["containerRuntimeVersion"] = "local://1.0",
                ["osImage"] = "local kubelet",
                ["kernelVersion"] = "",
                ["machineID"] = "",
                ["systemUUID"] = "",
                ["bootID"] = "",
            },
        },
    };

    public static async Task RegisterAsync(ResourceService service, JsonObject manifest, CancellationToken cancellationToken)
    {
        var nodes = service.Registry.Get("", "nodes");
        var name = Meta.Name(manifest)!;
        var status = manifest["status"]!.DeepClone();
        var now = service.Context.Timestamp();
        foreach (var condition in ((JsonArray)status["conditions"]!).OfType<JsonObject>())
        {
            condition["lastHeartbeatTime"] = now;
            condition["lastTransitionTime"] = now;
        }

        if (service.Find(nodes, null, name) is null)
        {
            await service.CreateAsync(nodes, null, manifest, WriteOptions.Default, cancellationToken).ConfigureAwait(false);
        }

        await service.UpdateWithAsync(nodes, null, name, node =>
        {
            node["status"] = status.DeepClone();
            return node;
        }, WriteOptions.Default, "status", cancellationToken).ConfigureAwait(false);
    }

    private static JsonObject Resources() => new() { ["cpu"] = "4", ["memory"] = "8Gi", ["pods"] = "110", ["ephemeral-storage"] = "100Gi" };
}
