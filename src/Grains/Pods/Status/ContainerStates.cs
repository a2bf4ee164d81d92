using System.Security.Cryptography;
using System.Text;

using k8s.Models;

using OrleansEci.Eci.ContainerGroups;
using OrleansEci.Eci.Status;

namespace OrleansEci.Grains.Pods.Status;

/// <summary>
/// ECI's two spellings of a container state (the status poller's Kubernetes-shaped one, the full group's
/// <c>State</c>/<c>StartTime</c>/<c>FinishTime</c> one) read into <see cref="V1ContainerState"/>; container ids; times.
/// </summary>
internal static class ContainerStates
{
    /// <summary>The reason the kubelet gives a container it has not created yet (pkg/kubelet/kubelet_pods.go).</summary>
    public const string ContainerCreating = "ContainerCreating";

    /// <summary>The reason the kubelet gives containers waiting for init containers (pkg/kubelet/kubelet_pods.go).</summary>
    public const string PodInitializing = "PodInitializing";

    /// <summary>
    /// What the kubelet writes for a container it cannot find once the pod is terminal
    /// (pkg/kubelet/status/status_manager.go, TerminatePod): Terminated, exit code 137, reason ContainerStatusUnknown.
    /// </summary>
    public static V1ContainerState Unknown() => new()
    {
        Terminated = new V1ContainerStateTerminated
        {
            ExitCode = 137,
            Reason = "ContainerStatusUnknown",
            Message = "The container could not be located when the pod was terminated",
        },
    };

    public static V1ContainerState Waiting(string reason, string? message = null) =>
        new() { Waiting = new V1ContainerStateWaiting { Reason = reason, Message = message } };

    /// <summary>A state from DescribeContainerGroupStatus; null when ECI sent none (or an empty object).</summary>
    public static V1ContainerState? From(ContainerStateDetail? detail)
    {
        if (detail?.Terminated is { } t)
        {
            return Terminated(t.ExitCode, t.Signal, t.Reason, t.Message, t.StartedAt, t.FinishedAt, t.ContainerId);
        }

        if (detail?.Running is { } r)
        {
            return new V1ContainerState { Running = new V1ContainerStateRunning { StartedAt = Utc(r.Started) } };
        }

        return detail?.Waiting is { } w ? Waiting(Text(w.Reason) ?? ContainerCreating, Text(w.Message)) : null;
    }

    /// <summary>
    /// A state from DescribeContainerGroups (<c>State</c> = Waiting, Running or Terminated; the older API's
    /// Succeeded/Failed read as terminations, eci-openapi.md §7.2); null when the state is missing or unknown.
    /// </summary>
    public static V1ContainerState? From(ContainerStateInfo? info)
    {
        string? state = Text(info?.State);
        if (info is null || state is null)
        {
            return null;
        }

        if (state.Equals("Running", StringComparison.OrdinalIgnoreCase))
        {
            return new V1ContainerState { Running = new V1ContainerStateRunning { StartedAt = Utc(info.StartTime) } };
        }

        if (state.Equals("Waiting", StringComparison.OrdinalIgnoreCase))
        {
            return Waiting(Text(info.Reason) ?? Text(info.DetailStatus) ?? ContainerCreating, Text(info.Message));
        }

        int? exit = state.ToUpperInvariant() switch
        {
            "TERMINATED" => info.ExitCode,
            "SUCCEEDED" => info.ExitCode ?? 0,
            "FAILED" or "CANCELED" => info.ExitCode ?? 1,
            _ => null,
        };
        bool terminated = exit is not null || state.Equals("Terminated", StringComparison.OrdinalIgnoreCase);
        return terminated ? Terminated(exit, info.Signal, info.Reason, info.Message, info.StartTime, info.FinishTime, null) : null;
    }

    /// <summary>
    /// A termination. A missing exit code reads as 0 only when the reason says Completed (or says nothing), else 1;
    /// a missing reason is the one containerd gives: Completed for 0, Error otherwise.
    /// </summary>
    private static V1ContainerState Terminated(int? exitCode, int? signal, string? reason, string? message, DateTimeOffset? started, DateTimeOffset? finished, string? containerId)
    {
        string? why = Text(reason);
        int code = exitCode ?? (why is null or "Completed" ? 0 : 1);
        return new V1ContainerState
        {
            Terminated = new V1ContainerStateTerminated
            {
                ExitCode = code,
                Signal = signal is > 0 ? signal : null,
                Reason = why ?? (code == 0 ? "Completed" : "Error"),
                Message = Text(message),
                StartedAt = Utc(started),
                FinishedAt = Utc(finished),
                ContainerID = WithScheme(containerId),
            },
        };
    }

    /// <summary>
    /// A stable container id when ECI gives none: <c>containerd://</c> and the SHA-256 of group id, container name and
    /// restart count, so it is the same whichever ECI call the status came from and changes when the container restarts,
    /// as a runtime's id does.
    /// </summary>
    public static string MakeId(string? groupId, string name, int restartCount)
    {
        byte[] hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{groupId}/{name}/{restartCount.ToString(System.Globalization.CultureInfo.InvariantCulture)}"));
        return "containerd://" + Convert.ToHexStringLower(hash);
    }

    /// <summary>An id as ECI gave it, with <c>containerd://</c> added when it has no scheme.</summary>
    public static string? WithScheme(string? id)
    {
        string? text = Text(id);
        return text is null || text.Contains("://", StringComparison.Ordinal) ? text : "containerd://" + text;
    }

    /// <summary>A UTC time; Go's zero time (year 1) and anything before 1970 read as missing.</summary>
    public static DateTime? Utc(DateTimeOffset? time) =>
        time is { } t && t.UtcDateTime >= DateTime.UnixEpoch ? t.UtcDateTime : null;

    /// <summary>Null for null, empty or blank text (ECI sends <c>""</c> for absent reasons).</summary>
    public static string? Text(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    /// <summary>Whether the container has ever been started: it runs, ran, or has restarted.</summary>
    public static bool HasStarted(V1ContainerStatus s) =>
        s.State?.Running is not null || s.State?.Terminated is not null || s.LastState?.Terminated is not null || s.RestartCount > 0;
}
