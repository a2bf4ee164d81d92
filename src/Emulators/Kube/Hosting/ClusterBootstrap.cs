using System.Text.Json.Nodes;

using OrleansEci.Emulators.Kube.Objects;
using OrleansEci.Emulators.Kube.Services;

namespace OrleansEci.Emulators.Kube.Hosting;

/// <summary>
/// What a fresh cluster has before anyone writes: the namespaces default, kube-system, kube-public and
/// kube-node-lease (each with its default ServiceAccount), and the <c>kubernetes</c> Service in default.
/// </summary>
public static class ClusterBootstrap
{
    public static readonly string[] Namespaces = ["default", "kube-system", "kube-public", "kube-node-lease"];

    public static async Task RunAsync(ResourceService service, ClusterIpAllocator allocator, CancellationToken cancellationToken)
    {
        var namespaces = service.Registry.Get("", "namespaces");
        foreach (var name in Namespaces)
        {
            if (service.Find(namespaces, null, name) is null)
            {
                await service.CreateAsync(namespaces, null, new JsonObject { ["metadata"] = new JsonObject { ["name"] = name } },
                    WriteOptions.Default, cancellationToken).ConfigureAwait(false);
            }
        }

        var services = service.Registry.Get("", "services");
        if (service.Find(services, "default", "kubernetes") is null)
        {
            var kubernetes = new JsonObject
            {
                ["metadata"] = new JsonObject
                {
                    ["name"] = "kubernetes",
                    ["namespace"] = "default",
                    ["labels"] = new JsonObject { ["component"] = "apiserver", ["provider"] = "kubernetes" },
                },
                ["spec"] = new JsonObject
                {
                    ["clusterIP"] = allocator.KubernetesServiceIp,
                    ["ports"] = new JsonArray(new JsonObject { ["name"] = "https", ["port"] = 443, ["protocol"] = "TCP", ["targetPort"] = 6443 }),
                },
            };
            await service.CreateAsync(services, "default", kubernetes, WriteOptions.Default, cancellationToken).ConfigureAwait(false);
        }
    }
}
