using System.Text.Json;

namespace OrleansEci.Emulators.Kube.Tables.Printers;

/// <summary>
/// The READY, STATUS and RESTARTS of a pod, computed exactly as printPod computes them
/// (https://github.com/kubernetes/kubernetes/blob/master/pkg/printers/internalversion/printers.go).
/// </summary>
internal sealed record PodHealth(int Ready, int Total, string Reason, long Restarts, DateTimeOffset? LastRestart)
{
    public static PodHealth Of(JsonElement pod)
    {
        var state = new Accumulator(pod);
        var initializing = state.WalkInitContainers();
        if (!initializing || HasTrueCondition(pod, "Initialized"))
        {
            state.WalkContainers();
        }

        if (pod.Has("metadata", "deletionTimestamp"))
        {
            if (pod.Str("status", "reason") == "NodeLost")
            {
                state.Reason = "Unknown";
            }
            else if (state.Phase is not ("Failed" or "Succeeded"))
            {
                state.Reason = "Terminating";
            }
        }

        return new PodHealth(state.Ready, state.Total, state.Reason, state.Restarts, state.LastRestart);
    }

    private static bool HasTrueCondition(JsonElement pod, string type) =>
        pod.Items("status", "conditions").Any(c => c.Str("type") == type && c.Str("status") == "True");

    private static bool IsRestartable(JsonElement? container) => container is { } c && c.Str("restartPolicy") == "Always";

    private static DateTimeOffset? Later(DateTimeOffset? current, JsonElement status) =>
        status.Time("lastState", "terminated", "finishedAt") is { } finished && (current is null || current < finished) ? finished : current;

    private sealed class Accumulator
    {
        private readonly JsonElement _pod;
        private readonly Dictionary<string, JsonElement> _initContainers = new(StringComparer.Ordinal);
        private long _sidecarRestarts;
        private DateTimeOffset? _sidecarLastRestart;

        public Accumulator(JsonElement pod)
        {
            _pod = pod;
            Phase = pod.Str("status", "phase");
            Reason = pod.Str("status", "reason") is { Length: > 0 } reason ? reason : Phase;
            if (pod.Items("status", "conditions").Any(c => c.Str("type") == "PodScheduled" && c.Str("reason") == "SchedulingGated"))
            {
                Reason = "SchedulingGated";
            }

            Total = pod.Count("spec", "containers");
            foreach (var container in pod.Items("spec", "initContainers"))
            {
                _initContainers[container.Str("name")] = container;
                if (IsRestartable(container))
                {
                    Total++;
                }
            }
        }

        public string Phase { get; }

        public string Reason { get; set; }

        public int Ready { get; private set; }

        public int Total { get; }

        public long Restarts { get; private set; }

        public DateTimeOffset? LastRestart { get; private set; }

        /// <summary>The init container loop; true while the pod is still initializing.</summary>
        public bool WalkInitContainers()
        {
            var statuses = _pod.Items("status", "initContainerStatuses").ToList();
            var initCount = _pod.Count("spec", "initContainers");
            for (var i = 0; i < statuses.Count; i++)
            {
                var status = statuses[i];
                Restarts += status.Int("restartCount");
                LastRestart = Later(LastRestart, status);
                var restartable = IsRestartable(_initContainers.TryGetValue(status.Str("name"), out var spec) ? spec : null);
                if (restartable)
                {
                    _sidecarRestarts += status.Int("restartCount");
                    _sidecarLastRestart = Later(_sidecarLastRestart, status);
                }

                if (status.At("state", "terminated") is { } done && done.Int("exitCode") == 0)
                {
                    continue;
                }

                if (restartable && status.Bool("started"))
                {
                    Ready += status.Bool("ready") ? 1 : 0;
                    continue;
                }

                Reason = InitReason(status, i, initCount);
                return true;
            }

            return false;
        }

        public void WalkContainers()
        {
            Restarts = _sidecarRestarts;
            LastRestart = _sidecarLastRestart;
            var hasRunning = false;
            var statuses = _pod.Items("status", "containerStatuses").ToList();
            for (var i = statuses.Count - 1; i >= 0; i--)
            {
                var status = statuses[i];
                Restarts += status.Int("restartCount");
                LastRestart = Later(LastRestart, status);
                if (status.Str("state", "waiting", "reason") is { Length: > 0 } waiting)
                {
                    Reason = waiting;
                }
                else if (status.At("state", "terminated") is { } terminated)
                {
                    Reason = terminated.Str("reason") is { Length: > 0 } reason ? reason
                        : terminated.Int("signal") != 0 ? $"Signal:{terminated.Int("signal")}"
                        : $"ExitCode:{terminated.Int("exitCode")}";
                }
                else if (status.Bool("ready") && status.Has("state", "running"))
                {
                    hasRunning = true;
                    Ready++;
                }
            }

            // A completed container beside one still running: the pod is Running (or NotReady), not Completed.
            if (Reason == "Completed" && hasRunning)
            {
                Reason = HasTrueCondition(_pod, "Ready") ? "Running" : "NotReady";
            }
        }

        private static string InitReason(JsonElement status, int index, int initCount)
        {
            if (status.At("state", "terminated") is { } terminated)
            {
                return terminated.Str("reason") is { Length: > 0 } reason ? $"Init:{reason}"
                    : terminated.Int("signal") != 0 ? $"Init:Signal:{terminated.Int("signal")}"
                    : $"Init:ExitCode:{terminated.Int("exitCode")}";
            }

            return status.Str("state", "waiting", "reason") is { Length: > 0 } waiting && waiting != "PodInitializing"
                ? $"Init:{waiting}"
                : $"Init:{index}/{initCount}";
        }
    }
}
