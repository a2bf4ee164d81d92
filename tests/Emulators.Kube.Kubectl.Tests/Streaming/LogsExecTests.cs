using OrleansEci.Emulators.Kube.Kubectl.Tests.Support;

namespace OrleansEci.Emulators.Kube.Kubectl.Tests.Streaming;

/// <summary>
/// <c>kubectl logs</c> and <c>kubectl exec</c> through the API server to a kubelet endpoint: logs streamed from the
/// kubelet's <c>/containerLogs</c>, exec over WebSocket (v5) to the API server and SPDY to the kubelet, exit codes,
/// stdin, and the old SPDY client path.
/// </summary>
public sealed class LogsExecTests(KubeletCluster cluster) : IClassFixture<KubeletCluster>
{
    [Fact]
    public async Task Logs_ContainerLines_PrintedWithDefaultedContainerNotice()
    {
        var ns = await RunningPodAsync("web");
        cluster.Kubelet.Logs.Append(ns, "web", "app", "hello from app");
        cluster.Kubelet.Logs.Append(ns, "web", "side", "hello from side");
        cluster.Kubelet.Logs.SetPrevious(ns, "web", "app", "before the restart");

        var logs = await cluster.RunAsync("logs", "web", "-n", ns);
        var side = await cluster.RunAsync("logs", "web", "-c", "side", "-n", ns);
        var previous = await cluster.RunAsync("logs", "web", "-c", "app", "--previous", "-n", ns);

        Assert.Equal("hello from app\n", logs.Succeeded());
        Assert.Equal("Defaulted container \"app\" out of: app, side\n", logs.Stderr);
        Assert.Equal("hello from side\n", side.Succeeded());
        Assert.Equal("before the restart\n", previous.Succeeded());
    }

    [Fact]
    public async Task Exec_Commands_PrintOutputAndExitCodes()
    {
        var ns = await RunningPodAsync("shell");

        var echo = await cluster.RunAsync("exec", "shell", "-c", "app", "-n", ns, "--", "echo", "hi", "there");
        var failing = await cluster.RunAsync("exec", "shell", "-c", "app", "-n", ns, "--", "sh", "-c", "exit 3");
        var piped = await cluster.RunAsync(["exec", "-i", "shell", "-c", "app", "-n", ns, "--", "cat"], stdin: "line one\nline two\n", KubectlCluster.DefaultTimeout);
        var spdy = await cluster.RunAsync(["exec", "shell", "-c", "app", "-n", ns, "--", "echo", "over", "spdy"], stdin: null, KubectlCluster.DefaultTimeout,
            new Dictionary<string, string> { ["KUBECTL_REMOTE_COMMAND_WEBSOCKETS"] = "false" });

        Assert.Equal("hi there\n", echo.Succeeded());
        Assert.Equal("command terminated with exit code 3\n", failing.Failed(expectedExitCode: 3));
        Assert.Equal("line one\nline two\n", piped.Succeeded());
        Assert.Equal("over spdy\n", spdy.Succeeded());
    }

    /// <summary>A Running pod with containers app and side, bound to the kubelet's node, in a fresh namespace.</summary>
    private async Task<string> RunningPodAsync(string name)
    {
        var ns = await cluster.NewNamespaceAsync();
        await cluster.CreateAsync("", "pods", ns, $$$"""
            {"metadata":{"name":"{{{name}}}"},"spec":{"nodeName":"{{{cluster.Kubelet.NodeName}}}",
             "containers":[{"name":"app","image":"nginx"},{"name":"side","image":"busybox"}]}}
            """);
        await cluster.SetStatusAsync("", "pods", ns, name, """
            {"phase":"Running","conditions":[{"type":"Ready","status":"True"}],"containerStatuses":[
              {"name":"app","ready":true,"restartCount":1,"image":"nginx","imageID":"","state":{"running":{}}},
              {"name":"side","ready":true,"restartCount":0,"image":"busybox","imageID":"","state":{"running":{}}}]}
            """);
        return ns;
    }
}
