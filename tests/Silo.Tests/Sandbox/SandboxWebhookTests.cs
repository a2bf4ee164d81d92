using System.Text.Json.Nodes;

using OrleansEci.Silo.Tests.Sandbox.Support;

namespace OrleansEci.Silo.Tests.Sandbox;

/// <summary>
/// The label routes of eci-on-kubernetes.md §3 through the silo's admission webhook, with the real kubectl: the local API
/// server calls vk-webhook (registered by the silo) over HTTPS through the kube-system/vk-webhook Service.
/// </summary>
[Collection(SharedSandbox.Name)]
public sealed class SandboxWebhookTests(SandboxFixture fixture)
{
    [Fact]
    public async Task LabelledPod_OnlyTheEciLabel_LandsOnAVirtualNodeWithAGroup()
    {
        var kubectl = await fixture.NewSessionAsync("labelled");

        (await kubectl.ShellAsync(Workflows.RunLabelledPod)).Succeeded();
        JsonObject pod = await kubectl.UntilAsync("pod labelled Running", ["pod", "labelled"], PodJson.RunningWithIp, PodJson.Summary);
        var row = TableText.Row((await kubectl.ShellAsync(Workflows.GetLabelledPod)).Succeeded(), "labelled");
        var groups = await fixture.GroupsOfPodAsync(PodJson.Uid(pod));

        Assert.True(PodJson.NodeName(pod)?.StartsWith("virtual-kubelet-", StringComparison.Ordinal) == true,
            $"Expected pod {kubectl.Namespace}/labelled, labelled alibabacloud.com/eci=true only, on a virtual node; got {PodJson.Summary(pod)}.");
        Assert.Equal(PodJson.NodeName(pod), row["NODE"]);
        Assert.Equal("virtual-kubelet", (string?)pod["spec"]?["nodeSelector"]?["type"]);
        Assert.True(groups.Count == 1, $"Expected one container group for pod {kubectl.Namespace}/labelled; found {groups.Count}.");
        Assert.StartsWith("pod \"labelled\" deleted", (await kubectl.ShellAsync(Workflows.DeleteLabelledPod)).Succeeded(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task NamespaceLabel_PodWithoutLabels_LandsOnAVirtualNode()
    {
        var kubectl = await fixture.NewSessionAsync("namespace-route");

        (await kubectl.ShellAsync(Workflows.CreateEciNamespace)).Succeeded();
        (await kubectl.ShellAsync(Workflows.LabelEciNamespace)).Succeeded();
        (await kubectl.ShellAsync(Workflows.RunNamespacePod)).Succeeded();
        JsonObject pod = await kubectl.UntilAsync("pod eci-apps/web Running", ["pod", "web", "-n", "eci-apps"], PodJson.RunningWithIp, PodJson.Summary);
        var row = TableText.Row((await kubectl.ShellAsync(Workflows.GetNamespacePod)).Succeeded(), "web");

        Assert.True(PodJson.NodeName(pod)?.StartsWith("virtual-kubelet-", StringComparison.Ordinal) == true,
            $"Expected pod eci-apps/web (namespace labelled alibabacloud.com/eci=true) on a virtual node; got {PodJson.Summary(pod)}.");
        Assert.Equal(PodJson.NodeName(pod), row["NODE"]);
        Assert.StartsWith("pod \"web\" deleted", (await kubectl.ShellAsync(Workflows.DeleteNamespacePod)).Succeeded(), StringComparison.Ordinal);
        Assert.StartsWith("namespace \"eci-apps\" deleted", (await kubectl.ShellAsync(Workflows.DeleteEciNamespace)).Succeeded(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task HostNetworkPod_RoutedByLabel_DeniedWithTheReason()
    {
        var kubectl = await fixture.NewSessionAsync("hostnet");

        KubectlResult result = await kubectl.ShellAsync(Workflows.RunHostNetworkPod);
        KubectlResult get = await kubectl.RunAsync("get", "pod", "hostnet", "--ignore-not-found", "-o", "name");

        Assert.True(result.ExitCode != 0, $"Expected the hostNetwork pod {kubectl.Namespace}/hostnet routed to ECI to be refused; {result}");
        Assert.Contains("denied the request", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("ECI cannot run it: hostNetwork: true", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("expose the pod through a Service", result.Stderr, StringComparison.Ordinal);
        Assert.True(get.Succeeded().Trim().Length == 0, $"Expected no pod {kubectl.Namespace}/hostnet after the denial; kubectl get said {get.Stdout}");
    }

    [Fact]
    public async Task VkWebhook_Registered_MirrorsTheRoutesWithTheSilosCa()
    {
        var kubectl = await fixture.NewSessionAsync("vk-webhook");

        JsonObject config = await kubectl.GetJsonAsync("mutatingwebhookconfigurations", "vk-webhook");
        var webhooks = config["webhooks"]!.AsArray().Select(w => w!).ToList();

        Assert.Contains(webhooks, w => (string?)w["name"] == "eci-pod-label.route.vk-webhook.orleans-eci.io"
            && (string?)w["objectSelector"]?["matchLabels"]?["alibabacloud.com/eci"] == "true");
        Assert.Contains(webhooks, w => (string?)w["name"] == "eci-namespace-label.route.vk-webhook.orleans-eci.io"
            && (string?)w["namespaceSelector"]?["matchLabels"]?["alibabacloud.com/eci"] == "true");
        Assert.All(webhooks, w =>
        {
            Assert.Equal("vk-webhook", (string?)w["clientConfig"]?["service"]?["name"]);
            Assert.False(string.IsNullOrEmpty((string?)w["clientConfig"]?["caBundle"]), $"Expected webhook {w["name"]} to carry the silo's CA");
            Assert.Equal("None", (string?)w["sideEffects"]);
        });
    }
}
