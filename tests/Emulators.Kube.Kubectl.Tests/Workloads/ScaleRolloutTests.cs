using System.Text.Json.Nodes;

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

using OrleansEci.Emulators.Kube.Kubectl.Tests.Support;

namespace OrleansEci.Emulators.Kube.Kubectl.Tests.Workloads;

/// <summary>
/// <c>kubectl scale</c> (a merge patch of the scale subresource) and <c>kubectl rollout status</c>, which watches the
/// Deployment until the controllers report every new replica available. The test plays the node's kubelet.
/// </summary>
public sealed class ScaleRolloutTests(KubectlCluster cluster) : IClassFixture<KubectlCluster>
{
    private const string Deployment = """
        {"metadata":{"name":"web"},"spec":{"replicas":1,"selector":{"matchLabels":{"app":"web"}},
         "template":{"metadata":{"labels":{"app":"web"}},"spec":{"nodeName":"vk-r","containers":[{"name":"nginx","image":"nginx:1.27"}]}}}}
        """;

    [Fact]
    public async Task Scale_DeploymentAndReplicaSet_SetsReplicasThroughTheScaleSubresource()
    {
        var ns = await cluster.NewNamespaceAsync();
        await cluster.CreateAsync("apps", "deployments", ns, Deployment.Replace("\"nodeName\":\"vk-r\",", "\"schedulerName\":\"nobody\",", StringComparison.Ordinal));

        var scaled = await cluster.RunAsync("scale", "deployment", "web", "--replicas=3", "-n", ns);
        var replicas = (await cluster.RunAsync("get", "deployment", "web", "-n", ns, "-o", "jsonpath={.spec.replicas}")).Succeeded();
        var guarded = await cluster.RunAsync("scale", "deployment", "web", "--current-replicas=2", "--replicas=5", "-n", ns);

        Assert.Equal("deployment.apps/web scaled\n", scaled.Succeeded());
        Assert.Equal("3", replicas);
        Assert.Contains("Expected replicas to be 2, was 3", guarded.Failed(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RolloutStatus_NewImage_WaitsUntilTheRolloutIsAvailable()
    {
        Assert.SkipUnless(HasController("Deployment") && HasController("ReplicaSet"),
            "No Deployment and ReplicaSet controllers are registered in the local API server (engineer b's Controllers feature); rollout status needs them.");
        var ns = await cluster.NewNamespaceAsync();
        await using var kubelet = new KubeletLoop(cluster, ns, "vk-r");
        await cluster.CreateAsync("apps", "deployments", ns, Deployment);

        var first = await cluster.RunAsync(["rollout", "status", "deployment/web", "-n", ns, "--timeout=60s"], stdin: null, TimeSpan.FromSeconds(90));
        (await cluster.RunAsync("set", "image", "deployment/web", "nginx=nginx:1.28", "-n", ns)).Succeeded();
        (await cluster.RunAsync("scale", "deployment", "web", "--replicas=2", "-n", ns)).Succeeded();
        var second = await cluster.RunAsync(["rollout", "status", "deployment/web", "-n", ns, "--timeout=60s"], stdin: null, TimeSpan.FromSeconds(90));
        var pods = JsonNode.Parse((await cluster.RunAsync("get", "pods", "-n", ns, "-l", "app=web", "-o", "json")).Succeeded())!["items"]!.AsArray();
        var images = pods.Where(p => p!["metadata"]!["deletionTimestamp"] is null).Select(p => p!["spec"]!["containers"]![0]!["image"]!.GetValue<string>()).ToList();

        Assert.EndsWith("deployment \"web\" successfully rolled out\n", first.Succeeded(), StringComparison.Ordinal);
        Assert.EndsWith("deployment \"web\" successfully rolled out\n", second.Succeeded(), StringComparison.Ordinal);
        Assert.Equal(["nginx:1.28", "nginx:1.28"], images);
    }

    private bool HasController(string kind) =>
        cluster.Server.Services.GetServices<IHostedService>().Any(s => s.GetType().Name.Contains(kind, StringComparison.Ordinal));
}
