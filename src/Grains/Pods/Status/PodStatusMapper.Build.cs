using k8s.Models;

namespace OrleansEci.Grains.Pods.Status;

public static partial class PodStatusMapper
{
    private static readonly string[] KnownStatuses =
    [
        EciGroupStatuses.Scheduling, EciGroupStatuses.ScheduleFailed, EciGroupStatuses.Pending, EciGroupStatuses.Running,
        EciGroupStatuses.Succeeded, EciGroupStatuses.Failed, EciGroupStatuses.Restarting, EciGroupStatuses.Updating,
        EciGroupStatuses.Terminating, EciGroupStatuses.Expired,
    ];

    private static V1PodStatus Build(ObservedGroup g, PodShape pod, string? hostIp)
    {
        string? eci = KnownStatuses.FirstOrDefault(s => s.Equals(g.Status, StringComparison.OrdinalIgnoreCase));
        bool killed = eci is EciGroupStatuses.Failed or EciGroupStatuses.Expired;
        bool initialized = Initialized(g, eci);
        string waiting = pod.InitContainers.Count > 0 && !initialized ? ContainerStates.PodInitializing : ContainerStates.ContainerCreating;

        List<V1ContainerStatus> containers = [.. pod.Containers.Select(c => Container(g, c, g.Containers.GetValueOrDefault(c.Name), waiting, killed, init: false))];
        List<V1ContainerStatus> init = [.. pod.InitContainers.Select(c => g.InitContainers is not { Count: > 0 }
            ? InferredInit(c, initialized)
            : Container(g, c, g.InitContainers.GetValueOrDefault(c.Name), ContainerStates.PodInitializing, killed, init: true))];

        string phase = eci switch
        {
            EciGroupStatuses.Scheduling => PodPhases.Pending,
            EciGroupStatuses.ScheduleFailed or EciGroupStatuses.Failed or EciGroupStatuses.Expired => PodPhases.Failed,
            EciGroupStatuses.Succeeded => PodPhases.Succeeded,
            null when g.Containers.Count == 0 && PodPhases.IsValid(g.EciPhase) => g.EciPhase!,
            _ => PodPhases.Compute(pod, init, containers, podIsTerminal: false),
        };

        (string? reason, string? message) = eci switch
        {
            EciGroupStatuses.Expired => (EciConditionTypes.BidFailed, SpotReleased(g)),
            EciGroupStatuses.ScheduleFailed => (g.CreationProblem?.Reason ?? EciGroupStatuses.ScheduleFailed,
                g.CreationProblem?.Message ?? $"ECI could not create container group {g.GroupId}."),
            _ => ((string?)null, (string?)null),
        };

        bool sandbox = EciGroupStatuses.HasSandbox(eci) || (eci is null && g.PodIps.Count > 0 && phase is PodPhases.Pending or PodPhases.Running);
        List<V1PodCondition> conditions =
        [
            PodConditions.Condition(EciConditionTypes.PodReadyToStartContainers, sandbox),
            PodConditions.Initialized(pod, init, containers, phase),
            PodConditions.Ready(pod, containers, phase),
            PodConditions.ContainersReady(pod, containers, phase),
            PodConditions.Condition(EciConditionTypes.PodScheduled, true),
            InstanceCreated(g, eci),
        ];
        if (g.SpotNotice is not null || eci == EciGroupStatuses.Expired)
        {
            conditions.Add(PodConditions.Condition(EciConditionTypes.ContainerInstanceExpired, true, EciConditionTypes.SpotToBeReleased,
                g.SpotNotice?.Message ?? "Spot ECI was released.", g.SpotNotice?.At));
        }

        if (g.SpotNotice is { } notice && eci != EciGroupStatuses.Expired && phase is PodPhases.Pending or PodPhases.Running)
        {
            conditions.Add(PodConditions.Condition(EciConditionTypes.DisruptionTarget, true, EciConditionTypes.TerminationByKubelet, notice.Message, notice.At));
        }

        if (eci == EciGroupStatuses.Expired)
        {
            // A disruption, not a failure of the workload: Jobs' podFailurePolicy can tell the two apart by this condition.
            conditions.Add(PodConditions.Condition(EciConditionTypes.DisruptionTarget, true, EciConditionTypes.BidFailed, message));
        }

        // ECI's own conditions (SandboxReady, ContainerHasSufficientDisk, ...) once each, after the computed ones.
        List<V1PodCondition> custom = [.. g.Conditions.Where(c => !EciConditionTypes.Computed.Contains(c.Type) && conditions.TrueForAll(x => x.Type != c.Type)).DistinctBy(c => c.Type)];
        conditions.AddRange(custom);
        foreach (V1PodCondition c in conditions)
        {
            // ECI's time for a condition it reports with the same status; Stamp fills the rest.
            c.LastTransitionTime ??= g.Conditions.FirstOrDefault(e => e.Type == c.Type && e.Status == c.Status)?.LastTransitionTime;
        }

        string? host = ContainerStates.Text(hostIp);
        return new V1PodStatus
        {
            Phase = phase,
            Reason = reason,
            Message = message,
            HostIP = host,
            HostIPs = host is null ? null : [new V1HostIP { Ip = host }],
            PodIP = g.PodIps.Count > 0 ? g.PodIps[0] : null,
            PodIPs = g.PodIps.Count > 0 ? [.. g.PodIps.Select(ip => new V1PodIP { Ip = ip })] : null,
            StartTime = g.StartTime,
            QosClass = pod.QosClass,
            Conditions = conditions,
            InitContainerStatuses = init.Count > 0 ? init : null,
            ContainerStatuses = containers,
        };
    }

