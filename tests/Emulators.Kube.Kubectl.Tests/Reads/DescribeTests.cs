using System.Text.RegularExpressions;

using OrleansEci.Emulators.Kube.Kubectl.Tests.Support;

namespace OrleansEci.Emulators.Kube.Kubectl.Tests.Reads;

/// <summary>
/// <c>kubectl describe</c> of a pod (with the events found by <c>involvedObject</c> name, namespace and uid), a node
/// (with the non-terminated pods found by field selector) and a deployment.
/// </summary>
public sealed partial class DescribeTests(KubectlCluster cluster) : IClassFixture<KubectlCluster>
{
    [Fact]
    public async Task DescribePod_WithEvents_PrintsFieldsAndItsOwnEventsOnly()
    {
        var ns = await cluster.NewNamespaceAsync();
        var pod = await cluster.CreateAsync("", "pods", ns, """
            {"metadata":{"name":"web","labels":{"app":"web"}},"spec":{"nodeName":"vk-d","containers":[{"name":"nginx","image":"nginx:1.27"}]}}
            """);
        await cluster.SetStatusAsync("", "pods", ns, "web", """
            {"phase":"Running","podIP":"10.0.0.9","podIPs":[{"ip":"10.0.0.9"}],"conditions":[{"type":"Ready","status":"True"}],
             "containerStatuses":[{"name":"nginx","ready":true,"restartCount":0,"image":"nginx:1.27","imageID":"","state":{"running":{}}}]}
            """);
        var uid = pod["metadata"]!["uid"]!.GetValue<string>();
        var now = Time.Rfc3339(DateTimeOffset.UtcNow);
        await EventAsync(ns, "web.1", uid, "Pulled", "Container image \"nginx:1.27\" already present", now);
        await EventAsync(ns, "web.2", "another-uid", "Killing", "an event of an older pod of the same name", now);

        var output = (await cluster.RunAsync("describe", "pod", "web", "-n", ns)).Succeeded();

        HasLine(output, Field("Name", "web"));
        HasLine(output, Field("Namespace", ns));
        HasLine(output, Field("Node", "vk-d/"));
        HasLine(output, Field("Status", "Running"));
        HasLine(output, Field("IP", @"10\.0\.0\.9"));
        HasLine(output, Field("Labels", "app=web"));
        HasLine(output, @"(?m)^\s+Image:\s+nginx:1\.27$");
        HasLine(output, @"(?m)^\s+Normal\s+Pulled\s+\S+\s+kubelet\s+Container image ""nginx:1\.27"" already present$");
        Assert.DoesNotContain("Killing", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DescribeNode_WithPods_PrintsConditionsAddressesAndNonTerminatedPods()
    {
        var ns = await cluster.NewNamespaceAsync();
        await cluster.CreateAsync("", "nodes", null, """{"metadata":{"name":"vk-n","labels":{"type":"virtual-kubelet"}}}""");
        await cluster.SetStatusAsync("", "nodes", null, "vk-n", """
            {"conditions":[{"type":"Ready","status":"True","reason":"KubeletReady","message":"ok","lastHeartbeatTime":"@now"}],"addresses":[{"type":"InternalIP","address":"10.0.0.5"}],
             "capacity":{"cpu":"4","memory":"8Gi","pods":"110"},"allocatable":{"cpu":"4","memory":"8Gi","pods":"110"},
             "nodeInfo":{"kubeletVersion":"v1.30.0-orleans-eci","machineID":"","systemUUID":"","bootID":"","kernelVersion":"","osImage":"","containerRuntimeVersion":"","kubeProxyVersion":"","operatingSystem":"linux","architecture":"amd64"}}
            """.Replace("@now", Time.Rfc3339(DateTimeOffset.UtcNow), StringComparison.Ordinal));
        await cluster.CreateAsync("", "pods", ns, """{"metadata":{"name":"on-node"},"spec":{"nodeName":"vk-n","containers":[{"name":"c","image":"nginx","resources":{"requests":{"cpu":"500m"}}}]}}""");
        await cluster.CreateAsync("", "pods", ns, """{"metadata":{"name":"finished"},"spec":{"nodeName":"vk-n","containers":[{"name":"c","image":"nginx"}]}}""");
        await cluster.SetStatusAsync("", "pods", ns, "finished", """{"phase":"Succeeded"}""");

        var output = (await cluster.RunAsync("describe", "node", "vk-n")).Succeeded();

        HasLine(output, Field("Name", "vk-n"));
        HasLine(output, @"(?m)^\s+Ready\s+True\s+.*KubeletReady\s+ok$");
        HasLine(output, @"(?m)^\s+InternalIP:\s+10\.0\.0\.5$");
        HasLine(output, @"(?m)^Non-terminated Pods:\s+\(1 in total\)$");
        HasLine(output, $@"(?m)^\s+{ns}\s+on-node\s+500m \(12%\)");
        Assert.DoesNotContain("finished", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DescribeDeployment_PrintsReplicasStrategyAndTemplate()
    {
        var ns = await cluster.NewNamespaceAsync();
        await cluster.CreateAsync("apps", "deployments", ns, """
            {"metadata":{"name":"web"},"spec":{"replicas":0,"selector":{"matchLabels":{"app":"web"}},
             "template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"name":"nginx","image":"nginx:1.27"}]}}}}
            """);

        var output = (await cluster.RunAsync("describe", "deployment", "web", "-n", ns)).Succeeded();

        HasLine(output, Field("Name", "web"));
        HasLine(output, Field("Selector", "app=web"));
        HasLine(output, @"(?m)^Replicas:\s+0 desired \| \d+ updated \| \d+ total \| \d+ available \| \d+ unavailable$");
        HasLine(output, Field("StrategyType", "RollingUpdate"));
        HasLine(output, @"(?m)^\s+Image:\s+nginx:1\.27$");
    }

    private Task<System.Text.Json.Nodes.JsonObject> EventAsync(string ns, string name, string uid, string reason, string message, string time) =>
        cluster.CreateAsync("", "events", ns, $$$"""
            {"metadata":{"name":"{{{name}}}"},"involvedObject":{"apiVersion":"v1","kind":"Pod","name":"web","namespace":"{{{ns}}}","uid":"{{{uid}}}"},
             "reason":"{{{reason}}}","message":{{{System.Text.Json.JsonSerializer.Serialize(message)}}},"type":"Normal","count":1,
             "firstTimestamp":"{{{time}}}","lastTimestamp":"{{{time}}}","source":{"component":"kubelet","host":"vk-d"}}
            """);

    private static string Field(string name, string value) => $@"(?m)^{name}:\s+{value}$";

    private static void HasLine(string output, string pattern) =>
        Assert.True(Regex.IsMatch(output, pattern), $"Expected a line matching {pattern} in kubectl describe's output:\n{output}");
}
