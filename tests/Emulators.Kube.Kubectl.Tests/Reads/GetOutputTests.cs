using System.Text.Json.Nodes;

using OrleansEci.Emulators.Kube.Kubectl.Tests.Support;

using static OrleansEci.Emulators.Kube.Kubectl.Tests.Support.TableText;

namespace OrleansEci.Emulators.Kube.Kubectl.Tests.Reads;

/// <summary>
/// <c>kubectl get</c> output formats (<c>-o yaml|json|name|jsonpath</c>), all namespaces, label and field selectors,
/// <c>--show-labels</c> and <c>--sort-by</c> (which need the row objects of the Table), and <c>get all</c>.
/// </summary>
public sealed class GetOutputTests(KubectlCluster cluster) : IClassFixture<KubectlCluster>
{
    [Fact]
    public async Task GetPod_OutputFormats_PrintTheObject()
    {
        var ns = await cluster.NewNamespaceAsync();
        await PodAsync(ns, "web", "app=web");

        var yaml = (await cluster.RunAsync("get", "pod", "web", "-n", ns, "-o", "yaml")).Succeeded();
        var json = JsonNode.Parse((await cluster.RunAsync("get", "pod", "web", "-n", ns, "-o", "json")).Succeeded())!;
        var name = (await cluster.RunAsync("get", "pods", "-n", ns, "-o", "name")).Succeeded();
        var image = (await cluster.RunAsync("get", "pod", "web", "-n", ns, "-o", "jsonpath={.spec.containers[0].image}")).Succeeded();
        var columns = (await cluster.RunAsync("get", "pods", "-n", ns, "-o", "custom-columns=POD:.metadata.name,NODE:.spec.nodeName")).Succeeded();

        Assert.Contains("kind: Pod", yaml, StringComparison.Ordinal);
        Assert.Contains($"namespace: {ns}", yaml, StringComparison.Ordinal);
        Assert.Equal("Pod", json["kind"]!.GetValue<string>());
        Assert.Equal("web", json["metadata"]!["name"]!.GetValue<string>());
        Assert.Equal("pod/web\n", name);
        Assert.Equal("nginx:1.27", image);
        Assert.Equal(["web", "ghost"], Row(columns, "web", "POD"));
    }

    [Fact]
    public async Task GetPods_AllNamespacesAndShowLabels_ReadNamespaceAndLabelsFromRowObjects()
    {
        var ns1 = await cluster.NewNamespaceAsync();
        var ns2 = await cluster.NewNamespaceAsync();
        await PodAsync(ns1, "one", "app=web");
        await PodAsync(ns2, "two", "app=db");

        var output = (await cluster.RunAsync("get", "pods", "-A", "--show-labels")).Succeeded();

        Assert.Equal(["NAMESPACE", "NAME", "READY", "STATUS", "RESTARTS", "AGE", "LABELS"], Header(output));
        var one = Row(output, "one");
        Assert.Equal([ns1, "one"], one[..2]);
        Assert.Equal("app=web", one[^1]);
        Assert.Equal([ns2, "two"], Row(output, "two")[..2]);
    }

    [Fact]
    public async Task GetPods_LabelAndFieldSelectors_FilterOnTheServer()
    {
        var ns = await cluster.NewNamespaceAsync();
        await PodAsync(ns, "web", "app=web,tier=front");
        await PodAsync(ns, "db", "app=db");
        await cluster.SetStatusAsync("", "pods", ns, "db", """{"phase":"Running"}""");

        var byLabel = (await cluster.RunAsync("get", "pods", "-n", ns, "-l", "app=web", "-o", "name")).Succeeded();
        var bySet = (await cluster.RunAsync("get", "pods", "-n", ns, "-l", "app in (web,db),!tier", "-o", "name")).Succeeded();
        var byField = (await cluster.RunAsync("get", "pods", "-n", ns, "--field-selector", "status.phase=Running", "-o", "name")).Succeeded();
        var none = await cluster.RunAsync("get", "pods", "-n", ns, "-l", "app=nothing");

        Assert.Equal("pod/web\n", byLabel);
        Assert.Equal("pod/db\n", bySet);
        Assert.Equal("pod/db\n", byField);
        Assert.Equal($"No resources found in {ns} namespace.\n", none.Stderr);
        Assert.Equal(0, none.ExitCode);
    }

    [Fact]
    public async Task GetPods_SortBy_UsesWholeObjects()
    {
        var ns = await cluster.NewNamespaceAsync();
        await PodAsync(ns, "b", "app=x");
        await PodAsync(ns, "a", "app=x");
        await PodAsync(ns, "c", "app=x");
        await cluster.SetStatusAsync("", "pods", ns, "b", """{"phase":"Running","podIP":"10.0.0.1","podIPs":[{"ip":"10.0.0.1"}]}""");
        await cluster.SetStatusAsync("", "pods", ns, "a", """{"phase":"Running","podIP":"10.0.0.3","podIPs":[{"ip":"10.0.0.3"}]}""");
        await cluster.SetStatusAsync("", "pods", ns, "c", """{"phase":"Running","podIP":"10.0.0.2","podIPs":[{"ip":"10.0.0.2"}]}""");

        var output = (await cluster.RunAsync("get", "pods", "-n", ns, "--sort-by", ".status.podIP")).Succeeded();

        Assert.Equal(["b", "c", "a"], Column(output, "NAME"));
    }

    [Fact]
    public async Task GetAll_SeveralKinds_PrefixesNamesWithKinds()
    {
        var ns = await cluster.NewNamespaceAsync();
        await PodAsync(ns, "web", "app=web");
        await cluster.CreateAsync("", "services", ns, """{"metadata":{"name":"web"},"spec":{"selector":{"app":"web"},"ports":[{"port":80}]}}""");

        var output = (await cluster.RunAsync("get", "all", "-n", ns)).Succeeded();

        Assert.Contains("pod/web", Column(output, "NAME"));
        Assert.Contains("service/web", output, StringComparison.Ordinal);
    }

    private async Task PodAsync(string ns, string name, string labels)
    {
        var labelJson = string.Join(',', labels.Split(',').Select(l => l.Split('=')).Select(kv => $"\"{kv[0]}\":\"{kv[1]}\""));
        await cluster.CreateAsync("", "pods", ns,
            $$$"""{"metadata":{"name":"{{{name}}}","labels":{{{{labelJson}}}}},"spec":{"nodeName":"ghost","containers":[{"name":"c","image":"nginx:1.27"}]}}""");
    }
}
