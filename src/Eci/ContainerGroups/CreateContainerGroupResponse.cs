namespace OrleansEci.Eci.ContainerGroups;

/// <summary>CreateContainerGroup's answer. The group exists but is still being scheduled.</summary>
public sealed record CreateContainerGroupResponse : EciResponse
{
    /// <summary>The new group's id (<c>eci-...</c>).</summary>
    public string? ContainerGroupId { get; init; }
}
