using System.Text.Json.Nodes;

using OrleansEci.Silo.Tests.Sandbox.Support;

using SandboxHost = OrleansEci.Silo.Sandbox.Sandbox;

namespace OrleansEci.Silo.Tests.Sandbox;

/// <summary>
/// Single pods onto ECI by route 4 of eci-on-kubernetes.md §3 (nodeSelector + toleration, or nodeName), as the README
/// shows them: Running with an IP from the zone's vSwitch, ECI's events on the pod, and no container group left after
/// <c>kubectl delete</c>.
/// </summary>
[Collection(SharedSandbox.Name)]
public sealed class SandboxPodTests(SandboxFixture fixture)
{
    [Fact]
    public async Task SelectorPod_AppliedDescribedDeleted_RunsOnEciShowsItsEventsAndLeavesNoGroup()
    {
        var kubectl = await fixture.NewSessionAsync("selector");

        (await kubectl.ShellAsync(Workflows.ApplySelectorPod)).Succeeded();
        JsonObject pod = await RunningAsync(kubectl, "hello-eci");
        string node = PodJson.NodeName(pod)!;
        Assert.True(SandboxHost.VirtualNodes.Contains(node), $"Expected pod {kubectl.Namespace}/hello-eci on a virtual node; it is on {node}.");
        await AssertGroupMatchesAsync(kubectl, pod);
        AssertWideRow((await kubectl.ShellAsync(Workflows.GetSelectorPod)).Succeeded(), pod);

        string described = await kubectl.UntilOutputAsync("`kubectl describe pod hello-eci` to show ECI's AutoInstanceTypeMatch and Started events",
            () => kubectl.ShellAsync(Workflows.DescribeSelectorPod),
            text => text.Contains("AutoInstanceTypeMatch", StringComparison.Ordinal) && text.Contains("Started container web", StringComparison.Ordinal));
        Assert.Contains("EciService", described, StringComparison.Ordinal);
        Assert.Contains($"Successfully assigned {kubectl.Namespace}/hello-eci to {node}", described, StringComparison.Ordinal);

        await AssertDeleteRemovesGroupAsync(kubectl, Workflows.DeleteSelectorPod, pod);
    }

    [Fact]
    public async Task PinnedPod_NodeNameOfAVirtualNode_RunsThereAndDeleteLeavesNoGroup()
    {
        var kubectl = await fixture.NewSessionAsync("pinned");

        (await kubectl.ShellAsync(Workflows.RunPinnedPod)).Succeeded();
        JsonObject pod = await RunningAsync(kubectl, "pinned");

        Assert.Equal("virtual-kubelet-cn-hangzhou-i", PodJson.NodeName(pod));
        await AssertGroupMatchesAsync(kubectl, pod);
        AssertWideRow((await kubectl.ShellAsync(Workflows.GetPinnedPod)).Succeeded(), pod);
        await AssertDeleteRemovesGroupAsync(kubectl, Workflows.DeletePinnedPod, pod);
    }

    [Fact]
    public async Task TalkerPod_Logs_ComeFromEciThroughTheKubeletApi()
    {
        var kubectl = await fixture.NewSessionAsync("logs");

        (await kubectl.ShellAsync(Workflows.RunTalkerPod)).Succeeded();
        await RunningAsync(kubectl, "talker");
        string logs = await kubectl.UntilOutputAsync("`kubectl logs talker` to show both lines the container wrote",
            () => kubectl.ShellAsync(Workflows.LogsTalkerPod), text => text.Contains("hello from ECI\nsecond line", StringComparison.Ordinal));
        Assert.Equal("hello from ECI\nsecond line", logs.Trim());
        Assert.Equal("second line", (await kubectl.ShellAsync(Workflows.LogsTalkerPodTail)).Succeeded().Trim());
        (await kubectl.ShellAsync(Workflows.DeleteTalkerPod)).Succeeded();
    }

    [Fact]
    public async Task TalkerPod_Exec_RunsInEciWithThePodsEnvStdinAndExitCode()
    {
        var kubectl = await fixture.NewSessionAsync("exec");

        (await kubectl.ShellAsync(Workflows.RunTalkerPod)).Succeeded();
        await RunningAsync(kubectl, "talker");
        var exec = await kubectl.ShellAsync(Workflows.ExecTalkerPod);
        var cat = await kubectl.ShellAsync(Workflows.ExecTalkerPodStdin);

        Assert.True(exec.ExitCode == 3 && exec.Stdout == "set-on-the-pod\n" && exec.Stderr.Contains("command terminated with exit code 3", StringComparison.Ordinal),
            $"Expected `{Workflows.ExecTalkerPod}` in {kubectl.Namespace}/talker to print X and exit 3, got exit {exec.ExitCode}, stdout \"{exec.Stdout}\", stderr \"{exec.Stderr}\"");
        Assert.True(cat.ExitCode == 0 && cat.Stdout == "hi\n",
            $"Expected `{Workflows.ExecTalkerPodStdin}` in {kubectl.Namespace}/talker to copy stdin and exit 0, got exit {cat.ExitCode}, stdout \"{cat.Stdout}\", stderr \"{cat.Stderr}\"");
        (await kubectl.ShellAsync(Workflows.DeleteTalkerPod)).Succeeded();
    }

