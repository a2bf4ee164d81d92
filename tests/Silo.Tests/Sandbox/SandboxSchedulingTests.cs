using System.Text.Json.Nodes;

using OrleansEci.Silo.Tests.Sandbox.Support;

using SandboxHost = OrleansEci.Silo.Sandbox.Sandbox;

namespace OrleansEci.Silo.Tests.Sandbox;

/// <summary>The virtual nodes' taint keeps pods without the toleration off ECI: they run on the regular node, or nowhere.</summary>
[Collection(SharedSandbox.Name)]
public sealed class SandboxSchedulingTests(SandboxFixture fixture)
{
    [Fact]
    public async Task PlainPod_NoToleration_RunsOnTheRegularNodeWithoutAGroup()
    {
        var kubectl = await fixture.NewSessionAsync("plain");

        (await kubectl.ShellAsync(Workflows.RunPlainPod)).Succeeded();
        JsonObject pod = await kubectl.UntilAsync("pod plain Running", ["pod", "plain"], PodJson.RunningWithIp, PodJson.Summary);
        var row = TableText.Row((await kubectl.ShellAsync(Workflows.GetPlainPod)).Succeeded(), "plain");
        var groups = await fixture.GroupsOfPodAsync(PodJson.Uid(pod));

        Assert.Equal("sandbox-node-1", PodJson.NodeName(pod));
        Assert.Equal("sandbox-node-1", row["NODE"]);
        Assert.True(groups.Count == 0, $"Expected no container group for pod {kubectl.Namespace}/plain on the regular node; found {groups.Count}.");
        Assert.StartsWith("pod \"plain\" deleted", (await kubectl.ShellAsync(Workflows.DeletePlainPod)).Succeeded(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UntoleratedPod_VirtualNodeSelectorWithoutToleration_StaysUnscheduledNamingTheTaint()
    {
        var kubectl = await fixture.NewSessionAsync("untolerated");

        (await kubectl.ShellAsync(Workflows.RunUntoleratedPod)).Succeeded();
        JsonObject pod = await kubectl.UntilAsync("pod untolerated to be reported unschedulable", ["pod", "untolerated"],
            p => (string?)PodJson.Condition(p, "PodScheduled")?["reason"] == "Unschedulable", PodJson.Summary);
        string described = await kubectl.UntilOutputAsync("`kubectl describe pod untolerated` to show FailedScheduling",
            () => kubectl.ShellAsync(Workflows.DescribeUntoleratedPod), text => text.Contains("FailedScheduling", StringComparison.Ordinal));
        var groups = await fixture.GroupsOfPodAsync(PodJson.Uid(pod));

        Assert.True(PodJson.NodeName(pod) is null && PodJson.Phase(pod) == "Pending",
            $"Expected pod {kubectl.Namespace}/untolerated Pending on no node; got {PodJson.Summary(pod)}.");
        Assert.Contains($"{SandboxHost.VirtualNodes.Length} node(s) had untolerated taint {{virtual-kubelet.io/provider: alibabacloud}}",
            (string?)PodJson.Condition(pod, "PodScheduled")?["message"], StringComparison.Ordinal);
        Assert.Contains("untolerated taint {virtual-kubelet.io/provider: alibabacloud}", described, StringComparison.Ordinal);
        Assert.True(groups.Count == 0, $"Expected no container group for unscheduled pod {kubectl.Namespace}/untolerated; found {groups.Count}.");
        Assert.StartsWith("pod \"untolerated\" deleted", (await kubectl.ShellAsync(Workflows.DeleteUntoleratedPod)).Succeeded(), StringComparison.Ordinal);
    }
}
