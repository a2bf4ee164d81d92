using System.Net;

using k8s.Models;

using OrleansEci.Eci.ContainerGroups;
using OrleansEci.Eci.Status;

namespace OrleansEci.Grains.Pods.Status;

/// <summary>Reads either ECI answer (status poller, full group) into one <see cref="ObservedGroup"/>.</summary>
internal static class EciObservations
{
    public static ObservedGroup From(ContainerGroupStatus status)
    {
        PodStatusInfo? pod = status.PodStatus;
        List<V1PodCondition> conditions = [];
        foreach (PodConditionInfo c in pod?.Conditions ?? [])
        {
            if (c is not null && ContainerStates.Text(c.Type) is { } type)
            {
                conditions.Add(new V1PodCondition
                {
                    Type = type,
                    Status = ConditionStatus(c.Status),
                    Reason = ContainerStates.Text(c.Reason),
                    Message = ContainerStates.Text(c.Message),
                    LastTransitionTime = ContainerStates.Utc(c.LastTransitionTime),
                });
            }
        }

        V1PodCondition? created = conditions.Find(c => c.Type == EciConditionTypes.ContainerInstanceCreated);
        V1PodCondition? expired = conditions.Find(c => c.Type == EciConditionTypes.ContainerInstanceExpired && c.Status == "True");
        return new ObservedGroup
        {
            GroupId = ContainerStates.Text(status.ContainerGroupId),
            Status = ContainerStates.Text(status.Status),
            EciPhase = ContainerStates.Text(pod?.Phase),
            PodIps = Ips([pod?.PodIp, .. (pod?.PodIps ?? []).Select(p => p?.Ip)]),
            StartTime = ContainerStates.Utc(pod?.StartTime),
            Containers = ByName((pod?.ContainerStatuses ?? []).Select(c => (c?.Name, Observe(c)))),
            InitContainers = null,
            Conditions = conditions,
            CreationProblem = created is { Status: not "True", Reason: { } r } && r != EciConditionTypes.Creating ? (r, created.Message ?? r) : null,
            SpotNotice = expired is null ? null : (expired.Message ?? expired.Reason ?? EciConditionTypes.SpotToBeReleased, expired.LastTransitionTime),
        };
    }

    public static ObservedGroup From(ContainerGroup group)
    {
        ContainerGroupEvent[] events = [.. (group.Events ?? []).Where(e => e is not null).OrderBy(e => ContainerStates.Utc(e.LastTimestamp ?? e.FirstTimestamp) ?? DateTime.MinValue)];
        ContainerGroupEvent? problem = events.LastOrDefault(e =>
            !string.Equals(e.Type, "Normal", StringComparison.OrdinalIgnoreCase) && e.Reason is { } r && EciConditionTypes.CreationProblems.Contains(r));
        ContainerGroupEvent? spot = events.LastOrDefault(e => e.Reason == EciConditionTypes.SpotToBeReleased);
        return new ObservedGroup
        {
            GroupId = ContainerStates.Text(group.ContainerGroupId),
            Status = ContainerStates.Text(group.Status),
            PodIps = Ips([group.IntranetIp, group.Ipv6Address]),
            StartTime = ContainerStates.Utc(group.CreationTime),
            Containers = ByName((group.Containers ?? []).Select(c => (c?.Name, Observe(c)))),
            InitContainers = ByName((group.InitContainers ?? []).Select(c => (c?.Name, Observe(c)))),
            CreationProblem = problem is null ? null : (problem.Reason!, ContainerStates.Text(problem.Message) ?? problem.Reason!),
            SpotNotice = spot is null ? null : (ContainerStates.Text(spot.Message) ?? EciConditionTypes.SpotToBeReleased, ContainerStates.Utc(spot.LastTimestamp ?? spot.FirstTimestamp)),
        };
    }

    private static ObservedContainer? Observe(ContainerStatusInfo? c) => c is null ? null : new ObservedContainer(
        ContainerStates.Text(c.Image),
        ContainerStates.Text(c.ImageId),
        c.Ready,
        c.Started,
        Math.Max(0, c.RestartCount ?? 0),
        ContainerStates.From(c.State) ?? ContainerStates.Waiting(ContainerStates.ContainerCreating),
        ContainerStates.From(c.LastState));

    private static ObservedContainer? Observe(ContainerInfo? c) => c is null ? null : new ObservedContainer(
        ContainerStates.Text(c.Image),
        null,
        c.Ready,
        null,
        Math.Max(0, c.RestartCount ?? 0),
        ContainerStates.From(c.CurrentState) ?? ContainerStates.Waiting(ContainerStates.ContainerCreating),
        ContainerStates.From(c.PreviousState));

    /// <summary>Containers by name; nameless ones are dropped and the first of a repeated name wins.</summary>
    private static Dictionary<string, ObservedContainer> ByName(IEnumerable<(string? Name, ObservedContainer? Container)> containers)
    {
        Dictionary<string, ObservedContainer> byName = new(StringComparer.Ordinal);
        foreach ((string? name, ObservedContainer? container) in containers)
        {
            if (ContainerStates.Text(name) is { } n && container is not null)
            {
                byName.TryAdd(n, container);
            }
        }

        return byName;
    }

    /// <summary>
    /// Valid IPs in order, at most one per family: the API server rejects podIPs with two addresses of one family
    /// ("may specify no more than one IP for each IP family"), and the first is the primary.
    /// </summary>
    private static string[] Ips(IEnumerable<string?> candidates) =>
        [.. candidates.Select(ContainerStates.Text).OfType<string>().Select(s => s.Trim()).Where(IsIp)
            .GroupBy(s => s.Contains(':', StringComparison.Ordinal)).Select(family => family.First())];

    /// <summary>
    /// A strict IP check: <see cref="IPAddress.TryParse(string, out IPAddress)"/> alone takes "1" for 0.0.0.1, so an IPv4
    /// address must be in canonical dotted form and an IPv6 one must have colons and no zone.
    /// </summary>
    private static bool IsIp(string text) =>
        IPAddress.TryParse(text, out IPAddress? ip) && (ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork
            ? ip.ToString() == text
            : text.Contains(':', StringComparison.Ordinal) && !text.Contains('%', StringComparison.Ordinal));

    private static string ConditionStatus(string? status) => status?.Trim().ToUpperInvariant() switch
    {
        "TRUE" => "True",
        "FALSE" => "False",
        _ => "Unknown",
    };
}
