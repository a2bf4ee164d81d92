using OrleansEci.Eci.Wire;

namespace OrleansEci.Eci.ContainerGroups;

/// <summary>
/// UpdateContainerGroup (eci-openapi.md §3.5). With <c>RenewUpdate</c> (the default) every list
/// and struct is replaced, so send all of it; with <c>IncrementalUpdate</c> only what changes.
/// Update accepts a subset of the create fields: a container may not set EnvironmentVarHide,
/// SecurityContextPrivileged/RunAsGroup/RunAsNonRoot or TerminationMessage*, and the client
/// rejects such a request before sending it.
/// </summary>
public sealed record UpdateContainerGroupRequest : IClientTokenRequest<UpdateContainerGroupRequest>
{
    /// <summary>The region; default: the client's.</summary>
    public string? RegionId { get; init; }

    /// <summary>The group to update. Required.</summary>
    public required string ContainerGroupId { get; init; }

    /// <summary>Idempotency token; generated when empty.</summary>
    public string? ClientToken { get; init; }

    /// <summary><c>RenewUpdate</c> (default) or <c>IncrementalUpdate</c>.</summary>
    public string? UpdateType { get; init; }

    /// <summary><c>Always</c>, <c>OnFailure</c> or <c>Never</c>.</summary>
    public string? RestartPolicy { get; init; }

    /// <summary>Group vCPUs.</summary>
    public double? Cpu { get; init; }

    /// <summary>Group memory in GiB.</summary>
    public double? Memory { get; init; }

    /// <summary>The resource group.</summary>
    public string? ResourceGroupId { get; init; }

    /// <summary><c>Tag.N.*</c>.</summary>
    [WireName("Tag")]
    public IReadOnlyList<Tag>? Tags { get; init; }

    /// <summary><c>ImageRegistryCredential.N.*</c>.</summary>
    [WireName("ImageRegistryCredential")]
    public IReadOnlyList<ImageRegistryCredential>? ImageRegistryCredentials { get; init; }

    /// <summary><c>AcrRegistryInfo.N.*</c>.</summary>
    [WireName("AcrRegistryInfo")]
    public IReadOnlyList<AcrRegistryInfo>? AcrRegistryInfos { get; init; }

    /// <summary><c>DnsConfig.*</c>.</summary>
    public DnsConfig? DnsConfig { get; init; }

    /// <summary><c>Container.N.*</c>.</summary>
    [WireName("Container")]
    public IReadOnlyList<ContainerDefinition>? Containers { get; init; }

    /// <summary><c>InitContainer.N.*</c>.</summary>
    [WireName("InitContainer")]
    public IReadOnlyList<InitContainerDefinition>? InitContainers { get; init; }

    /// <summary><c>Volume.N.*</c>.</summary>
    [WireName("Volume")]
    public IReadOnlyList<Volume>? Volumes { get; init; }

    UpdateContainerGroupRequest IClientTokenRequest<UpdateContainerGroupRequest>.WithClientToken(string clientToken) => this with { ClientToken = clientToken };
}
