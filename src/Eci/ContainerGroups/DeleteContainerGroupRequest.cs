namespace OrleansEci.Eci.ContainerGroups;

/// <summary>DeleteContainerGroup (eci-openapi.md §3.5). The client generates a ClientToken when empty.</summary>
public sealed record DeleteContainerGroupRequest : IClientTokenRequest<DeleteContainerGroupRequest>
{
    /// <summary>The region; default: the client's.</summary>
    public string? RegionId { get; init; }

    /// <summary>The group to delete. Required.</summary>
    public required string ContainerGroupId { get; init; }

    /// <summary>Idempotency token.</summary>
    public string? ClientToken { get; init; }

    /// <summary>Skip the graceful termination wait.</summary>
    public bool? Force { get; init; }

    DeleteContainerGroupRequest IClientTokenRequest<DeleteContainerGroupRequest>.WithClientToken(string clientToken) => this with { ClientToken = clientToken };
}
