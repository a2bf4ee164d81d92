namespace OrleansEci.Eci.ContainerGroups;

/// <summary>RestartContainerGroup: only Pending or Running groups (else <c>IncorrectStatus</c>).</summary>
public sealed record RestartContainerGroupRequest : IClientTokenRequest<RestartContainerGroupRequest>
{
    /// <summary>The region; default: the client's.</summary>
    public string? RegionId { get; init; }

    /// <summary>The group to restart. Required.</summary>
    public required string ContainerGroupId { get; init; }

    /// <summary>Idempotency token; generated when empty.</summary>
    public string? ClientToken { get; init; }

    RestartContainerGroupRequest IClientTokenRequest<RestartContainerGroupRequest>.WithClientToken(string clientToken) => this with { ClientToken = clientToken };
}
