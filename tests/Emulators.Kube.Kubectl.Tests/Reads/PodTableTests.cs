using OrleansEci.Emulators.Kube.Kubectl.Tests.Support;

using static OrleansEci.Emulators.Kube.Kubectl.Tests.Support.TableText;

namespace OrleansEci.Emulators.Kube.Kubectl.Tests.Reads;

/// <summary>
/// <c>kubectl get pods</c> prints the server's Table: READY, the STATUS reason kube-apiserver derives from container
/// states, RESTARTS with the last restart's age, AGE, and the wide columns. The server runs on a fake clock so ages are
/// exact. Pods are bound to a node that does not exist, so no scheduler or kubelet touches their status.
/// </summary>
public sealed class PodTableTests(FakeClockCluster cluster) : IClassFixture<FakeClockCluster>
{
    [Fact]
    public async Task GetPods_ContainerStates_PrintReasonsReadyRestartsAndAge()
    {
        var ns = await cluster.NewNamespaceAsync();
        await PodAsync(ns, "web", containers: ["a", "b"], status: """
            {"phase":"Running","conditions":[{"type":"Ready","status":"True"}],"containerStatuses":[
              {"name":"a","ready":true,"restartCount":0,"image":"nginx","imageID":"","state":{"running":{"startedAt":"@now"}}},
              {"name":"b","ready":true,"restartCount":2,"image":"nginx","imageID":"","state":{"running":{"startedAt":"@now"}},
               "lastState":{"terminated":{"exitCode":1,"reason":"Error","finishedAt":"@5m-ago"}}}]}
            """);
        await PodAsync(ns, "crash", containers: ["c"], status: """
            {"phase":"Running","containerStatuses":[{"name":"c","ready":false,"restartCount":5,"image":"x","imageID":"",
              "state":{"waiting":{"reason":"CrashLoopBackOff"}},"lastState":{"terminated":{"exitCode":2,"finishedAt":"@now"}}}]}
            """);
        await PodAsync(ns, "init", containers: ["c"], initContainers: ["i1", "i2"], status: """
            {"phase":"Pending","initContainerStatuses":[
              {"name":"i1","ready":false,"restartCount":0,"image":"x","imageID":"","state":{"terminated":{"exitCode":0,"reason":"Completed"}}},
              {"name":"i2","ready":false,"restartCount":0,"image":"x","imageID":"","state":{"running":{}}}],
             "containerStatuses":[{"name":"c","ready":false,"restartCount":0,"image":"x","imageID":"","state":{"waiting":{"reason":"PodInitializing"}}}]}
            """);
        await PodAsync(ns, "initfail", containers: ["c"], initContainers: ["i1"], status: """
            {"phase":"Pending","initContainerStatuses":[{"name":"i1","ready":false,"restartCount":0,"image":"x","imageID":"","state":{"terminated":{"exitCode":1,"reason":"Error"}}}]}
            """);
        await PodAsync(ns, "done", containers: ["c"], status: """
            {"phase":"Succeeded","containerStatuses":[{"name":"c","ready":false,"restartCount":0,"image":"x","imageID":"","state":{"terminated":{"exitCode":0,"reason":"Completed"}}}]}
            """);
        await PodAsync(ns, "pull", containers: ["c"], status: """
            {"phase":"Pending","containerStatuses":[{"name":"c","ready":false,"restartCount":0,"image":"x","imageID":"","state":{"waiting":{"reason":"ErrImagePull"}}}]}
            """);
        await PodAsync(ns, "creating", containers: ["c"], status: """
            {"phase":"Pending","containerStatuses":[{"name":"c","ready":false,"restartCount":0,"image":"x","imageID":"","state":{"waiting":{"reason":"ContainerCreating"}}}]}
            """);
        cluster.Clock.Advance(TimeSpan.FromMinutes(10));

        var output = (await cluster.RunAsync("get", "pods", "-n", ns)).Succeeded();

        Assert.Equal(["NAME", "READY", "STATUS", "RESTARTS", "AGE"], Header(output));
        Assert.Equal(["web", "2/2", "Running", "2 (15m ago)", "10m"], Row(output, "web"));
        Assert.Equal(["crash", "0/1", "CrashLoopBackOff", "5 (10m ago)", "10m"], Row(output, "crash"));
        Assert.Equal(["init", "0/1", "Init:1/2", "0", "10m"], Row(output, "init"));
        Assert.Equal(["initfail", "0/1", "Init:Error", "0", "10m"], Row(output, "initfail"));
        Assert.Equal(["done", "0/1", "Completed", "0", "10m"], Row(output, "done"));
        Assert.Equal(["pull", "0/1", "ErrImagePull", "0", "10m"], Row(output, "pull"));
        Assert.Equal(["creating", "0/1", "ContainerCreating", "0", "10m"], Row(output, "creating"));
    }

