using OrleansEci.Eci.Wire;

namespace OrleansEci.Eci.ContainerGroups;

/// <summary>
/// Group-level kernel parameters: <c>SecurityContext.Sysctl.N.*</c> (safe sysctls) or
/// <c>HostSecurityContext.Sysctl.N.*</c> (unsafe ones); also ECI's <c>EciSecurityContext</c> answer.
/// </summary>
public sealed record PodSecurityContext
{
    /// <summary>The sysctls.</summary>
    [WireName("Sysctl")]
    public IReadOnlyList<Sysctl>? Sysctls { get; init; }
}
