using k8s.Models;

namespace OrleansEci.Emulators.Kube.Scheduling;

/// <summary>A host port a container asks for; 0.0.0.0 (or no IP) conflicts with every IP (framework.HostPortInfo).</summary>
internal readonly record struct HostPort(string Protocol, string Ip, int Port)
{
    public const string AnyIp = "0.0.0.0";

    public bool ConflictsWith(HostPort other) =>
        Port == other.Port && Protocol == other.Protocol && (Ip == other.Ip || Ip == AnyIp || other.Ip == AnyIp);

    public static IReadOnlyList<HostPort> Of(V1PodSpec spec) =>
    [
        .. (spec.Containers ?? []).Concat(spec.InitContainers ?? [])
            .SelectMany(c => c.Ports ?? [])
            .Where(p => p.HostPort is > 0)
            .Select(p => new HostPort(p.Protocol ?? "TCP", string.IsNullOrEmpty(p.HostIP) ? AnyIp : p.HostIP, p.HostPort!.Value)),
    ];
}