    /// <summary>
    /// Whether every init container has finished: ECI starts app containers only after them (eci-openapi.md §4.1), so
    /// a group that runs, finished well, or has an app container that started is initialized.
    /// </summary>
    private static bool Initialized(ObservedGroup g, string? eci)
    {
        if (g.InitContainers is { Count: > 0 } observed)
        {
            return observed.Values.All(c => c.State.Terminated is { ExitCode: 0 }) || g.Containers.Values.Any(c => c.State.Waiting is null || c.LastState?.Terminated is not null);
        }

        return eci is EciGroupStatuses.Running or EciGroupStatuses.Succeeded or EciGroupStatuses.Terminating
            || g.Conditions.Any(c => c.Type == EciConditionTypes.Initialized && c.Status == "True")
            || g.Containers.Values.Any(c => c.State.Waiting is null || c.LastState?.Terminated is not null || c.RestartCount > 0);
    }

    private static V1ContainerStatus Container(ObservedGroup g, ContainerShape shape, ObservedContainer? o, string waiting, bool killed, bool init)
    {
        if (o is null)
        {
            V1ContainerStatus unstarted = Unstarted(shape, waiting);
            if (killed)
            {
                unstarted.State = ContainerStates.Unknown();
            }

            return unstarted;
        }

        V1ContainerState state = o.State;
        V1ContainerState last = o.LastState ?? new V1ContainerState();
        int restarts = o.RestartCount;
        if (killed && state.Terminated is null)
        {
            // The group is gone for good: a container ECI still shows as running or waiting will not run again.
            state = ContainerStates.Unknown();
        }

        // The status id is always the stable one made from group, name and restart count: only the poller's answer carries
        // ECI's own id (on terminations), so using it would flip the id, and cost a write, whenever the other call answers.
        // ECI's id stays on the termination itself, which kubectl does not show.
        bool running = state.Running is not null;
        bool ran = running || state.Terminated is not null || last.Terminated is not null;
        string? id = ran ? ContainerStates.MakeId(g.GroupId, shape.Name, restarts) : null;
        if (state.Terminated is { } t)
        {
            t.ContainerID ??= id;
        }

        if (last.Terminated is { ContainerID: null } previous)
        {
            // The last run: the one before the current run, or the current incarnation while it waits to restart.
            previous.ContainerID = ContainerStates.MakeId(g.GroupId, shape.Name, state.Waiting is not null ? restarts : Math.Max(0, restarts - 1));
        }

        string image = o.Image ?? shape.Image;
        return new V1ContainerStatus
        {
            Name = shape.Name,
            Image = image,
            ImageID = o.ImageId ?? image,
            ContainerID = id,

            // The kubelet marks an init container ready once it exited 0, an app container while it runs and passes
            // readiness (ECI's Ready; a container without a readiness probe is ready when running).
            Ready = init ? state.Terminated is { ExitCode: 0 } : running && (o.Ready ?? true),
            Started = running && (o.Started ?? true),
            RestartCount = restarts,
            State = state,
            LastState = last,
        };
    }

    /// <summary>
    /// An init container the status poller does not report (it lists app containers only): Completed with exit 0 once the
    /// pod is initialized, otherwise waiting in PodInitializing.
    /// </summary>
    private static V1ContainerStatus InferredInit(ContainerShape shape, bool initialized)
    {
        V1ContainerStatus s = Unstarted(shape, ContainerStates.PodInitializing);
        if (initialized)
        {
            s.State = new V1ContainerState { Terminated = new V1ContainerStateTerminated { ExitCode = 0, Reason = "Completed" } };
            s.Ready = true;
        }

        return s;
    }

    private static V1PodCondition InstanceCreated(ObservedGroup g, string? eci)
    {
        V1PodCondition? sent = g.Conditions.FirstOrDefault(c => c.Type == EciConditionTypes.ContainerInstanceCreated);
        string status = sent?.Status is "True" or "False" ? sent.Status : eci switch
        {
            EciGroupStatuses.Scheduling or EciGroupStatuses.ScheduleFailed => "False",
            null => g.Containers.Count > 0 || g.PodIps.Count > 0 ? "True" : "Unknown",
            _ => "True",
        };
        if (status != "False")
        {
            return new V1PodCondition { Type = EciConditionTypes.ContainerInstanceCreated, Status = status, Reason = sent?.Reason, Message = sent?.Message };
        }

        string reason = sent?.Reason ?? g.CreationProblem?.Reason ?? (eci == EciGroupStatuses.ScheduleFailed ? EciGroupStatuses.ScheduleFailed : EciConditionTypes.Creating);
        string message = sent?.Message ?? g.CreationProblem?.Message ?? reason;
        return PodConditions.Condition(EciConditionTypes.ContainerInstanceCreated, false, reason, message);
    }

    private static string SpotReleased(ObservedGroup g) =>
        $"The spot (preemptible) instance of ECI container group {g.GroupId} was released (ECI status Expired).";
}
