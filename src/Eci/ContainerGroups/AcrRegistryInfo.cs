using OrleansEci.Eci.Wire;

namespace OrleansEci.Eci.ContainerGroups;

/// <summary>
/// An ACR Enterprise instance for password-free pulls,
/// <c>AcrRegistryInfo.N.{InstanceId, InstanceName, RegionId, Domain.N, ArnService, ArnUser}</c>.
/// </summary>
public sealed record AcrRegistryInfo
{
    /// <summary>The instance id (<c>cri-...</c>).</summary>
    public required string InstanceId { get; init; }

    /// <summary>The instance name.</summary>
    public string? InstanceName { get; init; }

    /// <summary>The instance's region.</summary>
    public string? RegionId { get; init; }

    /// <summary>The instance's domains.</summary>
    [WireName("Domain")]
    public IReadOnlyList<string>? Domains { get; init; }

    /// <summary>The ARN of the service role (cross-account).</summary>
    public string? ArnService { get; init; }

    /// <summary>The ARN of the user role (cross-account).</summary>
    public string? ArnUser { get; init; }
}