    [Fact]
    public async Task GetPods_Wide_PrintsIpNodeNominatedNodeAndReadinessGates()
    {
        var ns = await cluster.NewNamespaceAsync();
        await PodAsync(ns, "gated", containers: ["c"], readinessGates: ["example.com/ready", "example.com/warm"], status: """
            {"phase":"Running","podIP":"10.0.0.7","podIPs":[{"ip":"10.0.0.7"}],"conditions":[{"type":"example.com/ready","status":"True"},{"type":"example.com/warm","status":"False"}],
             "containerStatuses":[{"name":"c","ready":true,"restartCount":0,"image":"x","imageID":"","state":{"running":{}}}]}
            """);
        await PodAsync(ns, "plain", containers: ["c"], status: """{"phase":"Pending"}""");

        var output = (await cluster.RunAsync("get", "pods", "-n", ns, "-o", "wide")).Succeeded();

        Assert.Equal(["NAME", "READY", "STATUS", "RESTARTS", "AGE", "IP", "NODE", "NOMINATED NODE", "READINESS GATES"], Header(output));
        Assert.Equal(["gated", "1/1", "Running", "0", "0s", "10.0.0.7", "ghost", "<none>", "1/2"], Row(output, "gated"));
        Assert.Equal(["plain", "0/1", "Pending", "0", "0s", "<none>", "ghost", "<none>", "<none>"], Row(output, "plain"));
    }

    [Fact]
    public async Task GetPods_SidecarInitContainer_CountsAsAContainer()
    {
        var ns = await cluster.NewNamespaceAsync();
        await cluster.CreateAsync("", "pods", ns, """
            {"metadata":{"name":"sidecar"},"spec":{"nodeName":"ghost",
              "initContainers":[{"name":"proxy","image":"envoy","restartPolicy":"Always"}],"containers":[{"name":"app","image":"nginx"}]}}
            """);
        await cluster.SetStatusAsync("", "pods", ns, "sidecar", """
            {"phase":"Running","conditions":[{"type":"Initialized","status":"True"},{"type":"Ready","status":"True"}],
             "initContainerStatuses":[{"name":"proxy","ready":true,"started":true,"restartCount":1,"image":"envoy","imageID":"","state":{"running":{}}}],
             "containerStatuses":[{"name":"app","ready":true,"restartCount":0,"image":"nginx","imageID":"","state":{"running":{}}}]}
            """);

        var output = (await cluster.RunAsync("get", "pod", "sidecar", "-n", ns)).Succeeded();

        Assert.Equal(["sidecar", "2/2", "Running", "1", "0s"], Row(output, "sidecar"));
    }

    /// <summary>Creates a pod bound to the absent node "ghost" and sets its status; <c>@now</c> and <c>@5m-ago</c> in it become timestamps.</summary>
    private async Task PodAsync(string ns, string name, string[] containers, string status, string[]? initContainers = null, string[]? readinessGates = null)
    {
        static string List(IEnumerable<string> names) => string.Join(',', names.Select(n => $$"""{"name":"{{n}}","image":"nginx"}"""));
        var init = initContainers is null ? "" : $""","initContainers":[{List(initContainers)}]""";
        var gates = readinessGates is null ? "" : $""","readinessGates":[{string.Join(',', readinessGates.Select(g => $$"""{"conditionType":"{{g}}"}"""))}]""";
        await cluster.CreateAsync("", "pods", ns,
            $$$"""{"metadata":{"name":"{{{name}}}"},"spec":{"nodeName":"ghost","containers":[{{{List(containers)}}}]{{{init}}}{{{gates}}}}}""");
        var now = cluster.Clock.GetUtcNow();
        await cluster.SetStatusAsync("", "pods", ns, name,
            status.Replace("@now", Time.Rfc3339(now), StringComparison.Ordinal).Replace("@5m-ago", Time.Rfc3339(now.AddMinutes(-5)), StringComparison.Ordinal));
    }
}
