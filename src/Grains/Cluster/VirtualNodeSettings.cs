namespace OrleansEci.Grains.Cluster;

/// <summary>What a pod grain needs to know about the virtual node its pod is bound to.</summary>
/// <param name="Name">The Node name.</param>
/// <param name="VSwitchIds">Default vSwitches for its pods (several = several zones).</param>
/// <param name="SecurityGroupId">Default security group.</param>
/// <param name="ResourceGroupId">Default resource group, if any.</param>
/// <param name="ZoneId">The zone, when the node has exactly one.</param>
/// <param name="InternalIp">The node's address: the pods' <c>status.hostIP</c>.</param>
public sealed record VirtualNodeSettings(
    string Name,
    IReadOnlyList<string> VSwitchIds,
    string? SecurityGroupId,
    string? ResourceGroupId,
    string? ZoneId,
    string InternalIp);
