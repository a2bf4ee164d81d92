namespace OrleansEci.Grains.Profiles;

/// <summary>
/// The network a new pod's container group gets: the virtual node's own settings where it has them, the eci-profile's
/// where the node leaves them open (<see cref="ProfileNetworkExtensions.NetworkFor"/>). Null and empty mean "not set".
/// </summary>
public sealed record ProfileNetwork(string? VpcId, IReadOnlyList<string> VSwitchIds, string? SecurityGroupId, string? ResourceGroupId);
