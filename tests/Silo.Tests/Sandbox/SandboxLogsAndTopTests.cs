using System.Net.Http.Json;
using System.Text.Json.Nodes;

using OrleansEci.Silo.Tests.Sandbox.Support;

namespace OrleansEci.Silo.Tests.Sandbox;

/// <summary>
/// The rest of what users judge a node by, with the real kubectl through the sandbox's API server and the silo's kubelet
/// API: <c>logs -f</c> (new lines arrive, an interrupt ends it), <c>logs --previous</c> after a container restart,
/// <c>top pod</c> and <c>top node</c>.
/// </summary>
[Collection(SharedSandbox.Name)]
public sealed class SandboxLogsAndTopTests(SandboxFixture fixture)
{
    private const string Tolerate = """--overrides='{"spec":{"nodeSelector":{"type":"virtual-kubelet"},"tolerations":[{"key":"virtual-kubelet.io/provider","operator":"Exists"}]}}'""";

    [Fact]
    public async Task TickerPod_LogsFollow_NewLinesArriveOnceAndAnInterruptEndsIt()
    {
        var kubectl = await fixture.NewSessionAsync("follow");
        (await kubectl.ShellAsync($"kubectl run ticker --image=busybox:1.36 {Tolerate} --command -- sh -c 'echo one; sleep 4; echo two; sleep 4; echo three; sleep infinity'")).Succeeded();
        await RunningAsync(kubectl, "ticker");

        // Started at once, so "two" and "three" are written while kubectl follows; SIGINT is Ctrl+C.
        var follow = await kubectl.ShellAsync("timeout -s INT 20 kubectl logs -f ticker");
        string[] lines = follow.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.SequenceEqual(["one", "two", "three"]) && follow.ExitCode == 124,
            $"Expected `kubectl logs -f ticker` in {kubectl.Namespace} to print one, two, three once each as they were written and to follow until "
            + $"interrupted (timeout's exit 124); got exit {follow.ExitCode}, stdout \"{follow.Stdout}\", stderr \"{follow.Stderr}\"");
        (await kubectl.RunAsync("delete", "pod", "ticker", "--now")).Succeeded();
    }

    [Fact]
    public async Task TalkerPod_LogsFollowAndTop_FollowsUntilInterruptedAndShowsEciMetrics()
    {
        var kubectl = await fixture.NewSessionAsync("top");
        (await kubectl.ShellAsync(Workflows.RunTalkerPod)).Succeeded();
        JsonObject pod = await RunningAsync(kubectl, "talker");

        var follow = await kubectl.ShellAsync("timeout -s INT 6 " + Workflows.FollowTalkerPod);
        Assert.True(follow.Stdout == "hello from ECI\nsecond line\n" && follow.ExitCode == 124,
            $"Expected `{Workflows.FollowTalkerPod}` in {kubectl.Namespace} to print both lines and keep following until interrupted; "
            + $"got exit {follow.ExitCode}, stdout \"{follow.Stdout}\", stderr \"{follow.Stderr}\"");

        string top = await UntilSucceedsAsync(kubectl, $"`{Workflows.TopTalkerPod}` to show the pod's CPU and memory",
            Workflows.TopTalkerPod, text => text.Contains("talker", StringComparison.Ordinal));
        var row = TableText.Row(top, "talker");
        Assert.True(row["CPU(cores)"].EndsWith('m') && row["MEMORY(bytes)"].EndsWith("Mi", StringComparison.Ordinal),
            $"Expected `{Workflows.TopTalkerPod}` to show millicores and MiB from ECI's metrics:\n{top}");

        string node = PodJson.NodeName(pod)!;
        // A node's usage is its pods' (<unknown> until the node has been scraped twice with a pod on it).
        string nodes = await UntilSucceedsAsync(kubectl, $"`{Workflows.TopVirtualNodes}` to show {node}'s CPU in millicores",
            Workflows.TopVirtualNodes, text => text.Contains(node, StringComparison.Ordinal) && TableText.Row(text, node)["CPU(cores)"].EndsWith('m'));
        Assert.DoesNotContain("sandbox-node-1", nodes, StringComparison.Ordinal);
        (await kubectl.ShellAsync(Workflows.DeleteTalkerPod)).Succeeded();
    }

    [Fact]
    public async Task CrashedPod_LogsPrevious_ShowsTheLastRunAndLogsShowsTheNewOne()
    {
        var kubectl = await fixture.NewSessionAsync("previous");
        (await kubectl.ShellAsync($"kubectl run crasher --image=busybox:1.36 {Tolerate} --command -- sh -c 'echo run started; sleep infinity'")).Succeeded();
        JsonObject pod = await RunningAsync(kubectl, "crasher");
        await kubectl.UntilOutputAsync("`kubectl logs crasher` to show the first run's line",
            () => kubectl.RunAsync("logs", "crasher"), text => text.Contains("run started", StringComparison.Ordinal));

        // The local ECI service's control API kills the container (exit 137); restartPolicy Always starts it again.
        string group = (string)pod["metadata"]!["annotations"]!["k8s.aliyun.com/eci-instance-id"]!;
        using (var http = new HttpClient())
        {
            var crash = await http.PostAsJsonAsync(new Uri(fixture.EciControl, $"groups/{group}/containers/crasher/crash"), new { exitCode = 137 },
                TestContext.Current.CancellationToken);
            Assert.True(crash.IsSuccessStatusCode, $"Expected the local ECI service to crash container crasher of {group}; it answered {(int)crash.StatusCode}");
        }

        await kubectl.UntilAsync("crasher's container restarted once", ["pod", "crasher"],
            p => (int?)p["status"]?["containerStatuses"]?[0]?["restartCount"] >= 1 && PodJson.RunningWithIp(p), PodJson.Summary);
        string previous = await UntilSucceedsAsync(kubectl, "`kubectl logs crasher --previous` to show the first run's line",
            "kubectl logs crasher --previous", text => text.Contains("run started", StringComparison.Ordinal));
        Assert.Equal("run started", previous.Trim());
        (await kubectl.RunAsync("delete", "pod", "crasher", "--now")).Succeeded();
    }

    /// <summary>
    /// Runs <paramref name="command"/> until it succeeds with output that satisfies <paramref name="condition"/>: `top`
    /// fails until the API server has scraped twice (15 s apart), `logs --previous` until the restart is known.
    /// </summary>
    private static async Task<string> UntilSucceedsAsync(KubectlSession kubectl, string what, string command, Func<string, bool> condition)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var result = await kubectl.ShellAsync(command);
            if (result.ExitCode == 0 && condition(result.Stdout))
            {
                return result.Stdout;
            }

            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(90), $"Expected {what} (namespace {kubectl.Namespace}) within 90 s; last: {result}");
            await Task.Delay(TimeSpan.FromSeconds(1), TestContext.Current.CancellationToken);
        }
    }

    private static Task<JsonObject> RunningAsync(KubectlSession kubectl, string name) =>
        kubectl.UntilAsync($"pod {name} Running with a pod IP", ["pod", name], PodJson.RunningWithIp, PodJson.Summary);
}
