using k8s.Models;

using OrleansEci.Emulators.Kube.Tests.Support;

namespace OrleansEci.Emulators.Kube.Tests.Patching;

/// <summary>The three patch types through the API, as kubectl and kubelets send them.</summary>
public sealed class PatchApiTests(SharedKubeServer shared)
{
    private readonly KubeServer _kube = shared.Server;

    [Fact]
    public async Task Patch_JsonPatch_AppliesOperations()
    {
        var ct = TestContext.Current.CancellationToken;
        var ns = await _kube.NewNamespaceAsync("pt");
        await _kube.Client.CoreV1.CreateNamespacedConfigMapAsync(
            new V1ConfigMap { Metadata = new() { Name = "c" }, Data = new Dictionary<string, string> { ["a"] = "1" } }, ns, cancellationToken: ct);
        var patched = await _kube.Client.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch(
            """[{"op":"test","path":"/data/a","value":"1"},{"op":"add","path":"/data/b","value":"2"},{"op":"remove","path":"/data/a"}]""",
            V1Patch.PatchType.JsonPatch), "c", ns, cancellationToken: ct);
        Assert.Equal(new Dictionary<string, string> { ["b"] = "2" }, patched.Data);
    }

    [Fact]
    public async Task PatchStatus_KubeletStyleStrategicMerge_MergesConditionsAndChecksUid()
    {
        var ct = TestContext.Current.CancellationToken;
        var ns = await _kube.NewNamespaceAsync("pt");
        var pod = await _kube.Client.CoreV1.CreateNamespacedPodAsync(Manifests.Pod("p", node: "vk-1"), ns, cancellationToken: ct);
        var patch = $$$"""{"metadata":{"uid":"{{{pod.Metadata.Uid}}}"},"status":{"phase":"Running","conditions":[{"type":"Ready","status":"True"}],"podIP":"10.1.0.5"}}""";
        var running = await _kube.Client.CoreV1.PatchNamespacedPodStatusAsync(new V1Patch(patch, V1Patch.PatchType.StrategicMergePatch), "p", ns, cancellationToken: ct);
        Assert.Equal("Running", running.Status.Phase);
        Assert.Contains(running.Status.Conditions, c => c.Type == "Ready" && c.Status == "True");

        var stale = """{"metadata":{"uid":"00000000-0000-0000-0000-000000000000"},"status":{"phase":"Failed"}}""";
        var error = await Assert.ThrowsAsync<k8s.Autorest.HttpOperationException>(() =>
            _kube.Client.CoreV1.PatchNamespacedPodStatusAsync(new V1Patch(stale, V1Patch.PatchType.StrategicMergePatch), "p", ns, cancellationToken: ct));
        Assert.Equal(System.Net.HttpStatusCode.Conflict, error.Response.StatusCode);
        Assert.Contains("Precondition failed: UID in precondition", error.Response.Content);
    }

    [Fact]
    public async Task Patch_StrategicMergeOnDeploymentTemplate_MergesContainersByName()
    {
        var ct = TestContext.Current.CancellationToken;
        var ns = await _kube.NewNamespaceAsync("pt");
        await _kube.Client.AppsV1.CreateNamespacedDeploymentAsync(Manifests.Deployment("web"), ns, cancellationToken: ct);
        var patched = await _kube.Client.AppsV1.PatchNamespacedDeploymentAsync(new V1Patch(
            """{"spec":{"template":{"spec":{"containers":[{"name":"app","image":"nginx:1.28"},{"name":"side","image":"busybox"}]}}}}""",
            V1Patch.PatchType.StrategicMergePatch), "web", ns, cancellationToken: ct);
        Assert.Equal(["app", "side"], patched.Spec.Template.Spec.Containers.Select(c => c.Name));
        Assert.Equal("nginx:1.28", patched.Spec.Template.Spec.Containers[0].Image);
        Assert.Equal("Always", patched.Spec.Template.Spec.Containers[1].ImagePullPolicy); // untagged image: defaulted like :latest
    }
}
