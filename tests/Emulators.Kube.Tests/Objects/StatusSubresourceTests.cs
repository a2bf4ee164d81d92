using k8s.Models;

using OrleansEci.Emulators.Kube.Tests.Support;

namespace OrleansEci.Emulators.Kube.Tests.Objects;

/// <summary>Types with a status subresource ignore status on the main resource and take only status on /status.</summary>
public sealed class StatusSubresourceTests(SharedKubeServer shared)
{
    private readonly KubeServer _kube = shared.Server;

    [Fact]
    public async Task PatchMainResource_StatusChange_IsIgnored()
    {
        var ct = TestContext.Current.CancellationToken;
        var ns = await _kube.NewNamespaceAsync("st");
        await _kube.Client.CoreV1.CreateNamespacedPodAsync(Manifests.Pod("p"), ns, cancellationToken: ct);
        var patched = await _kube.Client.CoreV1.PatchNamespacedPodAsync(
            new V1Patch("""{"metadata":{"labels":{"x":"y"}},"status":{"phase":"Running"}}""", V1Patch.PatchType.MergePatch), "p", ns, cancellationToken: ct);
        Assert.Equal("y", patched.Metadata.Labels["x"]);
        Assert.Equal("Pending", patched.Status.Phase);
    }

    [Fact]
    public async Task PatchStatus_SpecAndMetadataChanges_AreIgnored()
    {
        var ct = TestContext.Current.CancellationToken;
        var ns = await _kube.NewNamespaceAsync("st");
        await _kube.Client.CoreV1.CreateNamespacedPodAsync(Manifests.Pod("p"), ns, cancellationToken: ct);
        var patched = await _kube.Client.CoreV1.PatchNamespacedPodStatusAsync(new V1Patch(
            """{"metadata":{"labels":{"x":"y"}},"spec":{"activeDeadlineSeconds":5},"status":{"phase":"Running","podIP":"10.0.0.7"}}""",
            V1Patch.PatchType.StrategicMergePatch), "p", ns, cancellationToken: ct);
        Assert.Equal("Running", patched.Status.Phase);
        Assert.Equal("10.0.0.7", patched.Status.PodIP);
        Assert.Null(patched.Metadata.Labels);
        Assert.Null(patched.Spec.ActiveDeadlineSeconds);
    }

    [Fact]
    public async Task ReplaceStatus_Deployment_TakesStatusOnly()
    {
        var ct = TestContext.Current.CancellationToken;
        var ns = await _kube.NewNamespaceAsync("st");
        var deployment = await _kube.Client.AppsV1.CreateNamespacedDeploymentAsync(Manifests.Deployment("web", 2), ns, cancellationToken: ct);
        deployment.Status = new V1DeploymentStatus { Replicas = 2, ReadyReplicas = 2, ObservedGeneration = 1 };
        deployment.Spec.Replicas = 9;
        var updated = await _kube.Client.AppsV1.ReplaceNamespacedDeploymentStatusAsync(deployment, "web", ns, cancellationToken: ct);
        Assert.Equal(2, updated.Status.ReadyReplicas);
        Assert.Equal(2, updated.Spec.Replicas);
        Assert.Equal(1, updated.Metadata.Generation);
    }

    [Fact]
    public async Task Create_NodeWithStatus_KeepsStatusAsKubeletsRegister()
    {
        var ct = TestContext.Current.CancellationToken;
        var name = $"vk-{Guid.NewGuid():N}"[..12];
        var node = await _kube.Client.CoreV1.CreateNodeAsync(new V1Node
        {
            Metadata = new() { Name = name },
            Status = new V1NodeStatus
            {
                Addresses = [new V1NodeAddress { Type = "InternalIP", Address = "10.0.0.5" }],
                Conditions = [new V1NodeCondition { Type = "Ready", Status = "True" }],
            },
        }, cancellationToken: ct);
        Assert.Equal("10.0.0.5", node.Status.Addresses.Single().Address);
        await _kube.Client.CoreV1.DeleteNodeAsync(name, cancellationToken: ct);
    }
}
