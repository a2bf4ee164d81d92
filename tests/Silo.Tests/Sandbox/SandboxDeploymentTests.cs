using System.Text.Json.Nodes;

using OrleansEci.Grains.Pods;
using OrleansEci.Silo.Tests.Sandbox.Support;

using SandboxHost = OrleansEci.Silo.Sandbox.Sandbox;

namespace OrleansEci.Silo.Tests.Sandbox;

/// <summary>
/// A Deployment routed to ECI by a patch (created with no replicas, so no pod starts elsewhere first), scaled up, down
/// and deleted with kubectl: one container group per pod, and groups go with their pods.
/// </summary>
[Collection(SharedSandbox.Name)]
public sealed class SandboxDeploymentTests(SandboxFixture fixture)
{
    [Fact]
    public async Task Deployment_PatchedScaledAndDeleted_PodsRunOnEciAndGroupsFollowTheReplicas()
    {
        var kubectl = await fixture.NewSessionAsync("deploy");

        (await kubectl.ShellAsync(Workflows.CreateDeployment)).Succeeded();
        (await kubectl.ShellAsync(Workflows.RouteDeployment)).Succeeded();
        (await kubectl.ShellAsync(Workflows.ScaleDeploymentUp)).Succeeded();
        JsonObject three = await kubectl.UntilAsync("3 pods of deployment web Running with IPs", ["pods", "-l", "app=web"],
            list => PodJson.Items(list) is { Count: 3 } pods && pods.All(PodJson.RunningWithIp), PodJson.ListSummary);

        foreach (JsonNode pod in PodJson.Items(three))
        {
            Assert.True(SandboxHost.VirtualNodes.Contains(PodJson.NodeName(pod)),
                $"Expected pod {kubectl.Namespace}/{PodJson.Name(pod)} of deployment web on a virtual node; it is on {PodJson.NodeName(pod)}.");
        }

        string table = (await kubectl.ShellAsync(Workflows.GetDeploymentPods)).Succeeded();
        Assert.All(TableText.Rows(table), row => Assert.True(row["STATUS"] == "Running" && SandboxHost.VirtualNodes.Contains(row["NODE"]),
            $"Expected every row of `{Workflows.GetDeploymentPods}` Running on a virtual node:\n{table}"));
        await AssertGroupsAreThePodsAsync(kubectl, three);

        (await kubectl.ShellAsync(Workflows.ScaleDeploymentDown)).Succeeded();
        JsonObject one = await kubectl.UntilAsync("deployment web down to 1 pod", ["pods", "-l", "app=web"],
            list => PodJson.Items(list).Count == 1, PodJson.ListSummary);
        await AssertGroupsAreThePodsAsync(kubectl, one);

        Assert.StartsWith("deployment.apps \"web\" deleted", (await kubectl.ShellAsync(Workflows.DeleteDeployment)).Succeeded(), StringComparison.Ordinal);
        JsonObject none = await kubectl.UntilAsync("the pods of deleted deployment web to be gone", ["pods", "-l", "app=web"],
            list => PodJson.Items(list).Count == 0, PodJson.ListSummary);
        await AssertGroupsAreThePodsAsync(kubectl, none);
    }

    /// <summary>The namespace's container groups are exactly one per listed pod: a pod that is gone has no group left.</summary>
    private async Task AssertGroupsAreThePodsAsync(KubectlSession kubectl, JsonObject pods)
    {
        var podUids = PodJson.Items(pods).Select(PodJson.Uid).Order(StringComparer.Ordinal).ToArray();
        var groups = await fixture.GroupsInNamespaceAsync(kubectl.Namespace);
        var groupUids = groups.Select(g => ContainerGroupTags.Find(g.Tags, ContainerGroupTags.Uid) ?? "(untagged)")
            .Order(StringComparer.Ordinal).ToArray();
        Assert.True(podUids.SequenceEqual(groupUids),
            $"Expected one container group per pod of deployment web in {kubectl.Namespace} (pods {string.Join(", ", podUids)}); "
            + $"the local ECI service has groups for [{string.Join(", ", groupUids)}]: {string.Join(", ", groups.Select(g => $"{g.ContainerGroupId} {g.Status}"))}.");
    }
}
