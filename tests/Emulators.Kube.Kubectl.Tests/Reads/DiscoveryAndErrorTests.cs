using OrleansEci.Emulators.Kube.Kubectl.Tests.Support;

using static OrleansEci.Emulators.Kube.Kubectl.Tests.Support.TableText;

namespace OrleansEci.Emulators.Kube.Kubectl.Tests.Reads;

/// <summary>
/// <c>kubectl api-resources</c> from discovery, <c>kubectl explain</c> from the OpenAPI v3 schemas (which carry no
/// descriptions), and the messages kubectl prints for missing objects and types.
/// </summary>
public sealed class DiscoveryAndErrorTests(KubectlCluster cluster) : IClassFixture<KubectlCluster>
{
    [Fact]
    public async Task ApiResources_BuiltInTypes_ListNamesShortNamesGroupsAndVerbs()
    {
        var output = (await cluster.RunAsync("api-resources")).Succeeded();
        var wide = (await cluster.RunAsync("api-resources", "-o", "wide", "--api-group", "apps")).Succeeded();

        Assert.Equal(["NAME", "SHORTNAMES", "APIVERSION", "NAMESPACED", "KIND"], Header(output));
        Assert.Equal(["pods", "po", "v1", "true", "Pod"], Row(output, "pods"));
        Assert.Equal(["nodes", "no", "v1", "false", "Node"], Row(output, "nodes"));
        Assert.Equal(["leases", "coordination.k8s.io/v1", "true", "Lease"], Row(output, "leases"));
        Assert.Equal(["deployments", "deploy", "apps/v1", "true", "Deployment", "create,delete,deletecollection,get,list,patch,update,watch", "all"],
            Row(wide, "deployments"));
    }

    [Fact]
    public async Task Explain_PodField_ReadsTheOpenApiV3Schema()
    {
        var output = (await cluster.RunAsync("explain", "pods.spec.containers.ports")).Succeeded();

        Assert.Contains("FIELD: ports <[]ContainerPort>", output, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^\s+containerPort\s+<integer> -required-$", output);
        Assert.Matches(@"(?m)^\s+enum: SCTP, TCP, UDP$", output);
    }

    [Fact]
    public async Task Get_MissingObjectsAndTypes_PrintKubectlErrors()
    {
        var pod = await cluster.RunAsync("get", "pod", "nope");
        var deployment = await cluster.RunAsync("get", "deployment", "nope");
        var type = await cluster.RunAsync("get", "widgets");

        Assert.Equal("Error from server (NotFound): pods \"nope\" not found\n", pod.Failed());
        Assert.Equal("Error from server (NotFound): deployments.apps \"nope\" not found\n", deployment.Failed());
        Assert.Equal("error: the server doesn't have a resource type \"widgets\"\n", type.Failed());
    }
}
