using OrleansEci.Emulators.Kube.Kubectl.Tests.Support;

namespace OrleansEci.Emulators.Kube.Kubectl.Tests.Writes;

/// <summary><c>kubectl label</c> and <c>kubectl annotate</c>: merge patches that add, refuse to overwrite, and remove keys.</summary>
public sealed class LabelAnnotateTests(KubectlCluster cluster) : IClassFixture<KubectlCluster>
{
    [Fact]
    public async Task Label_AddOverwriteRemove_PatchesLabels()
    {
        var ns = await cluster.NewNamespaceAsync();
        await cluster.CreateAsync("", "configmaps", ns, """{"metadata":{"name":"cfg","labels":{"keep":"me"}}}""");

        var added = await cluster.RunAsync("label", "configmap", "cfg", "env=prod", "-n", ns);
        var refused = await cluster.RunAsync("label", "configmap", "cfg", "env=dev", "-n", ns);
        var overwritten = await cluster.RunAsync("label", "configmap", "cfg", "env=dev", "--overwrite", "-n", ns);
        var labels = (await cluster.RunAsync("get", "configmap", "cfg", "-n", ns, "-o", "jsonpath={.metadata.labels}")).Succeeded();
        var removed = await cluster.RunAsync("label", "configmap", "cfg", "env-", "-n", ns);
        var after = (await cluster.RunAsync("get", "configmap", "cfg", "-n", ns, "-o", "jsonpath={.metadata.labels}")).Succeeded();

        Assert.Equal("configmap/cfg labeled\n", added.Succeeded());
        Assert.Equal("error: 'env' already has a value (prod), and --overwrite is false\n", refused.Failed());
        Assert.Equal("configmap/cfg labeled\n", overwritten.Succeeded());
        Assert.Equal("""{"env":"dev","keep":"me"}""", labels);
        Assert.Equal("configmap/cfg unlabeled\n", removed.Succeeded());
        Assert.Equal("""{"keep":"me"}""", after);
    }

    [Fact]
    public async Task Annotate_AddAndRemove_PatchesAnnotations()
    {
        var ns = await cluster.NewNamespaceAsync();
        await cluster.CreateAsync("", "pods", ns, """{"metadata":{"name":"web"},"spec":{"nodeName":"ghost","containers":[{"name":"c","image":"nginx"}]}}""");

        var added = await cluster.RunAsync("annotate", "pod", "web", "k8s.aliyun.com/eci-use-specs=ecs.c6.large", "-n", ns);
        var value = (await cluster.RunAsync("get", "pod", "web", "-n", ns, "-o", "jsonpath={.metadata.annotations.k8s\\.aliyun\\.com/eci-use-specs}")).Succeeded();
        var removed = await cluster.RunAsync("annotate", "pod", "web", "k8s.aliyun.com/eci-use-specs-", "-n", ns);
        var after = (await cluster.RunAsync("get", "pod", "web", "-n", ns, "-o", "jsonpath={.metadata.annotations}")).Succeeded();

        Assert.Equal("pod/web annotated\n", added.Succeeded());
        Assert.Equal("ecs.c6.large", value);
        Assert.Equal("pod/web annotated\n", removed.Succeeded());
        Assert.DoesNotContain("eci-use-specs", after, StringComparison.Ordinal);
    }
}
