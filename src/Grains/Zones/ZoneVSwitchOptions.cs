namespace OrleansEci.Grains.Zones;

/// <summary>What the runtime is told about one vSwitch (<c>Zones:VSwitches:&lt;id&gt;</c>).</summary>
public sealed class ZoneVSwitchOptions
{
    /// <summary>The zone the vSwitch lies in, e.g. <c>cn-hangzhou-h</c>. Required.</summary>
    public string ZoneId { get; set; } = "";

    /// <summary>The vSwitch's IPv4 CIDR block, e.g. <c>192.168.0.0/18</c>; null when unknown (free addresses are then
    /// learned only from <c>InvalidVSwitchId.IpNotEnough</c>).</summary>
    public string? CidrBlock { get; set; }
}
