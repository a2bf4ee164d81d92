using k8s.Models;

using OrleansEci.Eci.ContainerGroups;
using OrleansEci.Eci.Status;
using OrleansEci.Grains.Pods.Status;

namespace OrleansEci.Grains.Tests.Pods.Status;

/// <summary>
/// Pods and ECI answers as the two ECI calls return them (field values as in eci-openapi.md §3.2–3.3 and the local ECI
/// service): one pod <c>shop/web-7d4f</c> with containers <c>app</c> and <c>sidecar</c>, its group <c>eci-2ze0fixture</c>.
/// </summary>
internal static class EciFixtures
{
    public const string GroupId = "eci-2ze0fixture";
    public const string HostIp = "10.0.0.5";
    public const string PodIp = "192.168.3.17";

    public static readonly DateTimeOffset Created = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset Started = Created.AddSeconds(20);
    public static readonly DateTimeOffset Finished = Created.AddSeconds(95);
    public static readonly DateTime Now = new(2025, 6, 1, 12, 5, 0, DateTimeKind.Utc);

    public static PodShape Pod(string restartPolicy = "Always", bool withInit = false) => new(
        "shop",
        "web-7d4f",
        "5b1c9a2e-8f0d-4c4e-9a57-0c3f1e2d4b6a",
        [new ContainerShape("app", "registry.example.com/shop/web:1.4"), new ContainerShape("sidecar", "registry.example.com/envoy:1.30")],
        withInit ? [new ContainerShape("migrate", "registry.example.com/shop/migrate:1.4")] : [],
        restartPolicy,
        Created.UtcDateTime.AddSeconds(-2),
        "Guaranteed");

    public static string Label(PodShape pod) => $"pod {pod.Namespace}/{pod.Name}";

    // ---- container states in both spellings ----

    /// <summary>One container state, written once and rendered for either ECI call.</summary>
    public sealed record State(string Kind, string? Reason = null, int? ExitCode = null, DateTimeOffset? StartedAt = null, DateTimeOffset? FinishedAt = null, string? Message = null, int? Signal = null)
    {
        public static State Waiting(string reason, string? message = null) => new("Waiting", reason, Message: message);

        public static State Running(DateTimeOffset? at = null) => new("Running", StartedAt: at ?? Started);

        public static State Terminated(int exitCode, string? reason = null, int? signal = null) =>
            new("Terminated", reason, exitCode, Started, Finished, Signal: signal);

        public ContainerStateDetail ToDetail() => Kind switch
        {
            "Running" => new ContainerStateDetail { Running = new RunningStateDetail { StartedAtSdkSpelling = StartedAt } },
            "Terminated" => new ContainerStateDetail
            {
                Terminated = new TerminatedStateDetail { ExitCode = ExitCode, Signal = Signal, Reason = Reason, Message = Message, StartedAt = StartedAt, FinishedAt = FinishedAt },
            },
            _ => new ContainerStateDetail { Waiting = new WaitingStateDetail { Reason = Reason, Message = Message } },
        };

        public ContainerStateInfo ToInfo() => new()
        {
            State = Kind,
            DetailStatus = Reason ?? Kind,
            Reason = Reason,
            Message = Message,
            ExitCode = ExitCode,
            Signal = Signal,
            StartTime = StartedAt,
            FinishTime = FinishedAt,
        };
    }

    /// <summary>A container as ECI reports it.</summary>
    public sealed record Container(string Name, State Current, State? Previous = null, int RestartCount = 0, bool? Ready = null)
    {
        public string Image => Name switch
        {
            "app" => "registry.example.com/shop/web:1.4",
            "sidecar" => "registry.example.com/envoy:1.30",
            _ => "registry.example.com/shop/migrate:1.4",
        };

        public ContainerStatusInfo ToStatusInfo() => new()
        {
            Name = Name,
            Image = Image,
            ImageId = Image,
            Ready = Ready ?? Current.Kind == "Running",
            Started = Current.Kind == "Running",
            RestartCount = RestartCount,
            State = Current.ToDetail(),
            LastState = Previous?.ToDetail() ?? new ContainerStateDetail(),
        };

        public ContainerInfo ToInfo() => new()
        {
            Name = Name,
            Image = Image,
            Ready = Ready ?? Current.Kind == "Running",
            RestartCount = RestartCount,
            CurrentState = Current.ToInfo(),
            PreviousState = Previous?.ToInfo() ?? new ContainerStateInfo(),
        };
    }

    public static ContainerGroupStatus StatusAnswer(string? status, IEnumerable<Container> containers, IReadOnlyList<PodConditionInfo>? conditions = null) => new()
    {
        ContainerGroupId = GroupId,
        Name = "web-7d4f",
        Namespace = "default",
        Uuid = GroupId,
        Status = status,
        Annotations = "{}",
        PodStatus = new PodStatusInfo
        {
            Phase = "Running",
            HostIp = "",
            PodIp = PodIp,
            PodIps = [new PodIpInfo { Ip = PodIp }],
            QosClass = "Guaranteed",
            StartTime = Created,
            Conditions = conditions ?? [],
            ContainerStatuses = [.. containers.Select(c => c.ToStatusInfo())],
        },
    };

    public static ContainerGroup GroupAnswer(string? status, IEnumerable<Container> containers, IEnumerable<Container>? init = null, IReadOnlyList<ContainerGroupEvent>? events = null) => new()
    {
        ContainerGroupId = GroupId,
        ContainerGroupName = "web-7d4f",
        Status = status,
        CreationTime = Created,
        IntranetIp = PodIp,
        RestartPolicy = "Always",
        Containers = [.. containers.Select(c => c.ToInfo())],
        InitContainers = [.. (init ?? []).Select(c => c.ToInfo())],
        Events = events ?? [],
    };

    public static V1PodCondition? Condition(V1PodStatus status, string type) => status.Conditions?.FirstOrDefault(c => c.Type == type);

    public static V1ContainerStatus ContainerStatus(V1PodStatus status, string name) =>
        status.ContainerStatuses?.FirstOrDefault(c => c.Name == name)
        ?? throw new Xunit.Sdk.XunitException($"Expected a container status named '{name}', got [{string.Join(", ", status.ContainerStatuses?.Select(c => c.Name) ?? [])}].");
}
