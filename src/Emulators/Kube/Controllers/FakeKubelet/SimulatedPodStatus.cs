using System.Text.Json.Nodes;

using OrleansEci.Emulators.Kube.Serialization;

namespace OrleansEci.Emulators.Kube.Controllers.FakeKubelet;

/// <summary>
/// The pod statuses a kubelet reports, without running anything: Running and ready (every container started, init
/// containers completed, the conditions in the kubelet's order) and Succeeded (every container exited 0), shaped as
/// kubelet 1.32 writes them (pkg/kubelet/kubelet_pods.go generateAPIPodStatus).
/// </summary>
internal static class SimulatedPodStatus
{
    public static void Running(JsonObject pod, string hostIp, string podIp, string now)
    {
        var spec = pod["spec"] as JsonObject;
        var status = KubeJson.GetOrAddObject(pod, "status");
        status["phase"] = "Running";
        SetConditions(status, now, ready: true, reason: null);
        status["hostIP"] = hostIp;
        status["hostIPs"] = new JsonArray(new JsonObject { ["ip"] = hostIp });
        status["podIP"] = podIp;
        status["podIPs"] = new JsonArray(new JsonObject { ["ip"] = podIp });
        status["startTime"] = now;
        status["initContainerStatuses"] = Statuses(pod, spec?["initContainers"], c => Terminated(now, now), ready: true, started: false);
        status["containerStatuses"] = Statuses(pod, spec?["containers"], c => new JsonObject { ["running"] = new JsonObject { ["startedAt"] = now } }, ready: true, started: true);
        if ((status["initContainerStatuses"] as JsonArray)?.Count == 0)
        {
            status.Remove("initContainerStatuses");
        }
    }

    public static void Succeeded(JsonObject pod, string now)
    {
        var spec = pod["spec"] as JsonObject;
        var status = KubeJson.GetOrAddObject(pod, "status");
        var started = KubeJson.GetString(status, "startTime") ?? now;
        status["phase"] = "Succeeded";
        SetConditions(status, now, ready: false, reason: "PodCompleted");
        status["containerStatuses"] = Statuses(pod, spec?["containers"], c => Terminated(started, now), ready: false, started: false);
    }

    private static void SetConditions(JsonObject status, string now, bool ready, string? reason)
    {
        var scheduled = Conditions.Find(status, "PodScheduled")?.DeepClone() as JsonObject;
        var list = new JsonArray
        {
            Condition(status, "PodReadyToStartContainers", ready || reason is null, null, now),
            Condition(status, "Initialized", true, reason, now),
            Condition(status, "Ready", ready, reason, now),
            Condition(status, "ContainersReady", ready, reason, now),
        };
        if (scheduled is not null)
        {
            list.Add(scheduled);
        }

        status["conditions"] = list;
    }

    /// <summary>A condition; its lastTransitionTime stays as it was when the status does not change.</summary>
    private static JsonObject Condition(JsonObject status, string type, bool value, string? reason, string now)
    {
        var text = value ? "True" : "False";
        var previous = Conditions.Find(status, type);
        var condition = new JsonObject
        {
            ["type"] = type,
            ["status"] = text,
            ["lastProbeTime"] = null,
            ["lastTransitionTime"] = KubeJson.GetString(previous, "status") == text ? KubeJson.GetString(previous, "lastTransitionTime") ?? now : now,
        };
        if (!value && reason is not null)
        {
            condition["reason"] = reason;
        }

        return condition;
    }

    private static JsonArray Statuses(JsonObject pod, JsonNode? containers, Func<JsonObject, JsonObject> state, bool ready, bool started)
    {
        var uid = KubeJson.GetString(pod, "metadata", "uid") ?? "";
        var list = new JsonArray();
        foreach (var container in (containers as JsonArray ?? []).OfType<JsonObject>())
        {
            var name = KubeJson.GetString(container, "name") ?? "";
            list.Add(new JsonObject
            {
                ["name"] = name,
                ["state"] = state(container),
                ["lastState"] = new JsonObject(),
                ["ready"] = ready,
                ["restartCount"] = 0,
                ["image"] = KubeJson.GetString(container, "image"),
                ["imageID"] = "",
                ["containerID"] = $"kwok://{uid}/{name}",
                ["started"] = started,
            });
        }

        return list;
    }

    private static JsonObject Terminated(string startedAt, string finishedAt) => new()
    {
        ["terminated"] = new JsonObject
        {
            ["exitCode"] = 0,
            ["reason"] = "Completed",
            ["startedAt"] = startedAt,
            ["finishedAt"] = finishedAt,
        },
    };
}
