using System.Text.Json.Nodes;

using OrleansEci.Emulators.Kube.Objects;

namespace OrleansEci.Emulators.Kube.Kubectl.Tests.Support;

/// <summary>
/// Plays the kubelet of one node for a test: every pod bound to it in a namespace is marked Running and Ready, as a
/// kubelet reports started containers, and a pod being deleted is removed with a grace-0 delete carrying its UID, as a
/// kubelet confirms a graceful deletion. Stops when disposed.
/// </summary>
public sealed class KubeletLoop : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public KubeletLoop(KubectlCluster cluster, string ns, string nodeName)
    {
        _loop = RunAsync(cluster, ns, nodeName, _stop.Token);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }

        _stop.Dispose();
    }

    private static async Task RunAsync(KubectlCluster cluster, string ns, string nodeName, CancellationToken cancellationToken)
    {
        var pods = cluster.Type("", "pods");
        using var watch = cluster.Resources.Watch(pods, ns, null, ListOptions.Everything);
        foreach (var pod in watch.InitialObjects)
        {
            await MarkReadyAsync(cluster, ns, nodeName, pod.ToJson(), cancellationToken);
        }

        await foreach (var change in watch.Reader.ReadAllAsync(cancellationToken))
        {
            if (change.Type != Storage.WatchEventType.Deleted)
            {
                await MarkReadyAsync(cluster, ns, nodeName, change.Object.ToJson(), cancellationToken);
            }
        }
    }

    private static async Task MarkReadyAsync(KubectlCluster cluster, string ns, string nodeName, JsonObject pod, CancellationToken cancellationToken)
    {
        if (pod["spec"]?["nodeName"]?.GetValue<string>() != nodeName)
        {
            return;
        }

        var name = pod["metadata"]!["name"]!.GetValue<string>();
        if (pod["metadata"]?["deletionTimestamp"] is not null)
        {
            await ConfirmDeletionAsync(cluster, ns, name, pod["metadata"]!["uid"]!.GetValue<string>(), cancellationToken);
            return;
        }

        if (pod["status"]?["phase"]?.GetValue<string>() == "Running")
        {
            return;
        }

        var now = Time.Rfc3339(DateTimeOffset.UtcNow);
        var containers = pod["spec"]!["containers"]!.AsArray().Select(c => (JsonNode)new JsonObject
        {
            ["name"] = c!["name"]!.GetValue<string>(),
            ["image"] = c["image"]!.GetValue<string>(),
            ["imageID"] = "",
            ["ready"] = true,
            ["started"] = true,
            ["restartCount"] = 0,
            ["state"] = new JsonObject { ["running"] = new JsonObject { ["startedAt"] = now } },
        });
        try
        {
            await cluster.Resources.UpdateWithAsync(cluster.Type("", "pods"), ns, name, live =>
            {
                live["status"] = new JsonObject
                {
                    ["phase"] = "Running",
                    ["podIP"] = "10.0.0.10",
                    ["podIPs"] = new JsonArray(new JsonObject { ["ip"] = "10.0.0.10" }),
                    ["startTime"] = now,
                    ["conditions"] = new JsonArray([.. new[] { "Initialized", "Ready", "ContainersReady", "PodScheduled" }.Select(type =>
                        (JsonNode)new JsonObject { ["type"] = type, ["status"] = "True", ["lastTransitionTime"] = now })]),
                    ["containerStatuses"] = new JsonArray([.. containers]),
                };
                return live;
            }, WriteOptions.Default, "status", cancellationToken);
        }
        catch (Errors.ApiException e) when (e.Code is 404 or 409)
        {
            // Deleted meanwhile, or changed: the watch brings the next version.
        }
    }

    private static async Task ConfirmDeletionAsync(KubectlCluster cluster, string ns, string name, string uid, CancellationToken cancellationToken)
    {
        try
        {
            await cluster.Resources.DeleteAsync(cluster.Type("", "pods"), ns, name, new DeleteOptions { GracePeriodSeconds = 0, PreconditionUid = uid }, cancellationToken);
        }
        catch (Errors.ApiException e) when (e.Code is 404 or 409)
        {
            // Already gone, or a new pod of the same name.
        }
    }
}
