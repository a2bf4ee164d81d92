using System.Text.Json.Nodes;

using OrleansEci.Silo.Tests.Sandbox.Support;

using SandboxHost = OrleansEci.Silo.Sandbox.Sandbox;

namespace OrleansEci.Silo.Tests.Sandbox;

/// <summary>What a newcomer sees first: <c>kubectl get nodes</c> lists the two virtual nodes, Ready, beside the regular node.</summary>
[Collection(SharedSandbox.Name)]
public sealed class SandboxNodeTests(SandboxFixture fixture)
{
    [Fact]
    public async Task GetNodes_SandboxStarted_ShowsBothVirtualNodesReadyWithRoleAgent()
    {
        var kubectl = await fixture.NewSessionAsync("nodes");

        string table = (await kubectl.ShellAsync(Workflows.GetNodes)).Succeeded();

        foreach (string node in SandboxHost.VirtualNodes)
        {
            var row = TableText.Row(table, node);
            Assert.True(row["STATUS"] == "Ready" && row["ROLES"] == "agent",
                $"Expected virtual node {node} Ready with role agent; `kubectl get nodes` shows STATUS {row["STATUS"]}, ROLES {row["ROLES"]}:\n{table}");
        }

        Assert.Equal("Ready", TableText.Row(table, "sandbox-node-1")["STATUS"]);
        Assert.Equal(3, TableText.Rows(table).Count);
    }

    [Fact]
    public async Task GetNodes_ByVirtualKubeletLabel_FindsBothVirtualNodesTaintedForTheProvider()
    {
        var kubectl = await fixture.NewSessionAsync("nodes");

        JsonObject nodes = await kubectl.GetJsonAsync("nodes", "-l", "type=virtual-kubelet");

        var names = PodJson.Items(nodes).Select(PodJson.Name).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(SandboxHost.VirtualNodes, names);
        foreach (JsonNode node in PodJson.Items(nodes))
        {
            var taints = node["spec"]?["taints"]?.AsArray().Select(t => $"{t?["key"]}={t?["value"]}:{t?["effect"]}").ToArray() ?? [];
            Assert.True(taints.Contains("virtual-kubelet.io/provider=alibabacloud:NoSchedule"),
                $"Expected node {PodJson.Name(node)} tainted virtual-kubelet.io/provider=alibabacloud:NoSchedule; its taints: [{string.Join(", ", taints)}]");
        }
    }
}
