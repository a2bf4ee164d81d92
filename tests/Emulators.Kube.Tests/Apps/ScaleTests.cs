using k8s.Models;

using OrleansEci.Emulators.Kube.Tests.Support;

namespace OrleansEci.Emulators.Kube.Tests.Apps;

/// <summary><c>deployments/scale</c> and <c>replicasets/scale</c> as kubectl scale uses them, and workload defaults and validation.</summary>
public sealed class ScaleTests(SharedKubeServer shared)
{
    private readonly KubeServer _kube = shared.Server;

    [Fact]
    public async Task PatchScale_MergePatch_ChangesReplicas()
    {
        var ct = TestContext.Current.CancellationToken;
        var ns = await _kube.NewNamespaceAsync("sc");
        await _kube.Client.AppsV1.CreateNamespacedDeploymentAsync(Manifests.Deployment("web"), ns, cancellationToken: ct);
        var scale = await _kube.Client.AppsV1.PatchNamespacedDeploymentScaleAsync(
            new V1Patch("""{"spec":{"replicas":5}}""", V1Patch.PatchType.MergePatch), "web", ns, cancellationToken: ct);
        Assert.Equal(5, scale.Spec.Replicas);
        Assert.Equal("app=web", scale.Status.Selector);
        var deployment = await _kube.Client.AppsV1.ReadNamespacedDeploymentAsync("web", ns, cancellationToken: ct);
        Assert.Equal(5, deployment.Spec.Replicas);
        Assert.Equal(2, deployment.Metadata.Generation);
    }

    [Fact]
    public async Task ReadScale_ReplicaSet_ReportsSpecAndStatus()
    {
        var ct = TestContext.Current.CancellationToken;
        var ns = await _kube.NewNamespaceAsync("sc");
        await _kube.Client.AppsV1.CreateNamespacedReplicaSetAsync(new V1ReplicaSet
        {
            Metadata = new() { Name = "rs" },
            Spec = new V1ReplicaSetSpec
            {
                Replicas = 2,
                Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = "web" } },
                Template = Manifests.Deployment("web").Spec.Template,
            },
        }, ns, cancellationToken: ct);
        var scale = await _kube.Client.AppsV1.ReadNamespacedReplicaSetScaleAsync("rs", ns, cancellationToken: ct);
        Assert.Equal("Scale", scale.Kind);
        Assert.Equal("autoscaling/v1", scale.ApiVersion);
        Assert.Equal(2, scale.Spec.Replicas);
        Assert.Equal(0, scale.Status.Replicas);
    }

    [Fact]
    public async Task ReplaceScale_StaleResourceVersion_Returns409()
    {
        var ct = TestContext.Current.CancellationToken;
        var ns = await _kube.NewNamespaceAsync("sc");
        await _kube.Client.AppsV1.CreateNamespacedDeploymentAsync(Manifests.Deployment("web"), ns, cancellationToken: ct);
        var scale = await _kube.Client.AppsV1.ReadNamespacedDeploymentScaleAsync("web", ns, cancellationToken: ct);
        await _kube.Client.AppsV1.PatchNamespacedDeploymentAsync(new V1Patch("""{"metadata":{"labels":{"a":"b"}}}""", V1Patch.PatchType.MergePatch), "web", ns, cancellationToken: ct);
        scale.Spec.Replicas = 3;
        var error = await Assert.ThrowsAsync<k8s.Autorest.HttpOperationException>(() =>
            _kube.Client.AppsV1.ReplaceNamespacedDeploymentScaleAsync(scale, "web", ns, cancellationToken: ct));
        Assert.Equal(System.Net.HttpStatusCode.Conflict, error.Response.StatusCode);
    }

    [Fact]
    public async Task Create_Deployment_GetsAppsDefaults()
    {
        var ct = TestContext.Current.CancellationToken;
        var ns = await _kube.NewNamespaceAsync("sc");
        var deployment = Manifests.Deployment("web");
        deployment.Spec.Replicas = null;
        var created = await _kube.Client.AppsV1.CreateNamespacedDeploymentAsync(deployment, ns, cancellationToken: ct);
        Assert.Equal(1, created.Spec.Replicas);
        Assert.Equal("RollingUpdate", created.Spec.Strategy.Type);
        Assert.Equal("25%", created.Spec.Strategy.RollingUpdate.MaxSurge.Value);
        Assert.Equal(10, created.Spec.RevisionHistoryLimit);
        Assert.Equal(600, created.Spec.ProgressDeadlineSeconds);
        Assert.Equal("Always", created.Spec.Template.Spec.RestartPolicy);
    }

    [Fact]
    public async Task Create_DeploymentSelectorNotMatchingTemplate_Returns422()
    {
        var ct = TestContext.Current.CancellationToken;
        var ns = await _kube.NewNamespaceAsync("sc");
        var deployment = Manifests.Deployment("web");
        deployment.Spec.Selector.MatchLabels["app"] = "other";
        var error = await Assert.ThrowsAsync<k8s.Autorest.HttpOperationException>(() =>
            _kube.Client.AppsV1.CreateNamespacedDeploymentAsync(deployment, ns, cancellationToken: ct));
        Assert.Equal(System.Net.HttpStatusCode.UnprocessableEntity, error.Response.StatusCode);
        Assert.Contains("`selector` does not match template `labels`", error.Response.Content);
        Assert.Contains("Deployment.apps \\\"web\\\" is invalid", error.Response.Content);
    }

    [Fact]
    public async Task Create_Job_GetsGeneratedSelectorAndDefaults()
    {
        var ct = TestContext.Current.CancellationToken;
        var ns = await _kube.NewNamespaceAsync("sc");
        var job = await _kube.Client.BatchV1.CreateNamespacedJobAsync(new V1Job
        {
            Metadata = new() { Name = "once" },
            Spec = new V1JobSpec
            {
                Template = new V1PodTemplateSpec { Spec = new V1PodSpec { RestartPolicy = "Never", Containers = [new V1Container { Name = "c", Image = "busybox:1.36" }] } },
            },
        }, ns, cancellationToken: ct);
        Assert.Equal(job.Metadata.Uid, job.Spec.Selector.MatchLabels["batch.kubernetes.io/controller-uid"]);
        Assert.Equal("once", job.Spec.Template.Metadata.Labels["batch.kubernetes.io/job-name"]);
        Assert.Equal(6, job.Spec.BackoffLimit);
        Assert.Equal(1, job.Spec.Completions);
        Assert.Equal(1, job.Spec.Parallelism);
        Assert.Equal("NonIndexed", job.Spec.CompletionMode);
    }

    [Fact]
    public async Task Create_JobWithRestartAlways_Returns422()
    {
        var ct = TestContext.Current.CancellationToken;
        var ns = await _kube.NewNamespaceAsync("sc");
        var error = await Assert.ThrowsAsync<k8s.Autorest.HttpOperationException>(() => _kube.Client.BatchV1.CreateNamespacedJobAsync(new V1Job
        {
            Metadata = new() { Name = "bad" },
            Spec = new V1JobSpec { Template = new V1PodTemplateSpec { Spec = new V1PodSpec { Containers = [new V1Container { Name = "c", Image = "busybox:1.36" }] } } },
        }, ns, cancellationToken: ct));
        Assert.Contains("spec.template.spec.restartPolicy: Unsupported value: \\\"Always\\\"", error.Response.Content);
    }
}
