using OrleansEci.Emulators.Kube.Kubectl.Tests.Support;
using OrleansEci.Emulators.Kube.Objects;

using static OrleansEci.Emulators.Kube.Kubectl.Tests.Support.TableText;

namespace OrleansEci.Emulators.Kube.Kubectl.Tests.Writes;

/// <summary>
/// <c>kubectl delete</c>: an unbound pod goes at once; a pod bound to a node is Terminating until its kubelet
/// confirms with a grace-0 delete, and <c>--wait</c> (the default) watches until then; missing objects say NotFound.
/// </summary>
public sealed class DeleteTests(KubectlCluster cluster) : IClassFixture<KubectlCluster>
{
    [Fact]
    public async Task DeletePod_NotBound_IsGoneAtOnce()
    {
        var ns = await cluster.NewNamespaceAsync();
        await cluster.CreateAsync("", "pods", ns, """{"metadata":{"name":"loose"},"spec":{"schedulerName":"nobody","containers":[{"name":"c","image":"nginx"}]}}""");

        var deleted = await cluster.RunAsync("delete", "pod", "loose", "-n", ns);
        var after = await cluster.RunAsync("get", "pod", "loose", "-n", ns);

        Assert.Equal("pod \"loose\" deleted\n", deleted.Succeeded());
        Assert.Equal("Error from server (NotFound): pods \"loose\" not found\n", after.Failed());
    }

    [Fact]
    public async Task DeletePod_BoundToNode_IsTerminatingAndWaitEndsWhenTheKubeletConfirms()
    {
        var ns = await cluster.NewNamespaceAsync();
        var pod = await cluster.CreateAsync("", "pods", ns, """{"metadata":{"name":"bound"},"spec":{"nodeName":"ghost","containers":[{"name":"c","image":"nginx"}]}}""");
        var pods = cluster.Type("", "pods");

        var deleting = cluster.RunAsync(["delete", "pod", "bound", "-n", ns], stdin: null, KubectlCluster.DefaultTimeout);
        await Eventually.UntilAsync(() => cluster.Resources.Find(pods, ns, "bound")?.ToJson()["metadata"]?["deletionTimestamp"] is not null || deleting.IsCompleted,
            "the pod to be marked for deletion");
        var terminating = (await cluster.RunAsync("get", "pod", "bound", "-n", ns)).Succeeded();
        await cluster.Resources.DeleteAsync(pods, ns, "bound",
            new DeleteOptions { GracePeriodSeconds = 0, PreconditionUid = pod["metadata"]!["uid"]!.GetValue<string>() }, TestContext.Current.CancellationToken);
        var deleted = await deleting;

        Assert.Equal("Terminating", Row(terminating, "bound")[2]);
        Assert.Equal("pod \"bound\" deleted\n", deleted.Succeeded());
    }

    [Fact]
    public async Task DeleteDeploymentAndMissingPod_PrintKubectlMessages()
    {
        var ns = await cluster.NewNamespaceAsync();
        await cluster.CreateAsync("apps", "deployments", ns, """
            {"metadata":{"name":"web"},"spec":{"replicas":0,"selector":{"matchLabels":{"app":"web"}},
             "template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"name":"c","image":"nginx"}]}}}}
            """);

        var deployment = await cluster.RunAsync("delete", "deployment", "web", "-n", ns);
        var missing = await cluster.RunAsync("delete", "pod", "nope", "-n", ns);

        Assert.Equal("deployment.apps \"web\" deleted\n", deployment.Succeeded());
        Assert.Equal("Error from server (NotFound): pods \"nope\" not found\n", missing.Failed());
    }

}
