using OrleansEci.Grains.Cluster;
using OrleansEci.Profiles;

namespace OrleansEci.Grains.Profiles;

/// <summary>How the eci-profile's network keys reach a new pod's container group (eci-on-kubernetes.md §4).</summary>
public static class ProfileNetworkExtensions
{
    /// <summary>
    /// The network for a pod created now on <paramref name="node"/>: each of vSwitches, security group and resource group
    /// from the node's configuration when it sets one, else from the profile in force (read from memory, so a create pays
    /// nothing for it); the VPC only comes from the profile (nodes carry none; ECI derives it from the vSwitches).
    /// Pod annotations (<c>k8s.aliyun.com/eci-vswitch</c>, <c>eci-security-group</c>) still win over both.
    /// </summary>
    public static ProfileNetwork NetworkFor(this IEciProfileSource profiles, VirtualNodeSettings node)
    {
        ArgumentNullException.ThrowIfNull(profiles);
        ArgumentNullException.ThrowIfNull(node);
        EciProfile profile = profiles.Current;
        return new ProfileNetwork(
            profile.VpcId,
            node.VSwitchIds.Count > 0 ? node.VSwitchIds : profile.VSwitchIds,
            node.SecurityGroupId is { Length: > 0 } sg ? sg : profile.SecurityGroupId,
            node.ResourceGroupId is { Length: > 0 } rg ? rg : profile.ResourceGroupId);
    }
}
