using k8s;

using OrleansEci.Silo.Sandbox;

using SandboxHost = OrleansEci.Silo.Sandbox.Sandbox;

namespace OrleansEci.Silo.Tests.Sandbox;

/// <summary>
/// <c>sandbox --demo 4 --once --no-stock-zone cn-hangzhou-h</c>: with one of the three zones sold out, the demo still
/// completes, and the pods that met the sold-out zone carry ECI's NoStock event (what <c>kubectl describe pod</c> shows).
/// </summary>
public sealed class DemoNoStockZoneTests
{
    [Fact]
    public async Task RunAsync_OneZoneSoldOut_CompletesWithNoStockEventsAndNoGroupThere()
    {
        string dir = Directory.CreateTempSubdirectory("silo-sandbox-nostock-").FullName;
        var (options, error) = SandboxOptions.Parse(["--dir", dir, "--no-stock-zone", "cn-hangzhou-h"]);
        Assert.True(options is not null, $"Expected the arguments to parse: {error}");
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        limit.CancelAfter(TimeSpan.FromSeconds(120));
        await using SandboxHost sandbox = await SandboxHost.StartAsync(options, limit.Token);
        await sandbox.WaitForNodesAsync(limit.Token);

        DemoRun.Result result = await DemoRun.RunAsync(sandbox.Client, 4, TimeProvider.System, limit.Token,
            DemoRun.EveryZone(sandbox.Eci.Region.VSwitches.Select(v => v.VSwitchId)));

        Assert.Equal(4, result.Pods);
        var events = await sandbox.Client.CoreV1.ListNamespacedEventAsync("default", cancellationToken: limit.Token);
        Assert.True(events.Items.Any(e => e.Reason == "NoStock" && e.InvolvedObject.Name.StartsWith(DemoRun.Name + "-", StringComparison.Ordinal)),
            $"Expected a NoStock event on a demo pod; events: {string.Join(", ", events.Items.Select(e => $"{e.InvolvedObject.Name}:{e.Reason}"))}");
        var pods = await sandbox.Client.CoreV1.ListNamespacedPodAsync("default", labelSelector: "app=" + DemoRun.Name, cancellationToken: limit.Token);
        Assert.All(pods.Items, p => Assert.True(p.Status?.Phase == "Running", $"Expected demo pod {p.Metadata.Name} Running, it is {p.Status?.Phase}"));
    }
}