    /// <summary>
    /// The README's <c>kubectl exec -it talker -- sh</c>: kubectl needs a terminal for -t, so util-linux <c>script</c>
    /// gives it a pseudo-terminal whose input is the typed lines; kubectl sends the terminal's size and raw keystrokes.
    /// And the README's word on <c>kubectl attach</c>: refused, saying why.
    /// </summary>
    [Fact]
    public async Task TalkerPod_ExecWithTerminalThenAttach_ShellRunsTypedLinesAndAttachIsRefusedSayingWhy()
    {
        var kubectl = await fixture.NewSessionAsync("exec-tty");

        (await kubectl.ShellAsync(Workflows.RunTalkerPod)).Succeeded();
        await RunningAsync(kubectl, "talker");
        var tty = await kubectl.ShellAsync("printf 'echo $X\\nexit 4\\n' | script -qefc 'kubectl exec -it talker -- sh' /dev/null");

        Assert.True(tty.ExitCode == 4 && tty.Stdout.Contains("set-on-the-pod\r\n", StringComparison.Ordinal),
            $"Expected `kubectl exec -it talker -- sh` in {kubectl.Namespace} to print X on the terminal and exit 4, got exit {tty.ExitCode}, stdout \"{tty.Stdout}\", stderr \"{tty.Stderr}\"");
        var attach = await kubectl.ShellAsync("kubectl attach talker");
        Assert.True(attach.ExitCode != 0 && attach.Stderr.Contains("ECI has no API to attach", StringComparison.Ordinal),
            $"Expected `kubectl attach talker` in {kubectl.Namespace} to fail saying ECI cannot attach, got exit {attach.ExitCode}, stdout \"{attach.Stdout}\", stderr \"{attach.Stderr}\"");
        (await kubectl.ShellAsync(Workflows.DeleteTalkerPod)).Succeeded();
    }

    private static Task<JsonObject> RunningAsync(KubectlSession kubectl, string name) =>
        kubectl.UntilAsync($"pod {name} Running with a pod IP", ["pod", name], PodJson.RunningWithIp, PodJson.Summary);

    /// <summary>The pod's one container group runs in its node's zone and vSwitch, and its IP is the pod's.</summary>
    private async Task AssertGroupMatchesAsync(KubectlSession kubectl, JsonObject pod)
    {
        string who = $"pod {kubectl.Namespace}/{PodJson.Name(pod)}";
        var groups = await fixture.GroupsOfPodAsync(PodJson.Uid(pod));
        Assert.True(groups.Count == 1, $"Expected exactly one container group for {who}; the local ECI service has {groups.Count}.");
        var group = groups[0];
        string node = PodJson.NodeName(pod)!;
        Assert.True(group.Status == "Running" && group.IntranetIp == PodJson.PodIp(pod) && node.EndsWith(group.ZoneId!, StringComparison.Ordinal),
            $"Expected {who}'s group Running in the zone of {node} with the pod's IP {PodJson.PodIp(pod)}; "
            + $"group {group.ContainerGroupId} is {group.Status} in {group.ZoneId} with IP {group.IntranetIp}.");
        Assert.True(PodJson.InZoneVSwitch(fixture.Region, node, PodJson.PodIp(pod)),
            $"Expected {who}'s IP {PodJson.PodIp(pod)} from the vSwitch of {node}'s zone.");
        Assert.Equal(group.ContainerGroupId, (string?)pod["metadata"]?["annotations"]?["k8s.aliyun.com/eci-instance-id"]);
    }

    private static void AssertWideRow(string table, JsonObject pod)
    {
        var row = TableText.Row(table, PodJson.Name(pod));
        Assert.True(row["STATUS"] == "Running" && row["IP"] == PodJson.PodIp(pod) && row["NODE"] == PodJson.NodeName(pod),
            $"Expected `kubectl get pod -o wide` to show {PodJson.Name(pod)} Running at {PodJson.PodIp(pod)} on {PodJson.NodeName(pod)}:\n{table}");
    }

    /// <summary><c>kubectl delete</c> waits for the pod to go; by then the runtime has deleted its group.</summary>
    private async Task AssertDeleteRemovesGroupAsync(KubectlSession kubectl, string delete, JsonObject pod)
    {
        string name = PodJson.Name(pod);
        Assert.StartsWith($"pod \"{name}\" deleted", (await kubectl.ShellAsync(delete)).Succeeded(), StringComparison.Ordinal);

        var after = await kubectl.RunAsync("get", "pod", name, "--ignore-not-found");
        var groups = await fixture.GroupsOfPodAsync(PodJson.Uid(pod));
        Assert.Equal("", after.Succeeded());
        Assert.True(groups.Count == 0,
            $"Expected no container group left for deleted pod {kubectl.Namespace}/{name}; found {string.Join(", ", groups.Select(g => $"{g.ContainerGroupId} ({g.Status})"))}.");
    }
}
